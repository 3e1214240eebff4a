import Fastify, { type FastifyInstance } from 'fastify';
import qs from 'qs';
import { registerAdmin } from './admin.js';
import { registerCheckout } from './api/checkout.js';
import { registerOrderApi } from './api/orders.js';
import type { CallbackRetry } from './callbacks.js';
import type { FlittClock } from './clock.js';
import { FlittContext } from './context.js';
import { registerPages } from './pages/routes.js';
import { chargeDue, expireDue } from './payment.js';

export interface FlittEmulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Unix seconds; the real clock by default. The test clock adds its offset on top. */
  now?: () => number;
  /** Retry delays and timeout of callbacks; tests use milliseconds. */
  callbackRetry?: Partial<CallbackRetry>;
  /** How often charges and expiries due in real time are run (ms); 0 disables the sweep. */
  sweepIntervalMs?: number;
}

export interface FlittEmulator {
  readonly app: FastifyInstance;
  readonly context: FlittContext;
  readonly clock: FlittClock;
  /** Base URL once listening, e.g. `http://127.0.0.1:12112`. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
  /** Resolves when no callback is waiting to be sent or retried. */
  callbacksIdle(): Promise<void>;
}

// The official SDK sends `Content-Type: Content-type: application/json`; keep the media type only.
function normaliseContentType(value: string | undefined): string | undefined {
  if (!value) return value;
  return value.replace(/^\s*content-type\s*:\s*/i, '');
}

/** Parses JSON or form bodies whatever the declared type says, as Flitt does. */
function parseBody(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.parse(trimmed);
  return qs.parse(trimmed, { depth: 5, parameterLimit: 1000 });
}

/** A Flitt-wire-compatible API (protocols 1.0 and 2.0), hosted checkout page and test clock. */
export function createFlittEmulator({
  host = '127.0.0.1',
  port = 12112,
  now,
  callbackRetry,
  sweepIntervalMs = 5_000,
}: FlittEmulatorOptions = {}): FlittEmulator {
  const ctx = new FlittContext({ now, callbackRetry });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, routerOptions: { ignoreTrailingSlash: true } });
  app.addHook('onRequest', async (request) => {
    request.headers['content-type'] = normaliseContentType(request.headers['content-type']);
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseBody(String(body)));
    } catch {
      const error = Object.assign(new Error('Request body is neither JSON nor form fields'), { statusCode: 400 });
      done(error, undefined);
    }
  });
  const tick = (time: number) => {
    chargeDue(ctx, time);
    expireDue(ctx, time);
  };
  ctx.clock.onTick(tick);
  registerCheckout(app, ctx);
  registerOrderApi(app, ctx);
  registerPages(app, ctx);
  registerAdmin(app, ctx);
  app.get('/_emulator/health', async () => ({ ok: true, emulator: 'flitt' }));

  let sweep: NodeJS.Timeout | undefined;
  const emulator: FlittEmulator = {
    app,
    context: ctx,
    clock: ctx.clock,
    url: '',
    async listen() {
      const address = await app.listen({ host, port });
      emulator.url = `http://${host}:${new URL(address).port}`;
      ctx.baseUrl = emulator.url;
      if (sweepIntervalMs > 0) {
        sweep = setInterval(() => tick(ctx.now()), sweepIntervalMs);
        sweep.unref();
      }
      return emulator.url;
    },
    async close() {
      if (sweep) clearInterval(sweep);
      ctx.callbacks.close();
      await app.close();
    },
    callbacksIdle: () => ctx.callbacks.idle(),
  };
  return emulator;
}
