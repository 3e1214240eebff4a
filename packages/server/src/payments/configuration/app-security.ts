import { PaykitError, ValidationError } from '../../errors/index.js';
import { verifiedUserEmail } from '../../security/user-token.js';
import { findAppSecurity, saveAppSecurity } from '../../storage/repositories/app-security.js';
import type { Db } from '../../storage/schema.js';
import type { PaymentsContext } from '../context.js';
import { normaliseEmail } from '../customers/customers.js';
import { secretContext } from './secrets.js';

/** `null` clears a setting, an absent property leaves it as it is. */
export interface AppSecurityInput {
  userToken?:
    | { hs256Secret: string; issuer?: string; audience?: string }
    | { jwksUrl: string; issuer?: string; audience?: string }
    | null;
  allowedOrigins?: string[] | null;
}

/** What a Studio session may read back: never the HS256 secret. */
export interface AppSecurityView {
  userToken: { type: 'hs256' | 'jwks'; jwksUrl?: string; issuer?: string; audience?: string } | null;
  allowedOrigins: string[] | null;
}

/** An origin as browsers send it: scheme, host and port, nothing else. */
function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(`allowedOrigins: "${value}" is not an origin like https://app.example.com.`, { field: 'allowedOrigins' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '').toLowerCase()) {
    throw new ValidationError(`allowedOrigins: "${value}" must be scheme://host[:port] with no path.`, { field: 'allowedOrigins' });
  }
  return url.origin;
}

/** A JWKS is fetched by the server: https only, except on the loopback interface (development). */
function checkJwksUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  const loopback = url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new ValidationError('userToken.jwksUrl must be an https URL (http only on localhost).', { field: 'userToken.jwksUrl' });
  }
  return url.toString();
}

function view(row: Awaited<ReturnType<typeof findAppSecurity>>): AppSecurityView {
  const claims = { ...(row?.user_token_issuer ? { issuer: row.user_token_issuer } : {}), ...(row?.user_token_audience ? { audience: row.user_token_audience } : {}) };
  let userToken: AppSecurityView['userToken'] = null;
  if (row?.user_token_secret_sealed) userToken = { type: 'hs256', ...claims };
  else if (row?.user_token_jwks_url) userToken = { type: 'jwks', jwksUrl: row.user_token_jwks_url, ...claims };
  return { userToken, allowedOrigins: row?.allowed_origins ? (JSON.parse(row.allowed_origins) as string[]) : null };
}

export async function getAppSecurity(ctx: PaymentsContext, appId: string): Promise<AppSecurityView> {
  return view(await findAppSecurity(ctx.db, appId));
}

/** Sets the app's user-token key (HS256 secret sealed like provider secrets) and its CORS allow-list. */
export async function updateAppSecurity(ctx: PaymentsContext, appId: string, input: AppSecurityInput): Promise<AppSecurityView> {
  const row = await findAppSecurity(ctx.db, appId);
  const next = {
    app_id: appId,
    user_token_secret_sealed: row?.user_token_secret_sealed ?? null,
    user_token_jwks_url: row?.user_token_jwks_url ?? null,
    user_token_issuer: row?.user_token_issuer ?? null,
    user_token_audience: row?.user_token_audience ?? null,
    allowed_origins: row?.allowed_origins ?? null,
  };
  if (input.userToken !== undefined) {
    const token = input.userToken;
    next.user_token_secret_sealed = token && 'hs256Secret' in token ? ctx.box.seal(token.hs256Secret, secretContext(appId, 'user_token_secret')) : null;
    next.user_token_jwks_url = token && 'jwksUrl' in token ? checkJwksUrl(token.jwksUrl) : null;
    next.user_token_issuer = token?.issuer ?? null;
    next.user_token_audience = token?.audience ?? null;
  }
  if (input.allowedOrigins !== undefined) {
    next.allowed_origins = input.allowedOrigins === null ? null : JSON.stringify([...new Set(input.allowedOrigins.map(normaliseOrigin))]);
  }
  await saveAppSecurity(ctx.db, next);
  ctx.logger.info({ appId, userToken: view({ ...next, updated_at: 0 }).userToken?.type ?? 'none' }, 'app security updated');
  return view({ ...next, updated_at: 0 });
}

/** The origins a browser may call the app's routes from, or null for any. */
export async function allowedOriginsFor(db: Db, appId: string): Promise<string[] | null> {
  const row = await findAppSecurity(db, appId);
  return row?.allowed_origins ? (JSON.parse(row.allowed_origins) as string[]) : null;
}

/**
 * When the app signs its own user tokens, `Customers.create` takes only the email of a verified
 * token: a buyer cannot claim another person's customer (and its history) by typing their email.
 */
export async function requireUserTokenFor(ctx: PaymentsContext, appId: string, token: string | undefined, email: string) {
  const row = await findAppSecurity(ctx.db, appId);
  if (!row || (!row.user_token_secret_sealed && !row.user_token_jwks_url)) return;
  const key = row.user_token_secret_sealed
    ? { secret: ctx.box.open(row.user_token_secret_sealed, secretContext(appId, 'user_token_secret')) }
    : { jwksUrl: row.user_token_jwks_url as string };
  const verified = await verifiedUserEmail(token, {
    key,
    issuer: row.user_token_issuer ?? undefined,
    audience: row.user_token_audience ?? undefined,
  });
  if (normaliseEmail(verified) !== normaliseEmail(email)) {
    throw new PaykitError('user_token_email_mismatch', 'The email is not the one in the app user token.');
  }
}
