import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';
import { asFunctionBody, loadSnippets } from './reference-snippets.js';
import { openSdkPage, type SdkPage } from './sdk-bundle.js';

const snippets = loadSnippets();

for (const dialect of DIALECTS) {
  describe(`${dialect}: the reference page's snippets run verbatim in Chromium with the IIFE bundle`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    let sdkPage: SdkPage;
    let context: BrowserContext;
    let page: Page;

    const runInPage = (snippet: string) =>
      page.evaluate((body) => new Function('Fliplet', 'console', body)((window as any).Fliplet, console), asFunctionBody(snippet));

    beforeAll(async () => {
      h = await startHarness(dialect, { retrieveAfterMs: 500 });
      catalogue = await h.configure();
      const legacy = await h.stripe.customers.create({ email: 'legacy@example.org' });
      await h.db.database.db
        .insertInto('customer')
        .values({ app_id: h.tenant.appId, id: 'cus_abcdefg123456', email: 'legacy@example.org', provider: 'stripe', provider_customer_id: legacy.id, created_at: Date.now() })
        .execute();
      // An app page on its own origin: the SDK talks to paykit across origins, as in a real app.
      sdkPage = await openSdkPage();
      ({ context, page } = sdkPage);
      await page.evaluate(
        ({ baseUrl, appId, appKey, studioToken }) => {
          (window as any).Fliplet = { Payments: (window as any).Paykit.createPayments({ baseUrl, appId, appKey, studioToken, pollIntervalMs: 100 }) };
        },
        { baseUrl: h.url, appId: h.tenant.appId, appKey: h.tenant.appKey, studioToken: h.tenant.studioToken },
      );
    });
    afterAll(async () => {
      await sdkPage?.close();
      await h?.close();
    });

    it('Configuration.exists, Customers.create and getLogs run in the page', async () => {
      await expect(runInPage(snippets.CONFIGURATION_EXISTS)).resolves.toBeUndefined();
      await expect(runInPage(snippets.CUSTOMERS_CREATE)).resolves.toBeUndefined();
      await expect(runInPage(snippets.GET_LOGS)).resolves.toBeUndefined();
      await expect(runInPage(snippets.GET_LOGS_FILTERED)).resolves.toBeUndefined();
      const configured = await page.evaluate(() => (window as any).Fliplet.Payments.Configuration.exists());
      expect(configured).toBe(true);
    });

    it('the full example opens the hosted checkout in a popup, the buyer pays, and the promise resolves', async () => {
      const popupPromise = context.waitForEvent('page');
      const done = runInPage(snippets.FULL_EXAMPLE);
      const popup = await popupPromise;
      await popup.waitForURL(/\/checkout\/pay\//);
      await popup.getByLabel('Card number').fill('4242 4242 4242 4242');
      await popup.getByRole('button', { name: /Pay/ }).click();
      await done;
      const checkout = await h.db.database.db.selectFrom('checkout_session').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      expect(checkout).toMatchObject({ status: 'complete', payment_status: 'paid', amount_total: 600 });
    });

    it('a declined card shows the error in the popup; cancel rejects the promise with checkout_canceled', async () => {
      const popupPromise = context.waitForEvent('page');
      const outcome = page.evaluate(
        (price) => (window as any).Fliplet.Payments.Checkout.create({ line_items: [{ price, quantity: 1 }] }).then(
          () => 'resolved',
          (error: { code: string }) => error.code,
        ),
        catalogue.gold.id,
      );
      const popup = await popupPromise;
      await popup.waitForURL(/\/checkout\/pay\//);
      await popup.getByLabel('Card number').fill('4000000000000002');
      await popup.getByRole('button', { name: /Pay/ }).click();
      await expect(popup.getByRole('alert').textContent()).resolves.toContain('declined');
      await popup.getByRole('button', { name: 'Cancel' }).click();
      await expect(outcome).resolves.toBe('checkout_canceled');
    });

    it('openBillingPortal resolves when the user comes back from the portal', async () => {
      const popupPromise = context.waitForEvent('page');
      const done = runInPage(snippets.OPEN_BILLING_PORTAL);
      const popup = await popupPromise;
      await popup.waitForURL(/\/billing_portal\//);
      await popup.getByRole('link', { name: /Return|Back/i }).first().click();
      await done;
      expect(popup.isClosed() || popup.url().includes('/v1/billing-portal/return')).toBe(true);
    });
  });
}
