import { randomBytes, randomInt } from 'node:crypto';
import { createApp } from '../payments/tenants/apps.js';
import type { PaykitApp } from '../server.js';
import { type FlittDemoAppState, readFlittDemoAppState, writeDemoAppState } from './dev-state.js';

/** The same three plans as the Stripe demo app, priced in lari: Flitt reads `Price` (major units) and `Currency`. */
export const FLITT_DEMO_PLANS = [
  { Name: 'Premium plan', Description: 'A fancy premium plan', Price: 1, Currency: 'GEL' },
  { Name: 'Gold plan', Description: 'A even fancier gold plan', Price: 2.5, Currency: 'GEL' },
  { Name: 'Monthly plan', Description: 'Billed every month', Price: 9, Currency: 'GEL', Interval: 'month' },
];

export interface FlittDemoAppOptions {
  /** The Flitt emulator's base URL. */
  emulatorUrl: string;
  /** `./data/dev-flitt-app.json` */
  stateFile: string;
  /** Store the provider configuration again (a new master key cannot read the old ciphertext). */
  reconfigure?: boolean;
}

async function call(app: PaykitApp, method: 'GET' | 'POST' | 'PUT', url: string, token: string, body?: object) {
  const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

/** The emulator keeps merchants in memory: the demo merchant is registered again on every start. */
async function registerMerchant(emulatorUrl: string, state: Pick<FlittDemoAppState, 'merchantId' | 'secretKey'>) {
  const response = await fetch(`${emulatorUrl}/emulator/merchants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ merchant_id: state.merchantId, secret_key: state.secretKey }),
  });
  if (response.status !== 201) throw new Error(`The Flitt emulator refused the demo merchant: ${response.status} ${await response.text()}`);
}

/** Configuration.update checks the key with a status request, so the merchant must exist first. */
async function configure(app: PaykitApp, state: FlittDemoAppState) {
  await call(app, 'PUT', `/v1/apps/${state.appId}/payments/configuration`, state.studioToken, {
    provider: 'flitt',
    providerPublicKey: String(state.merchantId),
    providerPrivateKey: state.secretKey,
    productsDataSourceId: state.dataSourceId,
  });
}

async function stillValid(app: PaykitApp, state: FlittDemoAppState): Promise<boolean> {
  const response = await app.inject({
    method: 'GET',
    url: `/v1/apps/${state.appId}/payments/products`,
    headers: { authorization: `Bearer ${state.appKey}` },
  });
  if (response.statusCode !== 200) return false;
  const { products } = response.json() as { products: unknown[] };
  return products.length >= FLITT_DEMO_PLANS.length;
}

async function createFlittDemoApp(app: PaykitApp, emulatorUrl: string): Promise<FlittDemoAppState> {
  const tenant = await createApp(app.payments.db, { name: 'Demo store (Flitt)' });
  const source = (await call(app, 'POST', '/v1/data-sources', tenant.studioToken, { appId: tenant.appId, name: 'Products' })) as { id: number };
  // Flitt prices need no Price ID: the entry's id is the price. `Interval` tells the demo store to subscribe.
  for (const data of FLITT_DEMO_PLANS) await call(app, 'POST', `/v1/data-sources/${source.id}/entries`, tenant.studioToken, { data });
  const state: FlittDemoAppState = {
    appId: tenant.appId,
    appKey: tenant.appKey,
    studioToken: tenant.studioToken,
    merchantId: randomInt(1_700_000, 1_800_000),
    secretKey: randomBytes(16).toString('hex'),
    dataSourceId: source.id,
  };
  await registerMerchant(emulatorUrl, state);
  await configure(app, state);
  return state;
}

/**
 * The Flitt demo app of `paykit dev`, set up like the Stripe one: created on the first run,
 * reused later (its merchant registered again with the emulator), redone when the database lost it.
 */
export async function ensureFlittDemoApp(app: PaykitApp, options: FlittDemoAppOptions) {
  const saved = readFlittDemoAppState(options.stateFile);
  if (saved && (await stillValid(app, saved))) {
    await registerMerchant(options.emulatorUrl, saved);
    if (options.reconfigure) await configure(app, saved);
    return { state: saved, created: false };
  }
  const state = await createFlittDemoApp(app, options.emulatorUrl);
  writeDemoAppState(options.stateFile, state);
  return { state, created: true };
}
