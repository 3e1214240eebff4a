import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWith, createPrice, type EmulatorHarness, startEmulator, stripeFor } from '../helpers/stripe.js';

// Stripe's published example objects, kept in ../shared beside the repository (never copied into code).
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const fixtures: Record<string, Record<string, unknown>> = JSON.parse(
  readFileSync(resolve(repoRoot, '../shared/reference/stripe-fixtures3.json'), 'utf8'),
).resources;

/** Keys of Stripe's examples the emulator leaves out, each for a stated reason. */
const NOT_MODELLED: Record<string, string[]> = {
  // A preview-only field that paykit never reads; the pinned SDK's types do not have it either.
  subscription: ['billing_schedules'],
};

let h: EmulatorHarness;
let objects: Record<string, object>;

beforeAll(async () => {
  h = await startEmulator();
  const s = h.stripe;
  const customer = await s.customers.create({ email: 'keys@example.org' });
  const product = await s.products.create({ name: 'Keys' });
  const price = await createPrice(s, 1000, { interval: 'month' });
  const oneTime = await createPrice(s, 1000);
  const sub = await s.checkout.sessions.create({ mode: 'subscription', customer: customer.id, line_items: [{ price: price.id }], success_url: 'https://a.example' });
  await completeWith(s, sub.id, '4242424242424242');
  const pay = await s.checkout.sessions.create({ mode: 'payment', customer: customer.id, line_items: [{ price: oneTime.id }], success_url: 'https://a.example' });
  await completeWith(s, pay.id, '4242424242424242');
  const session = await s.checkout.sessions.retrieve(sub.id);
  const payment = await s.checkout.sessions.retrieve(pay.id);
  const subscription = await s.subscriptions.retrieve(session.subscription as string);
  const invoice = (await s.invoices.list({ subscription: subscription.id })).data[0];
  const endpoint = await s.webhookEndpoints.create({ url: 'https://a.example/hook', enabled_events: ['*'] });
  const clock = await s.testHelpers.testClocks.create({ frozen_time: 1_800_000_000 });
  const portal = await s.billingPortal.sessions.create({ customer: customer.id });
  const event = (await s.events.list({ limit: 1 })).data[0];
  objects = {
    customer,
    product,
    price,
    'checkout.session': session,
    payment_intent: await s.paymentIntents.retrieve(payment.payment_intent as string),
    subscription,
    invoice: invoice ?? {},
    webhook_endpoint: endpoint,
    'test_helpers.test_clock': clock,
    'billing_portal.session': portal,
    event: event ?? {},
  };
});
afterAll(() => h.close());

describe('stripe emulator: object shapes against Stripe published examples', () => {
  for (const resource of [
    'customer', 'product', 'price', 'checkout.session', 'payment_intent', 'subscription', 'invoice',
    'webhook_endpoint', 'test_helpers.test_clock', 'billing_portal.session', 'event',
  ]) {
    it(`returns every key of Stripe's example ${resource}`, () => {
      const expected = Object.keys(fixtures[resource] ?? {}).filter((k) => !(NOT_MODELLED[resource] ?? []).includes(k));
      expect(expected.length).toBeGreaterThan(0);
      const actual = new Set(Object.keys(objects[resource] ?? {}).filter((k) => k !== 'lastResponse'));
      const missing = expected.filter((k) => !actual.has(k));
      expect(missing).toEqual([]);
      expect(Reflect.get(objects[resource] ?? {}, 'object')).toBe(fixtures[resource]?.object);
    });
  }

  it('returns every key of Stripe example subscription items, with the billing period on the item', () => {
    const item: Record<string, unknown> = Reflect.get(Reflect.get(objects.subscription ?? {}, 'items'), 'data')[0] ?? {};
    const missing = Object.keys(fixtures.subscription_item ?? {}).filter((k) => !(k in item));
    expect(missing).toEqual([]);
    expect(typeof item.current_period_end).toBe('number');
  });
});

describe('stripe emulator: persistence', () => {
  it('keeps its state in a file across restarts when asked to', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stripe-emu-')), 'state.json');
    const first = await startEmulator({ persistFile: file });
    const key = 'sk_test_persisted';
    const customer = await first.client(key).customers.create({ email: 'kept@example.org' });
    await first.close();
    const second = await startEmulator({ persistFile: file });
    const again = await stripeFor(second.emulator.url, key).customers.retrieve(customer.id);
    expect(again.id).toBe(customer.id);
    await second.close();
  });
});
