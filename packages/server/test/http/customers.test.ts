import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, eventually, type Harness, startHarness } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: customers, event log and billing portal`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    const base = () => `/v1/apps/${h.tenant.appId}/payments`;
    const create = (email: string) => h.call('POST', `${base()}/customers`, { token: h.tenant.appKey, body: { email } });

    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure();
    });
    afterAll(() => h.close());

    it('creates a customer at the provider once and returns the same one for the same email', async () => {
      const first = await create('Ann@Example.org');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: expect.stringMatching(/^cus_/), object: 'customer', email: 'ann@example.org', token: expect.stringMatching(/^pkc_/) });
      const second = await create('ann@example.org');
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.token).toBe(first.body.token);
      const atProvider = await h.stripe.customers.list({ email: 'ann@example.org' });
      expect(atProvider.data).toHaveLength(1);
    });

    it('creates exactly one provider customer under 20 parallel creates for one email', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => create('race@example.org')));
      expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect((await h.stripe.customers.list({ email: 'race@example.org' })).data).toHaveLength(1);
    });

    it('finds the customer at the provider by email when the local record is missing', async () => {
      const existing = await h.stripe.customers.create({ email: 'known@example.org' });
      const response = await create('known@example.org');
      expect(response.body.id).toBe(existing.id);
      expect((await h.stripe.customers.list({ email: 'known@example.org' })).data).toHaveLength(1);
    });

    it('refuses an invalid email with validation_failed', async () => {
      for (const email of ['', 'not-an-email', 'a'.repeat(300)]) {
        const response = await create(email);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
    });

    it("returns a customer's events newest first, filtered by type and created, paged by limit and offset", async () => {
      const customer = (await create('logs@example.org')).body;
      const checkout = await h.call('POST', `${base()}/checkout-sessions`, {
        token: h.tenant.appKey,
        body: { customer: customer.id, line_items: [{ price: catalogue.premium.id, quantity: 1 }] },
      });
      const row = await h.db.database.db.selectFrom('checkout_session').selectAll().where('id', '=', checkout.body.id).executeTakeFirstOrThrow();
      await h.stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${row.provider_session_id}/complete`, { card: '4242424242424242' });
      const logsPath = `${base()}/customers/${customer.id}/logs`;
      const all = await eventually(async () => {
        const r = await h.call('GET', logsPath, { token: customer.token });
        return r.body.logs?.some((l: { type: string }) => l.type === 'checkout.session.completed') && r.body;
      });
      expect(all.limit).toBe(100);
      expect(all.offset).toBe(0);
      const created = all.logs.map((l: { created: number }) => l.created);
      expect(created).toEqual([...created].sort((a, b) => b - a));
      expect(all.logs[0]).toEqual({ id: expect.stringMatching(/^evt_/), type: expect.any(String), created: expect.any(Number), data: expect.any(Object) });

      const onlyCompleted = await h.call('GET', logsPath, { token: customer.token, query: { where: JSON.stringify({ type: 'checkout.session.completed' }) } });
      expect(onlyCompleted.body.logs.map((l: { type: string }) => l.type)).toEqual(['checkout.session.completed']);
      const twoTypes = await h.call('GET', logsPath, { token: customer.token, query: { where: JSON.stringify({ type: ['checkout.session.completed', 'payment_intent.succeeded'] }) } });
      expect(new Set(twoTypes.body.logs.map((l: { type: string }) => l.type))).toEqual(new Set(['checkout.session.completed', 'payment_intent.succeeded']));
      const future = await h.call('GET', logsPath, { token: customer.token, query: { where: JSON.stringify({ created: { gte: 4102444800 } }) } });
      expect(future.body.logs).toEqual([]);
      const paged = await h.call('GET', logsPath, { token: customer.token, query: { limit: 1, offset: 1 } });
      expect(paged.body.logs).toEqual([all.logs[1]]);
      const tooMany = await h.call('GET', logsPath, { token: customer.token, query: { limit: 5000 } });
      expect(tooMany.status).toBe(400);
      const badWhere = await h.call('GET', logsPath, { token: customer.token, query: { where: '{"amount":1}' } });
      expect(badWhere.body.error.code).toBe('validation_failed');
      const notJson = await h.call('GET', logsPath, { token: customer.token, query: { where: '{type' } });
      expect(notJson.status).toBe(400);
    });

    it("lets only the customer's own token or a Studio token read its logs", async () => {
      const ann = (await create('ann@example.org')).body;
      const bob = (await create('bob@example.org')).body;
      const path = `${base()}/customers/${ann.id}/logs`;
      expect((await h.call('GET', path, { token: ann.token })).status).toBe(200);
      expect((await h.call('GET', path, { token: h.tenant.studioToken })).status).toBe(200);
      expect((await h.call('GET', path, { token: bob.token })).status).toBe(403);
      expect((await h.call('GET', path, { token: h.tenant.appKey })).status).toBe(403);
      expect((await h.call('GET', path)).status).toBe(401);
      expect((await h.call('GET', path, { token: 'pkc_forged.sig' })).status).toBe(403);
      expect((await h.call('GET', `${base()}/customers/cus_missing/logs`, { token: h.tenant.studioToken })).status).toBe(404);
    });

    it('opens a billing portal session whose return URL is the server return page', async () => {
      const ann = (await create('ann@example.org')).body;
      const response = await h.call('POST', `${base()}/customers/${ann.id}/billing-portal`, { token: ann.token, body: {} });
      expect(response.status).toBe(200);
      expect(response.body.url).toContain(new URL(h.emulatorUrl).host);
      const sessions = await fetch(response.body.url).then((r) => r.text());
      expect(sessions).toContain(`${h.url}/v1/billing-portal/return`);
      const page = await fetch(`${h.url}/v1/billing-portal/return?app=${h.tenant.appId}`).then((r) => r.text());
      expect(page).toContain('"type":"portal"');
      const bob = (await create('bob@example.org')).body;
      expect((await h.call('POST', `${base()}/customers/${ann.id}/billing-portal`, { token: bob.token, body: {} })).status).toBe(403);
    });
  });
}
