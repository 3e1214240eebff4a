import { UnsupportedOptionError } from '../errors/index.js';
import type { ProviderFactory } from '../payments/context.js';
import { createFlittProvider } from './flitt/adapter.js';
import { createStripeProvider } from './stripe/adapter.js';

export interface ProviderEndpoints {
  /** `PAYKIT_STRIPE_API_URL`: an emulator's base URL; unset talks to Stripe. */
  stripeApiUrl?: string;
  /** `PAYKIT_FLITT_API_URL`: an emulator's base URL; unset talks to Flitt. */
  flittApiUrl?: string;
}

/** Builds the adapter for a stored configuration; the only place that knows every provider. */
export function createProviderFactory(endpoints: ProviderEndpoints): ProviderFactory {
  return (credentials) => {
    switch (credentials.provider) {
      case 'stripe':
        return createStripeProvider({ secretKey: credentials.secretKey, publicKey: credentials.publicKey, apiUrl: endpoints.stripeApiUrl });
      case 'flitt':
        return createFlittProvider({ merchantId: credentials.publicKey, secretKey: credentials.secretKey, apiUrl: endpoints.flittApiUrl });
      default:
        throw new UnsupportedOptionError(`Provider ${credentials.provider} is not available yet.`);
    }
  };
}
