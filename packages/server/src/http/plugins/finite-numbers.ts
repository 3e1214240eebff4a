import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../errors/index.js';

/** The first top-level field holding a non-finite number; raw bodies (webhooks' Buffers) are bytes, not fields. */
function nonFinite(part: unknown): string | undefined {
  if (part === null || typeof part !== 'object' || ArrayBuffer.isView(part)) return undefined;
  for (const [key, value] of Object.entries(part)) {
    if (typeof value === 'number' && !Number.isFinite(value)) return key;
  }
  return undefined;
}

/**
 * ajv coerces a parameter like `1e309` to Infinity and its integer, minimum and maximum checks let
 * it through; the databases then fail on it. Refuse it like any other invalid value.
 */
export function refuseNonFiniteNumbers(app: FastifyInstance) {
  app.addHook('preHandler', async (request) => {
    for (const [where, part] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const field = nonFinite(part);
      if (field) throw new ValidationError(`${where}.${field} must be a finite number.`, { field: `${where}.${field}` });
    }
  });
}
