import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlittEmulator, type FlittEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlittClient, parseCallback } from '../../../src/providers/flitt/client.js';
import { FlittSignatureError } from '../../../src/providers/flitt/errors.js';
import { encodeV2, signV1 } from '../../../src/providers/flitt/signature.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('flitt callbacks', () => {
  it('accepts a 1.0 flat order signed over every key, unknown ones and additional_info included', () => {
    const order = {
      order_id: 'o1',
      merchant_id: 1549901,
      amount: '100',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
      reversal_amount: '0',
      additional_info: '{"card_type":"VISA"}',
      fee_oplata: '0',
      some_future_field: 'kept',
    };
    const body = { ...order, signature: signV1(order, 'test') };
    expect(parseCallback(body, 'test')).toEqual(body);
    expect(parseCallback(JSON.stringify(body), 'test').order_id).toBe('o1');
    expect(() => parseCallback({ ...body, some_future_field: 'changed' }, 'test')).toThrow(FlittSignatureError);
    expect(() => parseCallback(body, 'other')).toThrow(FlittSignatureError);
  });

  it('ignores response_signature_string when verifying, as Flitt test mode adds it', () => {
    const order = { order_id: 'o2', amount: '5', order_status: 'approved' };
    const body = { ...order, response_signature_string: '**********|5|o2|approved', signature: sha1('test|5|o2|approved') };
    expect(parseCallback(body, 'test').order_status).toBe('approved');
  });

  it('accepts a 2.0 callback bare or wrapped in response and returns the decoded order', () => {
    const envelope = encodeV2({ order_id: 'o3', order_status: 'declined', amount: '9' }, 'test');
    expect(parseCallback(envelope, 'test')).toEqual({ order_id: 'o3', order_status: 'declined', amount: '9' });
    expect(parseCallback({ response: envelope }, 'test').order_id).toBe('o3');
    expect(() => parseCallback({ ...envelope, signature: sha1('wrong') }, 'test')).toThrow(FlittSignatureError);
  });

  it('rejects a body that is not an object', () => {
    expect(() => parseCallback(42, 'test')).toThrow(FlittSignatureError);
  });
});

describe('flitt callbacks from the emulator', () => {
  let flitt: FlittEmulator;
  let server: ReturnType<typeof createServer>;
  const bodies: string[] = [];
  let callbackUrl = '';

  beforeAll(async () => {
    flitt = createFlittEmulator({ port: 0, sweepIntervalMs: 0, callbackRetry: { delaysMs: [10] } });
    await flitt.listen();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flitt`;
  });
  afterAll(async () => {
    await flitt?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies the callbacks the emulator sends in both protocols', async () => {
    const client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: flitt.url });
    const one = { order_id: `cb1_${Date.now()}`, order_desc: 'x', currency: 'GEL', amount: 100, server_callback_url: callbackUrl };
    const two = {
      ...one,
      order_id: `cb2_${Date.now()}`,
      subscription: 'Y' as const,
      recurring_data: { every: 1, period: 'week' as const, amount: 100, quantity: 2 },
    };
    await client.checkoutUrl(one);
    await client.checkoutUrl(two);
    for (const id of [one.order_id, two.order_id]) {
      await fetch(`${flitt.url}/emulator/orders/${id}/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ card: '4444555511116666' }),
      });
    }
    await flitt.callbacksIdle();
    const orders = bodies.map((body) => client.parseCallback(body));
    expect(orders.map((o) => [o.order_id, o.order_status]).sort()).toEqual([
      [one.order_id, 'approved'],
      [two.order_id, 'approved'],
    ]);
  });
});
