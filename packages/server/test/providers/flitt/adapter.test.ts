import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlittEmulator, type FlittEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlittProvider } from '../../../src/providers/flitt/adapter.js';
import { flittCustomerId } from '../../../src/providers/flitt/config.js';
import { encodeV2, signV1 } from '../../../src/providers/flitt/signature.js';
import type { CreateCheckoutInput, PaymentProvider } from '../../../src/providers/provider.js';

const APPROVE = '4444555511116666';
const DECLINE = '4444111155556666';
const MONTH = 31 * 86_400;

describe('flitt adapter against the emulator', () => {
  let flitt: FlittEmulator;
  let provider: PaymentProvider;
  let receiver: Server;
  let callbackUrl = '';
  const received: Buffer[] = [];
  let sequence = 0;

  beforeAll(async () => {
    flitt = createFlittEmulator({ port: 0, sweepIntervalMs: 0, callbackRetry: { delaysMs: [10, 20], timeoutMs: 5_000 } });
    await flitt.listen();
    provider = createFlittProvider({ merchantId: '1549901', secretKey: 'test', apiUrl: flitt.url });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(Buffer.concat(chunks));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`;
  });
  afterAll(async () => {
    await flitt?.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const input = (overrides: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput => ({
    mode: 'payment',
    lineItems: [
      { priceId: '1', quantity: 1, unitAmount: 100, currency: 'GEL', name: 'Premium plan' },
      { priceId: '2', quantity: 2, unitAmount: 250, currency: 'GEL', name: 'Gold plan' },
    ],
    reference: `chk_adapter_${Date.now()}_${++sequence}`,
    successUrl: 'http://paykit.test/v1/checkout/return?outcome=success',
    cancelUrl: 'http://paykit.test/v1/checkout/return?outcome=cancel',
    callbackUrl,
    idempotencyKey: 'k',
    passthrough: {},
    ...overrides,
  });

  const pay = (orderId: string, card: string) =>
    fetch(`${flitt.url}/emulator/orders/${orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ card }),
    });

  /** Pays an order and returns the raw callback body the emulator sent for it. */
  async function payAndCapture(orderId: string, card: string): Promise<Buffer> {
    const before = received.length;
    expect((await pay(orderId, card)).status).toBe(200);
    await flitt.callbacksIdle();
    const body = received.slice(before).find((b) => b.toString().includes(orderId) || b.toString().includes('"data"'));
    if (!body) throw new Error(`no callback for ${orderId}`);
    return body;
  }

  const parse = (rawBody: Buffer) => provider.parseWebhook({ rawBody, headers: {}, signingSecrets: [] });

  it('accepts the test merchant and its key', async () => {
    await expect(provider.verifyCredentials()).resolves.toBeUndefined();
  });

  it('reports a wrong secret key or an unknown merchant as provider_auth_failed with Flitt’s message', async () => {
    const wrongKey = createFlittProvider({ merchantId: '1549901', secretKey: 'not-the-key', apiUrl: flitt.url });
    await expect(wrongKey.verifyCredentials()).rejects.toMatchObject({ code: 'provider_auth_failed', message: expect.stringMatching(/signature/i) });
    const unknown = createFlittProvider({ merchantId: '999999', secretKey: 'test', apiUrl: flitt.url });
    await expect(unknown.verifyCredentials()).rejects.toMatchObject({ code: 'provider_auth_failed', message: expect.stringMatching(/merchant/i) });
  });

  it('derives one customer id per merchant and email, as Flitt keeps no customers', async () => {
    const { providerCustomerId } = await provider.createCustomer({ email: 'Ann@Example.org', idempotencyKey: 'x' });
    expect(providerCustomerId).toMatch(/^flc_[0-9a-f]{24}$/);
    expect(await provider.findCustomerByEmail('ann@example.org')).toBe(providerCustomerId);
    expect(providerCustomerId).not.toBe(flittCustomerId(42, 'ann@example.org'));
  });

  it('opens a hosted checkout for the sum of the line items', async () => {
    const checkout = input();
    const state = await provider.createCheckout(checkout);
    expect(state).toMatchObject({ providerSessionId: checkout.reference, status: 'open', paymentStatus: 'unpaid', amountTotal: 600, currency: 'GEL' });
    expect(state.url).toContain(`${flitt.url}/merchants/1549901/`);
    const order = await (await fetch(`${flitt.url}/emulator/orders/${checkout.reference}`)).json();
    expect(order).toMatchObject({ amount: '600', currency: 'GEL', order_status: 'created' });
    expect(JSON.parse(order.merchant_data)).toMatchObject({ paykit: checkout.reference });
  });

  it('refuses line items in two currencies', async () => {
    const mixed = input({
      lineItems: [
        { priceId: '1', quantity: 1, unitAmount: 100, currency: 'GEL', name: 'a' },
        { priceId: '3', quantity: 1, unitAmount: 300, currency: 'USD', name: 'b' },
      ],
    });
    await expect(provider.createCheckout(mixed)).rejects.toMatchObject({ code: 'provider_rejected' });
  });

  it('has no billing portal and no webhook registration', async () => {
    await expect(provider.createBillingPortal({ providerCustomerId: 'c', returnUrl: 'http://x' })).rejects.toMatchObject({ code: 'unsupported_option' });
    await expect(provider.registerWebhook({ url: 'http://x', events: [] })).rejects.toMatchObject({ code: 'unsupported_option' });
  });

  it('parses an approved 1.0 callback into a complete, paid checkout and reads the same from status', async () => {
    const checkout = input({ customerEmail: 'buyer@example.org' });
    await provider.createCheckout(checkout);
    const event = await parse(await payAndCapture(checkout.reference, APPROVE));
    expect(event).toMatchObject({
      type: 'flitt.order.approved',
      providerEventId: expect.stringMatching(new RegExp(`^${checkout.reference}:approved:\\d+$`)),
      providerCustomerId: flittCustomerId(1549901, 'buyer@example.org'),
      checkout: { providerSessionId: checkout.reference, status: 'complete', paymentStatus: 'paid', amountTotal: 600, currency: 'GEL' },
      subscription: null,
      charge: null,
    });
    expect(event.created).toBeGreaterThan(1_700_000_000);
    const retrieved = await provider.retrieveCheckout(checkout.reference);
    expect(retrieved).toMatchObject({ status: 'complete', paymentStatus: 'paid', version: event.checkout?.version });
  });

  it('reports a declined order as failed, never complete', async () => {
    const checkout = input();
    await provider.createCheckout(checkout);
    const event = await parse(await payAndCapture(checkout.reference, DECLINE));
    expect(event.checkout).toMatchObject({ status: 'failed', paymentStatus: 'failed' });
    expect(event.type).toBe('flitt.order.declined');
  });

  it('accepts a 1.0 callback posted as form fields and a 2.0 one wrapped in response', async () => {
    const order = {
      order_id: 'o_form',
      merchant_id: '1549901',
      amount: '100',
      currency: 'GEL',
      order_status: 'approved',
      response_status: 'success',
      payment_id: '77',
      order_time: '01.02.2030 10:00:00',
      merchant_data: JSON.stringify({ paykit: 'o_form', customer: 'flc_x' }),
    };
    const form = new URLSearchParams({ ...order, signature: signV1(order, 'test') }).toString();
    const fromForm = await parse(Buffer.from(form));
    expect(fromForm).toMatchObject({ created: Date.UTC(2030, 1, 1, 10) / 1000, providerCustomerId: 'flc_x', checkout: { status: 'complete' } });
    const wrapped = JSON.stringify({ response: encodeV2(order, 'test') });
    expect((await parse(Buffer.from(wrapped))).providerEventId).toBe('o_form:approved:77');
  });

  it('rejects a tampered callback of either protocol as invalid_signature', async () => {
    const order = { order_id: 'o_t', amount: '100', currency: 'GEL', order_status: 'approved', payment_id: 1 };
    const v1 = { ...order, signature: signV1(order, 'test') };
    await expect(parse(Buffer.from(JSON.stringify({ ...v1, amount: '1' })))).rejects.toMatchObject({ code: 'invalid_signature' });
    const v2 = encodeV2(order, 'test');
    const forged = { ...v2, data: encodeV2({ ...order, amount: '1' }, 'test').data };
    await expect(parse(Buffer.from(JSON.stringify(forged)))).rejects.toMatchObject({ code: 'invalid_signature' });
    await expect(parse(Buffer.from(JSON.stringify(encodeV2(order, 'other'))))).rejects.toMatchObject({ code: 'invalid_signature' });
    await expect(parse(Buffer.alloc(0))).rejects.toMatchObject({ code: 'invalid_signature' });
  });

  it('starts a subscription (2.0), parses its charges and stops and starts it', async () => {
    const checkout = input({
      mode: 'subscription',
      lineItems: [{ priceId: '9', quantity: 1, unitAmount: 900, currency: 'GEL', name: 'Monthly plan' }],
      providerCustomerId: 'flc_subscriber',
      recurringData: { amount: 900, period: 'month', every: 1, quantity: 3, state: 'Y' },
    });
    await provider.createCheckout(checkout);
    const first = await payAndCapture(checkout.reference, APPROVE);
    expect(JSON.parse(first.toString())).toMatchObject({ version: '2.0', data: expect.any(String) });
    const started = await parse(first);
    expect(started.checkout).toMatchObject({ status: 'complete', providerSubscriptionId: checkout.reference, lineItems: [{ priceId: '9' }] });
    expect(started.subscription).toMatchObject({ providerSubscriptionId: checkout.reference, status: 'active', providerCustomerId: 'flc_subscriber', priceId: '9' });

    const before = received.length;
    await flitt.clock.advance(MONTH);
    await flitt.callbacksIdle();
    // The same tick expires the unpaid orders of earlier tests: keep this subscription's charges.
    const events = await Promise.all(received.slice(before).map(parse));
    const charges = events.filter((e) => e.charge?.providerSubscriptionId === checkout.reference);
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({
      type: 'flitt.order.approved',
      checkout: null,
      providerCustomerId: 'flc_subscriber',
      charge: { providerSubscriptionId: checkout.reference, amount: 900, currency: 'GEL', status: 'succeeded' },
      subscription: { providerSubscriptionId: checkout.reference, status: 'active' },
    });
    expect(charges[0]?.created).toBeGreaterThan(started.created);

    expect(await provider.stopSubscription(checkout.reference)).toMatchObject({ status: 'stopped' });
    const whileStopped = received.length;
    await flitt.clock.advance(MONTH);
    await flitt.callbacksIdle();
    expect(received.length).toBe(whileStopped);
    const schedule = await (await fetch(`${flitt.url}/emulator/orders/${checkout.reference}/schedule`)).json();
    expect(schedule.past.map((c: { outcome: string }) => c.outcome)).toEqual(['charged', 'skipped']);
    expect(await provider.startSubscription(checkout.reference)).toMatchObject({ status: 'active' });
    expect(await provider.retrieveSubscription(checkout.reference)).toMatchObject({ status: 'active', priceId: '9' });
    expect(await provider.cancelSubscription(checkout.reference, { atPeriodEnd: false })).toMatchObject({ status: 'canceled' });
  });
});
