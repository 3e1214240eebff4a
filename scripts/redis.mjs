// Finds a Redis server for the tests (the shared rate-limit counters) or starts a throwaway one
// from the installed redis-server binary; fails with a clear message when there is neither.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { freePort } from './postgres.mjs';

const DEFAULT_URL = 'redis://127.0.0.1:6379';

function answersPing(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function waitUntilAnswers(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await answersPing(url)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function ensureRedis() {
  const url = process.env.PAYKIT_TEST_REDIS_URL ?? DEFAULT_URL;
  if (await answersPing(url)) return { url, throwaway: false, stop: async () => {} };
  if (process.env.PAYKIT_TEST_REDIS_URL) {
    throw new Error(`PAYKIT_TEST_REDIS_URL=${url} does not answer; fix it or unset it to use a throwaway server.`);
  }
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `paykit tests need Redis: nothing answers at ${url} and redis-server is not installed. ` +
        'Install it (apt-get install -y redis-server) or set PAYKIT_TEST_REDIS_URL.',
    );
  }
  const port = await freePort();
  console.log(`No Redis at ${url}: starting a throwaway redis-server on port ${port}.`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const throwawayUrl = `redis://127.0.0.1:${port}`;
  if (!(await waitUntilAnswers(throwawayUrl, 10_000))) {
    child.kill('SIGKILL');
    throw new Error(`the throwaway redis-server on port ${port} did not answer within 10 s`);
  }
  return { url: throwawayUrl, throwaway: true, stop: async () => void child.kill('SIGTERM') };
}
