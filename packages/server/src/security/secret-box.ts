import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with an authenticated key id, so secrets encrypted under an earlier master key
 * can still be opened (and re-sealed) during a key rotation.
 * Sealed form: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** True when the value was sealed under an older key and should be re-sealed. */
  isStale(sealed: string): boolean;
  readonly keyId: string;
}

export class SecretBoxError extends Error {}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function createSecretBox(current: Buffer, previous: Buffer[] = []): SecretBox {
  const keys = new Map([current, ...previous].map((k) => [keyIdOf(k), k]));
  const keyId = keyIdOf(current);
  const aad = (kid: string, context: string) => Buffer.from(`paykit.v1|${kid}|${context}`);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(aad(keyId, context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', keyId, iv, cipher.getAuthTag(), ciphertext]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, context) {
      const [version, kid, iv, tag, ciphertext] = sealed.split('.');
      const key = kid ? keys.get(kid) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined) {
        throw new SecretBoxError(`Cannot open a secret sealed under key ${kid ?? '?'}: is PAYKIT_MASTER_KEY the right key?`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(aad(kid, context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('A stored secret failed authentication: it was changed or sealed for another record.');
      }
    },
    isStale(sealed) {
      return sealed.split('.')[1] !== keyId;
    },
  };
}
