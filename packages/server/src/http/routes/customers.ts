import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValidationError } from '../../errors/index.js';
import { requireUserTokenFor } from '../../payments/configuration/app-security.js';
import { openBillingPortal } from '../../payments/customers/billing-portal.js';
import { createCustomer } from '../../payments/customers/customers.js';
import { getCustomerLogs, MAX_LOG_LIMIT } from '../../payments/customers/event-log.js';
import { requireAppLevel, requireCustomerAccess } from '../../security/auth.js';
import { appAccess } from '../context.js';
import { bearerSecurity, errorResponses } from '../schemas/common.js';

const CustomerParams = Type.Object({
  appId: Type.String({ minLength: 1, maxLength: 64 }),
  customerId: Type.String({ minLength: 1, maxLength: 255 }),
});

const Customer = Type.Object({
  id: Type.String(),
  object: Type.Literal('customer'),
  email: Type.String(),
  provider: Type.String(),
  createdAt: Type.String(),
  token: Type.String(),
});

/** Where an app that signs its own user tokens sends the signed-in user's token (a JWT with an `email` claim). */
export const USER_TOKEN_HEADER = 'x-paykit-user-token';

function parseWhere(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError('where must be a JSON object, e.g. where={"type":"invoice.paid"}.', { field: 'where' });
  }
}

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/apps/:appId/payments/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'Customers.create: create or get the customer with this email (one per app and email)',
        security: bearerSecurity,
        params: Type.Object({ appId: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
        response: { 200: Customer, ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAppLevel(access);
      // A Studio token is the app's own back office: it may create any customer.
      if (access.level === 'app') {
        const userToken = request.headers[USER_TOKEN_HEADER];
        await requireUserTokenFor(app.payments, request.params.appId, typeof userToken === 'string' ? userToken : undefined, request.body.email);
      }
      return createCustomer(app.payments, request.params.appId, request.body.email);
    },
  );

  app.get(
    '/v1/apps/:appId/payments/customers/:customerId/logs',
    {
      schema: {
        tags: ['customers'],
        summary: "Customers.getLogs: the customer's events newest first",
        security: bearerSecurity,
        params: CustomerParams,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LOG_LIMIT })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
            where: Type.Optional(Type.String({ maxLength: 2000, description: 'JSON: {"type": "..." | [...], "created": {"gte": unix}}' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            logs: Type.Array(
              Type.Object({
                id: Type.String(),
                type: Type.String(),
                created: Type.Integer(),
                data: Type.Unknown(),
                charge: Type.Optional(
                  Type.Object({
                    subscription: Type.Union([Type.String(), Type.Null()]),
                    payment: Type.Union([Type.String(), Type.Null()]),
                    amount: Type.Integer(),
                    currency: Type.String(),
                    status: Type.String(),
                    at: Type.Integer(),
                  }),
                ),
              }),
            ),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { appId, customerId } = request.params;
      const { access } = await appAccess(request, appId);
      requireCustomerAccess(access, customerId);
      const { limit, offset, where } = request.query;
      return getCustomerLogs(app.payments, appId, customerId, { limit, offset, where: parseWhere(where) });
    },
  );

  app.post(
    '/v1/apps/:appId/payments/customers/:customerId/billing-portal',
    {
      schema: {
        tags: ['customers'],
        summary: "Customers.openBillingPortal: a hosted billing portal session for this customer",
        security: bearerSecurity,
        params: CustomerParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: Type.Object({ url: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      const { appId, customerId } = request.params;
      const { access } = await appAccess(request, appId);
      requireCustomerAccess(access, customerId);
      return openBillingPortal(app.payments, appId, customerId);
    },
  );
};
