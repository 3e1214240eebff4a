import Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../../src/index.js';
import { startReceiver as startSharedReceiver } from './receiver.js';

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

/** A local webhook receiver at `/webhook`. */
export const startReceiver = (respond?: (n: number) => number | null) => startSharedReceiver(respond, '/webhook');

export async function createPrice(stripe: Stripe, amount: number, recurring?: Stripe.PriceCreateParams.Recurring) {
  const product = await stripe.products.create({ name: `Plan ${amount}` });
  return stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', ...(recurring ? { recurring } : {}) });
}

export function completeWith(stripe: Stripe, sessionId: string, card: string) {
  return stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${sessionId}/complete`, { card });
}
