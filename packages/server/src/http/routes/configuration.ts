import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAppSecurity, updateAppSecurity } from '../../payments/configuration/app-security.js';
import { configurationExists, updateConfiguration, updateSigningSecret } from '../../payments/configuration/configuration.js';
import { requireAdmin, requireAppLevel } from '../../security/auth.js';
import { appAccess } from '../context.js';
import { AppParams, bearerSecurity, errorResponses } from '../schemas/common.js';

const ConfigurationBody = Type.Object(
  {
    provider: Type.Union([Type.Literal('stripe'), Type.Literal('flitt')]),
    providerPublicKey: Type.String({ minLength: 1, maxLength: 255 }),
    providerPrivateKey: Type.String({ minLength: 1, maxLength: 255 }),
    productsDataSourceId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    registerWebhook: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Claims = {
  issuer: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  audience: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
};

const SecurityBody = Type.Object(
  {
    userToken: Type.Optional(
      Type.Union([
        Type.Object({ hs256Secret: Type.String({ minLength: 32, maxLength: 512 }), ...Claims }, { additionalProperties: false }),
        Type.Object({ jwksUrl: Type.String({ minLength: 1, maxLength: 2000 }), ...Claims }, { additionalProperties: false }),
        Type.Null(),
      ]),
    ),
    allowedOrigins: Type.Optional(
      Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 50 }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
);

const SecurityView = Type.Object({
  userToken: Type.Union([
    Type.Object({
      type: Type.Union([Type.Literal('hs256'), Type.Literal('jwks')]),
      jwksUrl: Type.Optional(Type.String()),
      issuer: Type.Optional(Type.String()),
      audience: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  allowedOrigins: Type.Union([Type.Array(Type.String()), Type.Null()]),
});

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

  app.get(
    '/v1/apps/:appId/payments/configuration/security',
    {
      schema: {
        tags: ['configuration'],
        summary: "The app's user-token verification (never its secret) and CORS allow-list",
        security: bearerSecurity,
        params: AppParams,
        response: { 200: SecurityView, ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAdmin(access);
      return getAppSecurity(app.payments, request.params.appId);
    },
  );

  app.put(
    '/v1/apps/:appId/payments/configuration/security',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'Sets the app user token (HS256 secret, sealed, or JWKS URL) that Customers.create then requires, and allowedOrigins for browsers; null clears',
        security: bearerSecurity,
        params: AppParams,
        body: SecurityBody,
        response: { 200: SecurityView, ...errorResponses },
      },
    },
    async (request) => {
      const { access } = await appAccess(request, request.params.appId);
      requireAdmin(access);
      return updateAppSecurity(app.payments, request.params.appId, request.body);
    },
  );
};
