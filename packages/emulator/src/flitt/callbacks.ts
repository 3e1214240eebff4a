import { RetryingPost } from '../shared/retrying-post.js';

export interface CallbackRetry {
  /** Delay before each retry; Flitt waits 2, 60, 300, 600, 3600 and 86400 s. */
  delaysMs: number[];
  /** Flitt gives a callback 30 s to answer. */
  timeoutMs: number;
}

export const FLITT_CALLBACK_RETRY: CallbackRetry = {
  delaysMs: [2_000, 60_000, 300_000, 600_000, 3_600_000, 86_400_000],
  timeoutMs: 30_000,
};

export interface CallbackAttempt {
  orderId: string;
  url: string;
  attempt: number;
  status: number | null;
  error: string | null;
}

interface Callback {
  orderId: string;
  url: string;
  body: string;
}

/**
 * Sends order callbacks as Flitt does: POST JSON, no redirects followed, and anything but
 * HTTP 200 (including a refused connection or a timeout) retried on the backoff schedule.
 */
export class CallbackDelivery {
  readonly attempts: CallbackAttempt[] = [];
  private readonly post: RetryingPost<Callback>;

  constructor(retry: CallbackRetry) {
    this.post = new RetryingPost<Callback>({
      timeoutMs: retry.timeoutMs,
      headers: () => ({ 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Flitt callback (paykit emulator)' }),
      redirect: 'manual',
      accepts: (status) => status === 200,
      retryDelay: (attempt) => retry.delaysMs[attempt - 1],
      onAttempt: (callback, outcome) => this.attempts.push({ orderId: callback.orderId, url: callback.url, ...outcome }),
    });
  }

  enqueue(callback: Callback): void {
    this.post.enqueue(callback);
  }

  /** Resolves once every queued callback has been answered with 200 or given up. */
  idle(): Promise<void> {
    return this.post.idle();
  }

  close(): void {
    this.post.close();
  }
}
