import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { PaykitError } from '../../errors/index.js';

export interface RateLimitOptions {
  /** Requests per minute per bearer token (an app key is shared by all of the app's browsers); 0 = no limit. */
  perTokenPerMinute: number;
  /** Requests per minute per client IP; 0 = no limit. */
  perIpPerMinute: number;
  /** `redis://...`: counters shared by every paykit process; without it each process counts alone. */
  redisUrl?: string;
  /** Key prefix in Redis (tests use their own). */
  redisPrefix?: string;
}

function warnOncePerMinute(app: FastifyInstance) {
  let last = 0;
  return (error: Error) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    app.log.warn({ err: error }, 'rate limits not applied: Redis is unavailable');
  };
}

/** The SDK's routes (products, customers and their logs, checkout, subscriptions, configuration). */
const isPublicRoute = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/v1/apps/:appId/payments/') === true;

type Limiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/**
 * Rate limits on the public routes, per token and per IP, answered with 429 `rate_limited` and
 * `Retry-After`. Webhook and callback routes are not limited per IP (providers send from few
 * addresses in bursts); they keep their 1 MiB body limit. Counters live in this process, or in
 * Redis (shared by every process) with `redisUrl`.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions) {
  // Fail fast while Redis is down (no offline queue): the request is then served unlimited, and
  // ioredis keeps reconnecting in the background.
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000 })
    : null;
  if (redis) {
    const warn = warnOncePerMinute(app);
    redis.on('error', warn);
    await redis.connect().catch(warn);
    app.addHook('onClose', async () => void redis.disconnect());
  }
  await app.register(rateLimit, {
    global: false,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: options.redisPrefix ?? 'paykit-rate-limit:' } : {}),
    // Redis unreachable: serve rather than refuse everyone (the error is logged).
    skipOnError: true,
  });
  const limiters: Limiter[] = [];
  if (options.perIpPerMinute > 0) {
    limiters.push(app.createRateLimit({ max: options.perIpPerMinute, keyGenerator: (request) => `ip:${request.ip}` }) as Limiter);
  }
  if (options.perTokenPerMinute > 0) {
    limiters.push(
      app.createRateLimit({
        max: options.perTokenPerMinute,
        keyGenerator: (request) => `token:${createHash('sha256').update(request.headers.authorization ?? '').digest('hex')}`,
        allowList: (request) => !request.headers.authorization,
      }) as Limiter,
    );
  }
  if (limiters.length === 0) return;
  app.addHook('onRequest', async (request, reply) => {
    if (!isPublicRoute(request)) return;
    let retryAfter = 0;
    for (const limiter of limiters) {
      const result = await limiter(request);
      if (result.isExceeded) retryAfter = Math.max(retryAfter, result.ttlInSeconds ?? 60);
    }
    if (retryAfter > 0) {
      void reply.header('retry-after', String(retryAfter));
      throw new PaykitError('rate_limited', `Too many requests: retry in ${retryAfter} s.`);
    }
  });
}
