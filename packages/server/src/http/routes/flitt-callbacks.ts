import type { FastifyPluginAsync } from 'fastify';
import { ingestWebhook } from '../../payments/events/ingest-webhook.js';
import { trackDelivery } from '../../payments/studio/webhook-receipts.js';
import { WEBHOOK_BODY_LIMIT } from './webhooks.js';

/**
 * Flitt's order callbacks. Flitt posts JSON, but form fields are taken too (the adapter turns
 * them into an object before verifying), so every body is kept raw: a 1.0 signature covers every
 * key as received and a 2.0 one the exact `data` string.
 */
export const flittCallbackRoutes: FastifyPluginAsync = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.post<{ Params: { token: string } }>(
    '/v1/billing/apps/flitt-callback/:token',
    {
      bodyLimit: WEBHOOK_BODY_LIMIT,
      // Only the provider's servers call this and no browser renders the answer: browser security headers protect nothing here.
      helmet: false,
      schema: {
        tags: ['webhooks'],
        summary: 'Flitt callback endpoint (server_callback_url): verified, stored and applied in one transaction before the 200',
        params: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['token'] },
      },
    },
    async (request) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const ingest = ingestWebhook(app.payments, request.params.token, { rawBody, headers: request.headers });
      const result = await trackDelivery(app.payments, request.params.token, ingest);
      app.metrics.webhookOutcome('flitt', result.outcome);
      return { received: true, duplicate: result.duplicate };
    },
  );
};
