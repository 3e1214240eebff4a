import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { dashboard } from '../../payments/studio/dashboard.js';
import { eventFeed, MAX_FEED_LIMIT } from '../../payments/studio/feed.js';
import { bearerSecurity, errorResponses } from '../schemas/common.js';
import { Nullable, StudioAppParams, studioApp, studioTags as tags } from './studio-access.js';

const FeedItem = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  eventId: Nullable(Type.String()),
  type: Nullable(Type.String()),
  customer: Nullable(Type.String()),
  outcome: Type.String({ description: 'applied | stale | recorded | duplicate | rejected' }),
  code: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  receivedAt: Type.String(),
});

export const studioActivityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/studio/apps/:appId/events',
    {
      schema: {
        tags,
        summary: 'The newest webhook deliveries: stored events with their outcome, plus duplicates and rejections with the reason',
        security: bearerSecurity,
        params: StudioAppParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FEED_LIMIT })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ events: Type.Array(FeedItem) }), ...errorResponses },
      },
    },
    async (request) => {
      await studioApp(request, request.params.appId);
      return { events: await eventFeed(app.payments, request.params.appId, request.query.limit ?? 50) };
    },
  );

  app.get(
    '/v1/studio/apps/:appId/dashboard',
    {
      schema: {
        tags,
        summary: 'Revenue per day and currency (minor units), active subscriptions per day, checkout counts by status',
        security: bearerSecurity,
        params: StudioAppParams,
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            days: Type.Array(Type.String()),
            revenue: Type.Record(Type.String(), Type.Array(Type.Integer())),
            activeSubscriptions: Type.Array(Type.Integer()),
            checkouts: Type.Object({ complete: Type.Integer(), canceled: Type.Integer(), expired: Type.Integer(), open: Type.Integer() }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await studioApp(request, request.params.appId);
      return dashboard(app.payments, request.params.appId, request.query.days ?? 30);
    },
  );
};
