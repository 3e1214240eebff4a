import type { CheckoutState } from '../../providers/provider.js';
import type { CheckoutRow, CheckoutStateColumns } from '../../storage/repositories/checkouts.js';

const STATUS_RANK: Record<string, number> = { open: 0, canceled: 1, expired: 2, failed: 2, complete: 3 };

/**
 * Whether a provider state may overwrite the stored one. Stripe's `created` has one-second
 * resolution, so on a tie the state that is further along (open < canceled < expired < complete) wins.
 */
export function supersedes(state: CheckoutState, row: Pick<CheckoutRow, 'status' | 'version'>): boolean {
  const stored = Number(row.version);
  if (state.version !== stored) return state.version > stored;
  return (STATUS_RANK[state.status] ?? 0) >= (STATUS_RANK[row.status] ?? 0);
}

export function checkoutColumns(state: CheckoutState, customerId: string | null): CheckoutStateColumns {
  return {
    status: state.status,
    payment_status: state.paymentStatus,
    amount_total: state.amountTotal,
    currency: state.currency,
    payment_id: state.paymentId,
    provider_subscription_id: state.providerSubscriptionId,
    customer_id: customerId,
    line_items: JSON.stringify(state.lineItems),
    version: state.version,
  };
}
