import { createServer } from 'node:net';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../src/index.js';
import { completeWith, createPrice, type EmulatorHarness, startEmulator, startReceiver } from '../helpers/stripe.js';

let h: EmulatorHarness;
beforeAll(async () => {
  h = await startEmulator();
});
afterAll(() => h.close());

async function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('stripe emulator: webhook endpoints, events and signed delivery', () => {
  it('signs exactly as Stripe does (published test vector)', () => {
    expect(signPayload('{"id":"evt_test_webhook","object":"event"}', 'whsec_test_secret', 1700000000)).toBe(
      't=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990',
    );
  });

  it('shows the signing secret on create only, and lists, updates and deletes endpoints', async () => {
    const stripe = h.client('sk_test_endpoints');
    const created = await stripe.webhookEndpoints.create({ url: 'https://app.example/hook', enabled_events: ['*'] });
    expect(created.id).toMatch(/^we_/);
    expect(created.secret).toMatch(/^whsec_/);
    const fetched = await stripe.webhookEndpoints.retrieve(created.id);
    expect(fetched.secret).toBeUndefined();
    expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([created.id]);
    const updated = await stripe.webhookEndpoints.update(created.id, { enabled_events: ['customer.created'], disabled: true });
    expect(updated.enabled_events).toEqual(['customer.created']);
    expect(updated.status).toBe('disabled');
    expect((await stripe.webhookEndpoints.del(created.id)).deleted).toBe(true);
    await expect(stripe.webhookEndpoints.create({ url: 'not a url', enabled_events: ['*'] })).rejects.toMatchObject({ statusCode: 400, param: 'url' });
  });

  it('delivers every event of a checkout, signed so that constructEvent accepts it', async () => {
    const stripe = h.client('sk_test_delivery');
    const receiver = await startReceiver();
    const endpoint = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['*'] });
    const price = await createPrice(stripe, 700);
    const customer = await stripe.customers.create({ email: 'hooked@example.org' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'https://app.example/ok',
    });
    await completeWith(stripe, session.id, '4242424242424242');
    await h.emulator.webhooksIdle();
    const events = receiver.received.map((r) =>
      stripe.webhooks.constructEvent(r.body, String(r.headers['stripe-signature']), endpoint.secret as string),
    );
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['customer.created', 'payment_intent.succeeded', 'charge.succeeded', 'checkout.session.completed']),
    );
    const completed = events.find((e) => e.type === 'checkout.session.completed') as Stripe.CheckoutSessionCompletedEvent;
    expect(completed.data.object.id).toBe(session.id);
    expect(completed.api_version).toBe('2026-10-28.endive');
    expect(() =>
      stripe.webhooks.constructEvent(receiver.received[0]?.body ?? '', String(receiver.received[0]?.headers['stripe-signature']), 'whsec_wrong'),
    ).toThrow();
    await receiver.close();
  });

  it('only delivers the event types an endpoint enabled', async () => {
    const stripe = h.client('sk_test_filtered');
    const receiver = await startReceiver();
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.updated'] });
    const c = await stripe.customers.create({ email: 'f@example.org' });
    await stripe.customers.update(c.id, { name: 'F' });
    await h.emulator.webhooksIdle();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['customer.updated']);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}').data.previous_attributes).toEqual({ name: null });
    await receiver.close();
  });

  it('retries a delivery after a receiver that first answers 500 twice', async () => {
    const stripe = h.client('sk_test_retry');
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
    await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['customer.created'] });
    await stripe.customers.create({ email: 'retry@example.org' });
    await h.emulator.webhooksIdle();
    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((r) => JSON.parse(r.body).id));
    expect(ids.size).toBe(1);
    await receiver.close();
  });

  it('retries after a refused connection and a dropped one, until the receiver is up', async () => {
    const stripe = h.client('sk_test_refused');
    const port = await unusedPort();
    await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/hook`, enabled_events: ['customer.created'] });
    await stripe.customers.create({ email: 'down@example.org' });
    await new Promise((r) => setTimeout(r, 60));
    const refused = h.emulator.context.delivery.attempts.filter((a) => a.url.includes(`:${port}/`));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.error).not.toBeNull();
    const dropping = await startReceiver((n) => (n === 1 ? null : 200));
    await stripe.webhookEndpoints.create({ url: dropping.url, enabled_events: ['customer.updated'] });
    const c = await stripe.customers.create({ email: 'drop@example.org' });
    await stripe.customers.update(c.id, { name: 'D' });
    await new Promise((r) => setTimeout(r, 300));
    expect(dropping.received.length).toBeGreaterThanOrEqual(2);
    await dropping.close();
  });

  it('lists events by type, by several types and by created range, and retrieves one', async () => {
    const stripe = h.client('sk_test_events');
    const c = await stripe.customers.create({ email: 'e@example.org' });
    await stripe.customers.update(c.id, { name: 'E' });
    const created = await stripe.events.list({ type: 'customer.created' });
    expect(created.data.map((e) => e.type)).toEqual(['customer.created']);
    const both = await stripe.events.list({ types: ['customer.created', 'customer.updated'] });
    expect(both.data).toHaveLength(2);
    const wildcard = await stripe.events.list({ type: 'customer.*' });
    expect(wildcard.data).toHaveLength(2);
    const future = await stripe.events.list({ created: { gte: Math.floor(Date.now() / 1000) + 3600 } });
    expect(future.data).toHaveLength(0);
    const one = await stripe.events.retrieve(created.data[0]?.id as string);
    expect(one.id).toBe(created.data[0]?.id);
    expect(one.object).toBe('event');
    const paged = await stripe.events.list({ limit: 1, starting_after: both.data[0]?.id });
    expect(paged.data[0]?.id).toBe(both.data[1]?.id);
  });
});
