import type { FastifyPluginAsync } from 'fastify';
import { ingestWebhook } from '../../payments/events/ingest-webhook.js';
import { trackDelivery } from '../../payments/studio/webhook-receipts.js';

/** Stripe's own limit on an event body is far below this; anything larger is refused before parsing. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * Provider webhooks. The body stays raw (a Buffer) because the signature is computed over the
 * exact bytes: any re-serialisation would break it.
 */
export const webhookRoutes: FastifyPluginAsync = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/json; charset=utf-8'],
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post<{ Params: { token: string } }>(
    '/v1/billing/apps/webhook/:token',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      // Only the provider's servers call this and no browser renders the answer: browser security headers protect nothing here.
      helmet: false,
      schema: {
        tags: ['webhooks'],
        summary: 'Stripe webhook endpoint: verified, stored and applied in one transaction before the 2xx',
        params: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['token'] },
      },
    },
    async (request) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const ingest = ingestWebhook(app.payments, request.params.token, { rawBody, headers: request.headers });
      const result = await trackDelivery(app.payments, request.params.token, ingest);
      app.metrics.webhookOutcome('stripe', result.outcome);
      return { received: true, duplicate: result.duplicate };
    },
  );
};
