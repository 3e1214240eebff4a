import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createApp } from '../../src/payments/tenants/apps.js';
import { startServer } from '../../src/server.js';
import { tempDirs } from '../helpers/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: rate limits on the public routes`, () => {
    let db: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let first: Awaited<ReturnType<typeof createApp>>;
    let second: Awaited<ReturnType<typeof createApp>>;
    const products = (appId: string) => `/v1/apps/${appId}/payments/products`;
    const get = (url: string, token: string | undefined, ip = '10.0.0.1') =>
      app.inject({ method: 'GET', url, remoteAddress: ip, headers: token ? { authorization: `Bearer ${token}` } : {} });

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      app = await buildApp({ database: db.database, publicUrl: 'http://127.0.0.1:0', masterKey: randomBytes(32), rateLimit: { perTokenPerMinute: 5, perIpPerMinute: 8 } });
      first = await createApp(db.database.db, { name: 'First' });
      second = await createApp(db.database.db, { name: 'Second', organisationId: first.organisationId });
    });
    afterAll(async () => {
      await app.close();
      await db.drop();
    });

    it('answers 429 rate_limited with Retry-After once a token made its requests of the minute', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await get(products(first.appId), first.appKey)).statusCode);
      expect(statuses).not.toContain(429);
      const limited = await get(products(first.appId), first.appKey);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/retry in \d+ s/) } });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('limits per IP across tokens, and each token across IPs', async () => {
      // This IP made 6 requests above; 2 more are allowed, whatever the token.
      expect((await get(products(second.appId), second.appKey)).statusCode).not.toBe(429);
      expect((await get(products(second.appId), second.appKey)).statusCode).not.toBe(429);
      expect((await get(products(second.appId), second.appKey)).statusCode).toBe(429);
      // From another address the second key still has requests left; the first has none anywhere.
      expect((await get(products(second.appId), second.appKey, '10.0.0.2')).statusCode).not.toBe(429);
      expect((await get(products(first.appId), first.appKey, '10.0.0.3')).statusCode).toBe(429);
    });

    it('does not limit webhooks per IP, nor health checks and Studio data sources', async () => {
      for (const url of ['/healthz', '/v1/data-sources?appId=x']) expect((await get(url, first.studioToken)).statusCode).not.toBe(429);
      const webhook = await app.inject({
        method: 'POST',
        url: '/v1/billing/apps/webhook/whk_unknown',
        remoteAddress: '10.0.0.1',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(webhook.statusCode).not.toBe(429);
      expect(webhook.statusCode).toBeLessThan(500);
    });

    it('has no limit when buildApp is given none (the benchmarks and the other tests)', async () => {
      const unlimited = await buildApp({ database: db.database, publicUrl: 'http://127.0.0.1:0', masterKey: randomBytes(32) });
      try {
        for (let i = 0; i < 30; i++) {
          const response = await unlimited.inject({ method: 'GET', url: products(first.appId), headers: { authorization: `Bearer ${first.appKey}` } });
          expect(response.statusCode).not.toBe(429);
        }
      } finally {
        await unlimited.close();
      }
    });
  });
}

describe('rate limits shared through Redis (PAYKIT_REDIS_URL)', () => {
  const REDIS_URL = process.env.PAYKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let db: TestDatabase;
  let tenant: Awaited<ReturnType<typeof createApp>>;
  const servers: Awaited<ReturnType<typeof buildApp>>[] = [];
  const server = async (redisUrl: string | undefined, prefix: string) => {
    const app = await buildApp({
      database: db.database,
      publicUrl: 'http://127.0.0.1:0',
      masterKey: randomBytes(32),
      rateLimit: { perTokenPerMinute: 4, perIpPerMinute: 0, redisUrl, redisPrefix: prefix },
    });
    servers.push(app);
    return (ip = '10.0.0.1') =>
      app.inject({ method: 'GET', url: `/v1/apps/${tenant.appId}/payments/products`, remoteAddress: ip, headers: { authorization: `Bearer ${tenant.appKey}` } });
  };

  beforeAll(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await probe.connect();
      await probe.ping();
    } catch (error) {
      throw new Error(`These tests need Redis at ${REDIS_URL} (set PAYKIT_TEST_REDIS_URL, or start redis-server): ${String(error)}`);
    } finally {
      probe.disconnect();
    }
    db = await createTestDatabase(DIALECTS[0] ?? 'sqlite');
    tenant = await createApp(db.database.db, { name: 'Shared' });
  });
  afterAll(async () => {
    for (const app of servers) await app.close();
    await db.drop();
  });

  it('counts the requests of every process together', async () => {
    const prefix = `paykit:test:${randomBytes(6).toString('hex')}:`;
    const one = await server(REDIS_URL, prefix);
    const two = await server(REDIS_URL, prefix);
    const statuses = [];
    for (const send of [one, two, one, two]) statuses.push((await send()).statusCode);
    expect(statuses).not.toContain(429);
    const limited = await two();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await one()).statusCode).toBe(429);
  });

  it('counts per process without Redis (so the shared count above is Redis at work)', async () => {
    const one = await server(undefined, 'unused');
    const two = await server(undefined, 'unused');
    const statuses = [];
    for (const send of [one, two, one, two, one, two]) statuses.push((await send()).statusCode);
    expect(statuses).not.toContain(429);
  });

  it('serves (no limit, no 5xx) when Redis cannot be reached', async () => {
    const unreachable = await server('redis://127.0.0.1:1', 'down:');
    for (let i = 0; i < 6; i++) {
      const response = await unreachable();
      expect(response.statusCode).toBeLessThan(500);
      expect(response.statusCode).not.toBe(429);
    }
  });
});

describe('rate limit configuration', () => {
  const dirs = tempDirs('paykit-rate-');
  afterAll(() => dirs.removeAll());
  const base = { PAYKIT_MASTER_KEY: randomBytes(32).toString('base64') };

  it('defaults to 6000 requests a minute per token and per IP, and names a bad value', () => {
    expect(loadConfig(base)).toMatchObject({ rateLimitPerMinute: 6000, rateLimitPerIpPerMinute: 6000 });
    expect(loadConfig({ ...base, PAYKIT_RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ ...base, PAYKIT_RATE_LIMIT_PER_MINUTE: 'lots', PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PAYKIT_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/PAYKIT_REDIS_URL/);
    expect(loadConfig({ ...base, PAYKIT_REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    try {
      loadConfig({ ...base, PAYKIT_RATE_LIMIT_PER_MINUTE: 'lots', PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE: '-1' });
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toMatch(/PAYKIT_RATE_LIMIT_PER_MINUTE[\s\S]*PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE/);
    }
  });

  it('is applied by paykit serve from the environment', async () => {
    const config = loadConfig({ ...base, PAYKIT_PORT: '0', PAYKIT_DATABASE_URL: dirs.database(), PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    const server = await startServer(config, { logger: false });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/v1/apps/app_x/payments/products`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });
});
