import { InvalidSignatureError } from '../errors.js';
import type { ChargeRecord, ProviderEvent, WebhookInput } from '../provider.js';
import { parseCallback } from './client.js';
import { FlittSignatureError } from './errors.js';
import {
  chargedSubscriptionState,
  isSubscriptionOrder,
  minorUnits,
  type OrderContext,
  orderCustomer,
  orderTime,
  parentSubscriptionState,
  toCheckoutState,
} from './status.js';
import type { FlittOrder } from './types.js';

/**
 * Verifies a callback with the merchant's secret key (Flitt signs callbacks with the payment key,
 * not with a per-endpoint secret). The raw body may be JSON (1.0 flat, 2.0 `{data, signature}`,
 * either possibly inside `response`) or form fields; it is parsed as received, before any filtering.
 */
export function verifyFlittCallback(input: Pick<WebhookInput, 'rawBody'>, secretKey: string): FlittOrder {
  if (input.rawBody.length === 0) throw new InvalidSignatureError('Empty Flitt callback: are you passing the raw request body?');
  try {
    const order = parseCallback(input.rawBody, secretKey);
    if (typeof order.order_id !== 'string' && typeof order.order_id !== 'number') {
      throw new FlittSignatureError('Flitt callback carries no order_id.');
    }
    return order;
  } catch (error) {
    if (error instanceof FlittSignatureError) {
      throw new InvalidSignatureError(`${error.message} Are you passing the raw request body?`, { provider: 'flitt' });
    }
    throw error;
  }
}

const hasParent = (order: FlittOrder) =>
  (typeof order.parent_order_id === 'string' && order.parent_order_id !== '') || typeof order.parent_order_id === 'number';

/**
 * Idempotent on order, status and payment: Flitt retries the same callback until it gets HTTP 200.
 * A partial reversal leaves the order approved, so its amount tells two such callbacks apart.
 */
export function flittEventId(order: FlittOrder): string {
  const base = `${order.order_id}:${order.order_status}:${order.payment_id ?? ''}`;
  const reversed = minorUnits(order.reversal_amount);
  return order.order_status === 'approved' && reversed > 0 ? `${base}:r${reversed}` : base;
}

function scheduledCharge(child: FlittOrder, at: number): ChargeRecord | null {
  if (child.order_status !== 'approved' && child.order_status !== 'declined') return null;
  return {
    providerSubscriptionId: String(child.parent_order_id),
    paymentId: child.payment_id === undefined || child.payment_id === '' ? null : String(child.payment_id),
    amount: minorUnits(child.amount),
    currency: String(child.currency ?? ''),
    status: child.order_status === 'approved' ? 'succeeded' : 'failed',
    at,
  };
}

/**
 * Reduces a verified order callback to what paykit applies. A paykit order updates its checkout
 * (and, once an initial subscription order is approved, the subscription it started); a scheduled
 * charge of a subscription (`parent_order_id` set) is a charge plus the subscription's new state.
 */
export function toProviderEvent(order: FlittOrder, context: OrderContext): ProviderEvent {
  const created = orderTime(order, context.now);
  const type = `flitt.order.${order.order_status}`;
  const providerEventId = flittEventId(order);
  const base: ProviderEvent = {
    providerEventId,
    type,
    created,
    providerCustomerId: orderCustomer(order, context.merchantId),
    checkout: null,
    subscription: null,
    charge: null,
    payload: { id: providerEventId, type, created, data: { object: order } },
  };
  if (hasParent(order)) {
    const charge = scheduledCharge(order, created);
    return charge ? { ...base, charge, subscription: chargedSubscriptionState(order, context) } : base;
  }
  const checkout = toCheckoutState(order, context);
  const startsSubscription = isSubscriptionOrder(order) && order.order_status === 'approved';
  return { ...base, checkout, subscription: startsSubscription ? parentSubscriptionState(order, context) : null };
}
