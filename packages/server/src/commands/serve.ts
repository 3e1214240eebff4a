import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../server.js';

export const serveUsage = 'paykit serve            (configured by PAYKIT_* environment variables)';

/**
 * Stops the server once on SIGINT/SIGTERM, then exits with code 0. Later signals are ignored:
 * Ctrl+C under `npm start` reaches this process twice (the terminal's and the forwarded one).
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping...`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`paykit: failed to stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Runs the server until SIGINT/SIGTERM. A bad environment is reported by `loadConfig` (exit code 1). */
export async function serveCommand(argv: string[]): Promise<void> {
  parseArgs({ args: argv, options: {}, strict: true });
  const config = loadConfig(process.env);
  const server: RunningServer = await startServer(config);
  if (server.migrations.length > 0) console.log(`Applied migrations: ${server.migrations.join(', ')}`);
  console.log(`paykit listening on ${server.url}`);
  if (config.dev && !process.env.PAYKIT_MASTER_KEY) {
    console.log('Development mode without PAYKIT_MASTER_KEY: secrets are encrypted with a fixed, non-secret key.');
  }
  stopOnSignals(() => server.close());
}
