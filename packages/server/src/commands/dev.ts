import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createStripeEmulator } from '@paykit/emulator';
import { loadConfig } from '../config.js';
import { ensureDemoApp } from '../dev/demo-app.js';
import { type DemoConfig, registerDemoRoutes, SDK_BUNDLE } from '../dev/demo-routes.js';
import { devPaths, loadOrCreateMasterKey } from '../dev/dev-state.js';
import { startServer } from '../server.js';
import { parsePortOption } from './options.js';
import { stopOnSignals } from './serve.js';

export const devUsage = 'paykit dev [--stripe-port 12111]   (server + Stripe emulator + demo store, state in ./data/)';

function explainListenError(error: unknown, what: string, hint: string): Error {
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return new Error(`${what}: the port is already in use (${error.message}); ${hint}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Everything local with nothing to configure: a master key kept in ./data, the Stripe emulator,
 * the server on ./data/paykit.db, a demo app with three plans, and the demo store at /demo.
 */
export async function devCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'stripe-port': { type: 'string', default: process.env.PAYKIT_DEV_STRIPE_PORT || '12111' } },
    strict: true,
  });
  const stripePort = parsePortOption(values['stripe-port'], '--stripe-port (or PAYKIT_DEV_STRIPE_PORT)');
  const paths = devPaths();
  const masterKey = loadOrCreateMasterKey(paths.masterKey);
  if (masterKey.created) console.log(`Generated a development master key in ${relative(process.cwd(), paths.masterKey)}`);

  const emulator = createStripeEmulator({ host: '127.0.0.1', port: stripePort, persistFile: paths.emulator });
  const emulatorUrl = await emulator.listen().catch((error: unknown) => {
    throw explainListenError(error, `Stripe emulator on 127.0.0.1:${stripePort}`, 'choose another with --stripe-port or PAYKIT_DEV_STRIPE_PORT');
  });

  let demo: DemoConfig | null = null;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    const config = loadConfig({
      ...process.env,
      PAYKIT_DEV: '1',
      PAYKIT_MASTER_KEY: masterKey.key,
      PAYKIT_DATABASE_URL: paths.database,
      PAYKIT_STRIPE_API_URL: emulatorUrl,
    });
    server = await startServer(config, {
      // Request logs stay quiet in development unless asked for with PAYKIT_LOG_LEVEL.
      logger: { level: process.env.PAYKIT_LOG_LEVEL || 'warn' },
      beforeListen: (app) => registerDemoRoutes(app, () => demo),
    }).catch((error: unknown) => {
      throw explainListenError(error, `paykit server on ${config.host}:${config.port}`, 'choose another with PAYKIT_PORT');
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const stop = async () => {
    await server.close();
    await emulator.close();
  };

  try {
    const { state, created } = await ensureDemoApp(server.app, {
      emulatorUrl,
      stateFile: paths.demoApp,
      reconfigure: masterKey.created,
    });
    demo = { appId: state.appId, appKey: state.appKey };
    const url = server.url;
    console.log(
      [
        '',
        `paykit dev is running (state in ${relative(process.cwd(), paths.dir) || '.'}/)`,
        `  Server:          ${url}`,
        `  API docs:        ${url}/docs`,
        `  Demo store:      ${url}/demo`,
        `  Stripe emulator: ${emulatorUrl}   (test cards: 4242424242424242 pays, 4000000000000002 is declined)`,
        '',
        `Demo app (${created ? 'created' : 'reused'}, saved in ${relative(process.cwd(), paths.demoApp)}):`,
        `  App ID:          ${state.appId}`,
        `  App key:         ${state.appKey}`,
        `  Studio token:    ${state.studioToken}`,
        `  Stripe key:      ${state.stripeSecretKey}   (emulator account)`,
        '',
      ].join('\n'),
    );
    if (!existsSync(SDK_BUNDLE)) console.warn('The SDK bundle is missing: run `npm run build -w @paykit/sdk` for /sdk/paykit.js and the demo store.');
    console.log('paykit dev ready. Press Ctrl+C to stop.');
  } catch (error) {
    await stop();
    throw error;
  }
  stopOnSignals(stop);
}
