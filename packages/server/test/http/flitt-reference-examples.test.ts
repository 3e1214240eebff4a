import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { FLITT_CARDS, type FlittCatalogue, type FlittHarness, startFlittHarness } from '../helpers/flitt-harness.js';

/**
 * The recurring_data of the cURL, PHP and Node examples of ../shared/reference/flitt-subscriptions.txt.
 * The amount of the order itself comes from the catalogue, never from the request.
 */
const CURL = { every: 5, period: 'day', amount: 1000, state: 'Y', readonly: 'Y', quantity: 100, trial_period: 'month', trial_quantity: 1 };
const PHP = { start_time: '2021-12-24', amount: 1000, every: 30, period: 'day', state: 'y', readonly: 'y' };
const NODE = { every: 5, period: 'day', amount: 1000, start_time: new Date().toISOString().slice(0, 10), state: 'y', Readonly: 'n' };

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flitt's published subscription examples through paykit`, () => {
    let h: FlittHarness;
    let catalogue: FlittCatalogue;
    let customer: { id: string; token: string };
    const create = (recurring_data: Record<string, unknown>) =>
      h.call('POST', `/v1/apps/${h.tenant.appId}/payments/subscriptions`, {
        token: customer.token,
        body: { customer: customer.id, priceId: catalogue.monthly, recurring_data },
      });

    beforeAll(async () => {
      h = await startFlittHarness(dialect);
      catalogue = await h.configure();
      customer = (await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers`, { token: h.tenant.appKey, body: { email: 'examples@example.org' } })).body;
    });
    afterAll(() => h?.close());

    it('runs the cURL example (trial, 100 charges every 5 days) to an active subscription with its schedule', async () => {
      const created = await create(CURL);
      expect(created.status).toBe(200);
      const schedule = await (await fetch(`${h.flitt.url}/emulator/orders/${created.body.id}/schedule`)).json();
      expect(schedule.recurring_data).toMatchObject(CURL);
      await h.pay(created.body.id, FLITT_CARDS.approve);
      const subscription = await h.call('GET', `/v1/apps/${h.tenant.appId}/payments/subscriptions/${created.body.id}`, { token: customer.token });
      expect(subscription.body).toMatchObject({ status: 'active', provider: 'flitt' });
      expect(subscription.body.schedule.upcoming).toHaveLength(12);
      const [first, second] = subscription.body.schedule.upcoming.map((d: string) => new Date(d).getTime());
      expect(second - first).toBe(5 * 86_400_000);
    });

    it('refuses the PHP example, which gives neither quantity nor end_time, naming recurring_data.quantity', async () => {
      const refused = await create(PHP);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.field).toBe('recurring_data.quantity');
      expect((await create({ ...PHP, quantity: 12 })).status).toBe(200);
    });

    it("refuses the Node example's misspelt `Readonly` key, and accepts it once spelt as documented", async () => {
      const refused = await create(NODE);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.field).toBe('recurring_data.Readonly');
      const { Readonly, ...rest } = NODE;
      expect((await create({ ...rest, readonly: Readonly, quantity: 10 })).status).toBe(200);
    });
  });
}
