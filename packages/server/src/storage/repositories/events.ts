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

/**
 * The ids of one page of a customer's events, newest first, read from an index alone
 * (`event_customer_newest` / `event_customer_type_newest`: app, customer[, type], created desc,
 * id desc): a deep `offset` skips index entries, not payloads, and one type needs no sort.
 */
export function customerEventPage(db: Db, q: EventQuery) {
  let page = db
    .selectFrom('event')
    .select('id')
    .where('app_id', '=', q.appId)
    .where('customer_id', '=', q.customerId);
  if (q.types?.length === 1) page = page.where('type', '=', q.types[0] as string);
  else if (q.types && q.types.length > 1) page = page.where('type', 'in', q.types);
  if (q.createdGte !== undefined) page = page.where('created_seconds', '>=', q.createdGte);
  if (q.createdGt !== undefined) page = page.where('created_seconds', '>', q.createdGt);
  if (q.createdLte !== undefined) page = page.where('created_seconds', '<=', q.createdLte);
  if (q.createdLt !== undefined) page = page.where('created_seconds', '<', q.createdLt);
  return page.orderBy('created_seconds', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset);
}

/** One page of a customer's events: the page's ids from the index (`customerEventPage`), then only those rows. */
export function customerEventsQuery(db: Db, q: EventQuery) {
  return db
    .selectFrom('event')
    .select(['id', 'provider_event_id', 'type', 'created_seconds', 'payload', 'outcome', 'charge'])
    .where('id', 'in', customerEventPage(db, q))
    .orderBy('created_seconds', 'desc')
    .orderBy('id', 'desc');
}

export async function listCustomerEvents(db: Db, q: EventQuery) {
  return customerEventsQuery(db, q).execute();
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
