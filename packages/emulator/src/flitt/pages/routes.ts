import type { FastifyInstance, FastifyReply } from 'fastify';
import { testCard } from '../cards.js';
import type { FlittContext } from '../context.js';
import { stringParam } from '../context.js';
import type { Merchant, OrderState } from '../model.js';
import { expireDue, payOrder } from '../payment.js';
import { renderCheckoutPage, renderResultPage, renderThreeDsPage } from './checkout-page.js';
import { page } from './layout.js';

const UNKNOWN_CARD = 'Unknown card number: use one of Flitt’s test cards (for example 4444 5555 1111 6666).';

/** The hosted checkout page and its 3-D Secure step: real HTML forms, no script needed. */
export function registerPages(app: FastifyInstance, ctx: FlittContext) {
  const notFound = page('Not found', '<h1>This payment page does not exist.</h1>');
  const find = (token: string) => {
    expireDue(ctx, ctx.now());
    return ctx.store.findByToken(token);
  };
  // After payment the browser goes to response_url (a GET redirect; Flitt itself POSTs there).
  const finish = (reply: FastifyReply, order: OrderState) => {
    const url = stringParam(order.params.response_url);
    if (url) return reply.redirect(url, 303);
    return reply.type('text/html').send(renderResultPage(order));
  };
  const pay = (reply: FastifyReply, merchant: Merchant, order: OrderState, cardInput: string) => {
    const card = testCard(cardInput);
    if (!card) return reply.code(400).type('text/html').send(renderCheckoutPage(order, UNKNOWN_CARD));
    if (!payOrder(ctx, merchant, order, card)) return reply.redirect(`/checkout/${order.token}/3ds`, 303);
    return finish(reply, order);
  };

  app.get<{ Querystring: { token?: string } }>('/merchants/:merchant/default/index.html', async (request, reply) => {
    const found = find(String(request.query.token ?? ''));
    if (!found) return reply.code(404).type('text/html').send(notFound);
    return reply.type('text/html').send(renderCheckoutPage(found.order, null));
  });

  app.post<{ Params: { token: string }; Body: { card?: string } }>('/checkout/:token/pay', async (request, reply) => {
    const found = find(request.params.token);
    if (!found) return reply.code(404).type('text/html').send(notFound);
    if (found.order.status !== 'created') return reply.type('text/html').send(renderCheckoutPage(found.order, null));
    return pay(reply, found.merchant, found.order, String(request.body?.card ?? ''));
  });

  app.get<{ Params: { token: string } }>('/checkout/:token/3ds', async (request, reply) => {
    const found = find(request.params.token);
    if (!found?.order.pendingCard) return reply.code(404).type('text/html').send(notFound);
    return reply.type('text/html').send(renderThreeDsPage(found.order));
  });

  app.post<{ Params: { token: string } }>('/checkout/:token/3ds', async (request, reply) => {
    const found = find(request.params.token);
    const card = found?.order.pendingCard;
    if (!found || !card) return reply.code(404).type('text/html').send(notFound);
    payOrder(ctx, found.merchant, found.order, card, true);
    return finish(reply, found.order);
  });
}
