import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/payments/tenants/apps.js';
import { openDatabase, type PaykitDatabase } from '../../src/storage/database.js';
import { runExclusive } from '../../src/storage/repositories/jobs.js';
import { freePort, spawnPaykit } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.js';
import { eventually } from '../helpers/harness.js';

/**
 * Three `paykit serve` processes on one PostgreSQL (SQLite is one process by design, so this test
 * is PostgreSQL only; `npm test` always has PostgreSQL). API calls go round-robin across them, and
 * the emulator's webhooks reach them through a round-robin proxy that delivers every event twice,
 * to two different servers at once.
 */
describe('postgres: three paykit servers on one database', () => {
  let db: TestDatabase;
  let emulator: StripeEmulator;
  let proxy: Server;
  const children: ChildProcess[] = [];
  const servers: string[] = [];
  const deliveries: { eventId: string; statuses: number[] }[] = [];
  let tenant: Awaited<ReturnType<typeof createApp>>;
  let stripe: Stripe;
  const prices = { once: '', monthly: '' };

  const call = async (server: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${server}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
  };

  function startServer(env: NodeJS.ProcessEnv): Promise<string> {
    const run = spawnPaykit(['serve'], { env });
    children.push(run.child);
    return run.listening;
  }

  /** The load balancer in front of the servers, for the provider's webhooks: round-robin, and every delivery sent twice. */
  function startProxy(): Promise<string> {
    let next = 0;
    proxy = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', async () => {
        const body = Buffer.concat(chunks);
        const first = next++ % servers.length;
        const targets = [servers[first], servers[(first + 1) % servers.length]] as string[];
        const headers = { 'content-type': String(request.headers['content-type']), 'stripe-signature': String(request.headers['stripe-signature']) };
        const answers = await Promise.all(targets.map((s) => fetch(`${s}${request.url}`, { method: 'POST', headers, body })));
        const texts = await Promise.all(answers.map((a) => a.text()));
        deliveries.push({ eventId: JSON.parse(body.toString()).id, statuses: answers.map((a) => a.status) });
        response.writeHead(answers[0]?.status ?? 502, { 'content-type': 'application/json' }).end(texts[0]);
      });
    });
    return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(proxy.address() as { port: number }).port}`)));
  }

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    emulator = createStripeEmulator({ port: 0, webhookRetry: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 5_000 } });
    const emulatorUrl = await emulator.listen();
    const proxyUrl = await startProxy();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PAYKIT_DATABASE_URL: db.url,
      PAYKIT_MASTER_KEY: randomBytes(32).toString('base64'),
      PAYKIT_STRIPE_API_URL: emulatorUrl,
      PAYKIT_PUBLIC_URL: proxyUrl,
      PAYKIT_LOG_LEVEL: 'warn',
    };
    const ports = [await freePort(), await freePort(), await freePort()];
    servers.push(...(await Promise.all(ports.map((port) => startServer({ ...env, PAYKIT_PORT: String(port) })))));
    tenant = await createApp(db.database.db, { name: 'Scale app' });
    const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
    const { hostname, port } = new URL(emulatorUrl);
    stripe = new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
    const product = await stripe.products.create({ name: 'Plans' });
    const once = await stripe.prices.create({ product: product.id, unit_amount: 700, currency: 'usd' });
    const monthly = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
    const [s0, s1, s2] = servers as [string, string, string];
    const source = await call(s0, 'POST', '/v1/data-sources', { token: tenant.studioToken, body: { appId: tenant.appId, name: 'Products' } });
    await call(s1, 'POST', `/v1/data-sources/${source.body.id}/entries`, { token: tenant.studioToken, body: { data: { Name: 'Once', Price: 7, 'Price ID': once.id } } });
    await call(s2, 'POST', `/v1/data-sources/${source.body.id}/entries`, { token: tenant.studioToken, body: { data: { Name: 'Monthly', Price: 9, 'Price ID': monthly.id } } });
    const configured = await call(s0, 'PUT', `/v1/apps/${tenant.appId}/payments/configuration`, {
      token: tenant.studioToken,
      body: { provider: 'stripe', providerPublicKey: 'pk_test_scale', providerPrivateKey: secretKey, productsDataSourceId: source.body.id, registerWebhook: true },
    });
    expect(configured.status).toBe(200);
    expect(configured.body.webhookUrl.startsWith(proxyUrl)).toBe(true);
    prices.once = once.id;
    prices.monthly = monthly.id;
  }, 90_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    proxy?.close();
    await emulator?.close();
    await db?.drop();
  });

  it('runs checkouts and doubled webhook deliveries across the servers with the results of one server', async () => {
    const base = `/v1/apps/${tenant.appId}/payments`;
    const { once, monthly } = prices;
    // The catalogue written through servers 1 and 2 is what server 0 sells (caches are per process and short-lived).
    const products = await eventually(async () => {
      const r = await call(servers[0] as string, 'GET', `${base}/products`, { token: tenant.appKey });
      return r.body.products?.length === 2 && r.body.products;
    });
    expect(products.map((p: { Name: string }) => p.Name).sort()).toEqual(['Monthly', 'Once']);

    // The same customer created on all three servers at once is one customer.
    const customers = await Promise.all(
      servers.map((s) => call(s, 'POST', `${base}/customers`, { token: tenant.appKey, body: { email: 'scale@example.com' } })),
    );
    expect(new Set(customers.map((c) => c.body.id)).size).toBe(1);

    // Checkouts round-robin; each Idempotency-Key replayed on the next server answers the same.
    const created: { id: string; mode: string }[] = [];
    for (let i = 0; i < 9; i++) {
      const mode = i % 3 === 2 ? 'subscription' : 'payment';
      const body = { mode, line_items: [{ price: mode === 'subscription' ? monthly : once, quantity: 1 }] };
      const headers = { 'idempotency-key': randomUUID() };
      const first = await call(servers[i % 3] as string, 'POST', `${base}/checkout-sessions`, { token: tenant.appKey, body, headers });
      expect(first.status).toBe(200);
      const replay = await call(servers[(i + 1) % 3] as string, 'POST', `${base}/checkout-sessions`, { token: tenant.appKey, body, headers });
      expect(replay.text).toBe(first.text);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      created.push({ id: first.body.id, mode });
    }
    expect(await db.database.db.selectFrom('checkout_session').select('id').execute()).toHaveLength(9);

    for (const checkout of created) {
      const row = await db.database.db.selectFrom('checkout_session').select('provider_session_id').where('id', '=', checkout.id).executeTakeFirstOrThrow();
      await stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${row.provider_session_id}/complete`, { card: '4242424242424242' });
    }

    // Every server reports every checkout complete, with the amounts the provider charged.
    for (const [i, checkout] of created.entries()) {
      const done = await eventually(async () => {
        const r = await call(servers[(i + 2) % 3] as string, 'GET', `${base}/checkout-sessions/${checkout.id}`, { token: tenant.appKey });
        return r.body.status === 'complete' && r.body;
      }, 20_000);
      expect(done.transactionDetails).toMatchObject({ payment_status: 'paid', amount_total: checkout.mode === 'subscription' ? 900 : 700, currency: 'usd' });
    }

    // Wait for the provider to stop delivering (the emulator retries what was not acknowledged).
    let seen = -1;
    await eventually(async () => {
      await new Promise((r) => setTimeout(r, 500));
      const now = deliveries.length;
      const stable = now === seen;
      seen = now;
      return stable;
    }, 30_000);

    // Every delivery went to two servers, both acknowledged it, and each event was stored exactly once.
    expect(deliveries.length).toBeGreaterThanOrEqual(9 * 3);
    expect(deliveries.every((d) => d.statuses.every((s) => s === 200))).toBe(true);
    const sent = new Set(deliveries.map((d) => d.eventId));
    const stored = await db.database.db.selectFrom('event').select(['provider_event_id', 'outcome']).where('app_id', '=', tenant.appId).execute();
    expect(stored).toHaveLength(sent.size);
    expect(new Set(stored.map((e) => e.provider_event_id))).toEqual(sent);

    // The same state one server reaches: what the provider says.
    const subscriptions = await db.database.db.selectFrom('subscription').selectAll().where('app_id', '=', tenant.appId).execute();
    expect(subscriptions).toHaveLength(3);
    for (const row of subscriptions) {
      const truth = await stripe.subscriptions.retrieve(row.id);
      expect(row.status).toBe(truth.status);
      expect(row.checkout_id).not.toBeNull();
    }
    const charges = await db.database.db.selectFrom('charge').selectAll().where('app_id', '=', tenant.appId).execute();
    const invoices = await stripe.invoices.list({ limit: 100 });
    expect(charges.filter((c) => c.status === 'succeeded').map((c) => c.id).sort()).toEqual(
      invoices.data.filter((i) => i.status === 'paid').map((i) => i.id).sort(),
    );
  }, 120_000);

  it('runs a background job on one server at a time, never twice at once', async () => {
    // Each server process would hold a pool of its own: three pools stand for the three processes.
    const pools: PaykitDatabase[] = servers.map(() => openDatabase(db.url));
    const runs: { pool: number; start: number; end: number }[] = [];
    try {
      await Promise.all(
        pools.map(async (pool, index) => {
          for (let tick = 0; tick < 15; tick++) {
            await runExclusive(pool.db, 'scale-test-job', async () => {
              const start = performance.now();
              await new Promise((r) => setTimeout(r, 15));
              runs.push({ pool: index, start, end: performance.now() });
            });
            await new Promise((r) => setTimeout(r, 5 + index));
          }
        }),
      );
    } finally {
      for (const pool of pools) await pool.destroy();
    }
    expect(runs.length).toBeGreaterThanOrEqual(5);
    const sorted = [...runs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.start).toBeGreaterThanOrEqual(sorted[i - 1]?.end as number);
  }, 60_000);
});
