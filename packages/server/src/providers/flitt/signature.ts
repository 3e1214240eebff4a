import { createHash, timingSafeEqual } from 'node:crypto';

/** Keys Flitt leaves out of a protocol 1.0 signature. */
const UNSIGNED_KEYS = new Set(['signature', 'response_signature_string']);

export type FlittParams = Record<string, unknown>;

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

function signable(value: unknown): value is string | number | boolean | bigint {
  return value !== '' && value !== null && value !== undefined;
}

/**
 * The protocol 1.0 pre-image: `secret|v1|v2|...` over the values of the keys sorted in ASCII
 * order, leaving out `signature`, `response_signature_string`, '' and null/undefined (0 and
 * "0" are kept). Nested objects cannot be signed in 1.0: send them with protocol 2.0.
 */
export function preimageV1(params: FlittParams, secret: string): string {
  const values: string[] = [];
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (UNSIGNED_KEYS.has(key) || !signable(value)) continue;
    if (typeof value === 'object') {
      throw new TypeError(`Flitt protocol 1.0 cannot sign the nested value of "${key}"; use protocol 2.0 (encodeV2).`);
    }
    values.push(String(value));
  }
  return [secret, ...values].join('|');
}

/**
 * Protocol 1.0 signature: lowercase SHA-1 hex of the pre-image.
 * @example signV1({ merchant_id: 1549901, order_id: 'o1', amount: 100 }, 'test')
 */
export function signV1(params: FlittParams, secret: string): string {
  return sha1(preimageV1(params, secret));
}

/** Compares two hex signatures in constant time (lengths are public). */
export function safeEqualHex(expected: string, received: unknown): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a protocol 1.0 `signature` over every key received; false on anything unsignable. */
export function verifyV1(params: FlittParams, secret: string): boolean {
  try {
    return safeEqualHex(signV1(params, secret), params.signature);
  } catch {
    return false;
  }
}

export interface FlittV2Envelope {
  version: '2.0';
  data: string;
  signature: string;
}

/** Protocol 2.0: `data = base64(JSON.stringify({order}))`, `signature = sha1(secret|data)`. */
export function encodeV2(order: FlittParams, secret: string): FlittV2Envelope {
  const data = Buffer.from(JSON.stringify({ order }), 'utf8').toString('base64');
  return { version: '2.0', data, signature: sha1(`${secret}|${data}`) };
}

/** Verifies against the exact `data` string received; never re-serialises it. */
export function verifyV2(envelope: { data: unknown; signature: unknown }, secret: string): boolean {
  if (typeof envelope.data !== 'string') return false;
  return safeEqualHex(sha1(`${secret}|${envelope.data}`), envelope.signature);
}

/** Decodes a 2.0 `data` string to its object (`{order: {...}}` for orders); throws on bad base64/JSON. */
export function decodeV2(data: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('Flitt protocol 2.0 data does not decode to an object.');
  }
  return parsed as Record<string, unknown>;
}
