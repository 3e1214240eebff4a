import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Harness, startHarness } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: payment configuration`, () => {
    let h: Harness;
    let dataSourceId: number;
    const path = () => `/v1/apps/${h.tenant.appId}/payments/configuration`;
    const body = (overrides: Record<string, unknown> = {}) => ({
      provider: 'stripe',
      providerPublicKey: 'pk_test_abc',
      providerPrivateKey: h.secretKey,
      productsDataSourceId: dataSourceId,
      ...overrides,
    });

    beforeAll(async () => {
      h = await startHarness(dialect);
      const source = await h.call('POST', '/v1/data-sources', { token: h.tenant.studioToken, body: { appId: h.tenant.appId, name: 'Products' } });
      dataSourceId = source.body.id;
    });
    afterAll(() => h.close());

    it('reports an unconfigured app as not configured', async () => {
      const response = await h.call('GET', `${path()}/exists`, { token: h.tenant.appKey });
      expect(response).toMatchObject({ status: 200, body: { configured: false } });
    });

    it("refuses a secret key the provider rejects with a 400 carrying the provider's message, and stores nothing", async () => {
      const response = await h.call('PUT', path(), { token: h.tenant.studioToken, body: body({ providerPrivateKey: 'not-a-stripe-key' }) });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('provider_auth_failed');
      expect(response.body.error.message).toMatch(/Invalid API Key/i);
      const exists = await h.call('GET', `${path()}/exists`, { token: h.tenant.appKey });
      expect(exists.body.configured).toBe(false);
    });

    it('refuses a products data source of another organisation', async () => {
      const response = await h.call('PUT', path(), { token: h.tenant.studioToken, body: body({ productsDataSourceId: 99999 }) });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('unknown_data_source');
    });

    it('stores the configuration and returns the webhook URL with an opaque token', async () => {
      const response = await h.call('PUT', path(), { token: h.tenant.studioToken, body: body() });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ webhookUrl: expect.stringMatching(new RegExp(`^${h.url}/v1/billing/apps/webhook/whk_[\\w-]{16,}$`)) });
      const again = await h.call('PUT', path(), { token: h.tenant.studioToken, body: body() });
      expect(again.body.webhookUrl).toBe(response.body.webhookUrl);
      const exists = await h.call('GET', `${path()}/exists`, { token: h.tenant.appKey });
      expect(exists.body.configured).toBe(true);
    });

    it('registers the webhook endpoint at the provider for the events paykit needs when asked', async () => {
      const response = await h.call('PUT', path(), { token: h.tenant.studioToken, body: body({ registerWebhook: true }) });
      expect(response.status).toBe(200);
      const endpoints = await h.stripe.webhookEndpoints.list();
      const endpoint = endpoints.data.find((e) => e.url === response.body.webhookUrl);
      expect(endpoint?.enabled_events).toEqual(expect.arrayContaining(['checkout.session.completed', 'customer.subscription.updated', 'customer.subscription.deleted']));
      const row = await h.db.database.db.selectFrom('payment_configuration').selectAll().executeTakeFirstOrThrow();
      expect(row.signing_secrets_sealed).toMatch(/^v1\./);
    });

    it('updates the signing secret (Studio only) and refuses it before configuration exists elsewhere', async () => {
      const ok = await h.call('PUT', `${path()}/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: 'whsec_new' } });
      expect(ok).toMatchObject({ status: 200, body: { updated: true } });
      const asApp = await h.call('PUT', `${path()}/signing-secret`, { token: h.tenant.appKey, body: { signingSecret: 'whsec_x' } });
      expect(asApp.status).toBe(403);
      expect(asApp.body.error.code).toBe('forbidden');
    });

    it('lets only a Studio token of the organisation change the configuration', async () => {
      expect((await h.call('PUT', path(), { body: body() })).status).toBe(401);
      expect((await h.call('PUT', path(), { token: 'pks_unknown', body: body() })).status).toBe(401);
      expect((await h.call('PUT', path(), { token: h.tenant.appKey, body: body() })).status).toBe(403);
      expect((await h.call('PUT', '/v1/apps/app_missing/payments/configuration', { token: h.tenant.studioToken, body: body() })).status).toBe(404);
    });

    it('refuses unknown and malformed fields with validation_failed', async () => {
      for (const bad of [body({ provider: 'paypal' }), body({ extra: 1 }), body({ productsDataSourceId: 'x' }), { provider: 'stripe' }]) {
        const response = await h.call('PUT', path(), { token: h.tenant.studioToken, body: bad });
        expect(response.status, JSON.stringify(bad)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
    });

    it('never returns or logs the secret key or the signing secret, and stores neither in plaintext', async () => {
      await h.call('PUT', `${path()}/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: 'whsec_plaintext_probe' } });
      const responses = [
        await h.call('GET', `${path()}/exists`, { token: h.tenant.appKey }),
        await h.call('PUT', path(), { token: h.tenant.studioToken, body: body() }),
        await h.call('GET', '/openapi.json'),
      ];
      for (const response of responses) {
        expect(JSON.stringify(response.body)).not.toContain(h.secretKey);
        expect(JSON.stringify(response.body)).not.toContain('whsec_plaintext_probe');
      }
      const logs = h.logs.join('');
      expect(logs.length).toBeGreaterThan(0);
      expect(logs).not.toContain(h.secretKey);
      expect(logs).not.toContain('whsec_plaintext_probe');
      const rows = await h.db.database.db.selectFrom('payment_configuration').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(h.secretKey);
      expect(JSON.stringify(rows)).not.toContain('whsec_plaintext_probe');
      if (h.db.file) {
        await h.db.database.db.selectFrom('app').select('id').execute(); // flush WAL reads
        const { readFileSync, existsSync } = await import('node:fs');
        for (const file of [h.db.file, `${h.db.file}-wal`].filter(existsSync)) {
          const bytes = readFileSync(file);
          expect(bytes.includes(h.secretKey)).toBe(false);
          expect(bytes.includes('whsec_plaintext_probe')).toBe(false);
        }
      }
    });
  });
}
