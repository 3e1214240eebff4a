import { RetryingPost } from '../shared/retrying-post.js';
import { signPayload } from './signature.js';

export interface RetryPolicy {
  /** Delay before the first retry; each later one doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 8, timeoutMs: 10_000 };

export interface DeliveryAttempt {
  eventId: string;
  endpointId: string;
  url: string;
  attempt: number;
  status: number | null;
  error: string | null;
}

interface Delivery {
  eventId: string;
  endpointId: string;
  url: string;
  secret: string;
  body: string;
}

/**
 * Delivers events to webhook endpoints: concurrently (so the order is not creation order, as
 * with Stripe), signed at each attempt, retried with exponential backoff on a non-2xx answer,
 * a refused connection or a timeout.
 */
export class WebhookDelivery {
  readonly attempts: DeliveryAttempt[] = [];
  private readonly post: RetryingPost<Delivery>;

  constructor(policy: RetryPolicy, now: () => number) {
    this.post = new RetryingPost<Delivery>({
      timeoutMs: policy.timeoutMs,
      headers: (delivery) => ({
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'stripe-signature': signPayload(delivery.body, delivery.secret, now()),
      }),
      redirect: 'follow',
      accepts: (status) => status >= 200 && status < 300,
      retryDelay: (attempt) =>
        attempt < policy.maxAttempts ? Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs) : undefined,
      onAttempt: (delivery, outcome) =>
        this.attempts.push({ eventId: delivery.eventId, endpointId: delivery.endpointId, url: delivery.url, ...outcome }),
    });
  }

  enqueue(delivery: Delivery): void {
    this.post.enqueue(delivery);
  }

  /** Resolves once every queued delivery has succeeded or given up. */
  idle(): Promise<void> {
    return this.post.idle();
  }

  close(): void {
    this.post.close();
  }
}
