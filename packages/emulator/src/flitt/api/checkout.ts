import type { FastifyInstance } from 'fastify';
import type { FlittContext } from '../context.js';
import {
  duplicateOrder,
  FlittApiError,
  incorrect,
  missing,
  requiredAmount,
  requiredCurrency,
  requiredString,
} from '../errors.js';
import type { OrderState, SubscriptionState } from '../model.js';
import { escapeHtml, page } from '../pages/layout.js';
import { newOrder } from '../payment.js';
import type { FlittRequest } from '../protocol.js';
import { authenticate, flittHandler, sendAnswer } from '../protocol.js';
import { parseRecurringData } from '../recurring-data.js';

function subscriptionOf(req: FlittRequest): SubscriptionState | null {
  const { params } = req;
  const wanted = params.subscription === 'Y' || params.subscription === 'y';
  const present = params.recurring_data !== undefined && params.recurring_data !== null && params.recurring_data !== '';
  if (!present) {
    if (wanted) throw missing('recurring_data');
    return null;
  }
  // Nested objects cannot be signed in protocol 1.0.
  if (req.protocol === '1.0') throw incorrect('recurring_data', 'send it with protocol 2.0');
  const recurring = parseRecurringData(params.recurring_data);
  if (!wanted) return null;
  return { recurring, status: 'active', anchor: null, next: 0, history: [] };
}

/** Validates a checkout request and creates its order (status created). */
export function createCheckoutOrder(ctx: FlittContext, req: FlittRequest): OrderState {
  const { params, merchant } = req;
  const orderId = requiredString(params, 'order_id');
  const orderDesc = requiredString(params, 'order_desc');
  const currency = requiredCurrency(params);
  const amount = requiredAmount(params);
  let lifetime: number | undefined;
  if (params.lifetime !== undefined && params.lifetime !== '') {
    lifetime = Number(params.lifetime);
    if (!Number.isInteger(lifetime) || lifetime <= 0) throw incorrect('lifetime', 'seconds');
  }
  const subscription = subscriptionOf(req);
  if (merchant.orders.has(orderId)) throw duplicateOrder();
  const order = newOrder(ctx, merchant, { orderId, protocol: req.protocol, params, amount, currency, orderDesc, subscription, lifetime });
  if (params.verification === 'Y') order.tranType = 'verification';
  return order;
}

export function registerCheckout(app: FastifyInstance, ctx: FlittContext) {
  app.post(
    '/api/checkout/url',
    flittHandler(ctx, (req, reply) => {
      const order = createCheckoutOrder(ctx, req);
      const payload = { response_status: 'success', checkout_url: ctx.checkoutUrl(order), payment_id: order.paymentId };
      return sendAnswer(reply, req, payload, { sign: false });
    }),
  );

  app.post(
    '/api/checkout/token',
    flittHandler(ctx, (req, reply) => {
      const order = createCheckoutOrder(ctx, req);
      return sendAnswer(reply, req, { response_status: 'success', token: order.token }, { sign: false });
    }),
  );

  // A browser form posts here and is sent on to the hosted page; errors are shown as a page.
  app.post('/api/checkout/redirect', async (request, reply) => {
    try {
      const order = createCheckoutOrder(ctx, authenticate(ctx, request));
      return reply.redirect(ctx.checkoutUrl(order), 302);
    } catch (error) {
      if (!(error instanceof FlittApiError)) throw error;
      const body = `<h1>Payment cannot be started</h1><p class="error" role="alert">Error ${error.code}: ${escapeHtml(error.message)}</p>`;
      return reply.code(400).type('text/html').send(page('Flitt checkout error', body));
    }
  });
}
