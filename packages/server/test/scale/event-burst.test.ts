import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { stripeEvent, stripeSubscriptionEvent } from '../helpers/stripe-events.js';

const SECRET = 'whsec_test_secret_for_event_bursts';
const T0 = 1_800_000_000;

/** A month-start burst: three versions of each subscription, invoices, unknown checkouts and plain events, each sent twice. */
function burst() {
  const events: ReturnType<typeof stripeEvent>[] = [];
  for (let s = 0; s < 30; s++) {
    for (const [step, status] of ['trialing', 'past_due', 'active'].entries()) {
      events.push(stripeSubscriptionEvent({ id: `evt_sub_${s}_${step}`, created: T0 + step * 10, status, subscription: `sub_burst_${s}`, customer: `cus_burst_${s}` }));
    }
  }
  for (let i = 0; i < 40; i++) {
    events.push(
      stripeEvent(`evt_inv_${i}`, 'invoice.paid', T0 + 30, {
        id: `in_burst_${i}`,
        object: 'invoice',
        customer: `cus_burst_${i % 30}`,
        amount_paid: 900,
        amount_due: 900,
        currency: 'usd',
        parent: { subscription_details: { subscription: `sub_burst_${i % 30}` } },
      }),
    );
  }
  for (let i = 0; i < 20; i++) {
    events.push(
      stripeEvent(`evt_cs_${i}`, 'checkout.session.completed', T0 + 40, {
        id: `cs_not_paykits_${i}`,
        object: 'checkout.session',
        status: 'complete',
        payment_status: 'paid',
        mode: 'payment',
        customer: `cus_burst_${i}`,
        amount_total: 900,
        currency: 'usd',
        created: T0 + 40,
      }),
    );
    events.push(stripeEvent(`evt_pi_${i}`, 'payment_intent.succeeded', T0 + 40, { id: `pi_burst_${i}`, object: 'payment_intent', customer: `cus_burst_${i}` }));
  }
  return events;
}

/** A deterministic shuffle, so that older versions often arrive after newer ones. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: a burst of concurrent webhooks`, () => {
    let h: Harness;
    let webhookPath: string;

    beforeAll(async () => {
      h = await startHarness(dialect);
      const { webhookUrl } = await h.configure({ registerWebhook: false });
      webhookPath = new URL(webhookUrl).pathname;
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: SECRET } });
    });
    afterAll(() => h.close());

    it('stores each event once, applies the newest state, and shares statements between concurrent deliveries', async () => {
      const events = burst();
      const deliveries = shuffled([...events, ...events]);
      const queries = dialect === 'postgres' ? vi.spyOn(pg.Client.prototype, 'query') : null;
      const answers = await Promise.all(
        deliveries.map((event) => {
          const payload = JSON.stringify(event);
          const headers = { 'content-type': 'application/json', 'stripe-signature': h.stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) };
          return h.app.inject({ method: 'POST', url: webhookPath, payload, headers });
        }),
      );
      const statements = queries?.mock.calls.length ?? 0;

      expect(answers.map((a) => a.statusCode)).toEqual(deliveries.map(() => 200));
      // Of the two copies of each event exactly one is applied; the other is acknowledged as a duplicate.
      expect(answers.filter((a) => a.json().duplicate === true)).toHaveLength(events.length);
      const db = h.db.database.db;
      const stored = await db.selectFrom('event').select(['provider_event_id', 'outcome', 'type']).where('app_id', '=', h.tenant.appId).execute();
      expect(stored.map((e) => e.provider_event_id).sort()).toEqual(events.map((e) => e.id).sort());
      for (const e of stored) {
        const expected = { 'customer.subscription.updated': ['applied', 'stale'], 'invoice.paid': ['applied'], 'checkout.session.completed': ['recorded'], 'payment_intent.succeeded': ['recorded'] }[e.type];
        expect(expected, `${e.provider_event_id}: ${e.outcome}`).toContain(e.outcome);
      }
      const subscriptions = await db.selectFrom('subscription').select(['id', 'status', 'version']).where('app_id', '=', h.tenant.appId).where('id', 'like', 'sub_burst_%').execute();
      expect(subscriptions).toHaveLength(30);
      for (const s of subscriptions) expect(s, s.id).toMatchObject({ status: 'active', version: expect.anything() });
      expect(new Set(subscriptions.map((s) => Number(s.version)))).toEqual(new Set([T0 + 20]));
      const charges = await db.selectFrom('charge').select('id').where('app_id', '=', h.tenant.appId).execute();
      expect(charges.map((c) => c.id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `in_burst_${i}`).sort());
      // PostgreSQL: the 340 deliveries share a few statements instead of taking one (or more) each.
      if (dialect === 'postgres') expect(statements).toBeLessThan(deliveries.length / 10);
    });
  });
}
