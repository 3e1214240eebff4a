import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeV2, signV1 } from '../../src/providers/flitt/signature.js';
import { invalidateReads } from '../../src/storage/repositories/read-cache.js';
import { DIALECTS } from '../helpers/dialects.js';
import { FLITT_CARDS, type FlittCatalogue, type FlittHarness, startFlittHarness } from '../helpers/flitt-harness.js';
import { eventually } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flitt configuration, checkout and callbacks`, () => {
    let h: FlittHarness;
    let catalogue: FlittCatalogue;
    let customer: { id: string; token: string };
    let callbackPath = '';
    const base = () => `/v1/apps/${h.tenant.appId}/payments`;

    beforeAll(async () => {
      h = await startFlittHarness(dialect, { retrieveAfterMs: 200 });
    });
    afterAll(() => h?.close());

    const createSession = (body: Record<string, unknown>) => h.call('POST', `${base()}/checkout-sessions`, { token: h.tenant.appKey, body });
    const getSession = (id: string) => h.call('GET', `${base()}/checkout-sessions/${id}`, { token: h.tenant.appKey });
    const countEvents = async () =>
      Number((await h.db.database.db.selectFrom('event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const emulatorOrder = async (orderId: string) => (await fetch(`${h.flitt.url}/emulator/orders/${orderId}`)).json();
    const postCallback = (body: string, contentType = 'application/json', path = callbackPath) =>
      h.call('POST', path, { body, headers: { 'content-type': contentType } });
    /** A callback signed as Flitt signs it (1.0 over every key), for the states tests need to replay. */
    const signed = (order: Record<string, unknown>, secret = 'test') => {
      const { signature: _s, response_signature_string: _r, ...fields } = order;
      return { ...fields, signature: signV1(fields, secret) };
    };

    it('refuses a wrong secret key with provider_auth_failed and stores no configuration', async () => {
      const failed = await h.configure({ secretKey: 'not-the-key' }).then(
        () => null,
        (error: { response?: { status: number; body: any } }) => error.response,
      );
      expect(failed?.status).toBe(400);
      expect(failed?.body.error.code).toBe('provider_auth_failed');
      const exists = await h.call('GET', `${base()}/configuration/exists`, { token: h.tenant.appKey });
      expect(exists.body).toEqual({ configured: false });
    });

    it('configures the test merchant and prices products from Price and Currency', async () => {
      catalogue = await h.configure();
      const row = await h.db.database.db.selectFrom('payment_configuration').selectAll().where('app_id', '=', h.tenant.appId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ provider: 'flitt', public_key: '1549901' });
      callbackPath = `/v1/billing/apps/flitt-callback/${row.webhook_token}`;
      const products = await h.call('GET', `${base()}/products`, { token: h.tenant.appKey });
      expect(products.status).toBe(200);
      const listed = products.body.products ?? products.body;
      expect(listed).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: catalogue.gold, Name: 'Gold plan', Price: '2.50', Currency: 'GEL' })]),
      );
    });

    it('creates customers as with Stripe, one per email', async () => {
      const created = await h.call('POST', `${base()}/customers`, { token: h.tenant.appKey, body: { email: 'john@example.org' } });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ id: expect.stringMatching(/^flc_[0-9a-f]{24}$/), email: 'john@example.org', provider: 'flitt' });
      const again = await h.call('POST', `${base()}/customers`, { token: h.tenant.appKey, body: { email: 'John@Example.org' } });
      expect(again.body.id).toBe(created.body.id);
      customer = created.body;
    });

    it('completes a paid checkout with transaction details after the signed callback', async () => {
      const created = await createSession({
        customer: customer.id,
        line_items: [
          { price: catalogue.premium, quantity: 1 },
          { price: catalogue.gold, quantity: 2 },
        ],
      });
      expect(created.status).toBe(200);
      expect(created.body.url).toContain(new URL(h.flitt.url).host);
      expect((await getSession(created.body.id)).body).toMatchObject({ status: 'open', transactionDetails: null });
      expect(await emulatorOrder(created.body.id)).toMatchObject({ amount: '600', currency: 'GEL' });

      await h.pay(created.body.id, FLITT_CARDS.approve);
      const done = await getSession(created.body.id);
      expect(done.body.status).toBe('complete');
      expect(done.body.transactionDetails).toMatchObject({
        provider: 'flitt',
        amount_total: 600,
        currency: 'GEL',
        payment_status: 'paid',
        customer: customer.id,
        line_items: [
          { price: catalogue.premium, quantity: 1, amount_total: 100 },
          { price: catalogue.gold, quantity: 2, amount_total: 500 },
        ],
      });
      const logs = await h.call('GET', `${base()}/customers/${customer.id}/logs`, { token: customer.token });
      expect(logs.body.logs.map((l: { type: string }) => l.type)).toContain('flitt.order.approved');
    });

    it('reports a declined payment as failed, not complete', async () => {
      const created = await createSession({ line_items: [{ price: catalogue.premium }] });
      await h.pay(created.body.id, FLITT_CARDS.decline);
      const declined = await getSession(created.body.id);
      expect(declined.body).toMatchObject({ status: 'failed', paymentStatus: 'failed', transactionDetails: null });
    });

    it('refuses line items priced in two currencies', async () => {
      const mixed = await createSession({ line_items: [{ price: catalogue.premium }, { price: catalogue.dollar }] });
      expect(mixed.status).toBe(400);
      expect(mixed.body.error.code).toBe('provider_rejected');
    });

    it('falls back to the status API when the buyer came back before the callback', async () => {
      const created = await createSession({ line_items: [{ price: catalogue.gold }] });
      await h.call('GET', '/v1/checkout/return', { query: { checkout: created.body.id, outcome: 'success' } });
      // Paid without a callback reaching paykit: the order is approved at the emulator only.
      // Written behind the repositories' back, so the read cache is told (another process would wait out its TTL).
      await h.db.database.db.updateTable('payment_configuration').set({ webhook_token: 'pkw_elsewhere' }).where('app_id', '=', h.tenant.appId).execute();
      invalidateReads();
      try {
        await h.pay(created.body.id, FLITT_CARDS.approve);
      } finally {
        await h.db.database.db.updateTable('payment_configuration').set({ webhook_token: callbackPath.split('/').pop() as string }).where('app_id', '=', h.tenant.appId).execute();
        invalidateReads();
      }
      const done = await eventually(async () => {
        const r = await getSession(created.body.id);
        return r.body.status === 'complete' && r.body;
      });
      expect(done.transactionDetails).toMatchObject({ amount_total: 250, payment_status: 'paid' });
    });

    it('acknowledges a duplicate callback once applied, and never rolls state back for an older one', async () => {
      const created = await createSession({ customer: customer.id, line_items: [{ price: catalogue.premium }] });
      const order = await emulatorOrder(created.body.id);
      const approved = JSON.stringify(signed({ ...order, order_status: 'approved', actual_amount: '100' }));
      const before = await countEvents();
      const [a, b] = await Promise.all([postCallback(approved), postCallback(approved)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.duplicate, b.body.duplicate].sort()).toEqual([false, true]);
      expect(await countEvents()).toBe(before + 1);
      expect((await getSession(created.body.id)).body.status).toBe('complete');

      const older = await postCallback(JSON.stringify(signed({ ...order, order_status: 'processing' })));
      expect(older).toMatchObject({ status: 200, body: { duplicate: false } });
      expect((await getSession(created.body.id)).body).toMatchObject({ status: 'complete', paymentStatus: 'paid' });

      await postCallback(JSON.stringify(signed({ ...order, order_status: 'reversed', reversal_amount: '100' })));
      expect((await getSession(created.body.id)).body.transactionDetails.payment_status).toBe('refunded');
      // A retried approved callback with another payment id is a new event, but older than the reversal.
      await postCallback(JSON.stringify(signed({ ...order, order_status: 'approved', payment_id: 1 })));
      expect((await getSession(created.body.id)).body.transactionDetails.payment_status).toBe('refunded');
    });

    it('takes callbacks as form fields and in protocol 2.0', async () => {
      const viaForm = await createSession({ line_items: [{ price: catalogue.premium }] });
      const formOrder = signed({ ...(await emulatorOrder(viaForm.body.id)), order_status: 'approved' });
      const form = new URLSearchParams(Object.entries(formOrder).map(([k, v]) => [k, String(v)])).toString();
      expect((await postCallback(form, 'application/x-www-form-urlencoded')).status).toBe(200);
      expect((await getSession(viaForm.body.id)).body.status).toBe('complete');

      const viaV2 = await createSession({ line_items: [{ price: catalogue.gold }] });
      const { signature: _s, response_signature_string: _r, ...v2Order } = await emulatorOrder(viaV2.body.id);
      const envelope = encodeV2({ ...v2Order, order_status: 'expired' }, 'test');
      expect((await postCallback(JSON.stringify(envelope))).status).toBe(200);
      expect((await getSession(viaV2.body.id)).body.status).toBe('expired');
    });

    it('answers 400 invalid_signature to a tampered callback and stores nothing', async () => {
      const created = await createSession({ line_items: [{ price: catalogue.premium }] });
      const genuine = signed({ ...(await emulatorOrder(created.body.id)), order_status: 'approved' });
      const before = await countEvents();
      const tampered = await postCallback(JSON.stringify({ ...genuine, amount: '1' }));
      expect(tampered.status).toBe(400);
      expect(tampered.body.error.code).toBe('invalid_signature');
      const wrongKey = await postCallback(JSON.stringify(signed({ ...genuine }, 'other-key')));
      expect(wrongKey.status).toBe(400);
      expect((await postCallback('')).status).toBe(400);
      expect(await countEvents()).toBe(before);
      expect((await getSession(created.body.id)).body.status).toBe('open');
    });

    it('answers 404 to an unknown token and stores nothing', async () => {
      const before = await countEvents();
      const order = signed({ order_id: 'x', order_status: 'approved', amount: '1', currency: 'GEL' });
      const response = await postCallback(JSON.stringify(order), 'application/json', '/v1/billing/apps/flitt-callback/pkw_unknown');
      expect(response.status).toBe(404);
      expect(await countEvents()).toBe(before);
    });
  });
}
