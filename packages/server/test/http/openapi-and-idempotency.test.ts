import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: OpenAPI, health and idempotency`, () => {
    let h: Harness;
    let catalogue: Catalogue;

    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure({ registerWebhook: false });
    });
    afterAll(() => h.close());

    it('publishes an OpenAPI 3 document generated from the route schemas and Swagger UI at /docs', async () => {
      const doc = await h.call('GET', '/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      for (const path of [
        '/v1/apps/{appId}/payments/configuration',
        '/v1/apps/{appId}/payments/products',
        '/v1/apps/{appId}/payments/customers',
        '/v1/apps/{appId}/payments/customers/{customerId}/logs',
        '/v1/apps/{appId}/payments/checkout-sessions',
        '/v1/data-sources/{id}/entries',
      ]) {
        expect(Object.keys(doc.body.paths)).toContain(path);
      }
      expect(doc.body.paths['/v1/apps/{appId}/payments/checkout-sessions'].post.requestBody).toBeDefined();
      const ui = await h.call('GET', '/docs/');
      expect(ui.status).toBe(200);
      expect((await h.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
      expect((await h.call('GET', '/readyz')).body).toEqual({ status: 'ready' });
    });

    it('answers unknown routes with route_not_found in the error shape', async () => {
      const response = await h.call('GET', '/v1/nothing');
      expect(response).toMatchObject({ status: 404, body: { error: { code: 'route_not_found' } } });
    });

    it('replays the stored response for the same Idempotency-Key and body, and refuses another body', async () => {
      const path = `/v1/apps/${h.tenant.appId}/payments/checkout-sessions`;
      const body = { line_items: [{ price: catalogue.premium.id, quantity: 1 }] };
      const headers = { 'idempotency-key': 'checkout-1' };
      const first = await h.call('POST', path, { token: h.tenant.appKey, body, headers });
      const second = await h.call('POST', path, { token: h.tenant.appKey, body, headers });
      expect(first.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      const sessions = await h.db.database.db.selectFrom('checkout_session').select('id').execute();
      expect(sessions).toHaveLength(1);
      const other = await h.call('POST', path, { token: h.tenant.appKey, body: { line_items: [{ price: catalogue.gold.id }] }, headers });
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('idempotency_key_reused');
      const fresh = await h.call('POST', path, { token: h.tenant.appKey, body, headers: { 'idempotency-key': 'checkout-2' } });
      expect(fresh.body.id).not.toBe(first.body.id);
    });

    it('replays a stored refusal for the same key and body, and writes no checkout for it', async () => {
      const path = `/v1/apps/${h.tenant.appId}/payments/checkout-sessions`;
      const body = { line_items: [{ price: 'price_not_in_catalogue' }] };
      const headers = { 'idempotency-key': 'checkout-refused' };
      const before = await h.db.database.db.selectFrom('checkout_session').select('id').execute();
      const first = await h.call('POST', path, { token: h.tenant.appKey, body, headers });
      expect(first.status).toBe(400);
      expect(first.body.error.code).toBe('unknown_price');
      const replay = await h.call('POST', path, { token: h.tenant.appKey, body, headers });
      expect(replay.status).toBe(400);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(await h.db.database.db.selectFrom('checkout_session').select('id').execute()).toHaveLength(before.length);
    });

    it('lets a key be used again for another request once it is older than 24 hours', async () => {
      const path = `/v1/apps/${h.tenant.appId}/payments/checkout-sessions`;
      const headers = { 'idempotency-key': 'checkout-expiring' };
      const first = await h.call('POST', path, { token: h.tenant.appKey, body: { line_items: [{ price: catalogue.premium.id }] }, headers });
      const other = { line_items: [{ price: catalogue.gold.id }] };
      expect((await h.call('POST', path, { token: h.tenant.appKey, body: other, headers })).status).toBe(422);
      await h.db.database.db
        .updateTable('idempotency_key')
        .set({ created_at: Date.now() - 25 * 60 * 60 * 1000 })
        .where('key', '=', 'checkout-expiring')
        .execute();
      const reused = await h.call('POST', path, { token: h.tenant.appKey, body: other, headers });
      expect(reused.status).toBe(200);
      expect(reused.headers['idempotent-replayed']).toBeUndefined();
      expect(reused.body.id).not.toBe(first.body.id);
      const replay = await h.call('POST', path, { token: h.tenant.appKey, body: other, headers });
      expect(replay.body).toEqual(reused.body);
    });
  });
}
