import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';
import { stripeSubscriptionEvent } from '../helpers/stripe-events.js';
import { signStripe } from './helpers/deliver.js';
import { crashAll, type PaykitProcess, spawnPaykit } from './helpers/paykit-process.js';
import { type SlowProxy, startSlowProxy } from './helpers/slow-proxy.js';
import { type StripeTenant, seedStripeTenant } from './helpers/stripe-tenant.js';

const PROVIDER_DELAY_MS = 1_500;

for (const dialect of DIALECTS) {
  describe(`${dialect}: paykit serve on SIGTERM`, () => {
    let emulator: StripeEmulator;
    let proxy: SlowProxy;
    let db: TestDatabase;
    let tenant: StripeTenant;
    let server: PaykitProcess | undefined;
    const masterKey = randomBytes(32);

    beforeAll(async () => {
      emulator = createStripeEmulator({ port: 0, sweepIntervalMs: 0 });
      await emulator.listen();
      // Creating a checkout and reading a subscription take 1.5 s at this provider: long enough to
      // send SIGTERM while paykit waits for it.
      const slow = (r: IncomingMessage) =>
        (r.method === 'POST' && r.url?.startsWith('/v1/checkout/sessions') === true) || (r.method === 'GET' && r.url?.startsWith('/v1/subscriptions/') === true);
      proxy = await startSlowProxy(emulator.url, slow, PROVIDER_DELAY_MS);
      db = await createTestDatabase(dialect);
      tenant = await seedStripeTenant(db.database, masterKey, emulator.url);
    });
    afterAll(async () => {
      await crashAll();
      await server?.crash();
      await proxy?.close();
      await emulator?.close();
      await db?.drop();
    });

    /** `paykit serve` on the test database, reaching Stripe through the slow proxy. */
    const startPaykit = async () =>
      spawnPaykit({
        PAYKIT_DATABASE_URL: db.url,
        PAYKIT_PORT: String(await freePort()),
        PAYKIT_MASTER_KEY: masterKey.toString('base64'),
        PAYKIT_STRIPE_API_URL: proxy.url,
      });

    it('stops accepting connections, finishes the in-flight checkout (its client on keep-alive), then exits 0', async () => {
      server = await startPaykit();
      const base = server.url;
      const held = proxy.nextHeld();
      const checkout = fetch(`${base}/v1/apps/${tenant.appId}/payments/checkout-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.appKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ line_items: [{ price: tenant.oneTimePrice.id }] }),
      });
      await held;
      const started = Date.now();
      server.child.kill('SIGTERM');
      // Give the signal a moment to reach the process, then a new connection must be refused.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const late = await fetch(`${base}/healthz`).then(
        (r) => r.status,
        () => 'refused',
      );
      expect(late).not.toBe(200);

      const response = await checkout;
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.url).toMatch(/^http/);
      const { code, signal } = await server.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      // It waited for the provider rather than dropping the request.
      expect(Date.now() - started).toBeGreaterThan(PROVIDER_DELAY_MS - 500);
      const row = await db.database.db.selectFrom('checkout_session').select(['id', 'status']).where('id', '=', body.id).executeTakeFirst();
      expect(row).toEqual({ id: body.id, status: 'open' });
      expect(server.output().stdout).toContain('SIGTERM received');
    }, 60_000);

    it('finishes an in-flight webhook (waiting on the provider to settle a tie) and stores it before the 200', async () => {
      server = await startPaykit();
      const created = Math.floor(Date.now() / 1000);
      const event = (id: string, status: string) =>
        JSON.stringify(stripeSubscriptionEvent({ id, created, status, subscription: 'sub_shutdown', customer: 'cus_shutdown' }));
      const deliver = (body: string) =>
        fetch(`${server?.url}${tenant.webhookPath}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, tenant.signingSecret) },
          body,
        });
      expect((await deliver(event('evt_shutdown_1', 'active'))).status).toBe(200);
      // Same second, same subscription: paykit reads the subscription from the (slow) provider first.
      const held = proxy.nextHeld();
      const second = deliver(event('evt_shutdown_2', 'past_due'));
      await held;
      server.child.kill('SIGTERM');
      const response = await second;
      expect(response.status).toBe(200);
      expect((await server.exited).code).toBe(0);
      const stored = await db.database.db.selectFrom('event').select('provider_event_id').where('provider_event_id', '=', 'evt_shutdown_2').execute();
      expect(stored).toHaveLength(1);
    }, 60_000);
  });
}
