import { randomBytes } from 'node:crypto';
import type { FlittContext } from './context.js';
import { stringParam } from './context.js';
import type { Card, Merchant, OrderState } from './model.js';
import { dueCharges, scheduleAnchor } from './schedule.js';

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

export function newOrder(
  ctx: FlittContext,
  merchant: Merchant,
  fields: Pick<OrderState, 'orderId' | 'protocol' | 'params' | 'amount' | 'currency' | 'orderDesc'> &
    Partial<Pick<OrderState, 'createdAt' | 'subscription' | 'lifetime'>>,
): OrderState {
  const { createdAt, lifetime, subscription, ...given } = fields;
  const order: OrderState = {
    merchantId: merchant.id,
    ...given,
    status: 'created',
    paymentId: ctx.store.nextPaymentId(),
    token: ctx.store.newToken(),
    createdAt: createdAt ?? ctx.now(),
    lifetime: lifetime ?? 36_000,
    card: null,
    pendingCard: null,
    rrn: '',
    approvalCode: '',
    rectoken: '',
    reversalAmount: 0,
    reverses: {},
    parentOrderId: '',
    responseCode: '',
    responseDescription: '',
    tranType: 'purchase',
    subscription: subscription ?? null,
  };
  merchant.orders.set(order.orderId, order);
  return order;
}

function approve(order: OrderState, card: Card, at: number): void {
  order.status = 'approved';
  order.card = card;
  order.rrn = digits(12);
  order.approvalCode = digits(6);
  order.rectoken = order.rectoken || randomBytes(20).toString('hex');
  order.responseCode = '';
  order.responseDescription = '';
  const sub = order.subscription;
  if (sub && sub.anchor === null) {
    sub.anchor = scheduleAnchor(sub.recurring, at);
    // A start_time in the past does not charge retroactively.
    for (const charge of dueCharges(sub, at - 1)) sub.history.push({ ...charge, outcome: 'skipped', orderId: null });
  }
}

/**
 * Pays a created order with a test card. A 3-D Secure card first waits for the confirmation
 * step unless `confirmed`; returns whether the payment is now final.
 */
export function payOrder(ctx: FlittContext, merchant: Merchant, order: OrderState, card: Card, confirmed = false): boolean {
  if (card.threeDs && !confirmed) {
    order.pendingCard = card;
    order.status = 'processing';
    return false;
  }
  order.pendingCard = null;
  if (card.approve) {
    approve(order, card, ctx.now());
  } else {
    order.status = 'declined';
    order.card = card;
    order.responseCode = '1006';
    order.responseDescription = 'Declined by issuer';
  }
  ctx.sendCallback(merchant, order);
  return true;
}

/** A charge made with a stored `rectoken` (the `recurring` API and scheduled subscription charges). */
export function chargeWithRectoken(
  ctx: FlittContext,
  merchant: Merchant,
  source: OrderState,
  order: OrderState,
  at: number,
  callbackUrl: string | null,
): void {
  order.rectoken = source.rectoken;
  if (source.card) approve(order, source.card, at);
  ctx.sendCallback(merchant, order, callbackUrl ?? undefined);
}

function childOrderId(merchant: Merchant, parent: OrderState, index: number): string {
  let id = `${parent.orderId}_${index + 1}`;
  for (let n = 2; merchant.orders.has(id); n += 1) id = `${parent.orderId}_${index + 1}_${n}`;
  return id;
}

/** Charges every subscription charge that has fallen due; skips those due while disabled. */
export function chargeDue(ctx: FlittContext, now: number): string[] {
  const created: string[] = [];
  for (const { merchant, order } of [...ctx.store.allOrders()]) {
    const sub = order.subscription;
    if (!sub || order.status !== 'approved' || sub.anchor === null) continue;
    for (const charge of dueCharges(sub, now)) {
      if (sub.status !== 'active') {
        sub.history.push({ ...charge, outcome: 'skipped', orderId: null });
        continue;
      }
      const child = newOrder(ctx, merchant, {
        orderId: childOrderId(merchant, order, charge.index),
        protocol: order.protocol,
        params: {
          order_desc: order.orderDesc,
          merchant_data: order.params.merchant_data,
          server_callback_url: order.params.server_callback_url,
        },
        amount: sub.recurring.amount,
        currency: order.currency,
        orderDesc: order.orderDesc,
        createdAt: charge.time,
      });
      child.parentOrderId = order.orderId;
      const url = stringParam(order.params.subscription_callback_url) ?? stringParam(order.params.server_callback_url);
      chargeWithRectoken(ctx, merchant, order, child, charge.time, url);
      sub.history.push({ ...charge, outcome: 'charged', orderId: child.orderId });
      created.push(child.orderId);
    }
  }
  return created;
}

export function expireOrder(ctx: FlittContext, merchant: Merchant, order: OrderState): boolean {
  if (order.status !== 'created' && order.status !== 'processing') return false;
  order.status = 'expired';
  order.pendingCard = null;
  ctx.sendCallback(merchant, order);
  return true;
}

/** Orders left unpaid past their `lifetime` expire. */
export function expireDue(ctx: FlittContext, now: number): void {
  for (const { merchant, order } of [...ctx.store.allOrders()]) {
    if (order.createdAt + order.lifetime <= now) expireOrder(ctx, merchant, order);
  }
}
