import { createFlittEmulator, type FlittEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlittClient, type FlittClient } from '../../../src/providers/flitt/client.js';
import { FlittError, FlittUnavailableError } from '../../../src/providers/flitt/errors.js';

let flitt: FlittEmulator;
let client: FlittClient;

beforeAll(async () => {
  flitt = createFlittEmulator({ port: 0, sweepIntervalMs: 0, now: () => Date.UTC(2030, 0, 15, 12, 0, 0) / 1000 });
  await flitt.listen();
  client = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: flitt.url });
});
afterAll(() => flitt?.close());

const orderId = (prefix = 'cl') => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
const checkout = (extra: Record<string, unknown> = {}) => ({
  order_id: orderId(),
  order_desc: 'Pro plan',
  currency: 'GEL',
  amount: 1500,
  ...extra,
});

async function pay(id: string, card = '4444555511116666') {
  const response = await fetch(`${flitt.url}/emulator/orders/${id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ card }),
  });
  expect(response.status).toBe(200);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('flitt client against the emulator', () => {
  it('opens a protocol 1.0 checkout and reads the created order back through status', async () => {
    const params = checkout();
    const answer = await client.checkoutUrl(params);
    expect(answer.checkout_url).toContain(`${flitt.url}/merchants/1549901/`);
    const order = await client.status(params.order_id);
    expect(order).toMatchObject({ order_id: params.order_id, order_status: 'created', amount: '1500', currency: 'GEL' });
  });

  it('sends recurring_data with protocol 2.0 and starts the subscription once paid', async () => {
    const params = checkout({
      subscription: 'Y' as const,
      recurring_data: { every: 1, period: 'month' as const, amount: 1500, quantity: 12 },
    });
    const answer = await client.checkoutUrl(params);
    expect(answer.checkout_url).toContain('token=');
    await pay(params.order_id);
    const order = await client.status(params.order_id);
    expect(order.order_status).toBe('approved');
    expect(order.rectoken).toMatch(/^[0-9a-f]{40}$/);
  });

  it('gets a checkout token', async () => {
    const answer = await client.checkoutToken(checkout());
    expect(answer.token).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reverses part of a paid order, then the rest', async () => {
    const params = checkout();
    await client.checkoutUrl(params);
    await pay(params.order_id);
    const partial = await client.reverse({ orderId: params.order_id, amount: 500, currency: 'GEL', reverseId: 'rev-1' });
    expect(partial).toMatchObject({ reverse_status: 'approved', reversal_amount: '500' });
    expect((await client.status(params.order_id)).order_status).toBe('approved');
    await client.reverse({ orderId: params.order_id, amount: 1000, currency: 'GEL' });
    expect(await client.status(params.order_id)).toMatchObject({ order_status: 'reversed', reversal_amount: '1500' });
  });

  it('charges a stored card through recurring with the rectoken of a paid order', async () => {
    const params = checkout();
    await client.checkoutUrl(params);
    await pay(params.order_id);
    const { rectoken } = await client.status(params.order_id);
    const charge = await client.recurring({ orderId: orderId('rec'), amount: 700, currency: 'GEL', rectoken: String(rectoken) });
    expect(charge).toMatchObject({ order_status: 'approved', amount: '700' });
  });

  it('stops and starts a subscription', async () => {
    const params = checkout({ subscription: 'Y' as const, recurring_data: { every: 7, period: 'day' as const, amount: 300, quantity: 4 } });
    await client.checkoutUrl(params);
    await pay(params.order_id);
    const stopped = await client.subscription({ orderId: params.order_id, action: 'stop' });
    expect(stopped).toMatchObject({ order_id: params.order_id, status: 'disabled' });
    expect((await client.subscription({ orderId: params.order_id, action: 'start' })).status).toBe('active');
  });

  it('throws FlittError 1014 when the secret key is wrong', async () => {
    const wrong = createFlittClient({ merchantId: 1549901, secretKey: 'not-test', baseUrl: flitt.url });
    const error = await rejection(wrong.checkoutUrl(checkout()));
    expect(error).toBeInstanceOf(FlittError);
    expect(error).toMatchObject({ errorCode: 1014, errorMessage: 'Invalid signature', requestId: expect.any(String) });
  });

  it('throws FlittError 1016 for an unknown merchant', async () => {
    const stranger = createFlittClient({ merchantId: 1, secretKey: 'test', baseUrl: flitt.url });
    expect(await rejection(stranger.status('x'))).toMatchObject({ errorCode: 1016 });
  });

  it('throws FlittError 1018 for an unknown order and 1013 for a duplicate order_id', async () => {
    expect(await rejection(client.status('no-such-order'))).toMatchObject({ errorCode: 1018 });
    const params = checkout();
    await client.checkoutUrl(params);
    const duplicate = await rejection(client.checkoutUrl(params));
    expect(duplicate).toBeInstanceOf(FlittError);
    expect(duplicate).toMatchObject({ errorCode: 1013 });
  });

  it('throws FlittUnavailableError on a refused connection, a non-200 answer and a timeout', async () => {
    const closed = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: 'http://127.0.0.1:9' });
    expect(await rejection(closed.status('x'))).toBeInstanceOf(FlittUnavailableError);
    const notFound = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: `${flitt.url}/nowhere` });
    expect(await rejection(notFound.status('x'))).toMatchObject({ name: 'FlittUnavailableError', statusCode: 404 });
    const slow = createFlittClient({
      merchantId: 1549901,
      secretKey: 'test',
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    const timeout = await rejection(slow.status('x'));
    expect(timeout).toBeInstanceOf(FlittUnavailableError);
    expect(String((timeout as Error).message)).toContain('timed out after 20 ms');
  });
});
