import type { Db, SubscriptionTable } from '../schema.js';

export type SubscriptionRow = SubscriptionTable;

export async function findSubscription(db: Db, appId: string, id: string) {
  return db.selectFrom('subscription').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
}

/** Inserts or overwrites an older version; a stale write changes nothing and returns false. */
export async function upsertSubscription(db: Db, row: Omit<SubscriptionRow, 'updated_at'>): Promise<boolean> {
  const { app_id, id, ...changes } = row;
  const result = await db
    .insertInto('subscription')
    .values({ ...row, updated_at: Date.now() })
    .onConflict((oc) =>
      oc
        .columns(['app_id', 'id'])
        .doUpdateSet({ ...changes, customer_id: (eb) => eb.fn.coalesce('excluded.customer_id', 'subscription.customer_id'), updated_at: Date.now() })
        .where('subscription.version', '<=', row.version),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listSubscriptions(db: Db, appId: string, filter: { customerId?: string } = {}) {
  let query = db.selectFrom('subscription').selectAll().where('app_id', '=', appId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  return query.orderBy('updated_at', 'desc').execute();
}
