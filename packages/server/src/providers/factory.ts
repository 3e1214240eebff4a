import { UnsupportedOptionError } from '../errors/index.js';
import type { ProviderFactory } from '../payments/context.js';
import { attachEventSource, eventSourceOf, flittEventSource, stripeEventSource } from '../payments/reconciliation/event-sources.js';
import { createFlittProvider } from './flitt/adapter.js';
import { createFlittClient } from './flitt/client.js';
import { FLITT_API_URL, flittMerchantId } from './flitt/config.js';
import type { PaymentProvider } from './provider.js';
import { createStripeProvider } from './stripe/adapter.js';
import { createStripeClient } from './stripe/client.js';

export interface ProviderEndpoints {
  /** `PAYKIT_STRIPE_API_URL`: an emulator's base URL; unset talks to Stripe. */
  stripeApiUrl?: string;
  /** `PAYKIT_FLITT_API_URL`: an emulator's base URL; unset talks to Flitt. */
  flittApiUrl?: string;
}

/**
 * Builds the adapter for a stored configuration; the only place that knows every provider. Each
 * adapter shares its client with the event source the reconciliation job reads missed events from.
 */
export function createProviderFactory(endpoints: ProviderEndpoints): ProviderFactory {
  return (credentials) => {
    switch (credentials.provider) {
      case 'stripe': {
        const client = createStripeClient({ secretKey: credentials.secretKey, apiUrl: endpoints.stripeApiUrl });
        const provider = createStripeProvider({ secretKey: credentials.secretKey, publicKey: credentials.publicKey, apiUrl: endpoints.stripeApiUrl }, client);
        return attachEventSource(provider, stripeEventSource(client));
      }
      case 'flitt': {
        const merchantId = flittMerchantId(credentials.publicKey);
        const client = createFlittClient({ merchantId, secretKey: credentials.secretKey, baseUrl: endpoints.flittApiUrl ?? FLITT_API_URL });
        const provider = createFlittProvider({ merchantId: credentials.publicKey, secretKey: credentials.secretKey, apiUrl: endpoints.flittApiUrl }, client);
        return attachEventSource(provider, flittEventSource(client));
      }
      default:
        throw new UnsupportedOptionError(`Provider ${credentials.provider} is not available yet.`);
    }
  };
}

/** One call to a provider's API, as timed by `observeProviders`. */
export interface ProviderCall {
  provider: string;
  operation: string;
  seconds: number;
  ok: boolean;
}

/**
 * The same factory, with every network call of each adapter (and of its event source) timed and
 * reported to `observe` (the metrics plugin's latency histogram). Verifying a webhook is local
 * and is not a provider call.
 */
export function observeProviders(factory: ProviderFactory, observe: (call: ProviderCall) => void): ProviderFactory {
  return (credentials) => {
    const provider = factory(credentials);
    const time =
      <A extends unknown[], R>(operation: string, fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const started = performance.now();
        let ok = false;
        try {
          const result = await fn(...args);
          ok = true;
          return result;
        } finally {
          observe({ provider: provider.name, operation, seconds: (performance.now() - started) / 1000, ok });
        }
      };
    const observed: PaymentProvider = {
      ...provider,
      verifyCredentials: time('verifyCredentials', provider.verifyCredentials),
      createCustomer: time('createCustomer', provider.createCustomer),
      findCustomerByEmail: time('findCustomerByEmail', provider.findCustomerByEmail),
      createCheckout: time('createCheckout', provider.createCheckout),
      retrieveCheckout: time('retrieveCheckout', provider.retrieveCheckout),
      createBillingPortal: time('createBillingPortal', provider.createBillingPortal),
      registerWebhook: time('registerWebhook', provider.registerWebhook),
      retrieveSubscription: time('retrieveSubscription', provider.retrieveSubscription),
      stopSubscription: time('stopSubscription', provider.stopSubscription),
      startSubscription: time('startSubscription', provider.startSubscription),
      cancelSubscription: time('cancelSubscription', provider.cancelSubscription),
    };
    const source = eventSourceOf(provider);
    if (!source) return observed;
    return attachEventSource(observed, {
      eventsSince: source.eventsSince && time('listEvents', source.eventsSince),
      orderEvent: source.orderEvent && time('orderStatus', source.orderEvent),
    });
  };
}
