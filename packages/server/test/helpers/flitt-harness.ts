import { createFlittEmulator, type FlittEmulator } from '@paykit/emulator';
import type { buildApp } from '../../src/http/app.js';
import type { Dialect } from '../../src/storage/schema.js';
import { createTestDatabase, type TestDatabase } from './dialects.js';
import { type Call, type CallResult, startServerUnderTest } from './server-under-test.js';

export const FLITT_MERCHANT = { id: '1549901', secretKey: 'test' } as const;
export const FLITT_CARDS = { approve: '4444555511116666', decline: '4444111155556666' } as const;

export interface FlittCatalogue {
  dataSourceId: number;
  /** Entry ids of the data source rows (Flitt prices have no Price ID: the entry id is the price). */
  premium: string;
  gold: string;
  dollar: string;
  monthly: string;
}

export interface FlittHarness {
  app: Awaited<ReturnType<typeof buildApp>>;
  url: string;
  db: TestDatabase;
  flitt: FlittEmulator;
  tenant: { appId: string; appKey: string; studioToken: string; organisationId: string };
  logs: string[];
  call: Call;
  /** Creates the products data source (Price in major units + Currency) and configures Flitt's test merchant. */
  configure(options?: { secretKey?: string }): Promise<FlittCatalogue>;
  /** Pays an order at the emulator without a browser and waits until its callback was answered. */
  pay(orderId: string, card: string): Promise<CallResult>;
  /** Moves the emulator's clock (scheduled charges fall due) and waits for the callbacks. */
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** The server (buildApp, listening so the emulator can call back) aimed at a Flitt emulator. */
export async function startFlittHarness(dialect: Dialect, options: { retrieveAfterMs?: number } = {}): Promise<FlittHarness> {
  const db = await createTestDatabase(dialect);
  const flitt = createFlittEmulator({ port: 0, sweepIntervalMs: 0, callbackRetry: { delaysMs: [20, 50, 100], timeoutMs: 5_000 } });
  await flitt.listen();
  const { app, url, logs, tenant, call } = await startServerUnderTest(
    db,
    { flittApiUrl: flitt.url, retrieveAfterMs: options.retrieveAfterMs },
    'Flitt app',
  );

  const configure: FlittHarness['configure'] = async ({ secretKey = FLITT_MERCHANT.secretKey } = {}) => {
    const source = await call('POST', '/v1/data-sources', { token: tenant.studioToken, body: { appId: tenant.appId, name: 'Products' } });
    const rows = {
      premium: { Name: 'Premium plan', Description: 'A fancy premium plan', Price: 1.0, Currency: 'GEL' },
      gold: { Name: 'Gold plan', Description: 'A even fancier gold plan', Price: '2.50', Currency: 'GEL' },
      dollar: { Name: 'Dollar plan', Description: 'Priced in dollars', Price: 3, Currency: 'USD' },
      monthly: { Name: 'Monthly plan', Description: 'Billed every month', Price: 9, Currency: 'GEL' },
    };
    const ids: Record<string, string> = {};
    for (const [key, data] of Object.entries(rows)) {
      const entry = await call('POST', `/v1/data-sources/${source.body.id}/entries`, { token: tenant.studioToken, body: { data } });
      ids[key] = String(entry.body.id);
    }
    const configured = await call('PUT', `/v1/apps/${tenant.appId}/payments/configuration`, {
      token: tenant.studioToken,
      body: { provider: 'flitt', providerPublicKey: FLITT_MERCHANT.id, providerPrivateKey: secretKey, productsDataSourceId: source.body.id },
    });
    if (configured.status !== 200) throw Object.assign(new Error(`configure failed: ${JSON.stringify(configured.body)}`), { response: configured });
    return { dataSourceId: source.body.id, premium: ids.premium, gold: ids.gold, dollar: ids.dollar, monthly: ids.monthly } as FlittCatalogue;
  };

  const emulatorPost = async (path: string, body: unknown): Promise<CallResult> => {
    const response = await fetch(`${flitt.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: Object.fromEntries(response.headers) };
  };

  return {
    app,
    url,
    db,
    flitt,
    tenant,
    logs,
    call,
    configure,
    pay: async (orderId, card) => {
      const paid = await emulatorPost(`/emulator/orders/${orderId}/pay`, { card });
      await flitt.callbacksIdle();
      return paid;
    },
    advance: async (seconds) => {
      await emulatorPost('/emulator/clock/advance', { seconds });
      await flitt.callbacksIdle();
    },
    close: async () => {
      await app.close();
      await flitt.close();
      await db.drop();
    },
  };
}
