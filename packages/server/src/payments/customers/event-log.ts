import { ValidationError } from '../../errors/index.js';
import { listCustomerEvents } from '../../storage/repositories/events.js';
import type { PaymentsContext } from '../context.js';
import { requireCustomer } from './customers.js';

export const MAX_LOG_LIMIT = 1000;
export const DEFAULT_LOG_LIMIT = 100;

export interface LogQuery {
  limit?: number;
  offset?: number;
  where?: unknown;
}

type CreatedRange = { gte?: number; gt?: number; lte?: number; lt?: number };

function parseTypes(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value;
  if (value && typeof value === 'object' && '$in' in value) return parseTypes((value as { $in: unknown }).$in);
  throw new ValidationError('where.type must be an event type, a list of them, or {"$in": [...]}.', { field: 'where.type' });
}

function parseCreated(value: unknown): CreatedRange {
  if (value === undefined) return {};
  if (typeof value === 'number' && Number.isInteger(value)) return { gte: value, lte: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const range: CreatedRange = {};
    for (const [op, bound] of Object.entries(value)) {
      const key = op.replace(/^\$/, '');
      if (!['gte', 'gt', 'lte', 'lt'].includes(key) || typeof bound !== 'number' || !Number.isInteger(bound)) {
        throw new ValidationError('where.created takes {gte|gt|lte|lt: unix seconds}.', { field: `where.created.${op}` });
      }
      range[key as keyof CreatedRange] = bound;
    }
    return range;
  }
  throw new ValidationError('where.created takes unix seconds or {gte|gt|lte|lt: unix seconds}.', { field: 'where.created' });
}

function parseWhere(where: unknown) {
  if (where === undefined || where === null) return { types: undefined, created: {} };
  if (typeof where !== 'object' || Array.isArray(where)) throw new ValidationError('where must be an object.', { field: 'where' });
  const unknownKeys = Object.keys(where).filter((k) => k !== 'type' && k !== 'created');
  if (unknownKeys.length > 0) {
    throw new ValidationError(`where can filter on type and created, not ${unknownKeys.join(', ')}.`, { field: 'where' });
  }
  const w = where as { type?: unknown; created?: unknown };
  return { types: parseTypes(w.type), created: parseCreated(w.created) };
}

/** A customer's events newest first, read through the (app, customer, type, created) indexes. */
export async function getCustomerLogs(ctx: PaymentsContext, appId: string, customerId: string, query: LogQuery) {
  await requireCustomer(ctx, appId, customerId);
  const limit = Math.min(query.limit ?? DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT);
  const offset = query.offset ?? 0;
  const { types, created } = parseWhere(query.where);
  const rows = await listCustomerEvents(ctx.db, {
    appId,
    customerId,
    types,
    createdGte: created.gte,
    createdGt: created.gt,
    createdLte: created.lte,
    createdLt: created.lt,
    limit,
    offset,
  });
  const logs = rows.map((row) => ({
    id: row.provider_event_id,
    type: row.type,
    created: Number(row.created_seconds),
    data: (JSON.parse(row.payload) as { data?: unknown }).data ?? null,
    ...(row.charge ? { charge: JSON.parse(row.charge) as unknown } : {}),
  }));
  return { logs, limit, offset };
}
