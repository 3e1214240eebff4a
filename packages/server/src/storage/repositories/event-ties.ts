import type { Db } from '../schema.js';

/** Whether the app has stored another event of this customer, type family (`customer.subscription.`) and `created` second. */
export async function hasSameSecondEvent(
  db: Db,
  q: { appId: string; provider: string; customerId: string; typePrefix: string; createdSeconds: number; exceptEventId: string },
) {
  const row = await db
    .selectFrom('event')
    .select('id')
    .where('app_id', '=', q.appId)
    .where('customer_id', '=', q.customerId)
    .where('created_seconds', '=', q.createdSeconds)
    .where('provider', '=', q.provider)
    .where('type', 'like', `${q.typePrefix}%`)
    .where('provider_event_id', '!=', q.exceptEventId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
