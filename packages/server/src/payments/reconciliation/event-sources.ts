import type Stripe from 'stripe';
import type { FlittClient } from '../../providers/flitt/client.js';
import { toProviderEvent as flittEvent } from '../../providers/flitt/webhook.js';
import type { PaymentProvider, ProviderEvent } from '../../providers/provider.js';
import { toProviderEvent as stripeEvent } from '../../providers/stripe/webhook.js';

/**
 * Where the reconciliation job reads what webhooks may have missed, in the shape webhooks give:
 * a provider with an events API lists its events; one without (Flitt) answers an order's status.
 */
export interface EventSource {
  /** Every event created at or after `sinceSeconds` (all the provider keeps when null), oldest first. */
  eventsSince?(sinceSeconds: number | null, limit: number): Promise<ProviderEvent[]>;
  /** The event the provider's callback for this order's current state would carry. */
  orderEvent?(orderId: string): Promise<ProviderEvent>;
}

/** Attached to provider instances by the provider factory, so the provider contract stays as it is. */
const sources = new WeakMap<PaymentProvider, EventSource>();

export function attachEventSource<P extends PaymentProvider>(provider: P, source: EventSource): P {
  sources.set(provider, source);
  return provider;
}

export function eventSourceOf(provider: PaymentProvider): EventSource | undefined {
  return sources.get(provider);
}

/** Stripe's `GET /v1/events` (`created[gte]`, newest first, auto-paginated), reversed to oldest first. */
export function stripeEventSource(stripe: Stripe): EventSource {
  return {
    async eventsSince(sinceSeconds, limit) {
      const params: Stripe.EventListParams = { limit: 100, ...(sinceSeconds === null ? {} : { created: { gte: sinceSeconds } }) };
      const events: ProviderEvent[] = [];
      for await (const event of stripe.events.list(params)) {
        events.push(stripeEvent(event));
        if (events.length >= limit) break;
      }
      return events.reverse();
    },
  };
}

/** Flitt's `status/order_id`, read as the callback for that state. */
export function flittEventSource(flitt: FlittClient): EventSource {
  return {
    async orderEvent(orderId) {
      const order = await flitt.status(orderId);
      return flittEvent(order, { merchantId: flitt.merchantId, now: Math.floor(Date.now() / 1000) });
    },
  };
}
