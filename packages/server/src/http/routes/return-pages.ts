import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { recordCheckoutReturn } from '../../payments/checkout/checkout.js';
import { renderReturnPage } from '../pages/return-page.js';

function withCheckoutParam(url: string | null, id: string): string | null {
  if (!url) return null;
  const target = new URL(url);
  target.searchParams.set('paykit_checkout', id);
  return target.toString();
}

/** Where providers send the buyer back; the page tells the SDK (popup) or forwards to the app (redirect). */
export const returnPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Flitt posts the buyer back to response_url with the order's fields; the page needs only the query.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, _body, done) =>
    done(null, {}),
  );
  app.route({
    method: ['GET', 'POST'],
    url: '/v1/checkout/return',
    schema: {
      hide: true,
      querystring: Type.Object({
        checkout: Type.String({ minLength: 1, maxLength: 64 }),
        outcome: Type.Union([Type.Literal('success'), Type.Literal('cancel')]),
      }),
    },
    handler: async (request, reply) => {
      const { checkout, outcome } = request.query;
      const row = await recordCheckoutReturn(app.payments, checkout, outcome);
      const html = renderReturnPage({
        title: outcome === 'success' ? 'Payment received' : 'Checkout canceled',
        message: outcome === 'success' ? 'Thank you. You can return to the app.' : 'No payment was taken. You can return to the app.',
        notice: { type: 'checkout', id: checkout, outcome },
        continueUrl: row ? withCheckoutParam(row.return_url, checkout) : null,
      });
      // The page must keep its opener to tell the SDK (helmet's default COOP would sever it).
      return reply.header('cross-origin-opener-policy', 'unsafe-none').type('text/html; charset=utf-8').send(html);
    },
  });

  app.get('/v1/billing-portal/return', { schema: { hide: true } }, async (_request, reply) => {
    const html = renderReturnPage({
      title: 'Billing updated',
      message: 'You can return to the app.',
      notice: { type: 'portal' },
    });
    return reply.header('cross-origin-opener-policy', 'unsafe-none').type('text/html; charset=utf-8').send(html);
  });
};
