import Stripe from 'stripe';
import type { ScenarioEvent } from './stripe-scenario.js';

const signer = new Stripe('sk_test_signer_only', { maxNetworkRetries: 0 });

/** `Stripe-Signature` for this body, signed now (Stripe signs every retry afresh). */
export function signStripe(body: string, secret: string): string {
  return signer.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(Date.now() / 1000) });
}

export interface DeliveryReport {
  /** Ids of the events answered with a 2xx (each counted once). */
  acknowledged: Set<string>;
  attempts: number;
  /** Attempts that ended in a dropped connection, a refused one or a timeout. */
  networkErrors: number;
  /** Attempts answered with a non-2xx status, by status. */
  statuses: Record<number, number>;
}

export interface DeliveryOptions {
  /** The endpoint, read again on every attempt (servers may change between attempts). */
  target: () => string;
  secret: string;
  concurrency: number;
  /** Called after each acknowledgement with the number acknowledged so far. */
  onAck?: (acknowledged: number) => void;
  /** Give up (throw) after this long; deliveries in a healthy run end far sooner. */
  deadlineMs?: number;
}

/**
 * Delivers every event the way a provider does: POST the signed body, and retry with backoff on
 * any non-2xx answer or dropped connection until a 2xx comes back.
 */
export async function deliverWithRetry(events: ScenarioEvent[], options: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { acknowledged: new Set(), attempts: 0, networkErrors: 0, statuses: {} };
  const deadline = Date.now() + (options.deadlineMs ?? 240_000);
  let next = 0;
  const deliverOne = async (event: ScenarioEvent) => {
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new Error(`event ${event.id} not acknowledged before the deadline: ${JSON.stringify(report.statuses)}`);
      report.attempts++;
      try {
        const response = await fetch(options.target(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(event.body, options.secret) },
          body: event.body,
          signal: AbortSignal.timeout(15_000),
        });
        await response.arrayBuffer();
        if (response.status >= 200 && response.status < 300) {
          report.acknowledged.add(event.id);
          options.onAck?.(report.acknowledged.size);
          return;
        }
        report.statuses[response.status] = (report.statuses[response.status] ?? 0) + 1;
      } catch {
        report.networkErrors++;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 500)));
    }
  };
  const worker = async () => {
    while (next < events.length) await deliverOne(events[next++]);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}

/** Runs `task` on every item with at most `concurrency` at once. */
export async function inParallel<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
