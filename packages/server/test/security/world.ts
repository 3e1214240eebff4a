import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import { createPayments } from '@paykit/sdk';
import Stripe from 'stripe';
import { type AppDeps, buildApp } from '../../src/http/app.js';
import { type CreatedApp, createApp, createOrganisation } from '../../src/payments/tenants/apps.js';
import type { Dialect } from '../../src/storage/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.js';
import { eventually } from '../helpers/harness.js';
import { type Call, type CallResult, injectCaller } from '../helpers/server-under-test.js';
import { nodeBuyer } from '../sdk/buyer.js';

/** Every secret the world stores: none may ever leave paykit in a response, a log line or the database in plaintext. */
export interface WorldSecrets {
  masterKey: Buffer;
  stripeSecretKey: string;
  signingSecret: string;
  userTokenSecret: string;
}

/**
 * A paykit with three tenants for the security tests: app A (configured with the Stripe emulator,
 * a data source, a signing secret, an HS256 user-token secret, two customers, a checkout and a
 * subscription), app B in the same organisation, and app C of another organisation.
 */
export interface World {
  dialect: Dialect;
  db: TestDatabase;
  app: Awaited<ReturnType<typeof buildApp>>;
  url: string;
  emulator: StripeEmulator;
  stripe: Stripe;
  logs: string[];
  secrets: WorldSecrets;
  a: CreatedApp;
  b: CreatedApp;
  c: CreatedApp;
  dataSourceId: number;
  entryId: number;
  otherOrgDataSourceId: number;
  prices: { premium: string; monthly: string };
  customer: { id: string; token: string; email: string };
  otherCustomer: { id: string; token: string; email: string };
  checkoutId: string;
  subscriptionId: string;
  webhookToken: string;
  call: Call;
  close(): Promise<void>;
}

export interface WorldOptions {
  masterKey?: Buffer;
  previousMasterKeys?: Buffer[];
  rateLimit?: AppDeps['rateLimit'];
  onRoute?: AppDeps['onRoute'];
  /** Skip the buyer flow that creates a subscription (slower) when the test needs none. */
  subscription?: boolean;
  /** Turn on the HS256 user-token requirement for app A (after its customers were created). */
  userToken?: boolean;
}

/** buildApp on `db`, listening (the emulator calls back), with its log lines captured. */
export async function serveApp(db: TestDatabase, deps: Omit<AppDeps, 'database' | 'publicUrl' | 'logger'>) {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp({ database: db.database, publicUrl: 'http://127.0.0.1:0', logger: { level: 'info', stream }, ...deps });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  app.payments.publicUrl = url;
  const call = injectCaller(app);
  return { app, url, logs, call };
}

function ok(response: CallResult, what: string) {
  if (response.status >= 300) throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function startWorld(dialect: Dialect, options: WorldOptions = {}): Promise<World> {
  const db = await createTestDatabase(dialect);
  const emulator = createStripeEmulator({ port: 0, webhookRetry: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 5_000 } });
  const emulatorUrl = await emulator.listen();
  const secrets: WorldSecrets = {
    masterKey: options.masterKey ?? randomBytes(32),
    stripeSecretKey: `sk_test_${randomBytes(12).toString('hex')}`,
    signingSecret: `whsec_probe_${randomBytes(12).toString('hex')}`,
    userTokenSecret: `hs256_probe_${randomBytes(24).toString('hex')}`,
  };
  const served = await serveApp(db, {
    masterKey: secrets.masterKey,
    previousMasterKeys: options.previousMasterKeys,
    stripeApiUrl: emulatorUrl,
    rateLimit: options.rateLimit,
    onRoute: options.onRoute,
    retrieveAfterMs: 3000,
  });
  const { call } = served;
  const a = await createApp(db.database.db, { name: 'App A' });
  const b = await createApp(db.database.db, { name: 'App B', organisationId: a.organisationId });
  const c = await createApp(db.database.db, { name: 'App C', organisationId: await createOrganisation(db.database.db, 'Other org') });

  const { hostname, port } = new URL(emulatorUrl);
  const stripe = new Stripe(secrets.stripeSecretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
  const product = await stripe.products.create({ name: 'Plans' });
  const premium = await stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd' });
  const monthly = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
  const source = ok(await call('POST', '/v1/data-sources', { token: a.studioToken, body: { appId: a.appId, name: 'Products' } }), 'data source');
  const entry = ok(
    await call('POST', `/v1/data-sources/${source.id}/entries`, {
      token: a.studioToken,
      body: { data: { Name: 'Premium plan', Price: 1, 'Price ID': premium.id } },
    }),
    'entry',
  );
  ok(
    await call('POST', `/v1/data-sources/${source.id}/entries`, {
      token: a.studioToken,
      body: { data: { Name: 'Monthly plan', Price: 9, 'Price ID': monthly.id } },
    }),
    'entry',
  );
  const otherSource = ok(await call('POST', '/v1/data-sources', { token: c.studioToken, body: { appId: c.appId, name: 'Theirs' } }), 'data source');
  const configured = ok(
    await call('PUT', `/v1/apps/${a.appId}/payments/configuration`, {
      token: a.studioToken,
      body: { provider: 'stripe', providerPublicKey: 'pk_test_a', providerPrivateKey: secrets.stripeSecretKey, productsDataSourceId: source.id, registerWebhook: true },
    }),
    'configuration',
  );
  // The registered endpoint's secret plus one set by hand: both are kept sealed (rotation overlap).
  ok(
    await call('PUT', `/v1/apps/${a.appId}/payments/configuration/signing-secret`, { token: a.studioToken, body: { signingSecret: secrets.signingSecret } }),
    'signing secret',
  );
  const customer = ok(await call('POST', `/v1/apps/${a.appId}/payments/customers`, { token: a.appKey, body: { email: 'x@example.org' } }), 'customer');
  const other = ok(await call('POST', `/v1/apps/${a.appId}/payments/customers`, { token: a.appKey, body: { email: 'y@example.org' } }), 'customer');
  const checkout = ok(
    await call('POST', `/v1/apps/${a.appId}/payments/checkout-sessions`, { token: a.appKey, body: { line_items: [{ price: premium.id }] } }),
    'checkout',
  );
  let subscriptionId = '';
  if (options.subscription !== false) {
    const sdk = createPayments({ baseUrl: served.url, appId: a.appId, appKey: a.appKey, openUrl: nodeBuyer().openUrl, pollIntervalMs: 50 });
    const created = await sdk.Subscriptions.create({ customer: customer.id, priceId: monthly.id });
    subscriptionId = (created.transactionDetails as { subscription: string }).subscription;
    await eventually(async () => (await call('GET', `/v1/apps/${a.appId}/payments/subscriptions/${subscriptionId}`, { token: a.studioToken })).status === 200);
  }
  if (options.userToken) {
    ok(
      await call('PUT', `/v1/apps/${a.appId}/payments/configuration/security`, {
        token: a.studioToken,
        body: { userToken: { hs256Secret: secrets.userTokenSecret } },
      }),
      'user token',
    );
  }
  return {
    dialect,
    db,
    ...served,
    emulator,
    stripe,
    secrets,
    a,
    b,
    c,
    dataSourceId: source.id,
    entryId: entry.id,
    otherOrgDataSourceId: otherSource.id,
    prices: { premium: premium.id, monthly: monthly.id },
    customer: { id: customer.id, token: customer.token, email: 'x@example.org' },
    otherCustomer: { id: other.id, token: other.token, email: 'y@example.org' },
    checkoutId: checkout.id,
    subscriptionId,
    webhookToken: String(configured.webhookUrl).split('/').pop() as string,
    close: async () => {
      // A delivery still in flight keeps its keep-alive connection busy past the moment close()
      // drops idle ones, and the server then waits out Fastify's 72 s keep-alive timeout.
      await emulator.webhooksIdle();
      await served.app.close();
      await emulator.close();
      await db.drop();
    },
  };
}

/** A signed Stripe delivery of a harmless event for the world's app A (recorded, applied to nothing). */
export function signedDelivery(world: Pick<World, 'stripe' | 'webhookToken'>, secret: string, id = `evt_${randomBytes(6).toString('hex')}`) {
  const payload = JSON.stringify({ id, object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_probe', object: 'customer' } } });
  return {
    path: `/v1/billing/apps/webhook/${world.webhookToken}`,
    body: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': world.stripe.webhooks.generateTestHeaderString({ payload, secret }) },
  };
}

/** An app user token (HS256 JWT with an email claim), as the app's backend would issue it. */
export async function hs256UserToken(secret: string, email: string, { expiresIn = '5m' }: { expiresIn?: string | number } = {}) {
  const { SignJWT } = await import('jose');
  return new SignJWT({ email }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
}
