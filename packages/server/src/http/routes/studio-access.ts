import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ForbiddenError } from '../../errors/index.js';
import { identify, requireAdmin } from '../../security/auth.js';
import { appAccess } from '../context.js';

export const STUDIO_ONLY = 'Only a Studio token may use the console API.';
export const studioTags = ['studio'];
/** A property that may be null (TypeBox's Union with Null). */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
export const StudioAppParams = Type.Object({ appId: Type.String({ minLength: 1, maxLength: 64 }) });

/** The caller's organisation; an app key or customer token is a 403. */
export async function studioOrganisation(request: FastifyRequest): Promise<string> {
  const caller = await identify(request.server.payments.db, request.headers.authorization);
  if (caller.kind !== 'studio') throw new ForbiddenError(STUDIO_ONLY);
  return caller.organisationId;
}

/** An app of the caller's organisation: unknown app 404, another organisation's Studio token or any other token 403. */
export async function studioApp(request: FastifyRequest, appId: string) {
  const { access, app } = await appAccess(request, appId);
  requireAdmin(access);
  return app;
}
