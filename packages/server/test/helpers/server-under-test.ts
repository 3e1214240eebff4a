import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createApp } from '../../src/payments/tenants/apps.js';
import type { TestDatabase } from './dialects.js';

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number>;
}

export type CallResult = { status: number; body: any; headers: Record<string, unknown> };
export type Call = (method: string, path: string, options?: CallOptions) => Promise<CallResult>;

/**
 * paykit on a test database, listening on a free port (providers' emulators call it back), with
 * its log lines captured and one app created; `call` goes through `app.inject()`.
 */
export async function startServerUnderTest(
  db: TestDatabase,
  providers: { stripeApiUrl?: string; flittApiUrl?: string; retrieveAfterMs?: number },
  appName: string,
) {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp({
    database: db.database,
    publicUrl: 'http://127.0.0.1:0',
    masterKey: randomBytes(32),
    stripeApiUrl: providers.stripeApiUrl,
    flittApiUrl: providers.flittApiUrl,
    logger: { level: 'info', stream },
    retrieveAfterMs: providers.retrieveAfterMs ?? 3000,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  app.payments.publicUrl = url;
  const tenant = await createApp(db.database.db, { name: appName });

  const call = injectCaller(app);

  return { app, url, logs, tenant, call };
}

/** `call(method, path, {token, body, headers, query})` through `app.inject()`, the body parsed when it is JSON. */
export function injectCaller(app: { inject: FastifyInstance['inject'] }): Call {
  return async (method, path, { token, body, headers, query } = {}) => {
    const qs = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}` : '';
    const response = await app.inject({
      method: method as 'GET',
      url: `${path}${qs}`,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    let parsed: unknown = response.body;
    try {
      parsed = response.json();
    } catch {}
    return { status: response.statusCode, body: parsed, headers: response.headers };
  };
}
