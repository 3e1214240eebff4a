import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors/index.js';
import { findApp, findAppIdByKeyHash, findOrganisationIdByStudioToken } from '../storage/repositories/tenants.js';
import type { Db } from '../storage/schema.js';
import { type createCustomerTokens, hashToken, TOKEN_PREFIX } from './tokens.js';

/** Who is calling, from the bearer token alone. */
export type Caller =
  | { kind: 'studio'; organisationId: string }
  | { kind: 'app'; appId: string }
  | { kind: 'customer'; token: string };

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** Resolves the token to a caller; an unknown token is a 401 whatever its prefix. */
export async function identify(db: Db, header: string | undefined): Promise<Caller> {
  const token = bearerToken(header);
  if (!token) throw new UnauthorizedError();
  if (token.startsWith(TOKEN_PREFIX.customer)) return { kind: 'customer', token };
  if (token.startsWith(TOKEN_PREFIX.studio)) {
    const organisationId = await findOrganisationIdByStudioToken(db, hashToken(token));
    if (organisationId) return { kind: 'studio', organisationId };
  } else if (token.startsWith(TOKEN_PREFIX.appKey)) {
    const appId = await findAppIdByKeyHash(db, hashToken(token));
    if (appId) return { kind: 'app', appId };
  }
  throw new UnauthorizedError('The bearer token is not one paykit issued (or it was revoked).');
}

/** What a caller may do in one app: `admin` (Studio), `app` (app key), or act for one customer. */
export type AppAccess = { level: 'admin' } | { level: 'app' } | { level: 'customer'; customerId: string };

export async function accessToApp(
  db: Db,
  tokens: ReturnType<typeof createCustomerTokens>,
  caller: Caller,
  appId: string,
): Promise<{ access: AppAccess; app: NonNullable<Awaited<ReturnType<typeof findApp>>> }> {
  const app = await findApp(db, appId);
  if (!app) throw new NotFoundError('app', appId);
  if (caller.kind === 'studio') {
    if (caller.organisationId !== app.organisation_id) throw new ForbiddenError('This Studio token belongs to another organisation.');
    return { access: { level: 'admin' }, app };
  }
  if (caller.kind === 'app') {
    if (caller.appId !== appId) throw new ForbiddenError("This app key belongs to another app.");
    return { access: { level: 'app' }, app };
  }
  const customerId = tokens.verify(appId, caller.token);
  if (!customerId) throw new ForbiddenError('This customer token was not issued for this app.');
  return { access: { level: 'customer', customerId }, app };
}

export function requireAdmin(access: AppAccess) {
  if (access.level !== 'admin') throw new ForbiddenError('Only a Studio token may do this.');
}

/** App-level calls (products, checkout, customers.create): the app key or a Studio token. */
export function requireAppLevel(access: AppAccess) {
  if (access.level === 'customer') throw new ForbiddenError('A customer token only reads its own customer: use the app key.');
}

export const CUSTOMER_OR_STUDIO = "Send this customer's token (from Customers.create) or a Studio token.";

/** Customer-level calls: that customer's token or a Studio token. */
export function requireCustomerAccess(access: AppAccess, customerId: string) {
  if (access.level === 'admin') return;
  if (access.level === 'customer' && access.customerId === customerId) return;
  throw new ForbiddenError(
    access.level === 'customer'
      ? "This customer token is for another customer."
      : CUSTOMER_OR_STUDIO,
  );
}
