import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, eventually, type Harness, startHarness } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: checkout sessions`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    let customer: { id: string; token: string };
    const base = () => `/v1/apps/${h.tenant.appId}/payments`;

    beforeAll(async () => {
      h = await startHarness(dialect, { retrieveAfterMs: 200 });
      catalogue = await h.configure();
      const created = await h.call('POST', `${base()}/customers`, { token: h.tenant.appKey, body: { email: 'john@example.org' } });
      customer = created.body;
    });
    afterAll(() => h.close());

    const createSession = (body: Record<string, unknown>) =>
      h.call('POST', `${base()}/checkout-sessions`, { token: h.tenant.appKey, body });

    const completeAtEmulator = async (checkoutId: string, card = '4242424242424242') => {
      const row = await h.db.database.db.selectFrom('checkout_session').selectAll().where('id', '=', checkoutId).executeTakeFirstOrThrow();
      return h.stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${row.provider_session_id}/complete`, { card });
    };

    it('creates a hosted checkout for catalogue prices and reports it complete with transaction details after the webhook', async () => {
      const created = await createSession({
        mode: 'payment',
        payment_method_types: ['card'],
        customer: customer.id,
        line_items: [
          { price: catalogue.premium.id, quantity: 1 },
          { price: catalogue.gold.id, quantity: 2 },
        ],
      });
      expect(created.status).toBe(200);
      expect(created.body.id).toMatch(/^chk_/);
      expect(created.body.url).toContain(new URL(h.emulatorUrl).host);

      const open = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
      expect(open.body.status).toBe('open');
      expect(open.body.transactionDetails).toBeNull();

      await completeAtEmulator(created.body.id);
      const done = await eventually(async () => {
        const r = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
        return r.body.status === 'complete' && r.body;
      });
      expect(done.transactionDetails).toMatchObject({
        amount_total: 600,
        currency: 'usd',
        payment_status: 'paid',
        customer: customer.id,
        line_items: [
          { price: catalogue.premium.id, quantity: 1, amount_total: 100 },
          { price: catalogue.gold.id, quantity: 2, amount_total: 500 },
        ],
      });
      expect(done.transactionDetails.payment_intent).toMatch(/^pi_/);
    });

    it('refuses a price that is not in the app catalogue with unknown_price and creates nothing at the provider', async () => {
      const before = (await h.stripe.checkout.sessions.list({ limit: 100 })).data.length;
      const other = await h.stripe.prices.create({ currency: 'usd', unit_amount: 1, product_data: { name: 'Not listed' } });
      const response = await createSession({ line_items: [{ price: other.id, quantity: 1 }] });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('unknown_price');
      expect((await h.stripe.checkout.sessions.list({ limit: 100 })).data.length).toBe(before);
    });

    it('refuses malformed checkout options with a 400 and a code, never a 500', async () => {
      const bodies = [
        {},
        { line_items: [] },
        { line_items: [{ price: catalogue.premium.id, quantity: 0 }] },
        { line_items: [{ price: catalogue.premium.id }], mode: 'lease' },
        { line_items: [{ price: catalogue.premium.id }], success_url: 'https://evil.example' },
        { line_items: 'all' },
      ];
      for (const body of bodies) {
        const response = await createSession(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
      const notJson = await h.call('POST', `${base()}/checkout-sessions`, {
        token: h.tenant.appKey,
        body: '{"line_items": [',
        headers: { 'content-type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.code).toBe('invalid_json');
    });

    it('reports a checkout as canceled when the buyer cancels on the hosted page', async () => {
      const created = await createSession({ line_items: [{ price: catalogue.premium.id, quantity: 1 }] });
      const row = await h.db.database.db.selectFrom('checkout_session').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
      await h.stripe.rawRequest('POST', `/v1/test_helpers/checkout/sessions/${row.provider_session_id}/cancel`, {});
      // The emulator answers with the cancel_url; the browser would now load paykit's return page.
      const page = await h.call('GET', `/v1/checkout/return?checkout=${created.body.id}&outcome=cancel`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('"type":"checkout"');
      const state = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
      expect(state.body.status).toBe('canceled');
    });

    it('takes the buyer back by POST as well (Flitt posts to response_url) and keeps the opener for the SDK', async () => {
      const created = await createSession({ line_items: [{ price: catalogue.premium.id, quantity: 1 }] });
      const page = await h.app.inject({
        method: 'POST',
        url: `/v1/checkout/return?checkout=${created.body.id}&outcome=success`,
        payload: 'order_id=x&order_status=approved',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cross-origin-opener-policy']).toBe('unsafe-none');
      expect(page.body).toContain(created.body.id);
    });

    it('leaves the session open after a declined card, then completes with the success card', async () => {
      const created = await createSession({ line_items: [{ price: catalogue.gold.id, quantity: 1 }] });
      await expect(completeAtEmulator(created.body.id, '4000000000000002')).rejects.toThrow();
      const state = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
      expect(state.body.status).toBe('open');
      await completeAtEmulator(created.body.id);
      await eventually(async () => {
        const r = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
        return r.body.status === 'complete';
      });
    });

    it('learns completion from the provider when the webhook has not arrived after the return page', async () => {
      await h.stripe.webhookEndpoints.list().then((list) => Promise.all(list.data.map((e) => h.stripe.webhookEndpoints.update(e.id, { disabled: true }))));
      try {
        const created = await createSession({ line_items: [{ price: catalogue.premium.id, quantity: 3 }] });
        await completeAtEmulator(created.body.id);
        await h.call('GET', `/v1/checkout/return?checkout=${created.body.id}&outcome=success`);
        const done = await eventually(async () => {
          const r = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
          return r.body.status === 'complete' && r.body;
        });
        expect(done.transactionDetails.amount_total).toBe(300);
        const events = await h.db.database.db.selectFrom('event').select('type').where('type', '=', 'checkout.session.completed').execute();
        expect(events.length).toBe(2); // the two earlier completions only: this one came from the provider read
      } finally {
        await h.stripe.webhookEndpoints.list().then((list) => Promise.all(list.data.map((e) => h.stripe.webhookEndpoints.update(e.id, { disabled: false }))));
      }
    });

    it('starts a subscription through checkout in subscription mode and stores it from the webhooks', async () => {
      const created = await createSession({ mode: 'subscription', customer: customer.id, line_items: [{ price: catalogue.monthly.id, quantity: 1 }] });
      expect(created.status).toBe(200);
      await completeAtEmulator(created.body.id);
      const done = await eventually(async () => {
        const r = await h.call('GET', `${base()}/checkout-sessions/${created.body.id}`, { token: h.tenant.appKey });
        return r.body.status === 'complete' && r.body;
      });
      expect(done.transactionDetails.subscription).toMatch(/^sub_/);
      const stored = await eventually(() =>
        h.db.database.db.selectFrom('subscription').selectAll().where('id', '=', done.transactionDetails.subscription).executeTakeFirst(),
      );
      expect(stored).toMatchObject({ status: 'active', customer_id: customer.id, price_id: catalogue.monthly.id });
    });
  });
}
