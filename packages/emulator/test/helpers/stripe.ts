import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../../src/index.js';

export interface EmulatorHarness {
  emulator: StripeEmulator;
  stripe: Stripe;
  /** A client for another account (another secret key). */
  client(key: string): Stripe;
  close(): Promise<void>;
}

export function stripeFor(url: string, key: string): Stripe {
  const { hostname, port } = new URL(url);
  return new Stripe(key, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
}

export async function startEmulator(options: StripeEmulatorOptions = {}): Promise<EmulatorHarness> {
  const emulator = createStripeEmulator({ port: 0, webhookRetry: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2_000 }, ...options });
  const url = await emulator.listen();
  const key = `sk_test_${Math.random().toString(36).slice(2)}`;
  return {
    emulator,
    stripe: stripeFor(url, key),
    client: (other) => stripeFor(url, other),
    close: () => emulator.close(),
  };
}

export interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

/** A local webhook receiver; `respond` decides each answer's status (or null to drop the connection). */
export async function startReceiver(respond: (n: number) => number | null = () => 200) {
  const received: Received[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      count += 1;
      received.push({ body, headers: req.headers });
      const status = respond(count);
      if (status === null) {
        req.socket.destroy();
        return;
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function createPrice(stripe: Stripe, amount: number, recurring?: Stripe.PriceCreateParams.Recurring) {
  const product = await stripe.products.create({ name: `Plan ${amount}` });
  return stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', ...(recurring ? { recurring } : {}) });
}

export function completeWith(stripe: Stripe, sessionId: string, card: string) {
  return stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${sessionId}/complete`, { card });
}
