import { randomBytes } from 'node:crypto';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/storage/schema.js';
import { freePort } from '../helpers/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { deliverWithRetry, inParallel, signStripe } from './helpers/deliver.js';
import { crashAll, type PaykitProcess, spawnPaykit } from './helpers/paykit-process.js';
import { duplicateEvents, paymentState } from './helpers/state.js';
import { seededRandom, shuffle, stripeScenario } from './helpers/stripe-scenario.js';
import { copyTables, createCheckouts, inProcessApp, type StripeTenant, setupStripeTenant } from './helpers/stripe-tenant.js';

const EVENTS = 1_500;
const SEED = Date.now() % 100_000;

/** One Stripe emulator, a configured app on a fresh database, and `processes` paykit serve children on it. */
async function startCluster(dialect: Dialect, processes: number) {
  const emulator: StripeEmulator = createStripeEmulator({ port: 0, sweepIntervalMs: 0 });
  await emulator.listen();
  const db = await createTestDatabase(dialect);
  const masterKey = randomBytes(32);
  const setup = await inProcessApp(db.database, masterKey, { stripeApiUrl: emulator.url });
  const tenant = await setupStripeTenant(setup, db.database, emulator.url);
  const servers: PaykitProcess[] = [];
  for (let i = 0; i < processes; i++) {
    servers.push(
      await spawnPaykit({
        PAYKIT_DATABASE_URL: db.url,
        PAYKIT_PORT: String(await freePort()),
        PAYKIT_MASTER_KEY: masterKey.toString('base64'),
        PAYKIT_STRIPE_API_URL: emulator.url,
      }),
    );
  }
  return {
    emulator,
    db,
    masterKey,
    setup,
    tenant,
    servers,
    async close() {
      await crashAll();
      await setup.close();
      await emulator.close();
      await db.drop();
    },
  };
}

type Cluster = Awaited<ReturnType<typeof startCluster>>;

async function createCustomer(url: string, tenant: StripeTenant, email: string) {
  const response = await fetch(`${url}/v1/apps/${tenant.appId}/payments/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.appKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return { status: response.status, body: await response.json() };
}

/** 50 parallel Customers.create for one email (in varied spellings), spread over the given servers. */
async function customerRace(cluster: Cluster) {
  const email = `race-${randomBytes(4).toString('hex')}@example.com`;
  const spellings = [email, email.toUpperCase(), email.replace('race', 'Race')];
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => createCustomer(cluster.servers[i % cluster.servers.length].url, cluster.tenant, spellings[i % 3])),
  );
  expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
  expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  const rows = await cluster.db.database.db.selectFrom('customer').selectAll().where('email', '=', email).execute();
  expect(rows).toHaveLength(1);
  const atProvider = await cluster.tenant.stripe.customers.list({ email, limit: 100 });
  expect(atProvider.data.map((c) => c.id)).toEqual([rows[0].provider_customer_id]);
}

if (DIALECTS.includes('postgres')) {
  describe('postgres: two paykit serve processes on one database', () => {
    let cluster: Cluster;
    let referenceDb: TestDatabase;

    beforeAll(async () => {
      cluster = await startCluster('postgres', 2);
      referenceDb = await createTestDatabase('postgres');
    }, 120_000);
    afterAll(async () => {
      await cluster?.close();
      await referenceDb?.drop();
    });

    it('ends in the state of a single process when both receive every event, duplicated and in different orders', async () => {
      const { setup, tenant } = cluster;
      const paymentSessions = await createCheckouts(setup, tenant, 'payment', 50);
      const subscriptionSessions = await createCheckouts(setup, tenant, 'subscription', 50);
      await copyTables(cluster.db.database.db, referenceDb.database.db);
      const events = stripeScenario({
        paymentSessions,
        subscriptionSessions,
        oneTimePriceId: tenant.oneTimePrice.id,
        recurringPriceId: tenant.recurringPrice.id,
        count: EVENTS,
        seed: SEED,
        tag: 'tp',
      });
      expect(events).toHaveLength(EVENTS);
      const random = seededRandom(SEED + 1);
      const reports = await Promise.all(
        cluster.servers.map((server) =>
          deliverWithRetry(shuffle(events, random), {
            target: () => `${server.url}${tenant.webhookPath}`,
            secret: tenant.signingSecret,
            concurrency: 8,
          }),
        ),
      );
      for (const report of reports) expect(report.acknowledged.size).toBe(EVENTS);

      const reference = await inProcessApp(referenceDb.database, cluster.masterKey, { stripeApiUrl: cluster.emulator.url });
      try {
        await inParallel(events, 1, async (event) => {
          const response = await reference.inject({
            method: 'POST',
            url: tenant.webhookPath,
            headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(event.body, tenant.signingSecret) },
            payload: event.body,
          });
          expect(response.statusCode).toBe(200);
        });
      } finally {
        await reference.close();
      }
      expect(await duplicateEvents(cluster.db.database.db)).toEqual([]);
      const both = await paymentState(cluster.db.database.db);
      const one = await paymentState(referenceDb.database.db);
      expect(both.events).toHaveLength(EVENTS);
      expect(both.subscriptions.length).toBeGreaterThan(20);
      expect(both.checkouts).toEqual(one.checkouts);
      expect(both.subscriptions).toEqual(one.subscriptions);
      expect(both.charges).toEqual(one.charges);
      expect(both.events).toEqual(one.events);
    }, 300_000);

    it('50 parallel Customers.create for one email over both processes make one paykit customer and one Stripe customer', async () => {
      await customerRace(cluster);
    }, 60_000);

    it('settles same-second events of one subscription that race through both processes to the provider state', async () => {
      const { tenant } = cluster;
      const truths: Array<{ id: string; status: string }> = [];
      const deliveries: Array<Promise<unknown>> = [];
      for (let i = 0; i < 30; i++) {
        const session = await tenant.stripe.checkout.sessions.create({
          mode: 'subscription',
          line_items: [{ price: tenant.recurringPrice.id, quantity: 1 }],
          success_url: 'http://127.0.0.1:9/done',
          customer_email: `tie-${i}@example.com`,
        });
        const completed = await tenant.stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${session.id}/complete`, { card: '4242424242424242' });
        const subscriptionId = String((completed as unknown as { subscription: string }).subscription);
        // Stripe sends .created and .updated within one second: their order cannot be told from `created`.
        const truth = await tenant.stripe.subscriptions.cancel(subscriptionId);
        truths.push({ id: subscriptionId, status: 'canceled' });
        const created = Math.floor(Date.now() / 1000);
        const event = (id: string, status: string) =>
          JSON.stringify({ id, object: 'event', created, type: 'customer.subscription.updated', data: { object: { ...truth, status } } });
        const older = event(`evt_tie_a${i}`, 'active');
        const newer = event(`evt_tie_b${i}`, 'canceled');
        const [one, two] = cluster.servers;
        for (const [server, body] of [
          [one, older],
          [two, newer],
          [two, older],
          [one, newer],
        ] as const) {
          deliveries.push(
            fetch(`${server.url}${tenant.webhookPath}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, tenant.signingSecret) },
              body,
            }).then((r) => expect(r.status).toBe(200)),
          );
        }
      }
      await Promise.all(deliveries);
      const rows = await cluster.db.database.db
        .selectFrom('subscription')
        .select(['id', 'status'])
        .where(
          'id',
          'in',
          truths.map((t) => t.id),
        )
        .execute();
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      expect(rows.sort(byId)).toEqual(truths.sort(byId));
    }, 120_000);
  });
}

if (DIALECTS.includes('sqlite')) {
  describe('sqlite: one paykit serve process', () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster('sqlite', 1);
    }, 120_000);
    afterAll(() => cluster?.close());

    it('50 parallel Customers.create for one email make one paykit customer and one Stripe customer', async () => {
      await customerRace(cluster);
    }, 60_000);
  });
}
