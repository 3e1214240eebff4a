// The Stripe emulator in a process of its own: it plays "Stripe over the network".
import { register } from 'tsx/esm/api';

register();
const { createStripeEmulator } = await import('../../packages/emulator/src/index.ts');
const emulator = createStripeEmulator({ port: 0, sweepIntervalMs: 0 });
const url = await emulator.listen();
process.on('message', async (message) => {
  if (message.cmd === 'cpu') process.send({ id: message.id, result: process.cpuUsage() });
  if (message.cmd === 'stop') {
    await emulator.close();
    process.send({ id: message.id, result: process.memoryUsage().rss }, () => process.exit(0));
  }
});
process.send({ ready: true, url, pid: process.pid });
