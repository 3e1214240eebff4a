import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { ForbiddenError, UnauthorizedError } from '../../errors/index.js';
import { observeProviders } from '../../providers/factory.js';

export interface MetricsOptions {
  /** `PAYKIT_METRICS_TOKEN`: when set, /metrics wants `Authorization: Bearer <token>`; unset, it answers loopback clients only. */
  token?: string;
}

export interface PaykitMetrics {
  readonly registry: Registry;
  /** What a webhook delivery that was verified came to: applied, stale, recorded or duplicate. */
  webhookOutcome(provider: string, outcome: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: PaykitMetrics;
  }
}

/** The provider webhook routes: a 4xx/5xx on them is a rejected delivery. */
const WEBHOOK_ROUTES: Record<string, string> = {
  '/v1/billing/apps/webhook/:token': 'stripe',
  '/v1/billing/apps/flitt-callback/:token': 'flitt',
};

/** Process metrics (CPU, memory, event loop, GC) exist once per process, whatever number of apps it builds. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'paykit_' });
  }
  return processRegistry;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authorise(request: FastifyRequest, token: string | undefined) {
  if (token) {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameToken(header.slice(7).trim(), token)) {
      throw new UnauthorizedError('Send Authorization: Bearer <PAYKIT_METRICS_TOKEN>.');
    }
    return;
  }
  // The socket's address, not X-Forwarded-For: a header cannot make a remote client local.
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    throw new ForbiddenError('/metrics answers loopback clients only; set PAYKIT_METRICS_TOKEN to scrape it from elsewhere.');
  }
}

/** The error code of a paykit error body, read only from error responses. */
function errorCode(payload: unknown): string | null {
  if (typeof payload !== 'string') return null;
  try {
    const code = JSON.parse(payload)?.error?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}

/**
 * Prometheus metrics of this app instance (its own registry, so tests can build many apps in one
 * process) at `GET /metrics`: requests by route and status, webhook outcomes (rejections with their
 * error code as the reason), provider call latency, and errors by code.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions = {}) {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'paykit_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'],
    registers,
  });
  const duration = new Histogram({
    name: 'paykit_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const errors = new Counter({
    name: 'paykit_errors_total',
    help: 'Error responses by paykit error code (docs/errors.md) and status.',
    labelNames: ['code', 'status_code'],
    registers,
  });
  const webhooks = new Counter({
    name: 'paykit_webhook_deliveries_total',
    help: 'Provider webhook deliveries by outcome (applied, stale, recorded, duplicate, rejected); reason is the error code of a rejection.',
    labelNames: ['provider', 'outcome', 'reason'],
    registers,
  });
  const providerLatency = new Histogram({
    name: 'paykit_provider_request_duration_seconds',
    help: 'Latency of calls to the payment providers, by operation and result.',
    labelNames: ['provider', 'operation', 'result'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });

  app.payments.providers = observeProviders(app.payments.providers, (call) =>
    providerLatency.observe({ provider: call.provider, operation: call.operation, result: call.ok ? 'ok' : 'error' }, call.seconds),
  );

  const codes = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400) {
      const code = errorCode(payload);
      if (code) codes.set(request, code);
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    requests.inc({ method: request.method, route, status_code: status });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (status < 400) return;
    const code = codes.get(request) ?? (status >= 500 ? 'internal_error' : 'unknown');
    errors.inc({ code, status_code: status });
    const provider = WEBHOOK_ROUTES[route];
    if (provider) webhooks.inc({ provider, outcome: 'rejected', reason: code });
  });

  app.decorate('metrics', {
    registry,
    webhookOutcome: (provider: string, outcome: string) => webhooks.inc({ provider, outcome, reason: '' }),
  } satisfies PaykitMetrics);

  const scraped = Registry.merge([processMetrics(), registry]);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    authorise(request, options.token);
    reply.header('content-type', scraped.contentType);
    return scraped.metrics();
  });
}
