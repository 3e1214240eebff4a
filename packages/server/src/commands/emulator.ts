import { parseArgs } from 'node:util';
import { createFlittEmulator, createStripeEmulator } from '@paykit/emulator';
import { parsePortOption } from './options.js';
import { stopOnSignals } from './serve.js';

export const emulatorUsage =
  'paykit emulator [--stripe-port 12111] [--flitt-port 12112] [--host 127.0.0.1] [--persist FILE]';

/** Runs the provider emulators until the process is stopped. */
export async function emulatorCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'stripe-port': { type: 'string', default: '12111' },
      'flitt-port': { type: 'string', default: '12112' },
      host: { type: 'string', default: '127.0.0.1' },
      persist: { type: 'string' },
    },
    strict: true,
  });
  const stripePort = parsePortOption(values['stripe-port'], '--stripe-port');
  const flittPort = parsePortOption(values['flitt-port'], '--flitt-port');
  const stripe = createStripeEmulator({ host: values.host, port: stripePort, persistFile: values.persist });
  const flitt = createFlittEmulator({ host: values.host, port: flittPort });
  const url = await stripe.listen();
  console.log(`Stripe emulator listening on ${url}`);
  console.log(`  use: new Stripe('sk_test_...', { host: '${values.host}', port: ${new URL(url).port}, protocol: 'http' })`);
  const flittUrl = await flitt.listen();
  console.log(`Flitt emulator listening on ${flittUrl}`);
  console.log(`  use: createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: '${flittUrl}' })`);
  stopOnSignals(async () => {
    await Promise.all([stripe.close(), flitt.close()]);
  });
}
