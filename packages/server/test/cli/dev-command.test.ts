import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, PAYKIT_BIN } from '../helpers/cli.js';
import { sdkBundle } from '../sdk/sdk-bundle.js';

const children: ChildProcess[] = [];
let cwd: string;

beforeAll(() => {
  sdkBundle();
  cwd = mkdtempSync(join(tmpdir(), 'paykit-dev-'));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

interface DevRun {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

/** Starts `paykit dev` in the temp directory and waits until it says it is ready. */
async function startDev(): Promise<DevRun & { url: string; appId: string; appKey: string; emulatorUrl: string }> {
  const [port, stripePort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env, PAYKIT_PORT: String(port), PAYKIT_DEV_STRIPE_PORT: String(stripePort) };
  delete env.PAYKIT_DATABASE_URL;
  delete env.PAYKIT_MASTER_KEY;
  const child = spawn(process.execPath, [PAYKIT_BIN, 'dev'], { cwd, env, stdio: 'pipe' });
  children.push(child);
  const run: DevRun = { child, output: '', exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout?.on('data', (chunk) => {
    run.output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    run.output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (run.output.includes('paykit dev ready')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    run.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`paykit dev exited with ${code}:\n${run.output}`));
    });
  });
  const field = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(run.output)?.[1] ?? '';
  expect(field('Server')).toBe(`http://127.0.0.1:${port}`);
  expect(field('Stripe emulator')).toBe(`http://127.0.0.1:${stripePort}`);
  return { ...run, url: field('Server'), appId: field('App ID'), appKey: field('App key'), emulatorUrl: field('Stripe emulator') };
}

async function stop(run: DevRun): Promise<void> {
  run.child.kill('SIGTERM');
  expect(await run.exited).toBe(0);
}

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

    const keyFile = join(cwd, 'data', 'dev-master.key');
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    for (const file of ['paykit.db', 'stripe-emulator.json', 'dev-app.json']) expect(existsSync(join(cwd, 'data', file))).toBe(true);
    await stop(run);
  });

  it('reuses the same demo app, key and prices on the next start, even on other ports', async () => {
    const saved = JSON.parse(readFileSync(join(cwd, 'data', 'dev-app.json'), 'utf8'));
    const key = readFileSync(join(cwd, 'data', 'dev-master.key'), 'utf8');
    const run = await startDev();
    expect(run.output).toContain('reused');
    expect(run.appId).toBe(saved.appId);
    expect(run.appKey).toBe(saved.appKey);
    expect(readFileSync(join(cwd, 'data', 'dev-master.key'), 'utf8')).toBe(key);

    const products = await fetch(`${run.url}/v1/apps/${run.appId}/payments/products`, { headers: { authorization: `Bearer ${run.appKey}` } });
    const { products: rows } = (await products.json()) as { products: Array<Record<string, unknown>> };
    expect(rows.map((p) => p['Price ID'])).toEqual(saved.priceIds);
    // The emulator's webhook now points at this run's server.
    expect(JSON.parse(readFileSync(join(cwd, 'data', 'dev-app.json'), 'utf8')).publicUrl).toBe(run.url);
    await stop(run);
  });

  it('sets the demo app up again when the database was deleted', async () => {
    const saved = JSON.parse(readFileSync(join(cwd, 'data', 'dev-app.json'), 'utf8'));
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(cwd, 'data', `paykit.db${suffix}`), { force: true });
    const run = await startDev();
    expect(run.output).toContain('created');
    expect(run.appId).not.toBe(saved.appId);
    const products = await fetch(`${run.url}/v1/apps/${run.appId}/payments/products`, { headers: { authorization: `Bearer ${run.appKey}` } });
    expect(((await products.json()) as { products: unknown[] }).products).toHaveLength(3);
    await stop(run);
  });
});
