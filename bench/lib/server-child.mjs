// The server under test, in a process of its own (clean RSS, and the load generator does not share
// its event loop): paykit's Fastify app plus, in the same process, the bare baseline routes.
import { register } from 'tsx/esm/api';

register();

const { createHmac, timingSafeEqual } = await import('node:crypto');
const { default: Fastify } = await import('fastify');
const { Session } = await import('node:inspector');
const { writeFileSync } = await import('node:fs');
const { buildApp } = await import('../../packages/server/src/http/app.ts');
const { openDatabase } = await import('../../packages/server/src/storage/database.ts');

const env = process.env;
const database = openDatabase(env.BENCH_DB_URL, env.BENCH_POOL_SIZE ? { poolSize: Number(env.BENCH_POOL_SIZE) } : {});
const app = await buildApp({
  database,
  publicUrl: 'http://127.0.0.1:0',
  masterKey: Buffer.from(env.BENCH_MASTER_KEY, 'hex'),
  stripeApiUrl: env.BENCH_STRIPE_URL,
  logger: false,
});
const paykitUrl = await app.listen({ port: 0, host: '127.0.0.1' });
app.payments.publicUrl = paykitUrl;

// Baseline: a bare Fastify app that verifies the Stripe HMAC and inserts the raw body into a table
// of its own, through the same Kysely instance (same driver, same pool) as paykit.
const secret = env.BENCH_BASELINE_SECRET;
const TOLERANCE = 300;
let products = { products: [] };
const base = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
base.removeAllContentTypeParsers();
base.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

function verify(body, header) {
  if (typeof header !== 'string') return false;
  let t = null;
  const v1 = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 't') t = Number(value);
    else if (key === 'v1') v1.push(value);
  }
  if (!Number.isInteger(t) || Math.floor(Date.now() / 1000) - t > TOLERANCE) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  return v1.some((sig) => {
    const given = Buffer.from(sig, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

base.post('/webhook', async (request, reply) => {
  const body = request.body;
  if (!Buffer.isBuffer(body) || !verify(body, request.headers['stripe-signature'])) {
    reply.code(400);
    return { error: 'invalid signature' };
  }
  await database.db.insertInto('bench_baseline_event').values({ payload: body.toString('utf8'), received_at: Date.now() }).execute();
  return { received: true };
});
base.get('/products', async () => products);
const baselineUrl = await base.listen({ port: 0, host: '127.0.0.1' });

function memory() {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}

// CPU profiles of single phases (BENCH_CPU_PROF=1), through the inspector of this process.
let profiler = null;
let connected = false;
const post = (method, params = {}) =>
  new Promise((resolve, reject) => {
    if (!connected) {
      profiler.connect();
      connected = true;
    }
    profiler.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
  });

process.on('message', async (message) => {
  const { id, cmd } = message;
  try {
    let result = null;
    if (cmd === 'memory') {
      if (message.gc && global.gc) {
        global.gc();
        await new Promise((r) => setTimeout(r, 200));
        global.gc();
      }
      result = memory();
    } else if (cmd === 'profileStart') {
      profiler ??= new Session();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    } else if (cmd === 'profileStop') {
      const { profile } = await post('Profiler.stop');
      writeFileSync(message.file, JSON.stringify(profile));
      result = message.file;
    } else if (cmd === 'cpu') {
      result = process.cpuUsage();
    } else if (cmd === 'setProducts') {
      products = message.products;
    } else if (cmd === 'stop') {
      const final = memory();
      await base.close();
      await app.close();
      await database.destroy();
      process.send({ id, result: final }, () => process.exit(0));
      return;
    }
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});

process.send({ ready: true, paykitUrl, baselineUrl, pid: process.pid });
