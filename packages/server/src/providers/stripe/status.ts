import type Stripe from 'stripe';
import type { CheckoutState, CheckoutStatus, PaymentStatus, SubscriptionState, SubscriptionStatus } from '../provider.js';

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/** A completed session that is not yet paid (async payment methods) is pending, never failed. */
export function checkoutPaymentStatus(session: Stripe.Checkout.Session): PaymentStatus {
  if (session.payment_status === 'paid') return 'paid';
  if (session.payment_status === 'no_payment_required') return 'no_payment_required';
  return session.status === 'complete' ? 'pending' : 'unpaid';
}

export function checkoutStatus(session: Stripe.Checkout.Session): CheckoutStatus {
  if (session.status === 'complete') return 'complete';
  if (session.status === 'expired') return 'expired';
  return 'open';
}

export function toCheckoutState(session: Stripe.Checkout.Session, version: number): CheckoutState {
  return {
    providerSessionId: session.id,
    url: session.url,
    status: checkoutStatus(session),
    paymentStatus: checkoutPaymentStatus(session),
    amountTotal: session.amount_total,
    currency: session.currency,
    providerCustomerId: idOf(session.customer),
    paymentId: idOf(session.payment_intent),
    providerSubscriptionId: idOf(session.subscription),
    lineItems: (session.line_items?.data ?? []).map((item) => ({
      priceId: item.price?.id ?? null,
      quantity: item.quantity ?? 1,
      amountTotal: item.amount_total,
    })),
    version,
  };
}

const SUBSCRIPTION_STATUS: Record<Stripe.Subscription.Status, SubscriptionStatus> = {
  incomplete: 'incomplete',
  incomplete_expired: 'ended',
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  canceled: 'canceled',
  paused: 'stopped',
};

/**
 * A subscription that reached the fixed end set on it (`cancel_at`, not a cancellation at period
 * end) ended rather than was canceled: Stripe reports both as `canceled`.
 */
function reachedFixedEnd(subscription: Stripe.Subscription): boolean {
  const { cancel_at, cancel_at_period_end, ended_at } = subscription;
  return cancel_at !== null && !cancel_at_period_end && ended_at !== null && ended_at >= cancel_at;
}

export function subscriptionStatus(subscription: Stripe.Subscription): SubscriptionStatus {
  if (subscription.status === 'active' && subscription.pause_collection) return 'stopped';
  if (subscription.status === 'canceled' && reachedFixedEnd(subscription)) return 'ended';
  return SUBSCRIPTION_STATUS[subscription.status];
}

/** Since API 2025-03-31 the billing period lives on the subscription's items. */
export function toSubscriptionState(subscription: Stripe.Subscription, version: number): SubscriptionState {
  const item = subscription.items.data[0];
  return {
    providerSubscriptionId: subscription.id,
    providerCustomerId: idOf(subscription.customer),
    status: subscriptionStatus(subscription),
    priceId: item?.price.id ?? null,
    currentPeriodStart: item?.current_period_start ?? null,
    currentPeriodEnd: item?.current_period_end ?? null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    version,
  };
}
