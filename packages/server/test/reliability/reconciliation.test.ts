import { randomBytes } from 'node:crypto';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileAll } from '../../src/payments/reconciliation/reconcile.js';
import { freePort, runPaykit } from '../helpers/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { FLITT_CARDS, type FlittCatalogue, type FlittHarness, startFlittHarness } from '../helpers/flitt-harness.js';
import { type Catalogue, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { crashAll, spawnPaykit } from './helpers/paykit-process.js';
import { createCheckouts, inProcessApp, type StripeTenant, seedStripeTenant } from './helpers/stripe-tenant.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: reconciliation with Stripe when every webhook is lost`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    const base = () => `/v1/apps/${h.tenant.appId}/payments`;

    beforeAll(async () => {
      h = await startHarness(dialect);
      // No webhook endpoint at Stripe: every event the flows below cause is lost on the way.
      catalogue = await h.configure({ registerWebhook: false });
    });
    afterAll(() => h?.close());

    const checkout = async (body: Record<string, unknown>) => {
      const created = await h.call('POST', `${base()}/checkout-sessions`, { token: h.tenant.appKey, body });
      expect(created.status).toBe(200);
      const row = await h.db.database.db.selectFrom('checkout_session').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
      return row;
    };
    const complete = (sessionId: string) => h.stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${sessionId}/complete`, { card: '4242424242424242' });
    const state = (id: string) => h.db.database.db.selectFrom('checkout_session').select(['status', 'payment_status', 'provider_subscription_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const eventCount = async () => (await h.db.database.db.selectFrom('event').select('id').where('app_id', '=', h.tenant.appId).execute()).length;

    it('lists the events paykit missed and converges: checkouts complete, the subscription active, its invoice charged', async () => {
      const customer = await h.call('POST', `${base()}/customers`, { token: h.tenant.appKey, body: { email: 'lost@example.com' } });
      const payment = await checkout({ line_items: [{ price: catalogue.gold.id }], customer: customer.body.id });
      const subscription = await checkout({ mode: 'subscription', line_items: [{ price: catalogue.monthly.id }], customer: customer.body.id });
      await complete(payment.provider_session_id);
      await complete(subscription.provider_session_id);
      expect(await state(payment.id)).toMatchObject({ status: 'open' });
      expect(await eventCount()).toBe(0);

      const report = await reconcileAll(h.app.payments);
      expect(report.ran).toBe(true);
      const app = report.apps.find((a) => a.appId === h.tenant.appId);
      expect(app).toMatchObject({ provider: 'stripe' });
      expect(app?.error).toBeUndefined();
      expect(app?.recovered).toBeGreaterThanOrEqual(5);

      expect(await state(payment.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
      const completed = await state(subscription.id);
      expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid' });
      const subscriptions = await h.call('GET', `${base()}/subscriptions`, { token: h.tenant.studioToken });
      expect(subscriptions.status).toBe(200);
      const stored = await h.db.database.db.selectFrom('subscription').selectAll().where('id', '=', completed.provider_subscription_id ?? '').executeTakeFirstOrThrow();
      expect(stored.status).toBe('active');
      const charges = await h.db.database.db.selectFrom('charge').selectAll().where('subscription_id', '=', stored.id).execute();
      expect(charges.map((c) => c.status)).toEqual(['succeeded']);
      // The same events as the webhooks would have brought: the provider's ids, each stored once.
      const listed = await h.stripe.events.list({ limit: 100 });
      const ids = (await h.db.database.db.selectFrom('event').select('provider_event_id').where('app_id', '=', h.tenant.appId).execute()).map((r) => r.provider_event_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(listed.data.map((e) => e.id).sort());
    });

    it('keeps a cursor at the newest listed event, and a second run stores nothing twice', async () => {
      const before = await eventCount();
      const newest = (await h.stripe.events.list({ limit: 1 })).data[0];
      const cursor = await h.db.database.db.selectFrom('reconciliation_cursor').selectAll().where('app_id', '=', h.tenant.appId).executeTakeFirstOrThrow();
      expect(Number(cursor.last_created_seconds)).toBe(newest.created);
      const again = await reconcileAll(h.app.payments);
      const app = again.apps.find((a) => a.appId === h.tenant.appId);
      expect(app?.recovered).toBe(0);
      expect(await eventCount()).toBe(before);
    });

    it('runs on one server at a time: of two concurrent runs one does the work, the other skips', async () => {
      const runs = await Promise.all([reconcileAll(h.app.payments), reconcileAll(h.app.payments)]);
      expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    });
  });

  describe(`${dialect}: reconciliation with Flitt when every callback is lost`, () => {
    let h: FlittHarness;
    let catalogue: FlittCatalogue;
    const base = () => `/v1/apps/${h.tenant.appId}/payments`;

    beforeAll(async () => {
      h = await startFlittHarness(dialect);
      catalogue = await h.configure();
    });
    afterAll(() => h?.close());

    it('reads the status of open orders and applies what the callbacks would have said', async () => {
      // Orders are told to call back to a port nothing listens on: every callback is lost.
      const reachable = h.app.payments.publicUrl;
      h.app.payments.publicUrl = 'http://127.0.0.1:9';
      const approved = await h.call('POST', `${base()}/checkout-sessions`, { token: h.tenant.appKey, body: { line_items: [{ price: catalogue.gold }] } });
      const declined = await h.call('POST', `${base()}/checkout-sessions`, { token: h.tenant.appKey, body: { line_items: [{ price: catalogue.premium }] } });
      const untouched = await h.call('POST', `${base()}/checkout-sessions`, { token: h.tenant.appKey, body: { line_items: [{ price: catalogue.dollar }] } });
      h.app.payments.publicUrl = reachable;
      await h.pay(approved.body.id, FLITT_CARDS.approve);
      await h.pay(declined.body.id, FLITT_CARDS.decline);
      const status = (id: string) => h.db.database.db.selectFrom('checkout_session').select(['status', 'payment_status']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(await status(approved.body.id)).toMatchObject({ status: 'open' });

      const report = await reconcileAll(h.app.payments);
      const app = report.apps.find((a) => a.appId === h.tenant.appId);
      expect(app).toMatchObject({ provider: 'flitt', seen: 3, recovered: 2 });
      expect(app?.error).toBeUndefined();
      expect(await status(approved.body.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
      expect((await status(declined.body.id)).status).not.toBe('open');
      expect(await status(untouched.body.id)).toMatchObject({ status: 'open' });
      const events = await h.db.database.db.selectFrom('event').select(['provider_event_id', 'type']).where('app_id', '=', h.tenant.appId).execute();
      expect(events).toHaveLength(2);
      expect(events.map((e) => e.type).sort()).toEqual(['flitt.order.approved', 'flitt.order.declined']);

      const again = await reconcileAll(h.app.payments);
      expect(again.apps.find((a) => a.appId === h.tenant.appId)).toMatchObject({ seen: 1, recovered: 0 });
    });
  });

  describe(`${dialect}: paykit reconcile and the periodic run in paykit serve`, () => {
    let emulator: StripeEmulator;
    let db: TestDatabase;
    let tenant: StripeTenant;
    const masterKey = randomBytes(32);
    const env = () => ({ PAYKIT_DATABASE_URL: db.url, PAYKIT_MASTER_KEY: masterKey.toString('base64'), PAYKIT_STRIPE_API_URL: emulator.url, PAYKIT_LOG_LEVEL: 'warn' });

    beforeAll(async () => {
      emulator = createStripeEmulator({ port: 0, sweepIntervalMs: 0 });
      await emulator.listen();
      db = await createTestDatabase(dialect);
      tenant = await seedStripeTenant(db.database, masterKey, emulator.url);
    });
    afterAll(async () => {
      await crashAll();
      await emulator?.close();
      await db?.drop();
    });

    /** A paykit checkout completed at Stripe, whose events nobody delivered. */
    async function completedWithoutWebhooks() {
      const setup = await inProcessApp(db.database, masterKey, { stripeApiUrl: emulator.url });
      const [sessionId] = await createCheckouts(setup, tenant, 'payment', 1);
      await setup.close();
      await tenant.stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${sessionId}/complete`, { card: '4242424242424242' });
      const status = async () =>
        (await db.database.db.selectFrom('checkout_session').select('status').where('provider_session_id', '=', sessionId).executeTakeFirstOrThrow()).status;
      expect(await status()).toBe('open');
      return status;
    }

    it('paykit reconcile --json applies the missed events once and reports them', async () => {
      const status = await completedWithoutWebhooks();
      const run = await runPaykit(['reconcile', '--json'], env());
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
      expect(report.ran).toBe(true);
      expect(report.apps.find((a: { appId: string }) => a.appId === tenant.appId).recovered).toBeGreaterThan(0);
      expect(await status()).toBe('complete');
    }, 60_000);

    it('paykit serve reconciles on its own every PAYKIT_RECONCILE_INTERVAL_SECONDS', async () => {
      const status = await completedWithoutWebhooks();
      const server = await spawnPaykit({ ...env(), PAYKIT_PORT: String(await freePort()), PAYKIT_RECONCILE_INTERVAL_SECONDS: '1' });
      try {
        await eventually(async () => (await status()) === 'complete', 20_000);
      } finally {
        await server.crash();
      }
    }, 60_000);
  });
}
