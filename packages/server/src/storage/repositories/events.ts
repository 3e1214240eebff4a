import type { ChargeTable, Db, EventTable } from '../schema.js';

export type NewEventRow = Omit<EventTable, 'id'>;

/** The unique key (app, provider, provider event id) decides duplicates, so two racing deliveries cannot both insert. */
export async function insertEventIfNew(db: Db, row: NewEventRow): Promise<number | null> {
  const inserted = await db
    .insertInto('event')
    .values(row)
    .onConflict((oc) => oc.columns(['app_id', 'provider', 'provider_event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export async function eventExists(db: Db, appId: string, provider: string, providerEventId: string) {
  const row = await db
    .selectFrom('event')
    .select('id')
    .where('app_id', '=', appId)
    .where('provider', '=', provider)
    .where('provider_event_id', '=', providerEventId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setEventOutcome(db: Db, id: number, outcome: string) {
  await db.updateTable('event').set({ outcome }).where('id', '=', id).execute();
}

export interface EventQuery {
  appId: string;
  customerId: string;
  types?: string[];
  createdGte?: number;
  createdLte?: number;
  createdGt?: number;
  createdLt?: number;
  limit: number;
  offset: number;
}

export async function listCustomerEvents(db: Db, q: EventQuery) {
  let query = db
    .selectFrom('event')
    .select(['id', 'provider_event_id', 'type', 'created_seconds', 'payload', 'outcome', 'charge'])
    .where('app_id', '=', q.appId)
    .where('customer_id', '=', q.customerId);
  if (q.types?.length === 1) query = query.where('type', '=', q.types[0]);
  else if (q.types && q.types.length > 1) query = query.where('type', 'in', q.types);
  if (q.createdGte !== undefined) query = query.where('created_seconds', '>=', q.createdGte);
  if (q.createdGt !== undefined) query = query.where('created_seconds', '>', q.createdGt);
  if (q.createdLte !== undefined) query = query.where('created_seconds', '<=', q.createdLte);
  if (q.createdLt !== undefined) query = query.where('created_seconds', '<', q.createdLt);
  return query.orderBy('created_seconds', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
}

export async function countEvents(db: Db, appId: string) {
  const row = await db.selectFrom('event').select((eb) => eb.fn.countAll<number>().as('n')).where('app_id', '=', appId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type NewChargeRow = ChargeTable;

export async function insertChargeIfNew(db: Db, row: NewChargeRow) {
  await db
    .insertInto('charge')
    .values(row)
    .onConflict((oc) => oc.columns(['app_id', 'id', 'status']).doNothing())
    .execute();
}

export async function listSubscriptionCharges(db: Db, appId: string, subscriptionId: string) {
  return db
    .selectFrom('charge')
    .selectAll()
    .where('app_id', '=', appId)
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_seconds')
    .execute();
}
