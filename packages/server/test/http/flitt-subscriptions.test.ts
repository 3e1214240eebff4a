import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeV2 } from '../../src/providers/flitt/signature.js';
import { DIALECTS } from '../helpers/dialects.js';
import { FLITT_CARDS, type FlittCatalogue, type FlittHarness, startFlittHarness } from '../helpers/flitt-harness.js';

const MONTH = 31 * 86_400;

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flitt subscriptions`, () => {
    let h: FlittHarness;
    let catalogue: FlittCatalogue;
    let customer: { id: string; token: string };
    let subscriptionId = '';
    const base = () => `/v1/apps/${h.tenant.appId}/payments`;

    beforeAll(async () => {
      h = await startFlittHarness(dialect);
      catalogue = await h.configure();
      customer = (await h.call('POST', `${base()}/customers`, { token: h.tenant.appKey, body: { email: 'sub@example.org' } })).body;
    });
    afterAll(() => h?.close());

    const create = (recurring_data: Record<string, unknown>, priceId = catalogue.monthly) =>
      h.call('POST', `${base()}/subscriptions`, { token: customer.token, body: { customer: customer.id, priceId, recurring_data } });
    const subscription = async () => (await h.call('GET', `${base()}/subscriptions/${subscriptionId}`, { token: customer.token })).body;
    const action = (name: string, body: Record<string, unknown> = {}) =>
      h.call('POST', `${base()}/subscriptions/${subscriptionId}/${name}`, { token: customer.token, body });

    it.each([
      [{ period: 'fortnight', every: 1, quantity: 3 }, 'recurring_data.period'],
      [{ period: 'month', every: 0, quantity: 3 }, 'recurring_data.every'],
      [{ period: 'month', every: 1 }, 'recurring_data.quantity'],
      [{ period: 'month', every: 1, quantity: 3, amount: 1234567890123 }, 'recurring_data.amount'],
      [{ period: 'month', every: 1, quantity: 3, trial_period: 'day' }, 'recurring_data.trial_quantity'],
      [{ period: 'month', every: 1, quantity: 3, state: 'maybe' }, 'recurring_data.state'],
    ])('refuses recurring_data %j with a 400 naming %s', async (recurring, field) => {
      const refused = await create(recurring);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', details: { field } });
    });

    it('starts a subscription through the hosted checkout (protocol 2.0) once the first payment is approved', async () => {
      const created = await create({ period: 'month', every: 1, quantity: 3 });
      expect(created.status).toBe(200);
      subscriptionId = created.body.id;
      const schedule = await (await fetch(`${h.flitt.url}/emulator/orders/${subscriptionId}/schedule`)).json();
      expect(schedule.recurring_data).toMatchObject({ amount: 900, period: 'month', every: 1, quantity: 3 });

      await h.pay(subscriptionId, FLITT_CARDS.approve);
      const checkout = await h.call('GET', `${base()}/checkout-sessions/${subscriptionId}`, { token: h.tenant.appKey });
      expect(checkout.body.transactionDetails).toMatchObject({ amount_total: 900, currency: 'GEL', payment_status: 'paid', subscription: subscriptionId });
      expect(await subscription()).toMatchObject({
        id: subscriptionId,
        provider: 'flitt',
        status: 'active',
        customer: customer.id,
        priceId: catalogue.monthly,
        charges: [],
      });
    });

    it('records each scheduled charge in the subscription and in the customer logs', async () => {
      await h.advance(MONTH);
      const { charges } = await subscription();
      expect(charges).toEqual([{ payment: expect.any(String), amount: 900, currency: 'GEL', status: 'succeeded', at: expect.any(Number) }]);
      const logs = await h.call('GET', `${base()}/customers/${customer.id}/logs`, { token: customer.token });
      const charged = logs.body.logs.filter((l: { charge?: unknown }) => l.charge);
      expect(charged).toHaveLength(1);
      expect(charged[0]).toMatchObject({
        type: 'flitt.order.approved',
        charge: { subscription: subscriptionId, payment: charges[0].payment, amount: 900, currency: 'GEL', status: 'succeeded' },
      });
    });

    it('takes no charge while stopped and resumes after start', async () => {
      expect((await action('stop')).body).toMatchObject({ status: 'stopped' });
      await h.advance(MONTH);
      expect(await subscription()).toMatchObject({ status: 'stopped', charges: [expect.anything()] });
      expect((await action('start')).body).toMatchObject({ status: 'active' });
      await h.advance(MONTH);
      const resumed = await subscription();
      expect(resumed.status).toBe('active');
      expect(resumed.charges).toHaveLength(2);
      const schedule = await (await fetch(`${h.flitt.url}/emulator/orders/${subscriptionId}/schedule`)).json();
      expect(schedule.past.map((c: { outcome: string }) => c.outcome)).toEqual(['charged', 'skipped', 'charged']);
    });

    it('marks the subscription past due when a scheduled charge is declined', async () => {
      const clock = await (await fetch(`${h.flitt.url}/emulator/clock`)).json();
      const child = {
        order_id: `${subscriptionId}_declined`,
        merchant_id: 1549901,
        amount: '900',
        currency: 'GEL',
        order_status: 'declined',
        response_status: 'success',
        payment_id: 990001,
        parent_order_id: subscriptionId,
        order_time: clock.date,
        merchant_data: JSON.stringify({ paykit: subscriptionId, customer: customer.id, price: catalogue.monthly, subscription: true }),
      };
      const row = await h.db.database.db.selectFrom('payment_configuration').select('webhook_token').where('app_id', '=', h.tenant.appId).executeTakeFirstOrThrow();
      const posted = await h.call('POST', `/v1/billing/apps/flitt-callback/${row.webhook_token}`, {
        body: JSON.stringify(encodeV2(child, 'test')),
        headers: { 'content-type': 'application/json' },
      });
      expect(posted.status).toBe(200);
      const after = await subscription();
      expect(after.status).toBe('past_due');
      expect(after.charges.at(-1)).toMatchObject({ payment: '990001', status: 'failed', amount: 900 });
    });

    it('cancels by stopping it at Flitt', async () => {
      expect((await action('cancel')).body).toMatchObject({ status: 'canceled' });
      await h.advance(MONTH);
      expect((await subscription()).charges).toHaveLength(3);
    });
  });
}
