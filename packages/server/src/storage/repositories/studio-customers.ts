import { sql } from 'kysely';
import type { Db } from '../schema.js';

/** Escapes LIKE wildcards so a search for `a_b` matches that text only. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Customers whose email contains the text (emails are stored lower-case), newest first. */
export async function searchCustomers(db: Db, appId: string, q: { email?: string; limit: number; offset: number }) {
  let query = db.selectFrom('customer').select(['id', 'email', 'provider', 'created_at']).where('app_id', '=', appId);
  if (q.email) query = query.where(sql<boolean>`email like ${likePattern(q.email.toLowerCase())} escape '\\'`);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute();
}

export async function listCustomerCheckouts(db: Db, appId: string, customerId: string, limit: number) {
  return db
    .selectFrom('checkout_session')
    .selectAll()
    .where('app_id', '=', appId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
