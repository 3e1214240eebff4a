import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: idempotency keys paykit sends to Stripe`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure({ registerWebhook: true });
    });
    afterAll(() => h.close());

    const posts = (path: string) => h.emulator.context.requests.filter((r) => r.method === 'POST' && r.path === path);

    it('sends an Idempotency-Key on every create: customers, checkout sessions, billing portal sessions, webhook endpoints', async () => {
      const customer = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers`, { token: h.tenant.appKey, body: { email: 'keys@example.com' } });
      expect(customer.status).toBe(200);
      const checkout = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/checkout-sessions`, {
        token: h.tenant.appKey,
        body: { line_items: [{ price: catalogue.premium.id }], customer: customer.body.id },
      });
      expect(checkout.status).toBe(200);
      const portal = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers/${customer.body.id}/billing-portal`, { token: customer.body.token, body: {} });
      expect(portal.status).toBe(200);

      for (const path of ['/v1/customers', '/v1/checkout/sessions', '/v1/billing_portal/sessions', '/v1/webhook_endpoints']) {
        const seen = posts(path);
        expect(seen.length, path).toBeGreaterThan(0);
        for (const request of seen) expect(request.idempotencyKey, path).toMatch(/\S{16,}/);
      }
      // Keys paykit derives itself, so that its own retries (not only the SDK's) never create twice.
      expect(posts('/v1/customers')[0].idempotencyKey).toMatch(/^paykit-customer-/);
      expect(posts('/v1/checkout/sessions')[0].idempotencyKey).toMatch(/^paykit-checkout-/);
    });

    it('derives the customer key from app and email, so a retried create is answered by Stripe from the first one', async () => {
      const email = 'retry@example.com';
      const first = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers`, { token: h.tenant.appKey, body: { email } });
      const key = posts('/v1/customers').at(-1)?.idempotencyKey;
      // The paykit row is gone (e.g. restored from a backup) while the Stripe customer exists: paykit must not create another.
      await h.db.database.db.deleteFrom('customer').where('email', '=', email).execute();
      const again = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers`, { token: h.tenant.appKey, body: { email: 'Retry@Example.com' } });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const retriedKeys = posts('/v1/customers').filter((r) => r.idempotencyKey === key);
      expect(retriedKeys.length).toBeLessThanOrEqual(1);
      expect((await h.stripe.customers.list({ email, limit: 10 })).data).toHaveLength(1);
    });
  });
}
