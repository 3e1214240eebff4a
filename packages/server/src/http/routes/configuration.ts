import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { configurationExists, updateConfiguration, updateSigningSecret } from '../../payments/configuration/configuration.js';
import { requireAdmin, requireAppLevel } from '../../security/auth.js';
import { appAccess } from '../context.js';
import { AppParams, bearerSecurity, errorResponses } from '../schemas/common.js';

const ConfigurationBody = Type.Object(
  {
    provider: Type.Union([Type.Literal('stripe'), Type.Literal('flitt')]),
    providerPublicKey: Type.String({ minLength: 1, maxLength: 255 }),
    providerPrivateKey: Type.String({ minLength: 1, maxLength: 255 }),
    productsDataSourceId: Type.Integer({ minimum: 1 }),
    registerWebhook: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const configurationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/v1/apps/:appId/payments/configuration',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Configuration.update: store the provider keys (secret sealed) and the products data source',
        security: bearerSecurity,
        params: AppParams,
        body: ConfigurationBody,
        response: { 200: Type.Object({ webhookUrl: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      const { access, app: target } = await appAccess(request, request.params.appId);
      requireAdmin(access);
      return updateConfiguration(app.payments, target, request.body);
    },
  );

  app.get(
    '/v1/apps/:appId/payments/configuration/exists',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Configuration.exists',
        security: bearerSecurity,
        params: AppParams,
        response: { 200: Type.Object({ configured: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAppLevel(access);
      return { configured: await configurationExists(app.payments, request.params.appId) };
    },
  );

  app.put(
    '/v1/apps/:appId/payments/configuration/signing-secret',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Configuration.updateSigningSecret (the previous secret keeps verifying during the rotation)',
        security: bearerSecurity,
        params: AppParams,
        body: Type.Object({ signingSecret: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ updated: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAdmin(access);
      await updateSigningSecret(app.payments, request.params.appId, request.body.signingSecret);
      return { updated: true };
    },
  );
};
