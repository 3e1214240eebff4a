import type { CheckoutRow } from '../../storage/repositories/checkouts.js';

interface StoredLineItem {
  priceId: string | null;
  quantity: number;
  amountTotal: number | null;
}

/** What the SDK's `Checkout.create` resolves with, in Stripe's own field names. */
function transactionDetails(row: CheckoutRow) {
  const items = JSON.parse(row.line_items) as StoredLineItem[];
  return {
    checkout_session: row.id,
    provider: row.provider,
    provider_session_id: row.provider_session_id,
    mode: row.mode,
    amount_total: row.amount_total === null ? null : Number(row.amount_total),
    currency: row.currency,
    payment_status: row.payment_status,
    payment_intent: row.mode === 'payment' ? row.payment_id : null,
    subscription: row.provider_subscription_id,
    customer: row.customer_id,
    line_items: items.map((item) => ({ price: item.priceId, quantity: item.quantity, amount_total: item.amountTotal })),
  };
}

export function checkoutView(row: CheckoutRow) {
  return {
    id: row.id,
    object: 'checkout_session' as const,
    status: row.status,
    paymentStatus: row.payment_status,
    mode: row.mode,
    url: row.status === 'open' ? row.url : null,
    customer: row.customer_id,
    amountTotal: row.amount_total === null ? null : Number(row.amount_total),
    currency: row.currency,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    transactionDetails: row.status === 'complete' ? transactionDetails(row) : null,
  };
}
