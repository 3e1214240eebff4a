import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { buildApp } from '../../../src/http/app.js';
import { createApp } from '../../../src/payments/tenants/apps.js';
import type { PaykitDatabase } from '../../../src/storage/database.js';
import type { Database, Db } from '../../../src/storage/schema.js';

export type InProcessApp = Awaited<ReturnType<typeof buildApp>>;

export interface StripeTenant {
  appId: string;
  appKey: string;
  studioToken: string;
  secretKey: string;
  signingSecret: string;
  /** Path of the app's webhook endpoint, e.g. `/v1/billing/apps/webhook/whk_...`. */
  webhookPath: string;
  oneTimePrice: Stripe.Price;
  recurringPrice: Stripe.Price;
  stripe: Stripe;
}

/** The Stripe SDK aimed at an emulator, with one secret key (one emulator account). */
export function emulatorStripe(emulatorUrl: string, secretKey: string): Stripe {
  const { hostname, port } = new URL(emulatorUrl);
  return new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
}

/** paykit in this process on `database`, not listening: `inject()` only. Secrets are sealed under `masterKey`. */
export function inProcessApp(database: PaykitDatabase, masterKey: Buffer, providers: { stripeApiUrl?: string; flittApiUrl?: string }) {
  return buildApp({ database, publicUrl: 'http://127.0.0.1:9', masterKey, ...providers, logger: false });
}

export async function injectJson(app: InProcessApp, method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: unknown) {
  const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} -> ${response.statusCode}: ${response.body}`);
  return response.json();
}

/**
 * One app configured for Stripe (the emulator) the way an app builder does it through the API:
 * a one-time and a monthly price in a products data source, the secret key, a signing secret.
 */
export async function setupStripeTenant(app: InProcessApp, database: PaykitDatabase, emulatorUrl: string): Promise<StripeTenant> {
  const tenant = await createApp(database.db, { name: 'Reliability app' });
  const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const signingSecret = `whsec_${randomBytes(18).toString('base64url')}`;
  const stripe = emulatorStripe(emulatorUrl, secretKey);
  const product = await stripe.products.create({ name: 'Plans' });
  const oneTimePrice = await stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd' });
  const recurringPrice = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
  const source = await injectJson(app, 'POST', '/v1/data-sources', tenant.studioToken, { appId: tenant.appId, name: 'Products' });
  for (const [name, price] of [
    ['One-off', oneTimePrice],
    ['Monthly', recurringPrice],
  ] as const) {
    await injectJson(app, 'POST', `/v1/data-sources/${source.id}/entries`, tenant.studioToken, {
      data: { Name: name, Description: name, Price: (price.unit_amount ?? 0) / 100, 'Price ID': price.id },
    });
  }
  const configured = await injectJson(app, 'PUT', `/v1/apps/${tenant.appId}/payments/configuration`, tenant.studioToken, {
    provider: 'stripe',
    providerPublicKey: 'pk_test_reliability',
    providerPrivateKey: secretKey,
    productsDataSourceId: source.id,
    registerWebhook: false,
  });
  await injectJson(app, 'PUT', `/v1/apps/${tenant.appId}/payments/configuration/signing-secret`, tenant.studioToken, { signingSecret });
  return {
    ...tenant,
    secretKey,
    signingSecret,
    webhookPath: new URL(configured.webhookUrl).pathname,
    oneTimePrice,
    recurringPrice,
    stripe,
  };
}

/** The tenant set up through a short-lived in-process app, closed again (the test then runs real servers). */
export async function seedStripeTenant(database: PaykitDatabase, masterKey: Buffer, emulatorUrl: string): Promise<StripeTenant> {
  const setup = await inProcessApp(database, masterKey, { stripeApiUrl: emulatorUrl });
  try {
    return await setupStripeTenant(setup, database, emulatorUrl);
  } finally {
    await setup.close();
  }
}

/** Creates `count` hosted checkouts through paykit; returns their provider session ids. */
export async function createCheckouts(app: InProcessApp, tenant: StripeTenant, mode: 'payment' | 'subscription', count: number) {
  const price = mode === 'payment' ? tenant.oneTimePrice : tenant.recurringPrice;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await injectJson(app, 'POST', `/v1/apps/${tenant.appId}/payments/checkout-sessions`, tenant.appKey, {
      mode,
      line_items: [{ price: price.id, quantity: 1 }],
    });
    ids.push(created.id);
  }
  const rows = await app.payments.db.selectFrom('checkout_session').select(['id', 'provider_session_id']).where('id', 'in', ids).execute();
  return rows.map((row) => row.provider_session_id);
}

/** The tables that make up a configured app (and its open checkouts), parents first. */
export const TENANT_TABLES = ['organisation', 'studio_token', 'app', 'data_source', 'data_source_entry', 'payment_configuration', 'customer', 'checkout_session'] as const;

/** Copies rows verbatim (same ids, same sealed secrets), so a second database starts as an exact twin. */
export async function copyTables(from: Db, to: Db, tables: ReadonlyArray<keyof Database> = TENANT_TABLES) {
  for (const table of tables) {
    const rows = await from.selectFrom(table).selectAll().execute();
    if (rows.length > 0) await to.insertInto(table).values(rows as never).execute();
  }
}
