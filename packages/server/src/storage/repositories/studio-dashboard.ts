import type { Db } from '../schema.js';

/** Checkouts created since `sinceMs`: what the dashboard counts and sums. */
export async function listCheckoutsSince(db: Db, appId: string, sinceMs: number) {
  return db
    .selectFrom('checkout_session')
    .select(['status', 'payment_status', 'mode', 'amount_total', 'currency', 'provider_subscription_id', 'created_at', 'updated_at'])
    .where('app_id', '=', appId)
    .where('created_at', '>=', sinceMs)
    .execute();
}

export async function listChargesSince(db: Db, appId: string, sinceSeconds: number) {
  return db
    .selectFrom('charge')
    .select(['status', 'subscription_id', 'amount', 'currency', 'created_seconds'])
    .where('app_id', '=', appId)
    .where('created_seconds', '>=', sinceSeconds)
    .execute();
}

export async function listSubscriptionSpans(db: Db, appId: string) {
  return db
    .selectFrom('subscription')
    .select(['status', 'started_at', 'current_period_start', 'updated_at'])
    .where('app_id', '=', appId)
    .execute();
}
