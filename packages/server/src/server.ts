import type { FastifyServerOptions } from 'fastify';
import type { PaykitConfig } from './config.js';
import { buildApp } from './http/app.js';
import { pruneExpired } from './payments/background/housekeeping.js';
import { scheduleRepeating } from './payments/background/schedule.js';
import { reconcileAll } from './payments/reconciliation/reconcile.js';
import { openDatabase, type PaykitDatabase } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';

export type PaykitApp = Awaited<ReturnType<typeof buildApp>>;

/** The app `paykit serve` runs for this configuration (the reconcile command builds the same one). */
export function buildAppFromConfig(
  config: Readonly<PaykitConfig>,
  database: PaykitDatabase,
  logger: FastifyServerOptions['logger'] = { level: config.logLevel },
): Promise<PaykitApp> {
  return buildApp({
    database,
    publicUrl: config.publicUrl,
    masterKey: config.masterKey,
    previousMasterKeys: config.previousMasterKeys,
    stripeApiUrl: config.stripeApiUrl,
    flittApiUrl: config.flittApiUrl,
    logger,
    metricsToken: config.metricsToken,
    rateLimit: { perTokenPerMinute: config.rateLimitPerMinute, perIpPerMinute: config.rateLimitPerIpPerMinute, redisUrl: config.redisUrl },
  });
}

export interface StartOptions {
  /** Fastify logger options; defaults to pino at `config.logLevel`. */
  logger?: FastifyServerOptions['logger'];
  /** Called after the app is built and before it listens: extra routes (the dev demo store). */
  beforeListen?: (app: PaykitApp) => Promise<void> | void;
}

export interface RunningServer {
  app: PaykitApp;
  /** The address the server listens on, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Migrations applied by this start (empty when the database was up to date). */
  migrations: string[];
  /** Stops accepting requests, waits for in-flight ones, then closes the database. */
  close(): Promise<void>;
}

/** How long `close()` lets in-flight requests finish before it cuts the connections still open. */
export const DRAIN_TIMEOUT_MS = 25_000;

/**
 * Graceful close: the listener closes at once (new connections are refused), requests on open
 * connections get a 503 (Fastify's return503OnClosing), in-flight ones finish and their
 * connections close after the response (plugins/draining.ts); connections still open after
 * `DRAIN_TIMEOUT_MS` are cut.
 */
function closeGracefully(app: PaykitApp): () => Promise<void> {
  return async () => {
    const cut = setTimeout(() => app.server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    cut.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
    }
  };
}

/** The URL apps and providers reach: the configured one, or the real address when port 0 was asked for. */
function effectivePublicUrl(config: Readonly<PaykitConfig>, listening: string): string {
  return config.port === 0 && new URL(config.publicUrl).port === '0' ? listening : config.publicUrl;
}

/**
 * Opens the database, migrates it, builds the app and listens. Signals are the caller's business:
 * the `serve` and `dev` commands call `close()` on SIGINT/SIGTERM.
 *
 * @example
 * const server = await startServer(loadConfig(process.env));
 * console.log(`paykit listening on ${server.url}`);
 */
export async function startServer(config: Readonly<PaykitConfig>, options: StartOptions = {}): Promise<RunningServer> {
  const database = openDatabase(config.databaseUrl);
  let app: PaykitApp | undefined;
  try {
    const migrations = await migrateToLatest(database.db, database.dialect);
    app = await buildAppFromConfig(config, database, options.logger);
    await options.beforeListen?.(app);
    const closeApp = closeGracefully(app);
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('://[::1]', '://localhost');
    app.payments.publicUrl = effectivePublicUrl(config, url);
    const payments = app.payments;
    const jobs = [
      scheduleRepeating(payments.logger, 'reconciliation', config.reconcileIntervalSeconds, (minIntervalMs) => reconcileAll(payments, { minIntervalMs })),
      scheduleRepeating(payments.logger, 'housekeeping', config.housekeepingIntervalSeconds, (minIntervalMs) =>
        pruneExpired(payments, { receiptRetentionDays: config.receiptRetentionDays, minIntervalMs }),
      ),
    ];
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      url,
      migrations,
      close: () => {
        closing ??= closeApp()
          .then(() => Promise.all(jobs.map((job) => job.stop())))
          .then(() => database.destroy());
        return closing;
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.destroy().catch(() => {});
    throw error;
  }
}
