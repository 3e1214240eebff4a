import type { Db, SubscriptionTable } from '../schema.js';

export type SubscriptionRow = SubscriptionTable;
/** The provider's state of a subscription; where it came from is kept apart (`attachOrigin`). */
export type SubscriptionStateRow = Omit<SubscriptionRow, 'updated_at' | 'checkout_id' | 'recurring_data' | 'started_at'>;

export async function findSubscription(db: Db, appId: string, id: string) {
  return db.selectFrom('subscription').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
}

/** Inserts or overwrites an older version; a stale write changes nothing and returns false. */
export async function upsertSubscription(db: Db, row: SubscriptionStateRow): Promise<boolean> {
  const { app_id, id, ...changes } = row;
  const result = await db
    .insertInto('subscription')
    .values({ ...row, checkout_id: null, recurring_data: null, started_at: null, updated_at: Date.now() })
    .onConflict((oc) =>
      oc
        .columns(['app_id', 'id'])
        .doUpdateSet({ ...changes, customer_id: (eb) => eb.fn.coalesce('excluded.customer_id', 'subscription.customer_id'), updated_at: Date.now() })
        .where('subscription.version', '<=', row.version),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listSubscriptions(db: Db, appId: string, filter: { customerId?: string; status?: string } = {}) {
  let query = db.selectFrom('subscription').selectAll().where('app_id', '=', appId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('updated_at', 'desc').execute();
}

/** Links a subscription to the checkout that started it and, for schedules paykit computes, its recurring_data. */
export async function attachOrigin(
  db: Db,
  appId: string,
  id: string,
  origin: { checkout_id: string; recurring_data: string | null; started_at: number },
) {
  await db.updateTable('subscription').set(origin).where('app_id', '=', appId).where('id', '=', id).where('checkout_id', 'is', null).execute();
}
