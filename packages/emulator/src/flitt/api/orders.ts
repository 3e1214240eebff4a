import type { FastifyInstance } from 'fastify';
import type { FlittContext } from '../context.js';
import { stringParam } from '../context.js';
import {
  duplicateOrder,
  FLITT_ERRORS,
  FlittApiError,
  incorrect,
  orderNotFound,
  requiredAmount,
  requiredCurrency,
  requiredString,
} from '../errors.js';
import type { Merchant, OrderState } from '../model.js';
import { orderObject } from '../order-object.js';
import { chargeDue, chargeWithRectoken, newOrder } from '../payment.js';
import { flittHandler, sendAnswer } from '../protocol.js';

function findOrder(merchant: Merchant, params: Record<string, unknown>): OrderState {
  const order = merchant.orders.get(requiredString(params, 'order_id'));
  if (!order) throw orderNotFound();
  return order;
}

/** `status/order_id`, `reverse/order_id`, `recurring`, `subscription` and `capture/order_id`. */
export function registerOrderApi(app: FastifyInstance, ctx: FlittContext) {
  app.post(
    '/api/status/order_id',
    flittHandler(ctx, (req, reply) => sendAnswer(reply, req, orderObject(findOrder(req.merchant, req.params)), { sign: true })),
  );

  app.post(
    '/api/reverse/order_id',
    flittHandler(ctx, (req, reply) => {
      const order = findOrder(req.merchant, req.params);
      const amount = requiredAmount(req.params);
      const currency = requiredCurrency(req.params);
      const reverseId = stringParam(req.params.reverse_id);
      const previous = reverseId ? order.reverses[reverseId] : undefined;
      if (previous) return sendAnswer(reply, req, previous, { sign: true });
      if (order.status !== 'approved') {
        throw new FlittApiError(FLITT_ERRORS.parameterIncorrect, `Order is ${order.status}, only an approved order can be reversed`);
      }
      if (currency !== order.currency) throw incorrect('currency', `order currency is ${order.currency}`);
      if (amount > order.amount - order.reversalAmount) throw incorrect('amount', 'more than the amount left to reverse');
      order.reversalAmount += amount;
      if (order.reversalAmount === order.amount) order.status = 'reversed';
      const answer = {
        response_status: 'success',
        reverse_status: 'approved',
        order_id: order.orderId,
        merchant_id: order.merchantId,
        currency: order.currency,
        reversal_amount: String(amount),
        transaction_id: ctx.store.nextPaymentId(),
      };
      if (reverseId) order.reverses[reverseId] = answer;
      ctx.sendCallback(req.merchant, order);
      return sendAnswer(reply, req, answer, { sign: true });
    }),
  );

  app.post(
    '/api/recurring',
    flittHandler(ctx, (req, reply) => {
      const { merchant, params } = req;
      const orderId = requiredString(params, 'order_id');
      const amount = requiredAmount(params);
      const currency = requiredCurrency(params);
      const rectoken = requiredString(params, 'rectoken');
      const source = [...merchant.orders.values()].find((o) => o.rectoken === rectoken && o.card);
      if (!source) throw incorrect('rectoken', 'unknown card token');
      if (merchant.orders.has(orderId)) throw duplicateOrder();
      const orderDesc = stringParam(params.order_desc) ?? source.orderDesc;
      const order = newOrder(ctx, merchant, { orderId, protocol: req.protocol, params, amount, currency, orderDesc });
      chargeWithRectoken(ctx, merchant, source, order, ctx.now(), stringParam(params.server_callback_url));
      return sendAnswer(reply, req, orderObject(order), { sign: true });
    }),
  );

  app.post(
    '/api/subscription',
    flittHandler(ctx, (req, reply) => {
      const order = findOrder(req.merchant, req.params);
      const action = requiredString(req.params, 'action');
      if (action !== 'start' && action !== 'stop') throw incorrect('action', 'start or stop');
      const sub = order.subscription;
      if (!sub) throw incorrect('order_id', 'order has no subscription');
      // Charges that fell due before this request are settled under the old status.
      chargeDue(ctx, ctx.now());
      sub.status = action === 'start' ? 'active' : 'disabled';
      const answer = { order_id: order.orderId, merchant_id: order.merchantId, status: sub.status, response_status: 'success' };
      return sendAnswer(reply, req, answer, { sign: true });
    }),
  );

  // Pre-authorised orders are approved at once in this emulator, so a capture only echoes.
  app.post(
    '/api/capture/order_id',
    flittHandler(ctx, (req, reply) => {
      const order = findOrder(req.merchant, req.params);
      const amount = requiredAmount(req.params);
      requiredCurrency(req.params);
      if (order.status !== 'approved') throw incorrect('order_id', `order is ${order.status}`);
      if (amount > order.amount) throw incorrect('amount', 'more than the order amount');
      const answer = {
        response_status: 'success',
        capture_status: 'captured',
        capture_amount: String(amount),
        order_id: order.orderId,
        merchant_id: order.merchantId,
      };
      return sendAnswer(reply, req, answer, { sign: true });
    }),
  );
}
