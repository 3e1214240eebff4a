import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { createApp } from '../payments/tenants/apps.js';
import { createStripeClient } from '../providers/stripe/client.js';
import type { PaykitApp } from '../server.js';
import { type DemoAppState, readDemoAppState, writeDemoAppState } from './dev-state.js';

/** The reference's two plans (payments-js-api.txt: `Price` is a float in major units) plus a monthly subscription. */
export const DEMO_PLANS = [
  { Name: 'Premium plan', Description: 'A fancy premium plan', Price: 1, amount: 100 },
  { Name: 'Gold plan', Description: 'A even fancier gold plan', Price: 2.5, amount: 250 },
  { Name: 'Monthly plan', Description: 'Billed every month', Price: 9, amount: 900, interval: 'month' as const },
];

export interface DemoAppOptions {
  emulatorUrl: string;
  /** `./data/dev-app.json` */
  stateFile: string;
  /** Store the provider configuration again (a new master key cannot read the old ciphertext). */
  reconfigure?: boolean;
}

export interface DemoApp {
  state: DemoAppState;
  /** False when a saved demo app was reused. */
  created: boolean;
}

/** Calls the server's own HTTP API, so the demo goes through the same validation as any client. */
async function call(app: PaykitApp, method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: object) {
  const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
  if (response.statusCode >= 300) {
    throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  }
  return response.json();
}

async function configure(app: PaykitApp, state: DemoAppState): Promise<void> {
  await call(app, 'PUT', `/v1/apps/${state.appId}/payments/configuration`, state.studioToken, {
    provider: 'stripe',
    providerPublicKey: 'pk_test_paykit_demo',
    providerPrivateKey: state.stripeSecretKey,
    productsDataSourceId: state.dataSourceId,
    registerWebhook: true,
  });
}

/** Whether the saved demo app still exists on both sides (the database or the emulator file may have been deleted). */
async function stillValid(app: PaykitApp, stripe: Stripe, state: DemoAppState): Promise<boolean> {
  const response = await app.inject({
    method: 'GET',
    url: `/v1/apps/${state.appId}/payments/products`,
    headers: { authorization: `Bearer ${state.appKey}` },
  });
  if (response.statusCode !== 200) return false;
  const { products } = response.json() as { products: Array<Record<string, unknown>> };
  if (products.length < DEMO_PLANS.length) return false;
  try {
    for (const id of state.priceIds) await stripe.prices.retrieve(id);
    return true;
  } catch {
    return false;
  }
}

/** Stores the configuration again, with the webhook at the server's current URL (the port may differ from the first run). */
async function repointWebhook(app: PaykitApp, stripe: Stripe, state: DemoAppState): Promise<DemoAppState> {
  const publicUrl = app.payments.publicUrl;
  const endpoints = await stripe.webhookEndpoints.list({ limit: 100 });
  for (const endpoint of endpoints.data) {
    if (!endpoint.url.startsWith(`${publicUrl}/`)) await stripe.webhookEndpoints.del(endpoint.id);
  }
  await configure(app, state);
  return { ...state, publicUrl };
}

async function createDemoApp(app: PaykitApp, emulatorUrl: string): Promise<DemoAppState> {
  const tenant = await createApp(app.payments.db, { name: 'Demo store' });
  const stripeSecretKey = `sk_test_demo_${randomBytes(12).toString('hex')}`;
  const stripe = createStripeClient({ secretKey: stripeSecretKey, apiUrl: emulatorUrl });
  const product = await stripe.products.create({ name: 'paykit demo plans' });
  const prices: Stripe.Price[] = [];
  for (const plan of DEMO_PLANS) {
    prices.push(
      await stripe.prices.create({
        product: product.id,
        currency: 'usd',
        unit_amount: plan.amount,
        nickname: plan.Name,
        ...(plan.interval ? { recurring: { interval: plan.interval } } : {}),
      }),
    );
  }
  const source = (await call(app, 'POST', '/v1/data-sources', tenant.studioToken, { appId: tenant.appId, name: 'Products' })) as { id: number };
  for (const [i, plan] of DEMO_PLANS.entries()) {
    const data: Record<string, unknown> = {
      Name: plan.Name,
      Description: plan.Description,
      Price: plan.Price,
      'Price ID': prices[i]!.id,
    };
    // An extra column (returned verbatim) that tells the demo store to check out in subscription mode.
    if (plan.interval) data.Interval = plan.interval;
    await call(app, 'POST', `/v1/data-sources/${source.id}/entries`, tenant.studioToken, { data });
  }
  const state: DemoAppState = {
    appId: tenant.appId,
    appKey: tenant.appKey,
    studioToken: tenant.studioToken,
    stripeSecretKey,
    dataSourceId: source.id,
    priceIds: prices.map((p) => p.id),
    publicUrl: app.payments.publicUrl,
  };
  await configure(app, state);
  return state;
}

/**
 * The demo app of `paykit dev`: created on the first run (app, emulator prices, products data
 * source, Stripe configuration with a registered webhook), reused on later runs, redone when
 * the database or the emulator state it relies on is gone. Call it after the server listens:
 * the webhook URL is built from the server's public URL.
 */
export async function ensureDemoApp(app: PaykitApp, options: DemoAppOptions): Promise<DemoApp> {
  const saved = readDemoAppState(options.stateFile);
  if (saved) {
    const stripe = createStripeClient({ secretKey: saved.stripeSecretKey, apiUrl: options.emulatorUrl });
    if (await stillValid(app, stripe, saved)) {
      const stale = options.reconfigure || saved.publicUrl !== app.payments.publicUrl;
      const state = stale ? await repointWebhook(app, stripe, saved) : saved;
      if (state !== saved) writeDemoAppState(options.stateFile, state);
      return { state, created: false };
    }
  }
  const state = await createDemoApp(app, options.emulatorUrl);
  writeDemoAppState(options.stateFile, state);
  return { state, created: true };
}
