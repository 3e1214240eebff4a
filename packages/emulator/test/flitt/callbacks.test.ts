import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlittEmulator } from '../../src/index.js';
import { admin, call1, call2, decode2, MERCHANT, newOrderId, sign1, sign2, startFlitt, startReceiver } from './helpers.js';

let flitt: FlittEmulator;
beforeAll(async () => {
  flitt = await startFlitt();
});
afterAll(() => flitt?.close());

async function paidOrder(callbackUrl: string, card: string, protocol: '1.0' | '2.0' = '1.0') {
  const params = { order_id: newOrderId(), order_desc: 'Callback test', currency: 'GEL', amount: 700, server_callback_url: callbackUrl };
  await (protocol === '1.0' ? call1 : call2)(flitt.url, 'checkout/url', params);
  await admin(flitt.url, `orders/${params.order_id}/pay`, { card });
  await flitt.callbacksIdle();
  return params.order_id;
}

describe('flitt emulator: callbacks', () => {
  it('posts a signed 1.0 order object as JSON to server_callback_url when the order is approved', async () => {
    const receiver = await startReceiver();
    const orderId = await paidOrder(`${receiver.url}/cb`, '4444555511116666');
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.headers['content-type']).toContain('application/json');
    const body = receiver.json()[0]!;
    expect(body).toMatchObject({ order_id: orderId, merchant_id: MERCHANT, order_status: 'approved', amount: '700' });
    expect(body.signature).toBe(sign1(body));
    expect(JSON.parse(String(body.additional_info))).toMatchObject({ payment_method: 'card' });
    await receiver.close();
  });

  it('sends a declined order its callback too', async () => {
    const receiver = await startReceiver();
    await paidOrder(`${receiver.url}/cb`, '4444111155556666');
    const body = receiver.json()[0]!;
    expect(body.order_status).toBe('declined');
    expect(body.rectoken).toBe('');
    expect(body.signature).toBe(sign1(body));
    await receiver.close();
  });

  it('sends a 2.0 order its callback as {version, data, signature} signed over data', async () => {
    const receiver = await startReceiver();
    const orderId = await paidOrder(`${receiver.url}/cb`, '4444555511116666', '2.0');
    const body = receiver.json()[0]!;
    expect(body.version).toBe('2.0');
    expect(body.signature).toBe(sign2(String(body.data)));
    expect(decode2(String(body.data)).order).toMatchObject({ order_id: orderId, order_status: 'approved' });
    await receiver.close();
  });

  it('retries a callback answered with HTTP 500 and stops once it gets 200', async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    const orderId = await paidOrder(`${receiver.url}/cb`, '4444555511116666');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]?.body).toBe(receiver.received[1]?.body);
    const attempts = flitt.context.callbacks.attempts.filter((a) => a.orderId === orderId);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    await receiver.close();
  });

  it('treats a redirect and a dropped connection as failures and gives up after the last delay', async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 302 : null));
    const orderId = await paidOrder(`${receiver.url}/cb`, '4444555511116666');
    // One attempt plus one retry per configured delay (three in these tests).
    expect(receiver.received).toHaveLength(4);
    const attempts = flitt.context.callbacks.attempts.filter((a) => a.orderId === orderId);
    expect(attempts[0]?.status).toBe(302);
    expect(attempts.slice(1).every((a) => a.status === null && a.error)).toBe(true);
    await receiver.close();
  });

  it('sends a callback when an order is reversed and when an unpaid order expires', async () => {
    const receiver = await startReceiver();
    const orderId = await paidOrder(`${receiver.url}/cb`, '4444555511116666');
    await call1(flitt.url, 'reverse/order_id', { order_id: orderId, amount: 700, currency: 'GEL' });
    const unpaid = { order_id: newOrderId(), order_desc: 'x', currency: 'GEL', amount: 1, server_callback_url: `${receiver.url}/cb` };
    await call1(flitt.url, 'checkout/url', unpaid);
    expect((await admin(flitt.url, `orders/${unpaid.order_id}/expire`, {})).body.order_status).toBe('expired');
    await flitt.callbacksIdle();
    expect(receiver.json().map((b) => b.order_status)).toEqual(['approved', 'reversed', 'expired']);
    await receiver.close();
  });
});
