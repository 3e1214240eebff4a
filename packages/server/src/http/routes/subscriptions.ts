import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ForbiddenError } from '../../errors/index.js';
import {
  changeSubscription,
  createSubscription,
  getSubscription,
  listSubscriptions,
} from '../../payments/subscriptions/subscriptions.js';
import { CUSTOMER_OR_STUDIO, requireCustomerAccess } from '../../security/auth.js';
import { appAccess } from '../context.js';
import { AppParams, bearerSecurity, errorResponses } from '../schemas/common.js';

const tags = ['subscriptions'];
const SubscriptionParams = Type.Object({
  appId: Type.String({ minLength: 1, maxLength: 64 }),
  subscriptionId: Type.String({ minLength: 1, maxLength: 255 }),
});
const Action = Type.Union([Type.Literal('stop'), Type.Literal('start'), Type.Literal('cancel')]);

/** The subscription's customer must be the caller's (customer token) unless a Studio token calls. */
async function subscriptionAccess(request: FastifyRequest, appId: string, subscriptionId: string) {
  const { access } = await appAccess(request, appId);
  if (access.level === 'app') throw new ForbiddenError(CUSTOMER_OR_STUDIO);
  const subscription = await getSubscription(request.server.payments, appId, subscriptionId);
  if (subscription.customer) requireCustomerAccess(access, subscription.customer);
  else if (access.level !== 'admin') throw new ForbiddenError('Only a Studio token may read a subscription without a customer.');
  return subscription;
}

export const subscriptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/apps/:appId/payments/subscriptions',
    {
      schema: {
        tags,
        summary: "Subscriptions.create: a hosted checkout that starts a subscription (Stripe recurring price, Flitt recurring_data)",
        security: bearerSecurity,
        params: AppParams,
        body: Type.Object(
          {
            customer: Type.String({ minLength: 1, maxLength: 255 }),
            priceId: Type.String({ minLength: 1, maxLength: 255 }),
            recurring_data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
            trial_period_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
            paykit_return_url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), url: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      if (access.level === 'customer') requireCustomerAccess(access, request.body.customer);
      return createSubscription(app.payments, request.params.appId, request.body, request.commitWithResponse);
    },
  );

  app.get(
    '/v1/apps/:appId/payments/subscriptions',
    {
      schema: {
        tags,
        summary: "Subscriptions.list: a customer's subscriptions (customer token), or any (Studio token)",
        security: bearerSecurity,
        params: AppParams,
        querystring: Type.Object(
          { customer: Type.Optional(Type.String({ maxLength: 255 })), status: Type.Optional(Type.String({ maxLength: 20 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      // An app key alone would expose every customer's plans.
      if (access.level === 'app') throw new ForbiddenError(CUSTOMER_OR_STUDIO);
      const customerId = access.level === 'customer' ? access.customerId : request.query.customer;
      if (access.level === 'customer' && request.query.customer && request.query.customer !== access.customerId) {
        throw new ForbiddenError('This customer token is for another customer.');
      }
      const subscriptions = await listSubscriptions(app.payments, request.params.appId, { customerId, status: request.query.status });
      return { subscriptions };
    },
  );

  app.get(
    '/v1/apps/:appId/payments/subscriptions/:subscriptionId',
    { schema: { tags, summary: 'Subscriptions.get: status, schedule and charges', security: bearerSecurity, params: SubscriptionParams } },
    async (request) => subscriptionAccess(request, request.params.appId, request.params.subscriptionId),
  );

  app.post(
    '/v1/apps/:appId/payments/subscriptions/:subscriptionId/:action',
    {
      schema: {
        tags,
        summary: 'Subscriptions.stop / start / cancel ({atPeriodEnd} for cancel)',
        security: bearerSecurity,
        params: Type.Object({ ...SubscriptionParams.properties, action: Action }),
        body: Type.Optional(Type.Object({ atPeriodEnd: Type.Optional(Type.Boolean()) }, { additionalProperties: false })),
      },
    },
    async (request) => {
      const { appId, subscriptionId, action } = request.params;
      await subscriptionAccess(request, appId, subscriptionId);
      return changeSubscription(app.payments, appId, subscriptionId, action, { atPeriodEnd: request.body?.atPeriodEnd });
    },
  );
};
