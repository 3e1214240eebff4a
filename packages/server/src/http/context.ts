import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors/index.js';
import type { PaymentsContext } from '../payments/context.js';
import { accessToApp, identify } from '../security/auth.js';

declare module 'fastify' {
  interface FastifyInstance {
    payments: PaymentsContext;
  }
}

/** Resolves the caller's access to the app named in the route. */
export async function appAccess(request: FastifyRequest, appId: string) {
  const ctx = request.server.payments;
  const caller = await identify(ctx.db, request.headers.authorization);
  return accessToApp(ctx.db, ctx.customerTokens, caller, appId);
}

export async function studioCaller(request: FastifyRequest) {
  const caller = await identify(request.server.payments.db, request.headers.authorization);
  if (caller.kind !== 'studio') {
    throw new ForbiddenError('Only a Studio token may manage data sources.');
  }
  return caller;
}
