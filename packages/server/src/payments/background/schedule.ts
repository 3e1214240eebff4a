import type { FastifyBaseLogger } from 'fastify';

export interface RepeatingJob {
  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Calls `run` every `intervalSeconds` (0: never), never two runs of it at once in this process.
 * `run` gets the minimum interval to claim the job with (90% of the interval): several servers
 * tick, but a job claimed in the database (`runExclusive`) is then not run again by any of them
 * within that time, so together they run it about once per interval.
 */
export function scheduleRepeating(
  logger: FastifyBaseLogger,
  name: string,
  intervalSeconds: number,
  run: (minIntervalMs: number) => Promise<unknown>,
): RepeatingJob {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  const intervalMs = intervalSeconds * 1000;
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = run(Math.floor(intervalMs * 0.9))
      .catch((error: unknown) => logger.error({ err: error }, `${name} run failed`))
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
