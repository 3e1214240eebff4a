import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeV2, encodeV2, preimageV1, signV1, verifyV1, verifyV2 } from '../../../src/providers/flitt/signature.js';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

// Computed once with node:crypto from the hand-written pre-images below; Flitt's printed samples do not reproduce.
const V1_PARAMS = { merchant_id: 1549901, order_id: 'paykit-vector-1', order_desc: 'Test payment', currency: 'GEL', amount: 1000 };
const V1_SIGNATURE = '821c70a74389d77032b44df70c8cdd8b2d9d4696';
const V2_ORDER = {
  order_id: 'paykit-vector-2',
  merchant_id: 1549901,
  order_desc: 'Test payment',
  currency: 'GEL',
  amount: 100,
  subscription: 'Y',
  recurring_data: { every: 5, period: 'day', amount: 1000, state: 'Y', quantity: 100 },
};
const V2_DATA =
  'eyJvcmRlciI6eyJvcmRlcl9pZCI6InBheWtpdC12ZWN0b3ItMiIsIm1lcmNoYW50X2lkIjoxNTQ5OTAxLCJvcmRlcl9kZXNjIjoiVGVzdCBwYXltZW50IiwiY3VycmVuY3kiOiJHRUwiLCJhbW91bnQiOjEwMCwic3Vic2NyaXB0aW9uIjoiWSIsInJlY3VycmluZ19kYXRhIjp7ImV2ZXJ5Ijo1LCJwZXJpb2QiOiJkYXkiLCJhbW91bnQiOjEwMDAsInN0YXRlIjoiWSIsInF1YW50aXR5IjoxMDB9fX0=';
const V2_SIGNATURE = 'c14e26ab887465369eb0f1aac1b8085030aba281';

describe('flitt protocol 1.0 signature', () => {
  it('signs the test merchant vector: secret, then values of ASCII-sorted keys, joined by |', () => {
    expect(preimageV1(V1_PARAMS, 'test')).toBe('test|1000|GEL|1549901|Test payment|paykit-vector-1');
    expect(signV1(V1_PARAMS, 'test')).toBe(V1_SIGNATURE);
  });

  it('matches an independently computed SHA-1 of a hand-written pre-image, with UTF-8 text', () => {
    const params = { order_desc: 'Кава ☕', Zeta: 'upper sorts first', amount: '5', merchant_id: 42 };
    expect(signV1(params, 'sëcret')).toBe(sha1('sëcret|upper sorts first|5|42|Кава ☕'));
  });

  it('keeps 0 and "0" but drops empty strings, null, undefined, signature and response_signature_string', () => {
    const params = {
      a_zero: 0,
      b_zero_text: '0',
      c_empty: '',
      d_null: null,
      e_undefined: undefined,
      signature: 'old',
      response_signature_string: '**********|0|0',
    };
    expect(preimageV1(params, 'k')).toBe('k|0|0');
    expect(signV1(params, 'k')).toBe(sha1('k|0|0'));
  });

  it('verifies a signed object and detects a tampered value, an added key and a wrong secret', () => {
    const signed = { ...V1_PARAMS, signature: V1_SIGNATURE };
    expect(verifyV1(signed, 'test')).toBe(true);
    expect(verifyV1({ ...signed, signature: V1_SIGNATURE.toUpperCase() }, 'test')).toBe(true);
    expect(verifyV1({ ...signed, amount: 1001 }, 'test')).toBe(false);
    expect(verifyV1({ ...signed, extra_field: 'x' }, 'test')).toBe(false);
    expect(verifyV1(signed, 'other')).toBe(false);
    expect(verifyV1({ ...V1_PARAMS }, 'test')).toBe(false);
    expect(verifyV1({ ...signed, signature: 'short' }, 'test')).toBe(false);
  });

  it('refuses to sign a nested object, which only protocol 2.0 can carry', () => {
    expect(() => signV1({ recurring_data: { amount: 1 } }, 'test')).toThrow(/protocol 2\.0/);
    expect(verifyV1({ recurring_data: { amount: 1 }, signature: 'x' }, 'test')).toBe(false);
  });
});

describe('flitt protocol 2.0 signature', () => {
  it('encodes the test merchant vector as base64 of {order} signed with sha1(secret|data)', () => {
    expect(encodeV2(V2_ORDER, 'test')).toEqual({ version: '2.0', data: V2_DATA, signature: V2_SIGNATURE });
    expect(V2_SIGNATURE).toBe(sha1(`test|${V2_DATA}`));
  });

  it('round-trips: what encodeV2 produces verifies and decodes back to the order', () => {
    const envelope = encodeV2({ order_id: 'ü-1', amount: 0, note: null }, 's3cret');
    expect(verifyV2(envelope, 's3cret')).toBe(true);
    expect(decodeV2(envelope.data)).toEqual({ order: { order_id: 'ü-1', amount: 0, note: null } });
  });

  it('verifies against the exact data string, so a re-serialised or tampered data fails', () => {
    const reserialised = Buffer.from(JSON.stringify({ order: V2_ORDER }, null, 1)).toString('base64');
    expect(verifyV2({ data: reserialised, signature: V2_SIGNATURE }, 'test')).toBe(false);
    expect(verifyV2({ data: V2_DATA, signature: V2_SIGNATURE }, 'wrong')).toBe(false);
    expect(verifyV2({ data: undefined, signature: V2_SIGNATURE }, 'test')).toBe(false);
  });
});
