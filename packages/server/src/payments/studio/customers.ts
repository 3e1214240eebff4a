import { listCustomerCheckouts, searchCustomers as searchRows } from '../../storage/repositories/studio-customers.js';
import { checkoutView } from '../checkout/checkout-view.js';
import type { PaymentsContext } from '../context.js';
import { requireCustomer } from '../customers/customers.js';
import { listSubscriptions } from '../subscriptions/subscriptions.js';

export const MAX_CUSTOMER_PAGE = 100;
const CHECKOUTS_SHOWN = 50;

export async function searchCustomers(ctx: PaymentsContext, appId: string, q: { email?: string; limit?: number; offset?: number }) {
  const limit = Math.min(q.limit ?? 25, MAX_CUSTOMER_PAGE);
  const offset = q.offset ?? 0;
  const rows = await searchRows(ctx.db, appId, { email: q.email?.trim() || undefined, limit, offset });
  const customers = rows.map((row) => ({
    id: row.id,
    email: row.email,
    provider: row.provider,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  }));
  return { customers, limit, offset };
}

/** One customer with its newest checkouts and its subscriptions (its event log is `GET .../customers/:id/logs`). */
export async function customerDetail(ctx: PaymentsContext, appId: string, customerId: string) {
  const row = await requireCustomer(ctx, appId, customerId);
  const [checkouts, subscriptions] = await Promise.all([
    listCustomerCheckouts(ctx.db, appId, customerId, CHECKOUTS_SHOWN),
    listSubscriptions(ctx, appId, { customerId }),
  ]);
  return {
    id: row.id,
    email: row.email,
    provider: row.provider,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    checkouts: checkouts.map(checkoutView),
    subscriptions,
  };
}
