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
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly attempts: DeliveryAttempt[] = [];
  private closed = false;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly now: () => number,
  ) {}

  enqueue(delivery: Delivery): void {
    this.pending += 1;
    this.schedule(delivery, 1, 0);
  }

  /** Resolves once every queued delivery has succeeded or given up. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending = 0;
    this.settle();
  }

  private schedule(delivery: Delivery, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    if (this.closed) return;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signPayload(delivery.body, delivery.secret, this.now()),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (this.closed) return;
    this.attempts.push({ eventId: delivery.eventId, endpointId: delivery.endpointId, url: delivery.url, attempt, status, error });
    const ok = status !== null && status >= 200 && status < 300;
    if (!ok && attempt < this.policy.maxAttempts) {
      const delay = Math.min(this.policy.baseDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs);
      this.schedule(delivery, attempt + 1, delay);
      return;
    }
    this.pending -= 1;
    this.settle();
  }

  private settle(): void {
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
