import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { productListingJson } from '../../payments/catalogue/products.js';
import { requireAppLevel } from '../../security/auth.js';
import { appAccess } from '../context.js';
import { AppParams, bearerSecurity, errorResponses } from '../schemas/common.js';

export const productRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/apps/:appId/payments/products',
    {
      schema: {
        tags: ['products'],
        summary: 'Products.get: the entries of the products data source, columns verbatim plus id',
        security: bearerSecurity,
        params: AppParams,
        response: {
          200: Type.Object({ products: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAppLevel(access);
      // Already JSON (a string skips the response serialiser): the schema above still documents it.
      const json = await productListingJson(app.payments, request.params.appId);
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );
};
