import type { AppSecurityTable, Db } from '../schema.js';

export type AppSecurityRow = AppSecurityTable;

export async function findAppSecurity(db: Db, appId: string): Promise<AppSecurityRow | undefined> {
  return db.selectFrom('app_security').selectAll().where('app_id', '=', appId).executeTakeFirst();
}

export async function saveAppSecurity(db: Db, row: Omit<AppSecurityRow, 'updated_at'>) {
  const { app_id, ...changes } = row;
  await db
    .insertInto('app_security')
    .values({ ...row, updated_at: Date.now() })
    .onConflict((oc) => oc.column('app_id').doUpdateSet({ ...changes, updated_at: Date.now() }))
    .execute();
}
