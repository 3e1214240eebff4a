import Stripe from 'stripe';
import { STRIPE_API_VERSION, stripeEndpoint } from './config.js';

export interface StripeClientOptions {
  secretKey: string;
  /** Base URL of an emulator; unset talks to Stripe. */
  apiUrl?: string;
  timeoutMs?: number;
  maxNetworkRetries?: number;
}

/** The official SDK, aimed at Stripe or at a wire-compatible emulator (only the base URL differs). */
export function createStripeClient({
  secretKey,
  apiUrl,
  timeoutMs = 15_000,
  maxNetworkRetries = 2,
}: StripeClientOptions): Stripe {
  return new Stripe(secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries,
    timeout: timeoutMs,
    telemetry: false,
    appInfo: { name: 'paykit' },
    ...stripeEndpoint(apiUrl),
  });
}
