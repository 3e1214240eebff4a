import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createFlittEmulator, createStripeEmulator } from '@paykit/emulator';
import { loadConfig } from '../config.js';
import { ensureDemoApp } from '../dev/demo-app.js';
import { type DemoConfig, registerDemoRoutes, SDK_BUNDLE } from '../dev/demo-routes.js';
import { devPaths, loadOrCreateMasterKey } from '../dev/dev-state.js';
import { ensureFlittDemoApp } from '../dev/flitt-demo-app.js';
import { startServer } from '../server.js';
import { parsePortOption } from './options.js';
import { stopOnSignals } from './serve.js';

export const devUsage =
  'paykit dev [--stripe-port 12111] [--flitt-port 12112]   (server + Stripe and Flitt emulators + demo store, state in ./data/)';

function explainListenError(error: unknown, what: string, hint: string): Error {
  if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return new Error(`${what}: the port is already in use (${error.message}); ${hint}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Everything local with nothing to configure: a master key kept in ./data, the Stripe and Flitt
 * emulators, the server on ./data/paykit.db, a demo app with three plans on each provider, and the
 * demo store at /demo.
 */
export async function devCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'stripe-port': { type: 'string', default: process.env.PAYKIT_DEV_STRIPE_PORT || '12111' },
      'flitt-port': { type: 'string', default: process.env.PAYKIT_DEV_FLITT_PORT || '12112' },
    },
    strict: true,
  });
  const stripePort = parsePortOption(values['stripe-port'], '--stripe-port (or PAYKIT_DEV_STRIPE_PORT)');
  const flittPort = parsePortOption(values['flitt-port'], '--flitt-port (or PAYKIT_DEV_FLITT_PORT)');
  const paths = devPaths();
  const masterKey = loadOrCreateMasterKey(paths.masterKey);
  if (masterKey.created) console.log(`Generated a development master key in ${relative(process.cwd(), paths.masterKey)}`);

  const emulator = createStripeEmulator({ host: '127.0.0.1', port: stripePort, persistFile: paths.emulator });
  const emulatorUrl = await emulator.listen().catch((error: unknown) => {
    throw explainListenError(error, `Stripe emulator on 127.0.0.1:${stripePort}`, 'choose another with --stripe-port or PAYKIT_DEV_STRIPE_PORT');
  });
  const flitt = createFlittEmulator({ host: '127.0.0.1', port: flittPort });
  const flittUrl = await flitt.listen().catch(async (error: unknown) => {
    await emulator.close();
    throw explainListenError(error, `Flitt emulator on 127.0.0.1:${flittPort}`, 'choose another with --flitt-port or PAYKIT_DEV_FLITT_PORT');
  });
  const closeEmulators = async () => {
    await emulator.close();
    await flitt.close();
  };

  let demo: DemoConfig | null = null;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    const config = loadConfig({
      ...process.env,
      PAYKIT_DEV: '1',
      PAYKIT_MASTER_KEY: masterKey.key,
      PAYKIT_DATABASE_URL: paths.database,
      PAYKIT_STRIPE_API_URL: emulatorUrl,
      PAYKIT_FLITT_API_URL: flittUrl,
    });
    server = await startServer(config, {
      // Request logs stay quiet in development unless asked for with PAYKIT_LOG_LEVEL.
      logger: { level: process.env.PAYKIT_LOG_LEVEL || 'warn' },
      beforeListen: (app) => registerDemoRoutes(app, () => demo),
    }).catch((error: unknown) => {
      throw explainListenError(error, `paykit server on ${config.host}:${config.port}`, 'choose another with PAYKIT_PORT');
    });
  } catch (error) {
    await closeEmulators();
    throw error;
  }
  const stop = async () => {
    await server.close();
    await closeEmulators();
  };

  try {
    const { state, created } = await ensureDemoApp(server.app, {
      emulatorUrl,
      stateFile: paths.demoApp,
      reconfigure: masterKey.created,
    });
    const flittDemo = await ensureFlittDemoApp(server.app, {
      emulatorUrl: flittUrl,
      stateFile: paths.flittDemoApp,
      reconfigure: masterKey.created,
    });
    demo = { appId: state.appId, appKey: state.appKey, flitt: { appId: flittDemo.state.appId, appKey: flittDemo.state.appKey } };
    const url = server.url;
    console.log(
      [
        '',
        `paykit dev is running (state in ${relative(process.cwd(), paths.dir) || '.'}/)`,
        `  Server:          ${url}`,
        `  API docs:        ${url}/docs`,
        `  Console:         ${url}/console   (log in with the Studio token below)`,
        `  Demo store:      ${url}/demo`,
        `  Stripe emulator: ${emulatorUrl}   (test cards: 4242424242424242 pays, 4000000000000002 is declined)`,
        `  Flitt emulator:  ${flittUrl}   (test cards: 4444555511116666 pays, 4444111155556666 is declined)`,
        '',
        `Demo app (${created ? 'created' : 'reused'}, saved in ${relative(process.cwd(), paths.demoApp)}):`,
        `  App ID:          ${state.appId}`,
        `  App key:         ${state.appKey}`,
        `  Studio token:    ${state.studioToken}`,
        `  Stripe key:      ${state.stripeSecretKey}   (emulator account)`,
        '',
        `Flitt demo app (${flittDemo.created ? 'created' : 'reused'}, saved in ${relative(process.cwd(), paths.flittDemoApp)}):`,
        `  Flitt app ID:    ${flittDemo.state.appId}`,
        `  Flitt app key:   ${flittDemo.state.appKey}`,
        `  Flitt Studio token: ${flittDemo.state.studioToken}`,
        `  Flitt merchant:  ${flittDemo.state.merchantId}   (emulator merchant; secret key in the file)`,
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
