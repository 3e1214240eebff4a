import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlittEmulator } from '../../src/index.js';
import { admin, call1, call2, decode2, encode2, MERCHANT, newOrderId, sign1, sign2, startFlitt } from './helpers.js';

let flitt: FlittEmulator;
beforeAll(async () => {
  flitt = await startFlitt();
});
afterAll(() => flitt?.close());

const checkout = (overrides: Record<string, unknown> = {}) => ({
  order_id: newOrderId(),
  order_desc: 'Test payment',
  currency: 'GEL',
  amount: 1000,
  ...overrides,
});

/** Flat form fields as a browser form would post them, signed. */
function formFields(params: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = { merchant_id: String(MERCHANT) };
  for (const [key, value] of Object.entries(params)) fields[key] = String(value);
  return { ...fields, signature: sign1(fields) };
}

describe('flitt emulator: API requests', () => {
  it('opens a checkout with protocol 1.0 and answers the checkout_url and payment_id', async () => {
    const answer = await call1(flitt.url, 'checkout/url', checkout());
    expect(answer.response_status).toBe('success');
    expect(answer.checkout_url).toMatch(new RegExp(`^${flitt.url}/merchants/${MERCHANT}/default/index.html\\?token=`));
    expect(typeof answer.payment_id).toBe('number');
  });

  it('accepts a trailing slash on every API path', async () => {
    const answer = await call1(flitt.url, 'checkout/token/', checkout());
    expect(answer.token).toMatch(/^[0-9a-f]{40}$/);
  });

  it('accepts the malformed "Content-type: application/json" header the official SDK sends', async () => {
    const request: Record<string, unknown> = { merchant_id: MERCHANT, ...checkout() };
    request.signature = sign1(request);
    const response = await fetch(`${flitt.url}/api/checkout/url`, {
      method: 'POST',
      headers: { 'Content-Type': 'Content-type: application/json' },
      body: JSON.stringify({ request }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response: Record<string, unknown> };
    expect(body.response.response_status).toBe('success');
  });

  it('accepts form fields without the request wrapper and answers in form fields', async () => {
    const fields = formFields(checkout({ amount: '250' }));
    const response = await fetch(`${flitt.url}/api/checkout/url`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(response.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    const answer = new URLSearchParams(await response.text());
    expect(answer.get('response_status')).toBe('success');
    expect(answer.get('checkout_url')).toContain('/default/index.html?token=');
  });

  it('accepts a protocol 2.0 request as form fields version, data and signature', async () => {
    const data = encode2({ merchant_id: MERCHANT, ...checkout() });
    const response = await fetch(`${flitt.url}/api/checkout/url/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ version: '2.0', data, signature: sign2(data) }).toString(),
    });
    const answer = new URLSearchParams(await response.text());
    expect(answer.get('signature')).toBe(sign2(answer.get('data') ?? ''));
    expect(decode2(answer.get('data') ?? '').order.response_status).toBe('success');
  });

  it('sends a form POST to checkout/redirect on to the hosted page with a 302', async () => {
    const fields = formFields(checkout({ amount: '300' }));
    const response = await fetch(`${flitt.url}/api/checkout/redirect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/default/index.html?token=');
  });

  it('answers a wrong signature with error 1014, flat, with HTTP 200 and a request_id', async () => {
    const answer = await call1(flitt.url, 'checkout/url', checkout(), 'not-the-key');
    expect(answer).toMatchObject({ error_code: 1014, error_message: 'Invalid signature', response_status: 'failure' });
    expect(answer.request_id).toEqual(expect.any(String));
  });

  it('answers an unknown merchant with 1016 and knows a merchant once added through the admin endpoint', async () => {
    const params = { ...checkout(), merchant_id: 777001 };
    expect((await call1(flitt.url, 'checkout/url', params, 'k777')).error_code).toBe(1016);
    expect((await admin(flitt.url, 'merchants', { merchant_id: 777001, secret_key: 'k777' })).status).toBe(201);
    expect((await call1(flitt.url, 'checkout/url', { ...params, order_id: newOrderId() }, 'k777')).response_status).toBe('success');
  });

  it('tells a missing (1011), empty (1009) and incorrect (1007) parameter apart', async () => {
    const { order_desc: _dropped, ...withoutDesc } = checkout();
    expect((await call1(flitt.url, 'checkout/url', withoutDesc)).error_code).toBe(1011);
    expect((await call1(flitt.url, 'checkout/url', { ...checkout(), order_id: '' })).error_code).toBe(1009);
    expect((await call1(flitt.url, 'checkout/url', checkout({ amount: '10.50' }))).error_code).toBe(1007);
    expect((await call1(flitt.url, 'checkout/url', checkout({ currency: 'lari' }))).error_code).toBe(1007);
  });

  it('refuses a second order with the same order_id with 1013', async () => {
    const params = checkout();
    await call1(flitt.url, 'checkout/url', params);
    expect((await call1(flitt.url, 'checkout/url', params)).error_code).toBe(1013);
  });

  it('answers the status of an unknown order with 1018', async () => {
    expect((await call1(flitt.url, 'status/order_id', { order_id: 'nope' })).error_code).toBe(1018);
  });

  it('answers status with the full signed order object, order_time as DD.MM.YYYY hh:mm:ss', async () => {
    const params = checkout();
    await call1(flitt.url, 'checkout/url', params);
    const order = await call1(flitt.url, 'status/order_id', { order_id: params.order_id });
    expect(order).toMatchObject({ order_id: params.order_id, merchant_id: MERCHANT, amount: '1000', currency: 'GEL', order_status: 'created' });
    expect(order.order_time).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(order.signature).toBe(sign1(order));
    expect(String(order.response_signature_string)).toMatch(/^\*{10}\|/);
  });

  it('approves a paid order with a rectoken, reverses it partially then fully', async () => {
    const params = checkout();
    await call1(flitt.url, 'checkout/url', params);
    const paid = await admin(flitt.url, `orders/${params.order_id}/pay`, { card: '4444555511116666' });
    expect(paid.body).toMatchObject({ order_status: 'approved', masked_card: '444455XXXXXX6666' });
    expect(paid.body.rectoken).toMatch(/^[0-9a-f]{40}$/);
    const partial = await call1(flitt.url, 'reverse/order_id', { order_id: params.order_id, amount: 400, currency: 'GEL', reverse_id: 'r1' });
    expect(partial).toMatchObject({ reverse_status: 'approved', reversal_amount: '400' });
    const again = await call1(flitt.url, 'reverse/order_id', { order_id: params.order_id, amount: 400, currency: 'GEL', reverse_id: 'r1' });
    expect(again.transaction_id).toBe(partial.transaction_id);
    let order = await call1(flitt.url, 'status/order_id', { order_id: params.order_id });
    expect(order).toMatchObject({ order_status: 'approved', reversal_amount: '400' });
    await call1(flitt.url, 'reverse/order_id', { order_id: params.order_id, amount: 600, currency: 'GEL' });
    order = await call1(flitt.url, 'status/order_id', { order_id: params.order_id });
    expect(order).toMatchObject({ order_status: 'reversed', reversal_amount: '1000' });
    const tooMuch = await call1(flitt.url, 'reverse/order_id', { order_id: params.order_id, amount: 1, currency: 'GEL' });
    expect(tooMuch.error_code).toBe(1007);
  });

  it('charges a stored card through recurring with a new order_id', async () => {
    const params = checkout();
    await call1(flitt.url, 'checkout/url', params);
    const paid = await admin(flitt.url, `orders/${params.order_id}/pay`, { card: '4444555566661111' });
    const orderId = newOrderId('rec');
    const order = await call1(flitt.url, 'recurring', { order_id: orderId, amount: 500, currency: 'GEL', rectoken: paid.body.rectoken });
    expect(order).toMatchObject({ order_id: orderId, order_status: 'approved', amount: '500', rectoken: paid.body.rectoken });
    expect(order.signature).toBe(sign1(order));
  });

  it('validates recurring_data sent with protocol 2.0 as Flitt documents it', async () => {
    const recurring = { every: 1, period: 'month', amount: 1000, quantity: 12 };
    const ok = await call2(flitt.url, 'checkout/url', checkout({ subscription: 'Y', recurring_data: recurring }));
    expect(ok.checkout_url).toEqual(expect.any(String));
    const bad = async (recurringData: Record<string, unknown>) =>
      (await call2(flitt.url, 'checkout/url', checkout({ subscription: 'Y', recurring_data: recurringData }))).error_code;
    expect(await bad({ ...recurring, period: 'year' })).toBe(1007);
    expect(await bad({ ...recurring, amount: 1234567890123 })).toBe(1007);
    expect(await bad({ ...recurring, every: 1.5 })).toBe(1007);
    expect(await bad({ every: 1, period: 'day', amount: 100 })).toBe(1011);
    expect(await bad({ ...recurring, trial_period: 'day' })).toBe(1011);
    expect(await bad({ ...recurring, state: 'maybe' })).toBe(1007);
    expect(await bad({ ...recurring, quantity: undefined, end_time: '2031-02-30' })).toBe(1007);
    expect(await bad({ ...recurring, state: 'shown_readonly', quantity: undefined, end_time: '2031-01-01 10:00:00' })).toBeUndefined();
  });

  it('answers a 2.0 request with a signed 2.0 envelope and a 2.0 error flat', async () => {
    const answer = await call2(flitt.url, 'checkout/url', checkout());
    expect(answer.response_status).toBe('success');
    const failure = await call2(flitt.url, 'checkout/url', checkout(), 'wrong');
    expect(failure).toMatchObject({ error_code: 1014, response_status: 'failure' });
  });
});
