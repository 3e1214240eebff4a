import { randomBytes } from 'node:crypto';
import { createStripeEmulator, type StripeEmulator } from '@paykit/emulator';
import Stripe from 'stripe';
import type { buildApp } from '../../src/http/app.js';
import type { Dialect } from '../../src/storage/schema.js';
import { createTestDatabase, type TestDatabase } from './dialects.js';
import { type Call, startServerUnderTest } from './server-under-test.js';

export type { CallOptions } from './server-under-test.js';

export interface Harness {
  app: Awaited<ReturnType<typeof buildApp>>;
  url: string;
  db: TestDatabase;
  emulator: StripeEmulator;
  emulatorUrl: string;
  /** The app's Stripe account on the emulator (its secret key is the one configured). */
  stripe: Stripe;
  secretKey: string;
  tenant: { appId: string; appKey: string; studioToken: string; organisationId: string };
  logs: string[];
  call: Call;
  /** Creates the products data source (the reference's two plans plus a monthly plan) and configures Stripe. */
  configure(options?: { registerWebhook?: boolean }): Promise<Catalogue>;
  close(): Promise<void>;
}

export interface Catalogue {
  dataSourceId: number;
  premium: Stripe.Price;
  gold: Stripe.Price;
  monthly: Stripe.Price;
  webhookUrl: string;
}

export async function startHarness(dialect: Dialect, options: { retrieveAfterMs?: number } = {}): Promise<Harness> {
  const db = await createTestDatabase(dialect);
  const emulator = createStripeEmulator({ port: 0, webhookRetry: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 5_000 } });
  const emulatorUrl = await emulator.listen();
  const { app, url, logs, tenant, call } = await startServerUnderTest(
    db,
    { stripeApiUrl: emulatorUrl, retrieveAfterMs: options.retrieveAfterMs },
    'Test app',
  );
  const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const { hostname, port } = new URL(emulatorUrl);
  const stripe = new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });

  const configure: Harness['configure'] = async ({ registerWebhook = true } = {}) => {
    const product = await stripe.products.create({ name: 'Plans' });
    const premium = await stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd' });
    const gold = await stripe.prices.create({ product: product.id, unit_amount: 250, currency: 'usd' });
    const monthly = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
    const source = await call('POST', '/v1/data-sources', { token: tenant.studioToken, body: { appId: tenant.appId, name: 'Products' } });
    const rows = [
      { Name: 'Premium plan', Description: 'A fancy premium plan', Price: 1.0, 'Price ID': premium.id },
      { Name: 'Gold plan', Description: 'A even fancier gold plan', Price: '2.50', 'Price ID': gold.id },
      { Name: 'Monthly plan', Description: 'Billed every month', Price: 9, 'Price ID': monthly.id },
    ];
    for (const data of rows) {
      await call('POST', `/v1/data-sources/${source.body.id}/entries`, { token: tenant.studioToken, body: { data } });
    }
    const configured = await call('PUT', `/v1/apps/${tenant.appId}/payments/configuration`, {
      token: tenant.studioToken,
      body: {
        provider: 'stripe',
        providerPublicKey: 'pk_test_demo',
        providerPrivateKey: secretKey,
        productsDataSourceId: source.body.id,
        registerWebhook,
      },
    });
    if (configured.status !== 200) throw new Error(`configure failed: ${JSON.stringify(configured.body)}`);
    return { dataSourceId: source.body.id, premium, gold, monthly, webhookUrl: configured.body.webhookUrl };
  };

  return {
    app,
    url,
    db,
    emulator,
    emulatorUrl,
    stripe,
    secretKey,
    tenant,
    logs,
    call,
    configure,
    close: async () => {
      await app.close();
      await emulator.close();
      await db.drop();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
