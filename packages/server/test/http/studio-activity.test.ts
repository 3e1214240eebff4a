import { createPayments } from '@paykit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { nodeBuyer } from '../sdk/buyer.js';

const EXTRA_SECRET = 'whsec_console_feed_secret';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Studio console API, customers, events feed and dashboard`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    let webhookPath: string;
    let paid: { customerId: string; subscriptionId: string };
    const studio = (path: string, query?: Record<string, string | number>) =>
      h.call('GET', `/v1/studio/apps/${h.tenant.appId}${path}`, { token: h.tenant.studioToken, query });
    const sdk = (action: { card?: string; cancel?: boolean } = {}) =>
      createPayments({ baseUrl: h.url, appId: h.tenant.appId, appKey: h.tenant.appKey, openUrl: nodeBuyer(action).openUrl, pollIntervalMs: 50 });

    beforeAll(async () => {
      h = await startHarness(dialect, { retrieveAfterMs: 200 });
      catalogue = await h.configure();
      webhookPath = new URL(catalogue.webhookUrl).pathname;
      // A second secret (the registered one keeps verifying) so the test can sign deliveries of its own.
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: EXTRA_SECRET } });

      const buyer = await sdk().Customers.create({ email: 'Buyer@Example.org' });
      await sdk().Checkout.create({ customer: buyer.id, line_items: [{ price: catalogue.premium.id, quantity: 1 }] });
      await expect(sdk({ cancel: true }).Checkout.create({ customer: buyer.id, line_items: [{ price: catalogue.gold.id, quantity: 1 }] })).rejects.toMatchObject({
        code: 'checkout_canceled',
      });
      const subscribed = await sdk().Subscriptions.create({ customer: buyer.id, priceId: catalogue.monthly.id });
      const subscriptionId = (subscribed.transactionDetails as { subscription: string }).subscription;
      await eventually(async () => {
        const s = await h.call('GET', `/v1/apps/${h.tenant.appId}/payments/subscriptions/${subscriptionId}`, { token: h.tenant.studioToken });
        return s.body.status === 'active' && s.body.charges.length === 1;
      });
      await sdk().Customers.create({ email: 'other_person@example.org' });
      await h.emulator.webhooksIdle();
      paid = { customerId: buyer.id, subscriptionId };
    });
    afterAll(() => h?.close());

    it('searches customers by a part of the email, case-insensitively, with limit and offset', async () => {
      const byPart = await studio('/customers', { email: 'BUYER@' });
      expect(byPart.status).toBe(200);
      expect(byPart.body.customers).toEqual([{ id: paid.customerId, email: 'buyer@example.org', provider: 'stripe', createdAt: expect.any(String) }]);
      const all = await studio('/customers');
      expect(all.body.customers.map((c: { email: string }) => c.email).sort()).toEqual(['buyer@example.org', 'other_person@example.org']);
      const firstPage = await studio('/customers', { limit: 1, offset: 0 });
      const secondPage = await studio('/customers', { limit: 1, offset: 1 });
      expect([...firstPage.body.customers, ...secondPage.body.customers].map((c: { id: string }) => c.id).sort()).toEqual(
        all.body.customers.map((c: { id: string }) => c.id).sort(),
      );
    });

    it('treats LIKE wildcards in the search as plain text', async () => {
      expect((await studio('/customers', { email: '%' })).body.customers).toEqual([]);
      expect((await studio('/customers', { email: 'r_p' })).body.customers.map((c: { email: string }) => c.email)).toEqual(['other_person@example.org']);
      expect((await studio('/customers', { email: 'r_' })).body.customers.map((c: { email: string }) => c.email)).toEqual(['other_person@example.org']);
    });

    it('refuses a page size above the maximum with validation_failed', async () => {
      const response = await studio('/customers', { limit: 1000 });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    });

    it("shows a customer's checkouts (completed and canceled) and subscriptions; an unknown customer is a 404", async () => {
      const detail = await studio(`/customers/${paid.customerId}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: paid.customerId, email: 'buyer@example.org' });
      const statuses = detail.body.checkouts.map((c: { status: string; mode: string }) => `${c.mode}:${c.status}`).sort();
      expect(statuses).toEqual(['payment:canceled', 'payment:complete', 'subscription:complete']);
      expect(detail.body.subscriptions).toEqual([expect.objectContaining({ id: paid.subscriptionId, status: 'active', nextChargeAt: expect.any(String) })]);
      const missing = await studio('/customers/cus_missing');
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('not_found');
    });

    it('feeds stored events with their outcome, newest first, and the app shows when the last one arrived', async () => {
      const feed = await studio('/events');
      expect(feed.status).toBe(200);
      const completed = feed.body.events.filter((e: { type: string }) => e.type === 'checkout.session.completed');
      expect(completed.length).toBe(2);
      expect(completed[0]).toMatchObject({ provider: 'stripe', outcome: 'applied', customer: paid.customerId, eventId: expect.stringMatching(/^evt_/) });
      const times = feed.body.events.map((e: { receivedAt: string }) => Date.parse(e.receivedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(JSON.stringify(feed.body)).not.toContain('"payload"');
      const app = await studio('');
      expect(Date.parse(app.body.lastEventAt)).toBe(Math.max(...times));
      expect((await studio('/events', { limit: 2 })).body.events).toHaveLength(2);
    });

    it('notes a duplicate delivery as duplicate and a badly signed one as rejected with the reason, keeping no payload', async () => {
      const event = JSON.stringify({ id: 'evt_console_dup', object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_console_x', object: 'customer' } } });
      const signature = () => h.stripe.webhooks.generateTestHeaderString({ payload: event, secret: EXTRA_SECRET });
      const post = (headers: Record<string, string>, body = event) => h.call('POST', webhookPath, { body, headers: { 'content-type': 'application/json', ...headers } });
      expect((await post({ 'stripe-signature': signature() })).body.duplicate).toBe(false);
      expect((await post({ 'stripe-signature': signature() })).body.duplicate).toBe(true);
      const secretMarker = 'card_4242_marker_in_body';
      expect((await post({ 'stripe-signature': 't=1,v1=deadbeef' }, event.replace('cus_console_x', secretMarker))).status).toBe(400);
      // An unknown endpoint token belongs to no app: nothing to show, nothing stored.
      expect((await h.call('POST', '/v1/billing/apps/webhook/whk_nobody', { body: event, headers: { 'content-type': 'application/json', 'stripe-signature': signature() } })).status).toBe(404);

      const feed = (await studio('/events')).body.events as Array<Record<string, unknown>>;
      const [rejected, duplicate] = feed.filter((e) => e.outcome === 'rejected' || e.outcome === 'duplicate');
      expect(rejected).toMatchObject({ outcome: 'rejected', code: 'invalid_signature', reason: expect.any(String), provider: 'stripe', eventId: null });
      expect(duplicate).toMatchObject({ outcome: 'duplicate', eventId: 'evt_console_dup' });
      expect(feed.filter((e) => e.eventId === 'evt_console_dup').map((e) => e.outcome).sort()).toEqual(['duplicate', 'recorded']);
      const receipts = await h.db.database.db.selectFrom('webhook_receipt').selectAll().execute();
      expect(receipts).toHaveLength(2);
      expect(JSON.stringify(receipts)).not.toContain(secretMarker);
      expect(JSON.stringify(receipts)).not.toContain('deadbeef');
    });

    it('sums revenue per day without counting a subscription twice, counts checkouts by status and active subscriptions', async () => {
      const board = await studio('/dashboard', { days: 7 });
      expect(board.status).toBe(200);
      expect(board.body.days).toHaveLength(7);
      expect(board.body.days.at(-1)).toBe(new Date().toISOString().slice(0, 10));
      // 1.00 one-off + 9.00 first month (its invoice charge; the subscription checkout is not added again).
      expect(board.body.revenue).toEqual({ USD: [0, 0, 0, 0, 0, 0, 1000] });
      expect(board.body.checkouts).toEqual({ complete: 2, canceled: 1, expired: 0, open: 0 });
      expect(board.body.activeSubscriptions.at(-1)).toBe(1);

      const canceled = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/subscriptions/${paid.subscriptionId}/cancel`, { token: h.tenant.studioToken, body: {} });
      expect(canceled.body.status).toBe('canceled');
      // The cancellation's own webhook lands before the test ends.
      await h.emulator.webhooksIdle();
      expect((await studio('/dashboard', { days: 7 })).body.activeSubscriptions.at(-1)).toBe(0);
      expect((await studio('/dashboard', { days: 0 })).status).toBe(400);
    });
  });
}
