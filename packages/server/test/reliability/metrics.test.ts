import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';
import { stripeSubscriptionEvent } from '../helpers/stripe-events.js';
import { signStripe } from './helpers/deliver.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, samples only. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample with this name whose labels include `labels` (0 when none). */
function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Prometheus /metrics`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    let webhookPath: string;
    const secret = 'whsec_metrics_test';

    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure({ registerWebhook: false });
      webhookPath = new URL(catalogue.webhookUrl).pathname;
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: secret } });
    });
    afterAll(() => h?.close());

    const scrape = async () => {
      const response = await h.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/plain');
      return parseMetrics(response.body);
    };
    const subscriptionEvent = (id: string, created: number, status: string) =>
      JSON.stringify(stripeSubscriptionEvent({ id, created, status, subscription: 'sub_metrics', customer: 'cus_metrics' }));
    const deliver = (body: string, path = webhookPath, signature = signStripe(body, secret)) =>
      h.call('POST', path, { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });

    it('counts requests by route pattern and status, and errors by code', async () => {
      const products = `/v1/apps/${h.tenant.appId}/payments/products`;
      expect((await h.call('GET', products, { token: h.tenant.appKey })).status).toBe(200);
      expect((await h.call('GET', products, { token: h.tenant.appKey })).status).toBe(200);
      expect((await h.call('GET', products)).status).toBe(401);
      const samples = await scrape();
      const route = '/v1/apps/:appId/payments/products';
      expect(value(samples, 'paykit_http_requests_total', { method: 'GET', route, status_code: '200' })).toBe(2);
      expect(value(samples, 'paykit_http_requests_total', { method: 'GET', route, status_code: '401' })).toBe(1);
      expect(value(samples, 'paykit_errors_total', { code: 'unauthorized', status_code: '401' })).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'paykit_http_request_duration_seconds_count', { method: 'GET', route })).toBe(3);
      // Route patterns only: no app id, token or other request data becomes a label.
      expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes(h.tenant.appId)))).toBe(false);
      expect(samples.some((s) => s.name === 'paykit_process_cpu_user_seconds_total')).toBe(true);
    });

    it('counts webhook outcomes: applied, duplicate, stale, and rejections with their reason', async () => {
      const created = 1_800_000_000;
      const newer = subscriptionEvent('evt_metrics_1', created + 10, 'active');
      expect((await deliver(newer)).status).toBe(200);
      expect((await deliver(newer)).status).toBe(200);
      expect((await deliver(subscriptionEvent('evt_metrics_0', created, 'past_due'))).status).toBe(200);
      expect((await deliver(newer, webhookPath, 't=1,v1=00')).status).toBe(400);
      expect((await deliver(newer, '/v1/billing/apps/webhook/whk_nobody')).status).toBe(404);
      const samples = await scrape();
      const outcome = (o: string, reason = '') => value(samples, 'paykit_webhook_deliveries_total', { provider: 'stripe', outcome: o, reason });
      expect(outcome('applied')).toBe(1);
      expect(outcome('duplicate')).toBe(1);
      expect(outcome('stale')).toBe(1);
      expect(outcome('rejected', 'invalid_signature')).toBe(1);
      expect(outcome('rejected', 'not_found')).toBe(1);
    });

    it('times provider calls by operation', async () => {
      const checkout = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/checkout-sessions`, {
        token: h.tenant.appKey,
        body: { line_items: [{ price: catalogue.premium.id }] },
      });
      expect(checkout.status).toBe(200);
      const samples = await scrape();
      const count = (operation: string) => value(samples, 'paykit_provider_request_duration_seconds_count', { provider: 'stripe', operation, result: 'ok' });
      expect(count('createCheckout')).toBe(1);
      expect(count('verifyCredentials')).toBe(1);
      expect(value(samples, 'paykit_provider_request_duration_seconds_sum', { provider: 'stripe', operation: 'createCheckout', result: 'ok' })).toBeGreaterThan(0);
    });

    it('answers only loopback clients without PAYKIT_METRICS_TOKEN', async () => {
      const remote = await h.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(remote.statusCode).toBe(403);
      expect(remote.json().error.code).toBe('forbidden');
    });

    it('wants the bearer token when PAYKIT_METRICS_TOKEN is set, and keeps a registry per app instance', async () => {
      const token = randomBytes(16).toString('hex');
      const other = await buildApp({ database: h.db.database, publicUrl: 'http://127.0.0.1:9', masterKey: randomBytes(32), metricsToken: token });
      try {
        const without = await other.inject({ method: 'GET', url: '/metrics' });
        expect(without.statusCode).toBe(401);
        expect(without.json().error.code).toBe('unauthorized');
        expect((await other.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
        const scraped = await other.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${token}` } });
        expect(scraped.statusCode).toBe(200);
        const samples = parseMetrics(scraped.body);
        // Only this instance's own requests: none of the first app's webhooks.
        expect(samples.filter((s) => s.name === 'paykit_webhook_deliveries_total')).toEqual([]);
        expect(value(samples, 'paykit_http_requests_total', { route: '/metrics', status_code: '401' })).toBe(2);
      } finally {
        await other.close();
      }
    });
  });
}
