import type { Db } from '../schema.js';

/**
 * Whether the subscription is still at `version` (the event's second) and the app has stored
 * another event of this customer, type family (`customer.subscription.`) and second: one query.
 */
export async function hasSameSecondTie(
  db: Db,
  q: {
    appId: string;
    provider: string;
    subscriptionId: string;
    customerId: string;
    typePrefix: string;
    createdSeconds: number;
    exceptEventId: string;
  },
) {
  const row = await db
    .selectFrom('event')
    .select('event.id')
    .where('event.app_id', '=', q.appId)
    .where('event.customer_id', '=', q.customerId)
    .where('event.created_seconds', '=', q.createdSeconds)
    .where('event.provider', '=', q.provider)
    .where('event.type', 'like', `${q.typePrefix}%`)
    .where('event.provider_event_id', '!=', q.exceptEventId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('subscription')
          .select('subscription.id')
          .where('subscription.app_id', '=', q.appId)
          .where('subscription.id', '=', q.subscriptionId)
          .where('subscription.version', '=', q.createdSeconds),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
