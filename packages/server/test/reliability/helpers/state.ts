import type { Db } from '../../../src/storage/schema.js';

/**
 * What webhooks decide, without the columns that record when paykit wrote it (`updated_at`,
 * `received_at`) or what a delivery order decides (an event's `outcome`: applied, or stale when a
 * newer one came first): two runs over the same events must agree on all of it.
 */
export async function paymentState(db: Db) {
  const checkouts = await db
    .selectFrom('checkout_session')
    .select(['id', 'provider_session_id', 'status', 'payment_status', 'amount_total', 'currency', 'payment_id', 'provider_subscription_id', 'customer_id', 'line_items', 'version'])
    .orderBy('id')
    .execute();
  const subscriptions = await db
    .selectFrom('subscription')
    .select(['id', 'customer_id', 'status', 'price_id', 'current_period_start', 'current_period_end', 'cancel_at_period_end', 'version', 'checkout_id', 'started_at'])
    .orderBy('id')
    .execute();
  const charges = await db
    .selectFrom('charge')
    .select(['id', 'status', 'subscription_id', 'customer_id', 'amount', 'currency', 'created_seconds'])
    .orderBy('id')
    .orderBy('status')
    .execute();
  const events = await db
    .selectFrom('event')
    .select(['provider_event_id', 'type', 'customer_id', 'created_seconds', 'payload', 'charge'])
    .orderBy('provider_event_id')
    .execute();
  return { checkouts, subscriptions, charges, events };
}

/** Provider event ids stored more than once (must be none: the unique key decides duplicates). */
export async function duplicateEvents(db: Db) {
  return db
    .selectFrom('event')
    .select(['provider_event_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('provider_event_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
}
