/** One outgoing POST: where to and what (JSON text). */
export interface Outgoing {
  url: string;
  body: string;
}

export interface PostOutcome {
  attempt: number;
  status: number | null;
  error: string | null;
}

export interface RetryingPostOptions<T extends Outgoing> {
  timeoutMs: number;
  /** Headers of one attempt (computed per attempt: Stripe signs each with the current time). */
  headers(item: T): Record<string, string>;
  /** Flitt follows no redirects (a 3xx is a failure); Stripe's deliveries follow them. */
  redirect: RequestRedirect;
  accepts(status: number): boolean;
  /** Delay before attempt `attempt + 1`, or undefined to give up after `attempt`. */
  retryDelay(attempt: number): number | undefined;
  onAttempt(item: T, outcome: PostOutcome): void;
}

/**
 * The providers' delivery loop: each item is POSTed concurrently, and an answer it does not
 * accept, a refused connection or a timeout is retried after `retryDelay`. `idle()` resolves once
 * every item has been accepted or given up.
 */
export class RetryingPost<T extends Outgoing> {
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: RetryingPostOptions<T>) {}

  enqueue(item: T): void {
    this.pending += 1;
    this.schedule(item, 1, 0);
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

  private schedule(item: T, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(item, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(item: T, attempt: number): Promise<void> {
    if (this.closed) return;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(item.url, {
        method: 'POST',
        headers: this.options.headers(item),
        body: item.body,
        redirect: this.options.redirect,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (this.closed) return;
    this.options.onAttempt(item, { attempt, status, error });
    const delay = status !== null && this.options.accepts(status) ? undefined : this.options.retryDelay(attempt);
    if (delay !== undefined) {
      this.schedule(item, attempt + 1, delay);
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
