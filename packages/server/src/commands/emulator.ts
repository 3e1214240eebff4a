import { parseArgs } from 'node:util';
import { createStripeEmulator } from '@paykit/emulator';

export const emulatorUsage = 'paykit emulator [--stripe-port 12111] [--host 127.0.0.1] [--persist FILE]';

/** Runs the provider emulators until the process is stopped. */
export async function emulatorCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'stripe-port': { type: 'string', default: '12111' },
      host: { type: 'string', default: '127.0.0.1' },
      persist: { type: 'string' },
    },
    strict: true,
  });
  const stripePort = Number(values['stripe-port']);
  if (!Number.isInteger(stripePort) || stripePort < 0 || stripePort > 65535) {
    throw new Error(`--stripe-port must be a port number, got ${values['stripe-port']}`);
  }
  const stripe = createStripeEmulator({ host: values.host, port: stripePort, persistFile: values.persist });
  const url = await stripe.listen();
  console.log(`Stripe emulator listening on ${url}`);
  console.log(`  use: new Stripe('sk_test_...', { host: '${values.host}', port: ${new URL(url).port}, protocol: 'http' })`);
  const stop = async () => {
    await stripe.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
