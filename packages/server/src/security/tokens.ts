import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Token prefixes say what a bearer token is, as Stripe's `sk_`/`pk_` do. */
export const TOKEN_PREFIX = {
  studio: 'pks_',
  appKey: 'pk_app_',
  customer: 'pkc_',
  webhook: 'whk_',
} as const;

export function generateToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Tokens are stored as SHA-256 digests: high-entropy values need no slow hash, and a leaked table reveals none. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/**
 * Customer tokens are stateless: an HMAC over app and customer id with a key derived from the
 * master key, so `Customers.create` can hand the same customer a token on every call. Tokens
 * issued under a previous master key keep verifying while that key is listed (a key rotation).
 */
export function createCustomerTokens(masterKey: Buffer, previousMasterKeys: Buffer[] = []) {
  const keys = [masterKey, ...previousMasterKeys].map((k) => createHmac('sha256', k).update('paykit customer token v1').digest());
  const mac = (key: Buffer, appId: string, customerId: string) =>
    createHmac('sha256', key).update(`${appId}\n${customerId}`).digest('base64url');
  return {
    issue(appId: string, customerId: string): string {
      return `${TOKEN_PREFIX.customer}${Buffer.from(customerId).toString('base64url')}.${mac(keys[0] as Buffer, appId, customerId)}`;
    },
    /** The customer id the token was issued for in this app, or null. */
    verify(appId: string, token: string): string | null {
      if (!token.startsWith(TOKEN_PREFIX.customer)) return null;
      const [encodedId, signature] = token.slice(TOKEN_PREFIX.customer.length).split('.');
      if (!encodedId || !signature) return null;
      const customerId = Buffer.from(encodedId, 'base64url').toString('utf8');
      const given = Buffer.from(signature);
      return keys.some((key) => {
        const expected = Buffer.from(mac(key, appId, customerId));
        return expected.length === given.length && timingSafeEqual(expected, given);
      })
        ? customerId
        : null;
    },
  };
}
