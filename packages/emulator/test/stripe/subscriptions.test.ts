import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWith, createPrice, type EmulatorHarness, startEmulator } from '../helpers/stripe.js';

let h: EmulatorHarness;
beforeAll(async () => {
  h = await startEmulator();
});
afterAll(() => h.close());

const urls = { success_url: 'https://app.example/ok', cancel_url: 'https://app.example/cancel' };
const JAN_31_2026 = Date.UTC(2026, 0, 31, 12, 0, 0) / 1000;

async function subscribeOnClock(stripe: Stripe, card: string, options: { trialDays?: number; frozen?: number } = {}) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: options.frozen ?? JAN_31_2026, name: 'renewals' });
  const customer = await stripe.customers.create({ email: 'sub@example.org', test_clock: clock.id });
  const price = await createPrice(stripe, 900, { interval: 'month' });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 1 }],
    ...(options.trialDays ? { subscription_data: { trial_period_days: options.trialDays } } : {}),
    ...urls,
  });
  await completeWith(stripe, session.id, card);
  const done = await stripe.checkout.sessions.retrieve(session.id);
  const subscription = await stripe.subscriptions.retrieve(done.subscription as string);
  return { clock, customer, price, session: done, subscription };
}

describe('stripe emulator: subscriptions, invoices and test clocks', () => {
  it('creates a subscription with its first paid invoice when a subscription checkout completes', async () => {
    const { session, subscription, customer } = await subscribeOnClock(h.stripe, '4242424242424242');
    expect(session.status).toBe('complete');
    expect(session.payment_status).toBe('paid');
    expect(subscription.id).toMatch(/^sub_/);
    expect(subscription.status).toBe('active');
    expect(subscription.customer).toBe(customer.id);
    const item = subscription.items.data[0];
    expect(item?.current_period_start).toBe(JAN_31_2026);
    // Calendar-correct months: 31 January + 1 month is the last day of February.
    expect(new Date((item?.current_period_end ?? 0) * 1000).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    const invoices = await h.stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data).toHaveLength(1);
    const invoice = invoices.data[0];
    expect(invoice?.status).toBe('paid');
    expect(invoice?.billing_reason).toBe('subscription_create');
    expect(invoice?.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice?.amount_paid).toBe(900);
    expect((await h.stripe.invoices.retrieve(invoice?.id as string)).id).toBe(invoice?.id);
  });

  it('creates the customer when a subscription checkout has only an email', async () => {
    const price = await createPrice(h.stripe, 500, { interval: 'month' });
    const session = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer_email: 'new-sub@example.org',
      line_items: [{ price: price.id, quantity: 1 }],
      ...urls,
    });
    await completeWith(h.stripe, session.id, '4242424242424242');
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    const customer = (await h.stripe.customers.retrieve(done.customer as string)) as Stripe.Customer;
    expect(customer.email).toBe('new-sub@example.org');
  });

  it('renews on a test clock advance: new cycle invoice, invoice.paid and customer.subscription.updated', async () => {
    const stripe = h.client('sk_test_renewal');
    const { clock, subscription } = await subscribeOnClock(stripe, '4242424242424242');
    const advanced = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_31_2026 + 40 * 86_400 });
    expect(advanced.status).toBe('ready');
    expect(advanced.frozen_time).toBe(JAN_31_2026 + 40 * 86_400);
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((i) => i.billing_reason)).toEqual(['subscription_cycle', 'subscription_create']);
    expect(invoices.data[0]?.status).toBe('paid');
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(new Date((renewed.items.data[0]?.current_period_end ?? 0) * 1000).toISOString()).toBe('2026-03-31T12:00:00.000Z');
    const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    expect(types).toContain('invoice.paid');
    expect(types).toContain('customer.subscription.updated');
  });

  it('marks a renewal charged to 4000000000000341 as failed and the subscription past_due', async () => {
    const stripe = h.client('sk_test_failed_renewal');
    const { clock, subscription } = await subscribeOnClock(stripe, '4000000000000341', { trialDays: 7 });
    expect(subscription.status).toBe('trialing');
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_31_2026 + 8 * 86_400 });
    const after = await stripe.subscriptions.retrieve(subscription.id);
    expect(after.status).toBe('past_due');
    const failed = await stripe.events.list({ type: 'invoice.payment_failed' });
    expect(failed.data).toHaveLength(1);
  });

  it('ends a subscription set to cancel at period end when the clock passes the period end', async () => {
    const stripe = h.client('sk_test_cancel_at_end');
    const { clock, subscription } = await subscribeOnClock(stripe, '4242424242424242');
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(updated.cancel_at_period_end).toBe(true);
    expect(updated.status).toBe('active');
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_31_2026 + 60 * 86_400 });
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended.status).toBe('canceled');
    const deleted = await stripe.events.list({ type: 'customer.subscription.deleted' });
    expect(deleted.data).toHaveLength(1);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it('ends a subscription at its fixed cancel_at, renewing every period that starts before it', async () => {
    const stripe = h.client('sk_test_cancel_at');
    const { clock, subscription } = await subscribeOnClock(stripe, '4242424242424242');
    const endsAt = JAN_31_2026 + 45 * 86_400;
    await expect(stripe.subscriptions.update(subscription.id, { cancel_at: JAN_31_2026 - 1 })).rejects.toMatchObject({ param: 'cancel_at' });
    await expect(stripe.subscriptions.update(subscription.id, { cancel_at: endsAt, cancel_at_period_end: true })).rejects.toMatchObject({
      param: 'cancel_at',
    });
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at: endsAt });
    expect(updated).toMatchObject({ cancel_at: endsAt, cancel_at_period_end: false, status: 'active' });

    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_31_2026 + 44 * 86_400 });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_31_2026 + 90 * 86_400 });
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: endsAt, cancel_at: endsAt, cancel_at_period_end: false });
    // The first invoice and the renewal of 28 February; none after the end.
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(2);
    const deleted = await stripe.events.list({ type: 'customer.subscription.deleted' });
    expect(deleted.data.map((e) => (e.data.object as Stripe.Subscription).id)).toEqual([subscription.id]);
  });

  it('clears a fixed end with an empty cancel_at, and a cancellation at period end replaces it', async () => {
    const stripe = h.client('sk_test_cancel_at_clear');
    const { subscription } = await subscribeOnClock(stripe, '4242424242424242');
    await stripe.subscriptions.update(subscription.id, { cancel_at: JAN_31_2026 + 45 * 86_400 });
    expect((await stripe.subscriptions.update(subscription.id, { cancel_at: '' })).cancel_at).toBeNull();
    await stripe.subscriptions.update(subscription.id, { cancel_at: JAN_31_2026 + 45 * 86_400 });
    const atPeriodEnd = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(atPeriodEnd).toMatchObject({ cancel_at_period_end: true, cancel_at: atPeriodEnd.items.data[0]?.current_period_end });
  });

  it('pauses collection, resumes it, and cancels at once', async () => {
    const stripe = h.client('sk_test_pause');
    const { subscription } = await subscribeOnClock(stripe, '4242424242424242');
    const paused = await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: 'void' } });
    expect(paused.pause_collection?.behavior).toBe('void');
    const resumed = await stripe.subscriptions.update(subscription.id, { pause_collection: '' });
    expect(resumed.pause_collection).toBeNull();
    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled.status).toBe('canceled');
    expect((await stripe.subscriptions.list({ customer: subscription.customer as string })).data).toHaveLength(0);
    expect((await stripe.subscriptions.list({ customer: subscription.customer as string, status: 'all' })).data).toHaveLength(1);
  });

  it('lists, retrieves and deletes test clocks', async () => {
    const stripe = h.client('sk_test_clocks');
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_31_2026 });
    expect(clock.id).toMatch(/^clock_/);
    expect((await stripe.testHelpers.testClocks.list()).data.map((c) => c.id)).toEqual([clock.id]);
    await expect(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: JAN_31_2026 - 1 })).rejects.toMatchObject({ statusCode: 400 });
    expect((await stripe.testHelpers.testClocks.del(clock.id)).deleted).toBe(true);
    await expect(stripe.testHelpers.testClocks.retrieve(clock.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('creates billing portal sessions for a customer', async () => {
    const customer = await h.stripe.customers.create({ email: 'portal@example.org' });
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://app.example/back' });
    expect(portal.id).toMatch(/^bps_/);
    expect(portal.object).toBe('billing_portal.session');
    expect(portal.url).toBe(`${h.emulator.url}/billing_portal/${portal.id}`);
    expect(portal.return_url).toBe('https://app.example/back');
    await expect(h.stripe.billingPortal.sessions.create({ customer: 'cus_missing' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'customer',
    });
  });
});
