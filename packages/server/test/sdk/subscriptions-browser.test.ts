import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { FLITT_CARDS, startFlittHarness } from '../helpers/flitt-harness.js';
import { eventually, startHarness } from '../helpers/harness.js';
import { openSdkPage, type SdkPage } from './sdk-bundle.js';

/** What each provider's run needs: a configured server, the plan's price and the hosted page's test card. */
interface ProviderSetup {
  url: string;
  appId: string;
  appKey: string;
  priceId: string;
  /** Flitt schedules from recurring_data; Stripe from the recurring price. */
  extra: Record<string, unknown>;
  card: string;
  /** The hosted page's URL once the checkout is open. */
  payPage: RegExp;
  close(): Promise<void>;
}

const PROVIDERS: Record<string, (dialect: (typeof DIALECTS)[number]) => Promise<ProviderSetup>> = {
  stripe: async (dialect) => {
    const h = await startHarness(dialect, { retrieveAfterMs: 500 });
    const catalogue = await h.configure();
    const { appId, appKey } = h.tenant;
    return { url: h.url, appId, appKey, priceId: catalogue.monthly.id, extra: {}, card: '4242 4242 4242 4242', payPage: /\/checkout\/pay\//, close: h.close };
  },
  flitt: async (dialect) => {
    const h = await startFlittHarness(dialect, { retrieveAfterMs: 500 });
    const catalogue = await h.configure();
    const { appId, appKey } = h.tenant;
    return { url: h.url, appId, appKey, priceId: catalogue.monthly, extra: { recurring_data: { period: 'month', every: 1, quantity: 12 } }, card: FLITT_CARDS.approve, payPage: /\/merchants\/\d+\//, close: h.close };
  },
};

for (const dialect of DIALECTS) {
  for (const [provider, setUp] of Object.entries(PROVIDERS)) {
    describe(`${dialect}: the SDK's subscription calls in Chromium (IIFE bundle, another origin) on ${provider}`, () => {
      let setup: ProviderSetup;
      let sdkPage: SdkPage;
      let context: BrowserContext;
      let page: Page;
      let customerId = '';
      let subscriptionId = '';

      /** Runs one `Payments.Subscriptions` call in the page. */
      const call = (method: string, options: Record<string, unknown> = {}) =>
        page.evaluate(
          async ({ method, id, options }) => {
            const api = (window as any).Payments.Subscriptions;
            try {
              return method === 'list' ? await api.list(options) : await api[method](id, options);
            } catch (error) {
              return { error: (error as { code?: string }).code ?? String(error) };
            }
          },
          { method, id: subscriptionId, options: { customer: customerId, ...options } },
        );

      beforeAll(async () => {
        setup = await setUp(dialect);
        sdkPage = await openSdkPage();
        ({ context, page } = sdkPage);
        await page.evaluate(({ baseUrl, appId, appKey }) => {
          (window as any).Payments = (window as any).Paykit.createPayments({ baseUrl, appId, appKey, pollIntervalMs: 100 });
        }, { baseUrl: setup.url, appId: setup.appId, appKey: setup.appKey });
      });
      afterAll(async () => {
        await sdkPage?.close();
        await setup?.close();
      });

      it('Subscriptions.create opens the hosted checkout in a popup and resolves with the new subscription once paid', async () => {
        customerId = await page.evaluate(async () => (await (window as any).Payments.Customers.create({ email: 'browser-sub@example.org' })).id);
        const popupPromise = context.waitForEvent('page');
        const created = page.evaluate(
          (input) => (window as any).Payments.Subscriptions.create(input),
          { customer: customerId, priceId: setup.priceId, ...setup.extra },
        );
        const popup = await popupPromise;
        await popup.waitForURL(setup.payPage);
        await popup.getByLabel('Card number').fill(setup.card);
        await popup.getByRole('button', { name: /Pay/ }).click();
        const result = await created;
        subscriptionId = result.transactionDetails.subscription;
        expect(subscriptionId).toEqual(expect.any(String));
        expect(result.transactionDetails).toMatchObject({ payment_status: 'paid' });
      });

      it('get and list show it active for its customer', async () => {
        // The subscription's own event may land just after the checkout resolved.
        const got = await eventually(async () => {
          const s = await call('get');
          return s.status === 'active' && s;
        });
        expect(got).toMatchObject({ id: subscriptionId, provider, status: 'active', customer: customerId, priceId: setup.priceId });
        expect(got.currentPeriodEnd).toEqual(expect.any(String));
        const listed = await call('list', { status: 'active' });
        expect(listed.map((s: { id: string }) => s.id)).toEqual([subscriptionId]);
      });

      it('stop, start and cancel change it at the provider', async () => {
        expect((await call('stop')).status).toBe('stopped');
        expect((await call('list', { status: 'stopped' })).map((s: { id: string }) => s.id)).toEqual([subscriptionId]);
        expect((await call('start')).status).toBe('active');
        expect((await call('cancel')).status).toBe('canceled');
        expect(await call('list', { status: 'active' })).toEqual([]);
      });

      it('a call for an unknown subscription rejects with not_found', async () => {
        const missing = await page.evaluate(
          (customer) => (window as any).Payments.Subscriptions.get('sub_missing', { customer }).catch((e: { code: string }) => e.code),
          customerId,
        );
        expect(missing).toBe('not_found');
      });
    });
  }
}
