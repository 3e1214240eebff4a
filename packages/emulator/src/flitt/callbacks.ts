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
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  readonly attempts: CallbackAttempt[] = [];

  constructor(private readonly retry: CallbackRetry) {}

  enqueue(callback: Callback): void {
    this.pending += 1;
    this.schedule(callback, 1, 0);
  }

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

  private schedule(callback: Callback, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(callback, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(callback: Callback, attempt: number): Promise<void> {
    if (this.closed) return;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(callback.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Flitt callback (paykit emulator)' },
        body: callback.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.retry.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (this.closed) return;
    this.attempts.push({ orderId: callback.orderId, url: callback.url, attempt, status, error });
    const delay = this.retry.delaysMs[attempt - 1];
    if (status !== 200 && delay !== undefined) {
      this.schedule(callback, attempt + 1, delay);
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
