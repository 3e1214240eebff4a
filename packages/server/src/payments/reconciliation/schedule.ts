import type { PaymentsContext } from '../context.js';
import { reconcileAll } from './reconcile.js';

export interface ReconcileSchedule {
  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Runs `reconcileAll` every `intervalSeconds` (0: never). Several servers tick, but the job is
 * claimed in the database and not run again within 90% of the interval by any of them, so
 * together they run it about once per interval.
 */
export function scheduleReconciliation(ctx: PaymentsContext, intervalSeconds: number): ReconcileSchedule {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  const intervalMs = intervalSeconds * 1000;
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = reconcileAll(ctx, { minIntervalMs: Math.floor(intervalMs * 0.9) })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'reconciliation run failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
