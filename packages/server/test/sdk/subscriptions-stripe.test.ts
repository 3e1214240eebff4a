import { createPayments } from '@paykit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { nodeBuyer } from './buyer.js';

const DAY = 86_400;

for (const dialect of DIALECTS) {
  describe(`${dialect}: a Stripe subscription's life through the SDK and the emulator's test clock`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    const payments = (card?: string) =>
      createPayments({ baseUrl: h.url, appId: h.tenant.appId, appKey: h.tenant.appKey, openUrl: nodeBuyer({ card }).openUrl, pollIntervalMs: 50 });

    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure();
    });
    afterAll(() => h.close());

    async function subscribedCustomer(email: string, card = '4242424242424242', trial?: number) {
      const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
      await h.stripe.customers.create({ email, test_clock: clock.id });
      const sdk = payments(card);
      const customer = await sdk.Customers.create({ email });
      const result = await sdk.Subscriptions.create({ customer: customer.id, priceId: catalogue.monthly.id, ...(trial ? { trial_period_days: trial } : {}) });
      const subscriptionId = (result.transactionDetails as { subscription: string }).subscription;
      return { sdk, customer, clock, subscriptionId };
    }

    it('charges monthly on the test clock, records each charge in one shape, and stops, starts and cancels', async () => {
      const { sdk, customer, clock, subscriptionId } = await subscribedCustomer('life@example.org');
      expect(subscriptionId).toMatch(/^sub_/);
      const active = await eventually(async () => {
        const s = await sdk.Subscriptions.get(subscriptionId, { customer: customer.id });
        return s.status === 'active' && s.charges.length === 1 && s;
      });
      expect(active).toMatchObject({ customer: customer.id, priceId: catalogue.monthly.id, cancelAtPeriodEnd: false });
      expect(active.schedule.upcoming).toEqual([active.currentPeriodEnd]);
      expect(active.charges[0]).toMatchObject({ amount: 900, currency: 'usd', status: 'succeeded' });

      await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 32 * DAY });
      const renewed = await eventually(async () => {
        const s = await sdk.Subscriptions.get(subscriptionId, { customer: customer.id });
        return s.charges.length === 2 && s;
      });
      expect(renewed.schedule.past).toHaveLength(2);
      const logs = await sdk.Customers.getLogs({ customer: customer.id, where: { type: 'invoice.paid' } });
      expect(logs).toHaveLength(2);
      expect(logs[0]).toMatchObject({ charge: { subscription: subscriptionId, amount: 900, currency: 'usd', status: 'succeeded' } });

      expect((await sdk.Subscriptions.stop(subscriptionId, { customer: customer.id })).status).toBe('stopped');
      const listed = await sdk.Subscriptions.list({ customer: customer.id, status: 'stopped' });
      expect(listed.map((s) => s.id)).toEqual([subscriptionId]);
      expect((await sdk.Subscriptions.start(subscriptionId, { customer: customer.id })).status).toBe('active');
      const atEnd = await sdk.Subscriptions.cancel(subscriptionId, { customer: customer.id, atPeriodEnd: true });
      expect(atEnd).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, schedule: { upcoming: [] } });
      const canceled = await sdk.Subscriptions.cancel(subscriptionId, { customer: customer.id });
      expect(canceled.status).toBe('canceled');
      await eventually(async () => (await h.stripe.subscriptions.retrieve(subscriptionId)).status === 'canceled');
    });

    it('records a declined charge after the trial as a failed charge and the subscription as past_due', async () => {
      // 4000000000000341 attaches (the trial's first invoice is zero) but every later charge fails.
      const { sdk, customer, clock, subscriptionId } = await subscribedCustomer('declines@example.org', '4000000000000341', 7);
      await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 8 * DAY });
      const pastDue = await eventually(async () => {
        const s = await sdk.Subscriptions.get(subscriptionId, { customer: customer.id });
        return s.status === 'past_due' && s.charges.some((c) => c.status === 'failed') && s;
      });
      expect(pastDue.charges.find((c) => c.status === 'failed')).toMatchObject({ amount: 900, currency: 'usd' });
    });

    it('ends (not canceled) when the test clock passes the fixed end set on the subscription (cancel_at)', async () => {
      const { sdk, customer, clock, subscriptionId } = await subscribedCustomer('fixed-end@example.org');
      await eventually(async () => (await sdk.Subscriptions.get(subscriptionId, { customer: customer.id })).status === 'active');
      // A fixed-term plan: the merchant sets the end at Stripe (dashboard or API), 45 days in.
      const endsAt = clock.frozen_time + 45 * DAY;
      await h.stripe.subscriptions.update(subscriptionId, { cancel_at: endsAt });

      await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 32 * DAY });
      const renewed = await eventually(async () => {
        const s = await sdk.Subscriptions.get(subscriptionId, { customer: customer.id });
        return s.charges.length === 2 && s;
      });
      expect(renewed).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });

      await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 50 * DAY });
      const ended = await eventually(async () => {
        const s = await sdk.Subscriptions.get(subscriptionId, { customer: customer.id });
        return s.status === 'ended' && s;
      });
      expect(ended).toMatchObject({ nextChargeAt: null, schedule: { upcoming: [] } });
      expect(ended.charges).toHaveLength(2);
      const atStripe = await h.stripe.subscriptions.retrieve(subscriptionId);
      expect(atStripe).toMatchObject({ status: 'canceled', ended_at: endsAt, cancel_at: endsAt });
      expect((await sdk.Subscriptions.list({ customer: customer.id, status: 'ended' })).map((s) => s.id)).toEqual([subscriptionId]);
    });

    it('starts in trial when asked for trial days', async () => {
      const { sdk, customer, subscriptionId } = await subscribedCustomer('trial@example.org', undefined, 7);
      const trialing = await eventually(async () => {
        const s = await sdk.Subscriptions.get(subscriptionId, { customer: customer.id });
        return s.status === 'trialing' && s;
      });
      expect(trialing.currentPeriodEnd).not.toBeNull();
    });

    it("keeps subscriptions to their customer: another customer's token gets 403, the app key cannot list", async () => {
      const { customer, subscriptionId } = await subscribedCustomer('owner@example.org');
      const other = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers`, { token: h.tenant.appKey, body: { email: 'other@example.org' } });
      const base = `/v1/apps/${h.tenant.appId}/payments/subscriptions`;
      expect((await h.call('GET', `${base}/${subscriptionId}`, { token: other.body.token })).status).toBe(403);
      expect((await h.call('POST', `${base}/${subscriptionId}/cancel`, { token: other.body.token, body: {} })).status).toBe(403);
      expect((await h.call('GET', base, { token: h.tenant.appKey, query: { customer: customer.id } })).status).toBe(403);
      expect((await h.call('GET', `${base}/${subscriptionId}`, { token: h.tenant.studioToken })).status).toBe(200);
      expect((await h.call('GET', `${base}/sub_missing`, { token: h.tenant.studioToken })).status).toBe(404);
      const withSchedule = await h.call('POST', base, {
        token: h.tenant.appKey,
        body: { customer: customer.id, priceId: catalogue.monthly.id, recurring_data: { period: 'month', every: 1, quantity: 3 } },
      });
      expect(withSchedule.status).toBe(400);
      expect(withSchedule.body.error.code).toBe('unsupported_option');
    });
  });
}
