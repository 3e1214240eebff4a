import { randomBytes } from 'node:crypto';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { deliverWithRetry, inParallel, signStripe } from './helpers/deliver.js';
import { crashAll, type PaykitProcess, spawnPaykit } from './helpers/paykit-process.js';
import { duplicateEvents, paymentState } from './helpers/state.js';
import { type ScenarioEvent, seededRandom, stripeScenario } from './helpers/stripe-scenario.js';
import { copyTables, createCheckouts, inProcessApp, type StripeTenant, setupStripeTenant } from './helpers/stripe-tenant.js';

const EVENTS = Number(process.env.PAYKIT_CRASH_EVENTS ?? 5_000);
const KILLS = 6;
const SEED = Number(process.env.PAYKIT_CRASH_SEED ?? Date.now() % 100_000);

for (const dialect of DIALECTS) {
  describe(`${dialect}: crash safety of webhook ingestion`, () => {
    let emulator: StripeEmulator;
    let crashDb: TestDatabase;
    let referenceDb: TestDatabase;
    let tenant: StripeTenant;
    let events: ScenarioEvent[];
    const masterKey = randomBytes(32);

    beforeAll(async () => {
      emulator = createStripeEmulator({ port: 0, sweepIntervalMs: 0 });
      await emulator.listen();
      crashDb = await createTestDatabase(dialect);
      referenceDb = await createTestDatabase(dialect);
      const setup = await inProcessApp(crashDb.database, masterKey, { stripeApiUrl: emulator.url });
      tenant = await setupStripeTenant(setup, crashDb.database, emulator.url);
      const paymentSessions = await createCheckouts(setup, tenant, 'payment', 150);
      const subscriptionSessions = await createCheckouts(setup, tenant, 'subscription', 150);
      await setup.close();
      // The reference database starts as an exact twin: same app, same sealed secrets, same open checkouts.
      await copyTables(crashDb.database.db, referenceDb.database.db);
      events = stripeScenario({
        paymentSessions,
        subscriptionSessions,
        oneTimePriceId: tenant.oneTimePrice.id,
        recurringPriceId: tenant.recurringPrice.id,
        count: EVENTS,
        seed: SEED,
      });
    }, 120_000);

    afterAll(async () => {
      await crashAll();
      await emulator?.close();
      await crashDb?.drop();
      await referenceDb?.drop();
    });

    it(`stores every acknowledged event exactly once and ends in the crash-free state while paykit serve is SIGKILLed ${KILLS} times`, async () => {
      expect(events).toHaveLength(EVENTS);
      const port = await freePort();
      const env = {
        PAYKIT_DATABASE_URL: crashDb.url,
        PAYKIT_PORT: String(port),
        PAYKIT_MASTER_KEY: masterKey.toString('base64'),
        PAYKIT_STRIPE_API_URL: emulator.url,
      };
      let server: PaykitProcess = await spawnPaykit(env);
      const random = seededRandom(SEED);
      // Kill points spread over the run (5%..90% of the acknowledgements), each at a random moment.
      const killAt = Array.from({ length: KILLS }, (_, i) => Math.floor(EVENTS * (0.05 + (0.85 * (i + random())) / KILLS)));
      let acknowledged = 0;
      let kills = 0;
      let restarts = Promise.resolve();
      const crashes: Array<{ at: number; pid: number | undefined }> = [];

      const delivered = deliverWithRetry(events, {
        target: () => `http://127.0.0.1:${port}${tenant.webhookPath}`,
        secret: tenant.signingSecret,
        concurrency: 16,
        deadlineMs: Number(process.env.PAYKIT_CRASH_DEADLINE ?? 420_000),
        onAck: (count) => {
          acknowledged = count;
          if (kills < killAt.length && acknowledged >= killAt[kills]) {
            kills++;
            restarts = restarts.then(async () => {
              // A random moment within the next ~150 ms: mid-request, mid-transaction or idle.
              await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 150)));
              const victim = server;
              crashes.push({ at: acknowledged, pid: victim.child.pid });
              await victim.crash();
              server = await spawnPaykit(env);
            });
          }
        },
      });
      const report = await delivered.catch((error: Error) => {
        // What the server said about the refused deliveries, to make a failure diagnosable.
        const { stdout, stderr } = server.output();
        throw new Error(`${error.message} (seed ${SEED}); server output:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
      });
      await restarts;
      await server.crash();
      if (process.env.PAYKIT_RELIABILITY_VERBOSE) console.info({ dialect, seed: SEED, crashes, attempts: report.attempts, networkErrors: report.networkErrors, statuses: report.statuses });

      expect(crashes.length).toBeGreaterThanOrEqual(5);
      expect(report.acknowledged.size).toBe(EVENTS);
      // The kills really interrupted deliveries, which the provider then retried.
      expect(report.networkErrors + Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

      const db = crashDb.database.db;
      expect(await duplicateEvents(db)).toEqual([]);
      const stored = new Set((await db.selectFrom('event').select('provider_event_id').execute()).map((row) => row.provider_event_id));
      expect(stored.size).toBe(EVENTS);
      for (const id of report.acknowledged) expect(stored.has(id)).toBe(true);

      // Reference: the same events, each delivered once, in another order, to paykit in this process.
      const reference = await inProcessApp(referenceDb.database, masterKey, { stripeApiUrl: emulator.url });
      try {
        const statuses: number[] = [];
        await inParallel([...events].reverse(), 4, async (event) => {
          const response = await reference.inject({
            method: 'POST',
            url: tenant.webhookPath,
            headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(event.body, tenant.signingSecret) },
            payload: event.body,
          });
          statuses.push(response.statusCode);
        });
        expect(statuses.filter((s) => s !== 200)).toEqual([]);
      } finally {
        await reference.close();
      }

      const crashed = await paymentState(db);
      const clean = await paymentState(referenceDb.database.db);
      // No event applied twice: one charge per paid or failed invoice event, as in the clean run.
      const chargeEvents = events.filter((e) => e.type === 'invoice.paid' || e.type === 'invoice.payment_failed').length;
      expect(crashed.charges).toHaveLength(chargeEvents);
      expect(crashed.subscriptions.length).toBeGreaterThan(100);
      expect(crashed.checkouts.filter((c) => c.status === 'complete').length).toBeGreaterThan(200);
      expect(crashed.checkouts).toEqual(clean.checkouts);
      expect(crashed.subscriptions).toEqual(clean.subscriptions);
      expect(crashed.charges).toEqual(clean.charges);
      expect(crashed.events).toEqual(clean.events);
    }, 600_000);
  });
}
