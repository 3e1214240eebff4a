import { createHash, timingSafeEqual } from 'node:crypto';

// Written independently of paykit's client so that each checks the other in tests.

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

export const MASK = '**********';

/** Protocol 1.0 pre-image: secret, then the non-empty values of the ASCII-sorted keys, joined by '|'. */
export function preimage(params: Record<string, unknown>, secret: string): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'signature' && k !== 'response_signature_string')
    .filter((k) => params[k] !== '' && params[k] !== null && params[k] !== undefined)
    .sort();
  const parts = keys.map((k) => {
    const value = params[k];
    // A nested object cannot be signed in 1.0; Flitt's own SDK would join "[object Object]".
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
  return [secret, ...parts].join('|');
}

export const sign = (params: Record<string, unknown>, secret: string) => sha1(preimage(params, secret));

export const signData = (data: string, secret: string) => sha1(`${secret}|${data}`);

export function sameSignature(expected: string, received: unknown): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Adds `signature` and, as Flitt's test mode does, `response_signature_string` with the secret masked. */
export function signed(params: Record<string, unknown>, secret: string): Record<string, unknown> {
  const pre = preimage(params, secret);
  return { ...params, response_signature_string: pre.split(secret).join(MASK), signature: sha1(pre) };
}

export function encodeData(order: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ order }), 'utf8').toString('base64');
}
