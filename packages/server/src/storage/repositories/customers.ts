import type { CustomerTable, Db } from '../schema.js';

export type CustomerRow = CustomerTable;

export async function findCustomerByEmail(db: Db, appId: string, email: string) {
  return db.selectFrom('customer').selectAll().where('app_id', '=', appId).where('email', '=', email).executeTakeFirst();
}

export async function findCustomer(db: Db, appId: string, id: string) {
  return db.selectFrom('customer').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
}

/** Inserts unless the app already has a customer with this email; the unique key decides races, not a prior read. */
export async function insertCustomerIfAbsent(db: Db, row: Omit<CustomerRow, 'created_at'>): Promise<CustomerRow> {
  await db
    .insertInto('customer')
    .values({ ...row, created_at: Date.now() })
    .onConflict((oc) => oc.columns(['app_id', 'email']).doNothing())
    .execute();
  const stored = await findCustomerByEmail(db, row.app_id, row.email);
  if (!stored) throw new Error(`customer ${row.email} vanished after insert`);
  return stored;
}
