import { UnsupportedOptionError } from '../errors/index.js';
import type { ProviderFactory } from '../payments/context.js';
import { createStripeProvider } from './stripe/adapter.js';

export interface ProviderEndpoints {
  /** `PAYKIT_STRIPE_API_URL`: an emulator's base URL; unset talks to Stripe. */
  stripeApiUrl?: string;
}

/** Builds the adapter for a stored configuration; the only place that knows every provider. */
export function createProviderFactory(endpoints: ProviderEndpoints): ProviderFactory {
  return (credentials) => {
    switch (credentials.provider) {
      case 'stripe':
        return createStripeProvider({ secretKey: credentials.secretKey, publicKey: credentials.publicKey, apiUrl: endpoints.stripeApiUrl });
      default:
        throw new UnsupportedOptionError(`Provider ${credentials.provider} is not available yet.`);
    }
  };
}
