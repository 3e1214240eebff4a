import type { CheckoutState, CheckoutStatus, PaymentStatus, SubscriptionState, SubscriptionStatus } from '../provider.js';
import { type FlittMerchantData, flittCustomerId } from './config.js';
import type { FlittOrder, FlittOrderStatus, FlittSubscriptionAnswer } from './types.js';

const CHECKOUT_STATUS: Record<FlittOrderStatus, CheckoutStatus> = {
  created: 'open',
  processing: 'open',
  approved: 'complete',
  declined: 'failed',
  expired: 'expired',
  reversed: 'complete',
};

const PAYMENT_STATUS: Record<FlittOrderStatus, PaymentStatus> = {
  created: 'unpaid',
  processing: 'unpaid',
  approved: 'paid',
  declined: 'failed',
  expired: 'unpaid',
  reversed: 'refunded',
};

/**
 * Where each status stands in an order's life (created -> processing -> approved|declined|expired
 * -> reversed). `order_time` is the order's creation time and stays the same on every callback of
 * one order, so this step is added to it to order two states of the same order.
 */
const LIFECYCLE_STEP: Record<FlittOrderStatus, number> = {
  created: 0,
  processing: 1,
  declined: 2,
  expired: 2,
  approved: 3,
  reversed: 4,
};

const isKnownStatus = (value: unknown): value is FlittOrderStatus =>
  typeof value === 'string' && Object.hasOwn(CHECKOUT_STATUS, value);

export function checkoutStatus(order: Pick<FlittOrder, 'order_status'>): CheckoutStatus {
  return isKnownStatus(order.order_status) ? CHECKOUT_STATUS[order.order_status] : 'open';
}

export function checkoutPaymentStatus(order: Pick<FlittOrder, 'order_status'>): PaymentStatus {
  return isKnownStatus(order.order_status) ? PAYMENT_STATUS[order.order_status] : 'unpaid';
}

/** `DD.MM.YYYY hh:mm:ss` read as UTC, in unix seconds; null when absent or malformed. */
export function parseOrderTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, d, mo, y, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** The order's own time (its callbacks carry it), or `fallback` when Flitt left it out. */
export function orderTime(order: Pick<FlittOrder, 'order_time'>, fallback: number): number {
  return parseOrderTime(order.order_time) ?? fallback;
}

/** Monotonic within one order: its creation second plus the step of its status (see LIFECYCLE_STEP). */
export function orderVersion(order: Pick<FlittOrder, 'order_time' | 'order_status'>, fallback: number): number {
  const step = isKnownStatus(order.order_status) ? LIFECYCLE_STEP[order.order_status] : 0;
  return orderTime(order, fallback) + step;
}

/** Minor units: Flitt sends amounts as strings or numbers. */
export function minorUnits(value: unknown): number {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : 0;
}

const text = (value: unknown): string | null =>
  (typeof value === 'string' && value !== '') || typeof value === 'number' ? String(value) : null;

/** paykit's own `merchant_data`, or null when the order was not created by paykit. */
export function readMerchantData(order: Pick<FlittOrder, 'merchant_data'>): FlittMerchantData | null {
  if (typeof order.merchant_data !== 'string' || order.merchant_data === '') return null;
  try {
    const parsed: unknown = JSON.parse(order.merchant_data);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const data = parsed as Record<string, unknown>;
    return typeof data.paykit === 'string' ? (parsed as FlittMerchantData) : null;
  } catch {
    return null;
  }
}

/** The customer paykit created the order for, else the one derived from `sender_email`. */
export function orderCustomer(order: FlittOrder, merchantId: number | string): string | null {
  const data = readMerchantData(order);
  if (data?.customer) return data.customer;
  const email = text(order.sender_email);
  return email ? flittCustomerId(merchantId, email) : null;
}

/** Whether the order was created as a subscription (paykit marks it in `merchant_data`). */
export const isSubscriptionOrder = (order: FlittOrder) => readMerchantData(order)?.subscription === true;

export interface OrderContext {
  merchantId: number | string;
  /** Used when the order has no parsable `order_time`. */
  now: number;
  url?: string | null;
}

export function toCheckoutState(order: FlittOrder, { merchantId, now, url = null }: OrderContext): CheckoutState {
  const data = readMerchantData(order);
  const status = checkoutStatus(order);
  const amount = minorUnits(order.amount);
  return {
    providerSessionId: String(order.order_id),
    url,
    status,
    paymentStatus: checkoutPaymentStatus(order),
    amountTotal: amount,
    currency: text(order.currency),
    providerCustomerId: orderCustomer(order, merchantId),
    paymentId: text(order.payment_id),
    providerSubscriptionId: data?.subscription && status === 'complete' ? String(order.order_id) : null,
    lineItems: data?.price ? [{ priceId: data.price, quantity: 1, amountTotal: amount }] : [],
    version: orderVersion(order, now),
  };
}

/**
 * A subscription as far as an order tells it. Flitt has no read call for a subscription's own
 * status (`subscription` only starts or stops it), so an approved parent order reads as active;
 * whether it was stopped is known only to paykit, which stores the answer of each stop/start.
 */
const PARENT_SUBSCRIPTION_STATUS: Record<FlittOrderStatus, SubscriptionStatus> = {
  created: 'incomplete',
  processing: 'incomplete',
  approved: 'active',
  declined: 'ended',
  expired: 'ended',
  reversed: 'active',
};

export function parentSubscriptionState(order: FlittOrder, context: OrderContext): SubscriptionState {
  return {
    providerSubscriptionId: String(order.order_id),
    providerCustomerId: orderCustomer(order, context.merchantId),
    status: isKnownStatus(order.order_status) ? PARENT_SUBSCRIPTION_STATUS[order.order_status] : 'incomplete',
    priceId: readMerchantData(order)?.price ?? null,
    currentPeriodStart: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    version: orderVersion(order, context.now),
  };
}

/** A scheduled charge moves the subscription: approved keeps it active, declined makes it past due. */
export function chargedSubscriptionState(child: FlittOrder, context: OrderContext): SubscriptionState {
  const at = orderTime(child, context.now);
  return {
    providerSubscriptionId: String(child.parent_order_id),
    providerCustomerId: orderCustomer(child, context.merchantId),
    status: child.order_status === 'declined' ? 'past_due' : 'active',
    priceId: readMerchantData(child)?.price ?? null,
    currentPeriodStart: child.order_status === 'approved' ? at : null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    version: orderVersion(child, context.now),
  };
}

/** The answer of a `subscription` start/stop: disabled is paykit's stopped. */
export function subscriptionActionStatus(answer: Pick<FlittSubscriptionAnswer, 'status'>): SubscriptionStatus {
  return answer.status === 'disabled' ? 'stopped' : 'active';
}
