import type { FastifyInstance } from 'fastify';
import { normaliseCard } from '../cards.js';
import { cancelSession, completeSession } from '../completion.js';
import type { StripeContext } from '../context.js';
import { StripeApiError } from '../errors.js';
import { expireIfDue } from '../resources/checkout-sessions.js';
import { cancelNow } from '../resources/subscriptions.js';
import { renderCheckoutPage } from './checkout-page.js';
import { page } from './layout.js';
import { renderPortalPage } from './portal-page.js';

const substitute = (url: string, sessionId: string) => url.replaceAll('{CHECKOUT_SESSION_ID}', sessionId);

/** The hosted checkout and billing portal pages: real HTML forms, no script needed. */
export function registerPages(app: FastifyInstance, ctx: StripeContext) {
  const findSession = (id: string) => {
    const owner = ctx.store.findOwner((a) => Boolean(a.sessions[id]));
    if (!owner) return null;
    const session = owner.account.sessions[id];
    if (!session) return null;
    expireIfDue(ctx, owner.key, owner.account, session);
    return { ...owner, session };
  };
  const findPortal = (id: string) => {
    const owner = ctx.store.findOwner((a) => Boolean(a.portalSessions[id]));
    const portal = owner?.account.portalSessions[id];
    return owner && portal ? { ...owner, portal } : null;
  };
  const notFound = page('Not found', '<h1>This page does not exist or has expired.</h1>');

  app.get<{ Params: { id: string } }>('/checkout/pay/:id', async (request, reply) => {
    const found = findSession(request.params.id);
    if (!found) return reply.code(404).type('text/html').send(notFound);
    return reply.type('text/html').send(renderCheckoutPage(found.account, found.session, found.session.lastError));
  });

  app.post<{ Params: { id: string }; Body: { card?: string } }>('/checkout/pay/:id', async (request, reply) => {
    const found = findSession(request.params.id);
    if (!found) return reply.code(404).type('text/html').send(notFound);
    const { key, account, session } = found;
    try {
      completeSession(ctx, key, account, session, normaliseCard(String(request.body?.card ?? '')));
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      return reply.code(error.statusCode).type('text/html').send(renderCheckoutPage(account, session, error.message));
    } finally {
      ctx.store.save();
    }
    if (!session.successUrl) return reply.type('text/html').send(page('Paid', '<h1>Payment complete.</h1>'));
    return reply.redirect(substitute(session.successUrl, session.id), 303);
  });

  app.post<{ Params: { id: string } }>('/checkout/pay/:id/cancel', async (request, reply) => {
    const found = findSession(request.params.id);
    if (!found) return reply.code(404).type('text/html').send(notFound);
    const cancelUrl = found.session.status === 'open' ? cancelSession(found.session) : found.session.cancelUrl;
    if (!cancelUrl) return reply.type('text/html').send(page('Canceled', '<h1>Checkout canceled.</h1>'));
    return reply.redirect(substitute(cancelUrl, found.session.id), 303);
  });

  app.get<{ Params: { id: string } }>('/billing_portal/:id', async (request, reply) => {
    const found = findPortal(request.params.id);
    if (!found) return reply.code(404).type('text/html').send(notFound);
    return reply.type('text/html').send(renderPortalPage(found.account, found.portal, null));
  });

  // The portal cancels at once (Stripe's portal can also be configured to cancel at period end).
  app.post<{ Params: { id: string; sub: string } }>('/billing_portal/:id/subscriptions/:sub/cancel', async (request, reply) => {
    const found = findPortal(request.params.id);
    const sub = found?.account.subscriptions[request.params.sub];
    if (!found || !sub || sub.customer !== found.portal.customer) return reply.code(404).type('text/html').send(notFound);
    if (sub.status !== 'canceled') cancelNow(ctx, found.key, found.account, sub, ctx.timeFor(found.account, sub.customer));
    ctx.store.save();
    return reply.type('text/html').send(renderPortalPage(found.account, found.portal, 'Your subscription has been canceled.'));
  });
}
