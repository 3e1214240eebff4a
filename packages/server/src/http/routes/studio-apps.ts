import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createStudioApp, getStudioApp, listStudioApps } from '../../payments/studio/apps.js';
import { bearerSecurity, errorResponses } from '../schemas/common.js';
import { Nullable, StudioAppParams, studioApp, studioOrganisation, studioTags as tags } from './studio-access.js';

const AppSummary = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Nullable(Type.String()), provider: Nullable(Type.String()) });
const AppDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Nullable(Type.String()),
  configuration: Nullable(
    Type.Object({
      provider: Type.String(),
      providerPublicKey: Type.String(),
      productsDataSourceId: Type.Integer(),
      webhookUrl: Type.String(),
      webhookRegistered: Type.Boolean(),
      signingSecretSet: Type.Boolean(),
      updatedAt: Nullable(Type.String()),
    }),
  ),
  lastEventAt: Nullable(Type.String()),
});

export const studioAppRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/studio/apps',
    {
      schema: {
        tags,
        summary: "The Studio token's apps (console)",
        security: bearerSecurity,
        response: { 200: Type.Object({ apps: Type.Array(AppSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ apps: await listStudioApps(app.payments, await studioOrganisation(request)) }),
  );

  app.post(
    '/v1/studio/apps',
    {
      schema: {
        tags,
        summary: 'Create an app in the Studio token\'s organisation; the app key is shown this once',
        security: bearerSecurity,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), name: Type.String(), appKey: Type.String() }), ...errorResponses },
      },
    },
    async (request) => createStudioApp(app.payments, await studioOrganisation(request), request.body.name.trim()),
  );

  app.get(
    '/v1/studio/apps/:appId',
    {
      schema: {
        tags,
        summary: 'One app: its payment configuration (secrets never shown, only whether set) and the last webhook received',
        security: bearerSecurity,
        params: StudioAppParams,
        response: { 200: AppDetail, ...errorResponses },
      },
    },
    async (request) => getStudioApp(app.payments, await studioApp(request, request.params.appId)),
  );
};
