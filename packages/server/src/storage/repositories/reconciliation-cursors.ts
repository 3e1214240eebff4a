import type { Db } from '../schema.js';

export async function findReconciliationCursor(db: Db, appId: string): Promise<number | null> {
  const row = await db.selectFrom('reconciliation_cursor').select('last_created_seconds').where('app_id', '=', appId).executeTakeFirst();
  return row ? Number(row.last_created_seconds) : null;
}

/** Moves the cursor forward only: a slower run that read less can never move it back. */
export async function advanceReconciliationCursor(db: Db, appId: string, provider: string, lastCreatedSeconds: number) {
  await db
    .insertInto('reconciliation_cursor')
    .values({ app_id: appId, provider, last_created_seconds: lastCreatedSeconds, updated_at: Date.now() })
    .onConflict((oc) =>
      oc
        .column('app_id')
        .doUpdateSet({ provider, last_created_seconds: lastCreatedSeconds, updated_at: Date.now() })
        .where('reconciliation_cursor.last_created_seconds', '<', lastCreatedSeconds),
    )
    .execute();
}

/** paykit's checkouts still open at this provider, newest first: what a missed callback would have closed. */
export async function listOpenCheckouts(db: Db, appId: string, provider: string, createdAfter: number, limit: number) {
  return db
    .selectFrom('checkout_session')
    .select(['id', 'provider_session_id'])
    .where('app_id', '=', appId)
    .where('provider', '=', provider)
    .where('status', '=', 'open')
    .where('created_at', '>=', createdAfter)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
