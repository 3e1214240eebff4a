import type { ChargeRecord } from '../../providers/provider.js';

/** A recurring charge as apps see it in `getLogs` and `Subscriptions.get`, whatever the provider. */
export function chargeView(charge: ChargeRecord) {
  return {
    subscription: charge.providerSubscriptionId,
    payment: charge.paymentId,
    amount: charge.amount,
    currency: charge.currency,
    status: charge.status,
    at: charge.at,
  };
}
