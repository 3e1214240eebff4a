import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../schema.js';
import type { NewChargeRow, NewEventRow } from './events.js';
import type { SubscriptionStateRow } from './subscriptions.js';

/**
 * Single-statement event writes for PostgreSQL, whose data-modifying CTEs let one statement
 * (one round trip, one implicit transaction) store an event and apply it. SQLite has no writable
 * CTEs: there the same work is a transaction (payments/events/store-event.ts). Same rules as the
 * transaction path: the unique key on (app, provider, event id) decides duplicates, and state is
 * only written over an older version.
 */

type EventColumns = Omit<NewEventRow, 'outcome'>;

const eventValues = (e: EventColumns, outcome: RawBuilder<string> | string) =>
  sql`${e.app_id}, ${e.provider}, ${e.provider_event_id}, ${e.type}, ${e.customer_id}, ${e.created_seconds}, ${e.received_at}, ${e.payload}, ${outcome}, ${e.charge}`;
const EVENT_COLUMNS = sql`app_id, provider, provider_event_id, type, customer_id, created_seconds, received_at, payload, outcome, charge`;

/** Stores a charge event and its charge; false when the event was already stored (nothing written). */
export async function insertChargeEvent(db: Db, event: EventColumns, c: NewChargeRow): Promise<boolean> {
  const { rows } = await sql<{ id: number }>`
    with e as (
      insert into event (${EVENT_COLUMNS}) values (${eventValues(event, 'applied')})
      on conflict (app_id, provider, provider_event_id) do nothing
      returning id
    ), c as (
      insert into charge (app_id, id, status, provider, subscription_id, customer_id, amount, currency, created_seconds)
      select ${c.app_id}, ${c.id}, ${c.status}, ${c.provider}, ${c.subscription_id}, ${c.customer_id}, ${c.amount}, ${c.currency}, ${c.created_seconds}
      where exists (select 1 from e)
      on conflict (app_id, id, status) do nothing
    )
    select id from e`.execute(db);
  return rows.length > 0;
}

/**
 * Stores a subscription event and applies it when its state is strictly newer than the stored one
 * (or the subscription is new); an event older than what is committed is stored as `stale`.
 * Anything else (a same-second tie, a duplicate, or a delivery that raced another one for the
 * same subscription) writes nothing and answers `retry`: the caller then takes the general path,
 * which reads the committed state and settles a tie with the provider. The version check of the
 * write runs under the row lock (`ON CONFLICT ... WHERE`), so of two racing events with the same
 * version one applies here and the other is retried; versions only grow, so "older than
 * committed" cannot be undone by a concurrent write.
 */
export async function insertSubscriptionEvent(
  db: Db,
  event: EventColumns,
  s: SubscriptionStateRow,
): Promise<'applied' | 'stale' | 'duplicate' | 'retry'> {
  const now = Date.now();
  const { rows } = await sql<{ id: number | null; applied: boolean; older: boolean }>`
    with seen as (
      select 1 from event where app_id = ${event.app_id} and provider = ${event.provider} and provider_event_id = ${event.provider_event_id}
    ), stored as (
      select version from subscription where app_id = ${s.app_id} and id = ${s.id}
    ), s as (
      insert into subscription (app_id, id, provider, customer_id, status, price_id, current_period_start, current_period_end, cancel_at_period_end, version, updated_at, checkout_id, recurring_data, started_at)
      select ${s.app_id}, ${s.id}, ${s.provider}, ${s.customer_id}, ${s.status}, ${s.price_id}, ${s.current_period_start}, ${s.current_period_end}, ${s.cancel_at_period_end}, ${s.version}, ${now}, null, null, null
      where not exists (select 1 from seen) and not exists (select 1 from stored where version >= ${s.version})
      on conflict (app_id, id) do update set
        provider = excluded.provider, customer_id = coalesce(excluded.customer_id, subscription.customer_id), status = excluded.status,
        price_id = excluded.price_id, current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end,
        cancel_at_period_end = excluded.cancel_at_period_end, version = excluded.version, updated_at = excluded.updated_at
      where subscription.version < excluded.version
      returning 1
    ), older as (
      select 1 from stored where version > ${s.version}
    ), e as (
      insert into event (${EVENT_COLUMNS})
      select ${eventValues(event, sql<string>`case when exists (select 1 from s) then 'applied' else 'stale' end`)}
      where exists (select 1 from s) or (exists (select 1 from older) and not exists (select 1 from seen))
      on conflict (app_id, provider, provider_event_id) do nothing
      returning id
    )
    select (select id from e) as id, exists (select 1 from s) as applied, exists (select 1 from older) as older`.execute(db);
  const row = rows[0];
  if (row?.id != null) return row.applied ? 'applied' : 'stale';
  // Nothing stored: a copy of this very event was stored first (seen, or a racing copy), or retry.
  if (row?.applied || row?.older) return 'duplicate';
  return 'retry';
}
