import { createPayments, PaymentsError } from '@paykit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';
import { nodeBuyer } from './buyer.js';
import { asFunctionBody, loadSnippets } from './reference-snippets.js';

const snippets = loadSnippets();

type Payments = ReturnType<typeof createPayments>;
const run = (snippet: string, Fliplet: { Payments: Payments }, log: unknown[][] = []) =>
  new Function('Fliplet', 'console', asFunctionBody(snippet))(Fliplet, { log: (...args: unknown[]) => log.push(args) }) as Promise<unknown>;

describe('reference snippets', () => {
  it('are cut whole from the reference page, each a complete statement', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      expect(snippet, name).toMatch(/^(return )?Fliplet\.Payments\./);
      expect(snippet.endsWith('\n});'), name).toBe(true);
      expect(() => new Function('Fliplet', 'console', asFunctionBody(snippet)), name).not.toThrow();
    }
    expect(snippets.FULL_EXAMPLE).toContain("price: products[1]['Price ID']");
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: the reference page's snippets run verbatim through the SDK in Node`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    let legacyProviderId: string;
    const fliplet = (openUrl = nodeBuyer().openUrl) => ({
      Payments: createPayments({ baseUrl: h.url, appId: h.tenant.appId, appKey: h.tenant.appKey, studioToken: h.tenant.studioToken, openUrl, pollIntervalMs: 50 }),
    });

    beforeAll(async () => {
      h = await startHarness(dialect, { retrieveAfterMs: 500 });
      catalogue = await h.configure();
      // The snippets name data source 123 and customer cus_abcdefg123456: give this app both.
      await h.db.database.db.insertInto('data_source').values({ id: 123, organisation_id: h.tenant.organisationId, app_id: h.tenant.appId, name: 'Reference', created_at: Date.now() }).execute();
      legacyProviderId = (await h.stripe.customers.create({ email: 'legacy@example.org' })).id;
      await h.db.database.db
        .insertInto('customer')
        .values({ app_id: h.tenant.appId, id: 'cus_abcdefg123456', email: 'legacy@example.org', provider: 'stripe', provider_customer_id: legacyProviderId, created_at: Date.now() })
        .execute();
    });
    afterAll(() => h.close());

    it('Configuration.update with the placeholder live keys is refused with the provider message, leaving the configuration as it was', async () => {
      const error = await run(snippets.CONFIGURATION_UPDATE, fliplet()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaymentsError);
      expect(error).toMatchObject({ code: 'provider_auth_failed', status: 400 });
      const row = await h.db.database.db.selectFrom('payment_configuration').select('products_data_source_id').executeTakeFirstOrThrow();
      expect(row.products_data_source_id).toBe(catalogue.dataSourceId);
    });

    it('Configuration.exists and updateSigningSecret resolve', async () => {
      await expect(run(snippets.CONFIGURATION_EXISTS, fliplet())).resolves.toBeUndefined();
      await expect(fliplet().Payments.Configuration.exists()).resolves.toBe(true);
      await expect(run(snippets.UPDATE_SIGNING_SECRET, fliplet())).resolves.toBeUndefined();
      // Keep the registered endpoint's secret current for the rest of the suite.
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration`, {
        token: h.tenant.studioToken,
        body: { provider: 'stripe', providerPublicKey: 'pk_test', providerPrivateKey: h.secretKey, productsDataSourceId: catalogue.dataSourceId, registerWebhook: true },
      });
    });

    it('the full example buys two products with two line items and the checkout completes', async () => {
      const buyer = nodeBuyer();
      await run(snippets.FULL_EXAMPLE, fliplet(buyer.openUrl));
      expect(buyer.visited).toHaveLength(1);
      const checkout = await h.db.database.db.selectFrom('checkout_session').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(checkout).toMatchObject({ status: 'complete', payment_status: 'paid', amount_total: 600, currency: 'usd' });
      expect(JSON.parse(checkout.line_items)).toEqual([
        { priceId: catalogue.premium.id, quantity: 1, amountTotal: 100 },
        { priceId: catalogue.gold.id, quantity: 2, amountTotal: 500 },
      ]);
    });

    it('Checkout.create resolves with transactionDetails, and rejects with checkout_canceled when the buyer cancels', async () => {
      const payments = fliplet().Payments;
      const customer = await payments.Customers.create({ email: 'john@example.org' });
      const result = await payments.Checkout.create({ mode: 'payment', customer: customer.id, line_items: [{ price: catalogue.gold.id, quantity: 1 }] });
      expect(result.transactionDetails).toMatchObject({ amount_total: 250, currency: 'usd', payment_status: 'paid', customer: customer.id });
      const canceled = fliplet(nodeBuyer({ cancel: true }).openUrl).Payments;
      await expect(canceled.Checkout.create({ line_items: [{ price: catalogue.gold.id, quantity: 1 }] })).rejects.toMatchObject({ code: 'checkout_canceled' });
      await expect(payments.Checkout.create({ line_items: [{ price: 'price_not_listed', quantity: 1 }] })).rejects.toMatchObject({ code: 'unknown_price', status: 400 });
    });

    it('Customers.create logs the customer', async () => {
      const log: unknown[][] = [];
      await run(snippets.CUSTOMERS_CREATE, fliplet(), log);
      expect(log[0]?.[0]).toMatchObject({ id: expect.stringMatching(/^cus_/), email: 'nvalbusa@fliplet.com' });
    });

    it('Customers.getLogs reads the event log, with and without a filter', async () => {
      await h.db.database.db
        .insertInto('event')
        .values(['payment_intent.created', 'invoice.paid'].map((type, i) => ({
          app_id: h.tenant.appId, provider: 'stripe', provider_event_id: `evt_ref_${i}`, type, customer_id: 'cus_abcdefg123456',
          created_seconds: 1_800_000_000 + i, received_at: Date.now(), payload: JSON.stringify({ data: { object: { id: `pi_${i}` } } }), outcome: 'recorded',
        })))
        .execute();
      await expect(run(snippets.GET_LOGS, fliplet())).resolves.toBeUndefined();
      await expect(run(snippets.GET_LOGS_FILTERED, fliplet())).resolves.toBeUndefined();
      const logs = await fliplet().Payments.Customers.getLogs({ customer: 'cus_abcdefg123456', limit: 30, offset: 0, where: { type: 'payment_intent.created' } });
      expect(logs).toEqual([{ id: 'evt_ref_0', type: 'payment_intent.created', created: 1_800_000_000, data: { object: { id: 'pi_0' } } }]);
    });

    it('Customers.openBillingPortal resolves once the user is back', async () => {
      const buyer = nodeBuyer();
      await run(snippets.OPEN_BILLING_PORTAL, fliplet(buyer.openUrl));
      expect(buyer.visited[0]).toContain('/billing_portal/');
    });
  });
}
