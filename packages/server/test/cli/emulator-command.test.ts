import { type ChildProcess, spawn } from 'node:child_process';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYKIT_BIN } from '../helpers/cli.js';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
});

function firstUrl(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    proc.on('exit', (code) => reject(new Error(`paykit exited with ${code}: ${out}`)));
  });
}

describe('paykit emulator command', () => {
  it('prints the URL it listens on and answers the official Stripe SDK there until killed', async () => {
    child = spawn(process.execPath, [PAYKIT_BIN, 'emulator', '--stripe-port', '0', '--flitt-port', '0', '--host', '127.0.0.1'], { stdio: 'pipe' });
    const url = await firstUrl(child);
    const { hostname, port } = new URL(url);
    const stripe = new Stripe('sk_test_cli', { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
    const customer = await stripe.customers.create({ email: 'cli@example.org' });
    expect(customer.id).toMatch(/^cus_/);
    const exited = new Promise((resolve) => child?.on('exit', resolve));
    child.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
  });

  it('refuses a port that is not a number, with a message', async () => {
    child = spawn(process.execPath, [PAYKIT_BIN, 'emulator', '--stripe-port', 'abc'], { stdio: 'pipe' });
    let err = '';
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    const code = await new Promise((resolve) => child?.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('--stripe-port must be a port number');
  });
});
