import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeV2 } from '../../src/providers/flitt/signature.js';
import { DIALECTS } from '../helpers/dialects.js';
import { FLITT_CARDS, type FlittCatalogue, type FlittHarness, startFlittHarness } from '../helpers/flitt-harness.js';

const MONTH = 31 * 86_400;
const DAY = 86_400;
const isoAt = (seconds: number) => new Date(seconds * 1000).toISOString();
/** Within two seconds of `seconds` (order time and approval time may fall in different seconds). */
const expectNear = (iso: string, seconds: number) => expect(Math.abs(Date.parse(iso) / 1000 - seconds)).toBeLessThanOrEqual(2);

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flitt subscriptions`, () => {
    let h: FlittHarness;
    let catalogue: FlittCatalogue;
    let customer: { id: string; token: string };
    let subscriptionId = '';
    let paidAt = 0;
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
    const emulatorClock = async () => (await fetch(`${h.flitt.url}/emulator/clock`)).json() as Promise<{ now: number; date: string }>;
    const emulatorSchedule = async (id: string) => (await fetch(`${h.flitt.url}/emulator/orders/${id}/schedule`)).json();
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
      const created = await create({ period: 'month', every: 1, quantity: 6 });
      expect(created.status).toBe(200);
      subscriptionId = created.body.id;
      const schedule = await (await fetch(`${h.flitt.url}/emulator/orders/${subscriptionId}/schedule`)).json();
      expect(schedule.recurring_data).toMatchObject({ amount: 900, period: 'month', every: 1, quantity: 6 });

      paidAt = (await emulatorClock()).now;
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

    it('keeps the current period from the approval to the first scheduled charge', async () => {
      const first = await emulatorSchedule(subscriptionId);
      const started = await subscription();
      // paykit counts from the order's time, the emulator from its approval a moment later.
      expectNear(started.currentPeriodStart, paidAt);
      expectNear(started.currentPeriodEnd, first.first_charge.time);
      expect(Date.parse(started.currentPeriodEnd) - Date.parse(started.currentPeriodStart)).toBeGreaterThanOrEqual(28 * DAY * 1000);
      expect(started.nextChargeAt).toBe(started.currentPeriodEnd);
    });

    it('records each scheduled charge in the subscription and in the customer logs, and moves the period to the next charge', async () => {
      await h.advance(MONTH);
      const { charges, currentPeriodStart, currentPeriodEnd } = await subscription();
      const emulated = await emulatorSchedule(subscriptionId);
      expectNear(currentPeriodStart, emulated.past[0].time);
      expectNear(currentPeriodEnd, emulated.upcoming[0].time);
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

    const subscribe = async (recurring_data: Record<string, unknown>) => {
      const created = await create(recurring_data);
      expect(created.status).toBe(200);
      await h.pay(created.body.id, FLITT_CARDS.approve);
      return created.body.id as string;
    };
    const get = async (id: string) => (await h.call('GET', `${base()}/subscriptions/${id}`, { token: customer.token })).body;
    const listed = async (status: string) =>
      (await h.call('GET', `${base()}/subscriptions`, { token: customer.token, query: { status } })).body.subscriptions.map((s: { id: string }) => s.id);

    it('ends after the last of `quantity` charges, keeping the last period as the current one', async () => {
      const id = await subscribe({ period: 'month', every: 1, quantity: 2 });
      await h.advance(MONTH);
      expect(await get(id)).toMatchObject({ status: 'active', charges: [expect.anything()] });
      expect(await listed('active')).toContain(id);

      await h.advance(MONTH);
      const ended = await get(id);
      const emulated = await emulatorSchedule(id);
      expect(emulated.upcoming).toEqual([]);
      expect(ended).toMatchObject({ status: 'ended', nextChargeAt: null, schedule: { upcoming: [] } });
      expect(ended.charges.map((c: { status: string }) => c.status)).toEqual(['succeeded', 'succeeded']);
      expectNear(ended.currentPeriodStart, emulated.past[0].time);
      expectNear(ended.currentPeriodEnd, emulated.end_time.time);
      expect(await listed('ended')).toContain(id);
      expect(await listed('active')).not.toContain(id);

      await h.advance(MONTH);
      expect((await get(id)).charges).toHaveLength(2);
    });

    it('ends at end_time: every charge due before it is taken, none after', async () => {
      const clock = await emulatorClock();
      const endTime = isoAt(clock.now + 10 * DAY).slice(0, 19).replace('T', ' ');
      const id = await subscribe({ period: 'day', every: 3, end_time: endTime });
      await h.advance(4 * DAY);
      expect(await get(id)).toMatchObject({ status: 'active', charges: [expect.anything()] });
      await h.advance(7 * DAY);
      const ended = await get(id);
      expect(ended.status).toBe('ended');
      // Charges at 3, 6 and 9 days; the 12th day is past end_time.
      expect(ended.charges).toHaveLength(3);
      expect((await emulatorSchedule(id)).past.map((c: { outcome: string }) => c.outcome)).toEqual(['charged', 'charged', 'charged']);
    });
  });
}
