import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sdkBundle } from '../sdk/sdk-bundle.js';
import { killDevRuns, startDev as startDevIn, stopDev } from './dev-run.js';

let cwd: string;

beforeAll(() => {
  sdkBundle();
  cwd = mkdtempSync(join(tmpdir(), 'paykit-dev-'));
});
afterEach(killDevRuns);
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const startDev = () => startDevIn(cwd);

describe('paykit dev', () => {
  it('starts everything in ./data with a demo app selling the three plans, the demo store and the SDK', async () => {
    const run = await startDev();
    expect(run.output).toContain('created');
    expect(run.appId).toMatch(/^app_/);
    expect(run.appKey).toMatch(/^pk_app_/);

    const products = await fetch(`${run.url}/v1/apps/${run.appId}/payments/products`, {
      headers: { authorization: `Bearer ${run.appKey}` },
    });
    expect(products.status).toBe(200);
    const { products: rows } = (await products.json()) as { products: Array<Record<string, unknown>> };
    expect(rows.map((p) => [p.Name, p.Price])).toEqual([
      ['Premium plan', 1],
      ['Gold plan', 2.5],
      ['Monthly plan', 9],
    ]);
    for (const row of rows) expect(row['Price ID']).toMatch(/^price_/);

    const page = await fetch(`${run.url}/demo`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const id of ['email', 'products', 'buy', 'result', 'logs', 'manage-billing']) expect(html).toContain(`id="${id}"`);
    expect((await fetch(`${run.url}/demo/demo.js`)).status).toBe(200);
    expect(await (await fetch(`${run.url}/demo/config.js`)).text()).toContain(run.appId);
    const sdk = await fetch(`${run.url}/sdk/paykit.js`);
    expect(sdk.status).toBe(200);
    expect(await sdk.text()).toContain('createPayments');
    expect((await fetch(`${run.url}/docs`)).status).toBeLessThan(400);
    expect((await fetch(`${run.emulatorUrl}/v1/customers`, { headers: { authorization: 'Bearer sk_test_x' } })).status).toBe(200);

    const config = await (await fetch(`${run.url}/demo/config.js`)).text();
    expect(config).toContain(run.flittAppId);
    expect(config).toContain(run.flittAppKey);

    const keyFile = join(cwd, 'data', 'dev-master.key');
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    for (const file of ['paykit.db', 'stripe-emulator.json', 'dev-app.json', 'dev-flitt-app.json']) {
      expect(existsSync(join(cwd, 'data', file))).toBe(true);
    }
    await stopDev(run);
  });

  it('runs the Flitt emulator with a second demo app whose monthly plan opens a Flitt subscription checkout', async () => {
    const run = await startDev();
    expect(run.flittAppId).toMatch(/^app_/);
    expect(run.flittAppId).not.toBe(run.appId);
    const api = (path: string, init: { token: string; body?: object }) =>
      fetch(`${run.url}/v1/apps/${run.flittAppId}/payments/${path}`, {
        method: init.body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${init.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
    const { products } = (await (await api('products', { token: run.flittAppKey })).json()) as { products: Array<Record<string, unknown>> };
    expect(products.map((p) => [p.Name, p.Price, p.Currency])).toEqual([
      ['Premium plan', 1, 'GEL'],
      ['Gold plan', 2.5, 'GEL'],
      ['Monthly plan', 9, 'GEL'],
    ]);
    const monthly = products.find((p) => p.Interval === 'month');
    expect(monthly).toBeDefined();

    const customer = (await (await api('customers', { token: run.flittAppKey, body: { email: 'dev-flitt@example.org' } })).json()) as {
      id: string;
    };
    const opened = await api('subscriptions', {
      token: run.flittAppKey,
      body: { customer: customer.id, priceId: String(monthly?.id), recurring_data: { period: 'month', every: 1, quantity: 12 } },
    });
    expect(opened.status).toBe(200);
    const { url } = (await opened.json()) as { url: string };
    expect(url.startsWith(`${run.flittUrl}/`)).toBe(true);
    const page = await (await fetch(url)).text();
    expect(page).toContain('every 1 month');
    expect(page).toContain('9.00');
    await stopDev(run);
  });

  it('reuses the same demo app, key and prices on the next start, even on other ports', async () => {
    const saved = JSON.parse(readFileSync(join(cwd, 'data', 'dev-app.json'), 'utf8'));
    const key = readFileSync(join(cwd, 'data', 'dev-master.key'), 'utf8');
    const run = await startDev();
    expect(run.output).toContain('reused');
    expect(run.output).toMatch(/Flitt demo app \(reused/);
    expect(run.appId).toBe(saved.appId);
    expect(run.appKey).toBe(saved.appKey);
    expect(readFileSync(join(cwd, 'data', 'dev-master.key'), 'utf8')).toBe(key);

    const products = await fetch(`${run.url}/v1/apps/${run.appId}/payments/products`, { headers: { authorization: `Bearer ${run.appKey}` } });
    const { products: rows } = (await products.json()) as { products: Array<Record<string, unknown>> };
    expect(rows.map((p) => p['Price ID'])).toEqual(saved.priceIds);
    // The emulator's webhook now points at this run's server.
    expect(JSON.parse(readFileSync(join(cwd, 'data', 'dev-app.json'), 'utf8')).publicUrl).toBe(run.url);
    await stopDev(run);
  });

  it('sets the demo app up again when the database was deleted', async () => {
    const saved = JSON.parse(readFileSync(join(cwd, 'data', 'dev-app.json'), 'utf8'));
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(cwd, 'data', `paykit.db${suffix}`), { force: true });
    const run = await startDev();
    expect(run.output).toContain('created');
    expect(run.appId).not.toBe(saved.appId);
    const products = await fetch(`${run.url}/v1/apps/${run.appId}/payments/products`, { headers: { authorization: `Bearer ${run.appKey}` } });
    expect(((await products.json()) as { products: unknown[] }).products).toHaveLength(3);
    // The Flitt demo app lived in the same database: it is set up again too.
    expect(run.output).toMatch(/Flitt demo app \(created/);
    await stopDev(run);
  });
});
