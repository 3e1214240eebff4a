import type { FastifyInstance, FastifyReply } from 'fastify';
import { testCard } from './cards.js';
import type { FlittContext } from './context.js';
import type { OrderState } from './model.js';
import { flittTime, orderObject } from './order-object.js';
import { chargeDue, expireOrder, payOrder } from './payment.js';
import { chargeTime, endTime, upcoming } from './schedule.js';

type OrderRoute = { Params: { order_id: string }; Querystring: { merchant_id?: string } };

const fail = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ error: { message } });

const at = (seconds: number) => ({ time: seconds, date: flittTime(seconds) });

function schedule(order: OrderState) {
  const sub = order.subscription;
  if (!sub) return null;
  const end = endTime(sub.recurring, sub.anchor);
  const first = sub.anchor && chargeTime(sub.recurring, sub.anchor, 0);
  return {
    order_id: order.orderId,
    status: sub.status,
    recurring_data: sub.recurring.raw,
    first_charge: first ? at(first) : null,
    end_time: end === null ? null : at(end),
    past: sub.history.map((c) => ({ index: c.index, ...at(c.time), outcome: c.outcome, order_id: c.orderId })),
    upcoming: upcoming(sub, 24).map((c) => ({ index: c.index, ...at(c.time) })),
  };
}

/** Test-only endpoints under `/emulator`: merchants, paying without a browser, expiry, the clock. */
export function registerAdmin(app: FastifyInstance, ctx: FlittContext) {
  const findOrder = (params: OrderRoute['Params'], query: OrderRoute['Querystring'], body?: unknown) => {
    const bodyMerchant = (body as { merchant_id?: unknown } | undefined)?.merchant_id;
    const merchantId = query.merchant_id ?? bodyMerchant;
    return ctx.store.findOrder(params.order_id, merchantId === undefined ? undefined : Number(merchantId));
  };

  app.post<{ Body: { merchant_id?: unknown; secret_key?: unknown } }>('/emulator/merchants', async (request, reply) => {
    const id = Number(request.body?.merchant_id);
    const secret = request.body?.secret_key;
    if (!Number.isInteger(id) || id <= 0) return fail(reply, 400, 'merchant_id must be a positive integer');
    if (typeof secret !== 'string' || secret === '') return fail(reply, 400, 'secret_key must be a non-empty string');
    ctx.store.addMerchant(id, secret);
    return reply.code(201).send({ merchant_id: id });
  });

  app.get('/emulator/clock', async () => ({ now: ctx.now(), date: flittTime(ctx.now()) }));

  app.post<{ Body: { seconds?: unknown } }>('/emulator/clock/advance', async (request, reply) => {
    const seconds = Number(request.body?.seconds);
    if (!Number.isFinite(seconds) || seconds < 0) return fail(reply, 400, 'seconds must be a number >= 0');
    const before = new Set([...ctx.store.allOrders()].map(({ order }) => order.orderId));
    const now = ctx.clock.advance(seconds);
    const created = [...ctx.store.allOrders()].map(({ order }) => order.orderId).filter((id) => !before.has(id));
    return { now, date: flittTime(now), created_orders: created };
  });

  app.get<OrderRoute>('/emulator/orders/:order_id', async (request, reply) => {
    const found = findOrder(request.params, request.query);
    if (!found) return fail(reply, 404, 'Order not found');
    return orderObject(found.order);
  });

  app.post<OrderRoute & { Body: { card?: unknown } }>('/emulator/orders/:order_id/pay', async (request, reply) => {
    const found = findOrder(request.params, request.query, request.body);
    if (!found) return fail(reply, 404, 'Order not found');
    if (found.order.status !== 'created') return fail(reply, 409, `Order is ${found.order.status}`);
    const card = testCard(String(request.body?.card ?? ''));
    if (!card) return fail(reply, 400, 'Unknown card number: use one of Flitt’s test cards');
    // No browser: the 3-D Secure step is confirmed at once.
    payOrder(ctx, found.merchant, found.order, card, true);
    return orderObject(found.order);
  });

  app.post<OrderRoute>('/emulator/orders/:order_id/expire', async (request, reply) => {
    const found = findOrder(request.params, request.query, request.body);
    if (!found) return fail(reply, 404, 'Order not found');
    if (!expireOrder(ctx, found.merchant, found.order)) return fail(reply, 409, `Order is ${found.order.status}`);
    return orderObject(found.order);
  });

  app.get<OrderRoute>('/emulator/orders/:order_id/schedule', async (request, reply) => {
    const found = findOrder(request.params, request.query);
    if (!found) return fail(reply, 404, 'Order not found');
    chargeDue(ctx, ctx.now());
    const result = schedule(found.order);
    if (!result) return fail(reply, 404, 'Order has no subscription');
    return result;
  });

  app.get('/emulator/callbacks', async () => ({ attempts: ctx.callbacks.attempts }));
}
