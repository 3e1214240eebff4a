import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { stripeSubscriptionEvent } from '../helpers/stripe-events.js';

const SECRET = 'whsec_test_secret_for_webhooks';

for (const dialect of DIALECTS) {
  describe(`${dialect}: webhook ingestion`, () => {
    let h: Harness;
    let webhookPath: string;
    let sequence = 0;

    beforeAll(async () => {
      h = await startHarness(dialect);
      const { webhookUrl } = await h.configure({ registerWebhook: false });
      webhookPath = new URL(webhookUrl).pathname;
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, {
        token: h.tenant.studioToken,
        body: { signingSecret: SECRET },
      });
    });
    afterAll(() => h.close());

    const subscriptionEvent = (type: string, created: number, status: string, id = `evt_${++sequence}`) =>
      stripeSubscriptionEvent({ id, type, created, status, subscription: 'sub_webhook_test', customer: 'cus_webhook_test' });

    const post = (payload: string, headers: Record<string, string>) =>
      h.call('POST', webhookPath, { body: payload, headers: { 'content-type': 'application/json', ...headers } });

    const sign = (payload: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)) =>
      h.stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

    const countEvents = async () => Number((await h.db.database.db.selectFrom('event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const subscription = () => h.db.database.db.selectFrom('subscription').selectAll().where('id', '=', 'sub_webhook_test').executeTakeFirst();

    it('stores and applies a correctly signed event, then answers 2xx', async () => {
      const payload = JSON.stringify(subscriptionEvent('customer.subscription.created', 1_800_000_000, 'active'));
      const response = await post(payload, { 'stripe-signature': sign(payload) });
      expect(response).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
      expect(await subscription()).toMatchObject({ status: 'active', customer_id: 'cus_webhook_test', version: 1_800_000_000 });
    });

    it('acknowledges a duplicate delivery without applying it twice', async () => {
      const event = subscriptionEvent('customer.subscription.updated', 1_800_000_100, 'past_due', 'evt_dup');
      const payload = JSON.stringify(event);
      const before = await countEvents();
      const [a, b] = await Promise.all([post(payload, { 'stripe-signature': sign(payload) }), post(payload, { 'stripe-signature': sign(payload) })]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.duplicate, b.body.duplicate].sort()).toEqual([false, true]);
      expect(await countEvents()).toBe(before + 1);
    });

    it('records but does not apply an event older than the stored state', async () => {
      const newer = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_300, 'canceled'));
      const older = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_200, 'active'));
      await post(newer, { 'stripe-signature': sign(newer) });
      const response = await post(older, { 'stripe-signature': sign(older) });
      expect(response.status).toBe(200);
      expect((await subscription())?.status).toBe('canceled');
      const stored = await h.db.database.db.selectFrom('event').select('outcome').where('payload', 'like', '%1800000200%').executeTakeFirstOrThrow();
      expect(stored.outcome).toBe('stale');
    });

    it('rejects bad signatures, wrong secrets, old timestamps, changed bodies and missing headers, storing nothing', async () => {
      const payload = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_400, 'active'));
      const before = await countEvents();
      const cases: Array<{ payload: string; headers: Record<string, string> }> = [
        { payload, headers: { 'stripe-signature': 't=1,v1=deadbeef' } },
        { payload, headers: { 'stripe-signature': sign(payload, 'whsec_wrong') } },
        { payload, headers: { 'stripe-signature': sign(payload, SECRET, Math.floor(Date.now() / 1000) - 301) } },
        { payload: payload.replace('active', 'activf'), headers: { 'stripe-signature': sign(payload) } },
        { payload, headers: {} },
      ];
      for (const c of cases) {
        const response = await post(c.payload, c.headers);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('invalid_signature');
      }
      expect(await countEvents()).toBe(before);
      expect((await subscription())?.status).toBe('canceled');
    });

    it('answers 404 for an unknown webhook token, 415 for another content type and 413 for an oversized body', async () => {
      const payload = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_500, 'active'));
      const unknown = await h.call('POST', '/v1/billing/apps/webhook/whk_unknown', {
        body: payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload) },
      });
      expect(unknown.status).toBe(404);
      const text = await h.call('POST', webhookPath, { body: payload, headers: { 'content-type': 'text/plain', 'stripe-signature': sign(payload) } });
      expect(text.status).toBe(415);
      const huge = JSON.stringify({ ...subscriptionEvent('customer.subscription.updated', 1_800_000_600, 'active'), padding: 'x'.repeat(1024 * 1024) });
      const tooLarge = await post(huge, { 'stripe-signature': sign(huge) });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.code).toBe('payload_too_large');
    });

    it('verifies with both the old and the new signing secret during a rotation', async () => {
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: 'whsec_rotated' } });
      const a = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_700, 'active'));
      const b = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_701, 'active'));
      expect((await post(a, { 'stripe-signature': sign(a, SECRET) })).status).toBe(200);
      expect((await post(b, { 'stripe-signature': sign(b, 'whsec_rotated') })).status).toBe(200);
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: 'whsec_third' } });
      const c = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_000_702, 'active'));
      expect((await post(c, { 'stripe-signature': sign(c, SECRET) })).status).toBe(400);
    });

    it('applies updated-before-created in the order of the events, not of their arrival', async () => {
      const id = 'sub_webhook_test';
      await h.db.database.db.deleteFrom('subscription').where('id', '=', id).execute();
      const updated = JSON.stringify(subscriptionEvent('customer.subscription.updated', 1_800_001_000, 'past_due'));
      const created = JSON.stringify(subscriptionEvent('customer.subscription.created', 1_800_000_900, 'active'));
      await post(updated, { 'stripe-signature': sign(updated, 'whsec_third') });
      await post(created, { 'stripe-signature': sign(created, 'whsec_third') });
      expect((await subscription())?.status).toBe('past_due');
    });
  });
}
