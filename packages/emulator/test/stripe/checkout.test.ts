import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWith, createPrice, type EmulatorHarness, startEmulator } from '../helpers/stripe.js';

let h: EmulatorHarness;
beforeAll(async () => {
  h = await startEmulator();
});
afterAll(() => h.close());

const urls = { success_url: 'https://app.example/ok?session={CHECKOUT_SESSION_ID}', cancel_url: 'https://app.example/cancel' };

describe('stripe emulator: products, prices and checkout sessions', () => {
  it('creates one-time and recurring prices with their products', async () => {
    const oneTime = await createPrice(h.stripe, 1999);
    expect(oneTime.id).toMatch(/^price_/);
    expect(oneTime.type).toBe('one_time');
    expect(oneTime.recurring).toBeNull();
    const product = await h.stripe.products.retrieve(oneTime.product as string);
    expect(product.id).toMatch(/^prod_/);
    const monthly = await h.stripe.prices.create({
      currency: 'eur',
      unit_amount: 500,
      recurring: { interval: 'week', interval_count: 2 },
      product_data: { name: 'Fortnightly' },
    });
    expect(monthly.type).toBe('recurring');
    expect(monthly.recurring).toMatchObject({ interval: 'week', interval_count: 2 });
    const listed = await h.stripe.prices.list({ product: oneTime.product as string });
    expect(listed.data.map((p) => p.id)).toEqual([oneTime.id]);
  });

  it('creates a payment session with totals from the prices and a hosted URL', async () => {
    const a = await createPrice(h.stripe, 100);
    const b = await createPrice(h.stripe, 250);
    const customer = await h.stripe.customers.create({ email: 'buyer@example.org' });
    const session = await h.stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [
        { price: a.id, quantity: 1 },
        { price: b.id, quantity: 2 },
      ],
      metadata: { order: '42' },
      client_reference_id: 'ref-1',
      ...urls,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.status).toBe('open');
    expect(session.payment_status).toBe('unpaid');
    expect(session.amount_total).toBe(600);
    expect(session.currency).toBe('usd');
    expect(session.url).toBe(`${h.emulator.url}/checkout/pay/${session.id}`);
    expect(session.client_reference_id).toBe('ref-1');
    const items = await h.stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((i) => [i.price?.id, i.quantity, i.amount_total])).toEqual([
      [a.id, 1, 100],
      [b.id, 2, 500],
    ]);
    const expanded = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(expanded.line_items?.data).toHaveLength(2);
  });

  it('accepts both payment_method_types and allowed_payment_method_types', async () => {
    const price = await createPrice(h.stripe, 100);
    const viaOld = await h.stripe.rawRequest('POST', '/v1/checkout/sessions', {
      mode: 'payment',
      payment_method_types: ['card'],
      line_items: [{ price: price.id, quantity: 1 }],
      ...urls,
    });
    expect(viaOld).toMatchObject({ payment_method_types: ['card'] });
    const viaNew = await h.stripe.checkout.sessions.create({
      mode: 'payment',
      allowed_payment_method_types: ['card'],
      line_items: [{ price: price.id, quantity: 1 }],
      ...urls,
    });
    expect(viaNew.payment_method_types).toEqual(['card']);
  });

  it('completes a payment session with the success card and creates a payment intent', async () => {
    const price = await createPrice(h.stripe, 1500);
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id, quantity: 1 }], ...urls });
    await completeWith(h.stripe, session.id, '4242424242424242');
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(done.status).toBe('complete');
    expect(done.payment_status).toBe('paid');
    const pi = await h.stripe.paymentIntents.retrieve(done.payment_intent as string);
    expect(pi.status).toBe('succeeded');
    expect(pi.amount).toBe(1500);
    const events = await h.stripe.events.list({ type: 'checkout.session.completed' });
    expect(events.data.some((e) => (e.data.object as { id: string }).id === session.id)).toBe(true);
  });

  it('declines 4000000000000002 with a 402 card_error and leaves the session open', async () => {
    const price = await createPrice(h.stripe, 1500);
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id }], ...urls });
    await expect(completeWith(h.stripe, session.id, '4000000000000002')).rejects.toMatchObject({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    const failed = await h.stripe.events.list({ type: 'payment_intent.payment_failed' });
    expect(failed.data.length).toBeGreaterThan(0);
  });

  it('reports insufficient funds for 4000000000009995', async () => {
    const price = await createPrice(h.stripe, 1500);
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id }], ...urls });
    await expect(completeWith(h.stripe, session.id, '4000000000009995')).rejects.toMatchObject({ decline_code: 'insufficient_funds' });
  });

  it('expires a session on request and when its expires_at has passed', async () => {
    const price = await createPrice(h.stripe, 100);
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id }], ...urls });
    const expired = await h.stripe.checkout.sessions.expire(session.id);
    expect(expired.status).toBe('expired');
    expect(expired.url).toBeNull();
    await expect(h.stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });
    const events = await h.stripe.events.list({ type: 'checkout.session.expired' });
    expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(session.id);
  });

  it('lists sessions filtered by status', async () => {
    const stripe = h.client('sk_test_session_listing');
    const price = await createPrice(stripe, 100);
    const open = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id }], ...urls });
    const done = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id }], ...urls });
    await completeWith(stripe, done.id, '4242424242424242');
    expect((await stripe.checkout.sessions.list({ status: 'open' })).data.map((s) => s.id)).toEqual([open.id]);
    expect((await stripe.checkout.sessions.list({ status: 'complete' })).data.map((s) => s.id)).toEqual([done.id]);
  });

  it('refuses an unknown price, a missing mode and mismatched price types', async () => {
    const oneTime = await createPrice(h.stripe, 100);
    const monthly = await createPrice(h.stripe, 100, { interval: 'month' });
    await expect(
      h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_nope', quantity: 1 }], ...urls }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'line_items[0][price]' });
    await expect(h.stripe.rawRequest('POST', '/v1/checkout/sessions', { line_items: [{ price: oneTime.id }], ...urls })).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_missing',
      param: 'mode',
    });
    await expect(
      h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: monthly.id, quantity: 1 }], ...urls }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items[0][price]' });
    await expect(
      h.stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: oneTime.id, quantity: 1 }], ...urls }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items' });
  });

  it('answers 404 resource_missing for an unknown session', async () => {
    await expect(h.stripe.checkout.sessions.retrieve('cs_test_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      type: 'StripeInvalidRequestError',
    });
  });
});
