import type { CheckoutSessionTable, Db } from '../schema.js';

export type CheckoutRow = CheckoutSessionTable;
export type CheckoutStateColumns = Pick<
  CheckoutRow,
  | 'status'
  | 'payment_status'
  | 'amount_total'
  | 'currency'
  | 'payment_id'
  | 'provider_subscription_id'
  | 'customer_id'
  | 'line_items'
  | 'version'
>;

export type NewCheckoutRow = Omit<CheckoutRow, 'created_at' | 'updated_at' | 'returned_at' | 'recurring_data'> & {
  recurring_data?: string | null;
};

/** The INSERT of a new checkout, not yet run: the caller executes it or commits it together with other writes. */
export function insertCheckoutQuery(db: Db, row: NewCheckoutRow) {
  const now = Date.now();
  return db.insertInto('checkout_session').values({ recurring_data: null, ...row, returned_at: null, created_at: now, updated_at: now });
}

export async function findCheckout(db: Db, appId: string, id: string) {
  return db.selectFrom('checkout_session').selectAll().where('app_id', '=', appId).where('id', '=', id).executeTakeFirst();
}

export async function findCheckoutById(db: Db, id: string) {
  return db.selectFrom('checkout_session').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCheckoutByProviderSession(db: Db, appId: string, providerSessionId: string) {
  return db
    .selectFrom('checkout_session')
    .selectAll()
    .where('app_id', '=', appId)
    .where('provider_session_id', '=', providerSessionId)
    .executeTakeFirst();
}

/** Writes only over an older state: the row's version decides, so a late event can never roll it back. */
export async function applyCheckoutState(db: Db, id: string, state: CheckoutStateColumns): Promise<boolean> {
  const { customer_id, line_items, ...rest } = state;
  const result = await db
    .updateTable('checkout_session')
    .set((eb) => ({
      ...rest,
      customer_id: customer_id ?? eb.ref('customer_id'),
      line_items: line_items === '[]' ? eb.ref('line_items') : line_items,
      updated_at: Date.now(),
    }))
    .where('id', '=', id)
    .where('version', '<=', state.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markCheckoutReturned(db: Db, id: string, outcome: 'success' | 'cancel') {
  await db
    .updateTable('checkout_session')
    .set({ returned_at: Date.now(), updated_at: Date.now() })
    .where('id', '=', id)
    .where('returned_at', 'is', null)
    .execute();
  if (outcome === 'cancel') {
    // The provider keeps a cancelled session open; for the app the buyer walked away.
    await db
      .updateTable('checkout_session')
      .set({ status: 'canceled', updated_at: Date.now() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
  }
}
