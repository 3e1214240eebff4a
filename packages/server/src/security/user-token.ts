import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { PaykitError } from '../errors/index.js';

/** How an app signs its own user tokens: an HS256 secret, or the keys published at a JWKS URL. */
export type UserTokenKey = { secret: string } | { jwksUrl: string };

export interface UserTokenCheck {
  key: UserTokenKey;
  issuer?: string;
  audience?: string;
}

/** Only asymmetric algorithms from a JWKS: a public key can never be used as an HMAC secret. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
const MAX_TOKEN_LENGTH = 8192;
const jwksByUrl = new Map<string, JWTVerifyGetKey>();

function jwksFor(url: string): JWTVerifyGetKey {
  let jwks = jwksByUrl.get(url);
  if (!jwks) {
    // jose caches the key set and refetches it (at most every 30 s) when a token names an unknown kid.
    jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    if (jwksByUrl.size > 1000) jwksByUrl.clear();
    jwksByUrl.set(url, jwks);
  }
  return jwks;
}

function explain(error: unknown, check: UserTokenCheck): PaykitError {
  if (error instanceof errors.JWTExpired) return new PaykitError('user_token_invalid', 'The app user token has expired: get a new one from the app.');
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && error.name === 'TypeError' && 'jwksUrl' in check.key)) {
    return new PaykitError('provider_unavailable', "The app's JWKS could not be fetched to verify the user token.");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new PaykitError('user_token_invalid', `The app user token's "${error.claim}" claim is not the expected one.`);
  }
  return new PaykitError('user_token_invalid', "The app user token is malformed or not signed by the app's key.");
}

/**
 * The verified email of an app's user token (a JWT with an `email` claim). Throws
 * `user_token_required` without a token and `user_token_invalid` for a bad signature, an expired
 * token or a wrong issuer/audience.
 *
 * @example
 * const email = await verifiedUserEmail(request.headers['x-paykit-user-token'], { key: { secret } });
 */
export async function verifiedUserEmail(token: string | undefined, check: UserTokenCheck): Promise<string> {
  if (!token) throw new PaykitError('user_token_required', 'This app requires a signed user token: send it in X-Paykit-User-Token.');
  if (token.length > MAX_TOKEN_LENGTH) throw new PaykitError('user_token_invalid', 'The app user token is too long.');
  const options = { issuer: check.issuer, audience: check.audience, clockTolerance: 5 };
  let payload: JWTPayload;
  try {
    payload =
      'secret' in check.key
        ? (await jwtVerify(token, new TextEncoder().encode(check.key.secret), { ...options, algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, jwksFor(check.key.jwksUrl), { ...options, algorithms: JWKS_ALGORITHMS })).payload;
  } catch (error) {
    throw explain(error, check);
  }
  if (typeof payload.email !== 'string' || payload.email === '') {
    throw new PaykitError('user_token_invalid', 'The app user token has no "email" claim.');
  }
  if (payload.email_verified === false) {
    throw new PaykitError('user_token_email_mismatch', 'The email in the app user token is not verified.');
  }
  return payload.email;
}
