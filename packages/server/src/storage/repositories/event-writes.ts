import { type RawBuilder, sql } from 'kysely';
import { batcherPerOwner, createBatcher } from '../batcher.js';
import type { Db } from '../schema.js';
import type { NewChargeRow, NewEventRow } from './events.js';
import type { SubscriptionStateRow } from './subscriptions.js';

/**
 * Batched event writes for PostgreSQL. Its data-modifying CTEs let one statement (one round trip,
 * one implicit transaction) store events and apply them, and a `values` list lets that
 * statement carry every event that arrived while the previous statements ran: a burst of webhooks
 * costs a few statements instead of one per webhook. SQLite has no writable CTEs: there the same
 * work is a transaction (payments/events/store-event.ts). Same rules as the transaction path: the
 * unique key on (app, provider, event id) decides duplicates, and state is only written over an
 * older version. Writes of one event or one subscription never run at once (`keysOf`): no
 * statement touches a row twice, and a second copy of an event sees the first one committed.
 */

/** Per kind of write: how many statements may run at once, and how many events (and payload bytes) one may carry. */
const BATCH = { maxBatch: 200, maxInFlight: 3, maxSize: 4 * 1024 * 1024, sizeOf: (w: { event: EventColumns }) => w.event.payload.length };

type EventColumns = Omit<NewEventRow, 'outcome'>;

export interface EventWrite {
  event: EventColumns;
  outcome: 'applied' | 'recorded';
  /** Null for an event that only goes into the log. */
  charge: NewChargeRow | null;
  /** A checkout event: written only when paykit has no checkout of this provider session (else `retry`). */
  unlessCheckoutSession: string | null;
}

export type EventWriteOutcome = 'stored' | 'duplicate' | 'retry';

export interface SubscriptionEventWrite {
  event: EventColumns;
  state: SubscriptionStateRow;
}

/**
 * `select column1::integer as ord, column2::text as name, ... from (values ($1, $2, ...), ...)`:
 * one parameter per value, so a payload goes to the server as its own bytes (an array parameter
 * would have to escape every quote in it), and `ord` numbers the rows.
 */
function valuesInput<T>(rows: T[], columns: [name: string, type: 'text' | 'bigint' | 'integer', value: (row: T) => unknown][]): RawBuilder<unknown> {
  const tuples = rows.map((row, i) => sql`(${sql.join([i, ...columns.map(([, , value]) => value(row))])})`);
  const names = columns.map(([name, type], k) => sql`${sql.raw(`column${k + 2}::${type}`)} as ${sql.id(name)}`);
  return sql`select column1::integer as ord, ${sql.join(names)} from (values ${sql.join(tuples)}) as v`;
}

const EVENT_INPUT: [string, 'text' | 'bigint' | 'integer', (w: { event: EventColumns }) => unknown][] = [
  ['app_id', 'text', (w) => w.event.app_id],
  ['provider', 'text', (w) => w.event.provider],
  ['provider_event_id', 'text', (w) => w.event.provider_event_id],
  ['type', 'text', (w) => w.event.type],
  ['customer_id', 'text', (w) => w.event.customer_id],
  ['created_seconds', 'bigint', (w) => w.event.created_seconds],
  ['received_at', 'bigint', (w) => w.event.received_at],
  ['payload', 'text', (w) => w.event.payload],
  ['charge_view', 'text', (w) => w.event.charge],
];
const EVENT_COLUMNS = sql`app_id, provider, provider_event_id, type, customer_id, created_seconds, received_at, payload, outcome, charge`;
const eventValues = (outcome: RawBuilder<unknown>) =>
  sql`input.app_id, input.provider, input.provider_event_id, input.type, input.customer_id, input.created_seconds, input.received_at, input.payload, ${outcome}, input.charge_view`;
const SAME_EVENT = sql`e.app_id = input.app_id and e.provider = input.provider and e.provider_event_id = input.provider_event_id`;

/**
 * Stores events and their charges. Per event: `duplicate` when it was already stored, `retry` for
 * a checkout event of a checkout paykit knows (applying that is the general path's work); nothing
 * is written for either.
 */
async function insertEvents(db: Db, writes: EventWrite[]): Promise<EventWriteOutcome[]> {
  const input = valuesInput(writes, [
    ...EVENT_INPUT,
    ['outcome', 'text', (w) => w.outcome],
    ['charge_id', 'text', (w) => w.charge?.id ?? null],
    ['charge_status', 'text', (w) => w.charge?.status ?? null],
    ['charge_subscription_id', 'text', (w) => w.charge?.subscription_id ?? null],
    ['charge_customer_id', 'text', (w) => w.charge?.customer_id ?? null],
    ['charge_amount', 'bigint', (w) => w.charge?.amount ?? null],
    ['charge_currency', 'text', (w) => w.charge?.currency ?? null],
    ['charge_created_seconds', 'bigint', (w) => w.charge?.created_seconds ?? null],
    ['checkout_session_id', 'text', (w) => w.unlessCheckoutSession],
  ]);
  const { rows } = await sql<{ stored: boolean; known: boolean }>`
    with input as (${input}),
    known as (
      select input.ord from input
      join checkout_session cs on cs.app_id = input.app_id and cs.provider_session_id = input.checkout_session_id
    ), e as (
      insert into event (${EVENT_COLUMNS}) select ${eventValues(sql`input.outcome`)} from input
      where input.ord not in (select ord from known)
      on conflict (app_id, provider, provider_event_id) do nothing
      returning app_id, provider, provider_event_id
    ), c as (
      insert into charge (app_id, id, status, provider, subscription_id, customer_id, amount, currency, created_seconds)
      select input.app_id, input.charge_id, input.charge_status, input.provider, input.charge_subscription_id, input.charge_customer_id,
        input.charge_amount, input.charge_currency, input.charge_created_seconds
      from input join e on ${SAME_EVENT}
      where input.charge_id is not null
      on conflict (app_id, id, status) do nothing
    )
    select exists (select 1 from e where ${SAME_EVENT}) as stored, input.ord in (select ord from known) as known
    from input order by input.ord`.execute(db);
  return rows.map((row) => (row.stored ? 'stored' : row.known ? 'retry' : 'duplicate'));
}

export type SubscriptionEventOutcome = 'applied' | 'stale' | 'duplicate' | 'retry';

/**
 * Stores subscription events and applies each when its state is strictly newer than the stored one
 * (or the subscription is new); an event older than what is committed is stored as `stale`.
 * Anything else (a same-second tie, a duplicate, or a delivery that raced another one for the
 * same subscription) writes nothing and answers `retry`: the caller then takes the general path,
 * which reads the committed state and settles a tie with the provider. The version check of the
 * write runs under the row lock (`ON CONFLICT ... WHERE`), so of two racing events with the same
 * version one applies here and the other is retried; versions only grow, so "older than
 * committed" cannot be undone by a concurrent write.
 */
async function insertSubscriptionEvents(db: Db, writes: SubscriptionEventWrite[]): Promise<SubscriptionEventOutcome[]> {
  const input = valuesInput(writes, [
    ...EVENT_INPUT,
    ['subscription_id', 'text', (w) => w.state.id],
    ['subscription_customer_id', 'text', (w) => w.state.customer_id],
    ['status', 'text', (w) => w.state.status],
    ['price_id', 'text', (w) => w.state.price_id],
    ['current_period_start', 'bigint', (w) => w.state.current_period_start],
    ['current_period_end', 'bigint', (w) => w.state.current_period_end],
    ['cancel_at_period_end', 'integer', (w) => w.state.cancel_at_period_end],
    ['version', 'bigint', (w) => w.state.version],
  ]);
  const { rows } = await sql<{ stored: boolean; seen: boolean; applied: boolean; older: boolean }>`
    with input as (${input}),
    seen as (
      select input.ord from input join event e on ${SAME_EVENT}
    ), stored as (
      select input.ord, s.version from input join subscription s on s.app_id = input.app_id and s.id = input.subscription_id
    ), s as (
      insert into subscription (app_id, id, provider, customer_id, status, price_id, current_period_start, current_period_end, cancel_at_period_end, version, updated_at, checkout_id, recurring_data, started_at)
      select input.app_id, input.subscription_id, input.provider, input.subscription_customer_id, input.status, input.price_id,
        input.current_period_start, input.current_period_end, input.cancel_at_period_end, input.version, ${Date.now()}, null, null, null
      from input
      where input.ord not in (select ord from seen)
        and not exists (select 1 from stored where stored.ord = input.ord and stored.version >= input.version)
      on conflict (app_id, id) do update set
        provider = excluded.provider, customer_id = coalesce(excluded.customer_id, subscription.customer_id), status = excluded.status,
        price_id = excluded.price_id, current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
        cancel_at_period_end = excluded.cancel_at_period_end, version = excluded.version, updated_at = excluded.updated_at
      where subscription.version < excluded.version
      returning app_id, id
    ), applied as (
      select input.ord from input join s on s.app_id = input.app_id and s.id = input.subscription_id
    ), older as (
      select input.ord from input join stored on stored.ord = input.ord where stored.version > input.version
    ), e as (
      insert into event (${EVENT_COLUMNS})
      select ${eventValues(sql`case when input.ord in (select ord from applied) then 'applied' else 'stale' end`)} from input
      where input.ord in (select ord from applied) or (input.ord in (select ord from older) and input.ord not in (select ord from seen))
      on conflict (app_id, provider, provider_event_id) do nothing
      returning app_id, provider, provider_event_id
    )
    select exists (select 1 from e where ${SAME_EVENT}) as stored,
      input.ord in (select ord from seen) as seen,
      input.ord in (select ord from applied) as applied,
      input.ord in (select ord from older) as older
    from input order by input.ord`.execute(db);
  return rows.map((row) => {
    if (row.stored) return row.applied ? 'applied' : 'stale';
    // Nothing stored: a copy of this very event was stored first (seen, or a racing copy), or retry.
    return row.seen || row.applied || row.older ? 'duplicate' : 'retry';
  });
}

const eventKey = (w: { event: EventColumns }) => `event ${w.event.app_id} ${w.event.provider} ${w.event.provider_event_id}`;

/** Stores an event (and its charge, if any) together with the events arriving alongside (see `insertEvents`). */
export const writeEvent = batcherPerOwner((db: Db) =>
  createBatcher((writes: EventWrite[]) => insertEvents(db, writes), {
    ...BATCH,
    keysOf: (w) => (w.charge ? [eventKey(w), `charge ${w.charge.app_id} ${w.charge.id} ${w.charge.status}`] : [eventKey(w)]),
  }),
);

/** Stores and applies a subscription event together with those arriving alongside (see `insertSubscriptionEvents`). */
export const writeSubscriptionEvent = batcherPerOwner((db: Db) =>
  createBatcher((writes: SubscriptionEventWrite[]) => insertSubscriptionEvents(db, writes), {
    ...BATCH,
    keysOf: (w) => [eventKey(w), `subscription ${w.state.app_id} ${w.state.id}`],
  }),
);
