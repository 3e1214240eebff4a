import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { customerDetail, MAX_CUSTOMER_PAGE, searchCustomers } from '../../payments/studio/customers.js';
import { bearerSecurity, errorResponses } from '../schemas/common.js';
import { StudioAppParams, studioApp, studioTags as tags } from './studio-access.js';

const CustomerSummary = Type.Object({ id: Type.String(), email: Type.String(), provider: Type.String(), createdAt: Type.String() });

export const studioCustomerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/studio/apps/:appId/customers',
    {
      schema: {
        tags,
        summary: 'Search the app\'s customers by email (contains, case-insensitive), newest first',
        security: bearerSecurity,
        params: StudioAppParams,
        querystring: Type.Object(
          {
            email: Type.Optional(Type.String({ maxLength: 254 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CUSTOMER_PAGE })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ customers: Type.Array(CustomerSummary), limit: Type.Integer(), offset: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await studioApp(request, request.params.appId);
      return searchCustomers(app.payments, request.params.appId, request.query);
    },
  );

  app.get(
    '/v1/studio/apps/:appId/customers/:customerId',
    {
      schema: {
        tags,
        summary: 'One customer with its checkouts and subscriptions (its event log: GET /v1/apps/:appId/payments/customers/:id/logs)',
        security: bearerSecurity,
        params: Type.Object({ ...StudioAppParams.properties, customerId: Type.String({ minLength: 1, maxLength: 255 }) }),
      },
    },
    async (request) => {
      await studioApp(request, request.params.appId);
      return customerDetail(app.payments, request.params.appId, request.params.customerId);
    },
  );
};
