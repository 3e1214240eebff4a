import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../emulator/test/helpers/browser.js';
import { DIALECTS } from '../helpers/dialects.js';
import { eventually, type Harness, startHarness } from '../helpers/harness.js';
import { ensureConsoleBuilt } from './console-build.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));
const CARDS = { success: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' };
const EXTRA_SECRET = 'whsec_console_walkthrough_secret';

for (const dialect of DIALECTS) {
  describe(`${dialect}: the web console, page by page, in Chromium against the Stripe emulator`, { timeout: 60_000 }, () => {
    let h: Harness;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let prices: { premium: Stripe.Price; gold: Stripe.Price; monthly: Stripe.Price };
    // What the walk-through learns on the way.
    const shop = { appId: '', appKey: '', webhookUrl: '', customerId: '', subscriptionId: '' };

    const consoleUrl = (hash = '') => `${h.url}/console/${hash}`;
    const screenshot = async (name: string) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}${dialect}-console-${name}.png`, fullPage: true });
    };
    const rowOf = (text: string | RegExp) => page.locator('tbody tr').filter({ hasText: text });

    /** Opens a checkout the way an app does (HTTP with the app key), then the buyer acts on the emulator's hosted page. */
    async function buy(body: Record<string, unknown>, path: 'checkout-sessions' | 'subscriptions', act: (hosted: Page) => Promise<void>) {
      const created = await h.call('POST', `/v1/apps/${shop.appId}/payments/${path}`, { token: shop.appKey, body });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      const hosted = await context.newPage();
      await hosted.goto(created.body.url);
      await act(hosted);
      await hosted.close();
      return created.body.id as string;
    }
    const pay = (card: string) => async (hosted: Page) => {
      await hosted.getByLabel('Card number').fill(card);
      await hosted.getByRole('button', { name: /Pay/ }).click();
      await hosted.waitForURL(/\/v1\/checkout\/return/);
    };
    const checkoutStatus = (id: string) => async () => {
      const state = await h.call('GET', `/v1/apps/${shop.appId}/payments/checkout-sessions/${id}`, { token: shop.appKey });
      return state.body.status as string;
    };

    beforeAll(async () => {
      ensureConsoleBuilt();
      h = await startHarness(dialect, { retrieveAfterMs: 300 });
      const product = await h.stripe.products.create({ name: 'Console plans' });
      prices = {
        premium: await h.stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd' }),
        gold: await h.stripe.prices.create({ product: product.id, unit_amount: 250, currency: 'usd' }),
        monthly: await h.stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } }),
      };
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      context.setDefaultTimeout(10_000);
      page = await context.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await h?.close();
    });

    it('logs in with a Studio token (a wrong one is refused) and creates an app, showing its app key once', async () => {
      await page.goto(consoleUrl());
      await page.getByLabel('Studio token').fill('pks_not_a_real_token');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('unauthorized');
      await page.getByLabel('Studio token').fill(h.tenant.studioToken);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Apps' }).waitFor();
      await rowOf('Test app').waitFor();

      await page.getByLabel('App name').fill('Console shop');
      await page.getByRole('button', { name: 'Create app' }).click();
      await page.getByLabel('App key').waitFor();
      shop.appId = await page.getByLabel('App ID', { exact: true }).inputValue();
      shop.appKey = await page.getByLabel('App key').inputValue();
      expect(shop.appId).toMatch(/^app_/);
      expect(shop.appKey).toMatch(/^pk_app_/);
      await rowOf('Console shop').waitFor();
      await screenshot('apps');
      // Shown once: after a reload the key is gone from the page.
      await page.reload();
      await page.getByRole('heading', { name: 'Apps' }).waitFor();
      await expect(page.content()).resolves.not.toContain(shop.appKey);
    });

    it('configures the new app from scratch: Stripe keys, a new data source, register webhook; the secret is never shown back', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/settings`));
      await page.getByRole('button', { name: 'New data source' }).click();
      await page.getByLabel('Products data source').locator('option', { hasText: 'Products' }).waitFor({ state: 'attached' });
      await page.getByRole('radio', { name: 'Stripe' }).check();
      await page.getByLabel('Publishable key').fill('pk_test_console');
      await page.getByLabel('Secret key').fill('sk_live_not_for_the_emulator');
      await page.getByRole('button', { name: 'Save configuration' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/provider_auth_failed|key/i);
      await page.getByLabel('Secret key').fill(h.secretKey);
      await expect(page.getByLabel(/Register webhook/).isChecked()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Save configuration' }).click();
      await page.getByText('Payment configuration saved').waitFor();
      await page.getByLabel('Webhook URL').waitFor();
      shop.webhookUrl = await page.getByLabel('Webhook URL').inputValue();
      expect(shop.webhookUrl).toMatch(new RegExp(`^${h.url}/v1/billing/apps/webhook/whk_`));
      await expect(page.getByTestId('last-event').textContent()).resolves.toBe('never');
      // "Last event received" is live: a delivery (here a badly signed one) shows without a reload.
      const probe = await fetch(shop.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' });
      expect(probe.status).toBe(400);
      await page.getByTestId('last-event').filter({ hasText: /s ago/ }).waitFor();
      await expect(page.getByLabel('Secret key').inputValue()).resolves.toBe('');
      await expect(page.content()).resolves.not.toContain(h.secretKey);

      // A second signing secret through the form; the registered one keeps verifying.
      await page.getByLabel('Webhook signing secret').fill(EXTRA_SECRET);
      await page.getByRole('button', { name: 'Save signing secret' }).click();
      await page.getByText('Signing secret saved.').waitFor();
      await expect(page.content()).resolves.not.toContain(EXTRA_SECRET);
      await screenshot('settings');
    });

    it('edits products inline with validation errors, imports a CSV (reporting bad rows) and exports one', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/products`));
      await page.getByRole('button', { name: 'Add row' }).click();
      await page.getByLabel('Name, new row').fill('Premium plan');
      await page.getByLabel('Price, new row').fill('1,00');
      await page.getByRole('button', { name: 'Save new row' }).click();
      await page.getByText('Price ID is missing').waitFor();
      await page.getByText('Price must be a number').waitFor();
      await expect(page.getByLabel('Price ID, new row').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(h.call('GET', `/v1/apps/${shop.appId}/payments/products`, { token: shop.appKey })).resolves.toMatchObject({ body: { products: [] } });
      await page.getByLabel('Price, new row').fill('1.00');
      await page.getByLabel('Price ID, new row').fill(prices.premium.id);
      await page.getByRole('button', { name: 'Save new row' }).click();
      await page.getByText(/Saved row \d+/).waitFor();
      await expect(page.locator('[aria-invalid="true"]').count()).resolves.toBe(0);

      const csv = [
        'Name,Description,Price,Price ID',
        `Gold plan,An even fancier plan,2.50,${prices.gold.id}`,
        `Monthly plan,Billed every month,9,${prices.monthly.id}`,
        'Broken plan,No price id,3,',
        `Bad price,Not a number,abc,${prices.gold.id}`,
      ].join('\n');
      await page.getByLabel('Import CSV').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('Imported 2 of 4 rows from products.csv.').waitFor();
      const problems = await page.getByRole('alert').textContent();
      expect(problems).toContain('Row 4: Price ID is missing');
      expect(problems).toContain('Row 5: Price must be a number');
      const products = await h.call('GET', `/v1/apps/${shop.appId}/payments/products`, { token: shop.appKey });
      expect(products.body.products.map((p: Record<string, unknown>) => p.Name)).toEqual(['Premium plan', 'Gold plan', 'Monthly plan']);

      // Edit and delete: the catalogue follows.
      const premiumRow = await page.locator('tbody tr[data-row]').first().getAttribute('data-row');
      await page.getByLabel(`Description, row ${premiumRow}`).fill('Edited in the console');
      await page.getByRole('button', { name: `Save row ${premiumRow}` }).click();
      await page.getByText(`Saved row ${premiumRow}.`).waitFor();
      await page.getByRole('button', { name: 'Add row' }).click();
      await page.getByLabel('Name, new row').fill('Temporary');
      await page.getByLabel('Price, new row').fill('5');
      await page.getByLabel('Price ID, new row').fill(prices.gold.id);
      await page.getByRole('button', { name: 'Save new row' }).click();
      const saved = await page.getByText(/Saved row \d+\./).textContent();
      const temporaryRow = saved!.match(/\d+/)![0];
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Delete row ${temporaryRow}` }).click();
      await page.getByText(`Deleted row ${temporaryRow}.`).waitFor();
      const after = await h.call('GET', `/v1/apps/${shop.appId}/payments/products`, { token: shop.appKey });
      expect(after.body.products.map((p: Record<string, unknown>) => p.Name)).toEqual(['Premium plan', 'Gold plan', 'Monthly plan']);
      expect(after.body.products[0].Description).toBe('Edited in the console');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const file = await (await download).createReadStream();
      let exported = '';
      for await (const chunk of file) exported += chunk;
      expect(exported.split(/\r?\n/)[0]).toBe('Name,Description,Price,Currency,Price ID');
      expect(exported).toContain(`Premium plan,Edited in the console,1.00,,${prices.premium.id}`);
      expect(exported).toContain('Monthly plan');
      await screenshot('products');
    });

    it('buys with the success card, the declined card and cancels; subscribes monthly', async () => {
      const customer = await h.call('POST', `/v1/apps/${shop.appId}/payments/customers`, { token: shop.appKey, body: { email: 'shopper@example.org' } });
      shop.customerId = customer.body.id;
      const lineItems = (price: Stripe.Price) => ({ customer: shop.customerId, line_items: [{ price: price.id, quantity: 1 }] });

      const paid = await buy(lineItems(prices.premium), 'checkout-sessions', pay(CARDS.success));
      await eventually(async () => (await checkoutStatus(paid)()) === 'complete');

      const declined = await buy(lineItems(prices.gold), 'checkout-sessions', async (hosted) => {
        await hosted.getByLabel('Card number').fill(CARDS.declined);
        await hosted.getByRole('button', { name: /Pay/ }).click();
        await expect(hosted.getByRole('alert').textContent()).resolves.toContain('declined');
        await hosted.getByRole('button', { name: 'Cancel' }).click();
        await hosted.waitForURL(/\/v1\/checkout\/return/);
      });
      const canceled = await buy(lineItems(prices.gold), 'checkout-sessions', async (hosted) => {
        await hosted.getByRole('button', { name: 'Cancel' }).click();
        await hosted.waitForURL(/\/v1\/checkout\/return/);
      });
      expect([await checkoutStatus(declined)(), await checkoutStatus(canceled)()]).toEqual(['canceled', 'canceled']);

      const subscription = await buy({ customer: shop.customerId, priceId: prices.monthly.id }, 'subscriptions', pay(CARDS.success));
      await eventually(async () => (await checkoutStatus(subscription)()) === 'complete');
      shop.subscriptionId = await eventually(async () => {
        const list = await h.call('GET', `/v1/apps/${shop.appId}/payments/subscriptions`, { token: h.tenant.studioToken });
        const active = list.body.subscriptions?.find((s: { status: string }) => s.status === 'active');
        return active?.id as string | undefined;
      });
      await h.emulator.webhooksIdle();

      await page.goto(consoleUrl(`#/apps/${shop.appId}/dashboard`));
      await page.getByText('Active subscriptions at the end of each day; today: 1.').waitFor();
      await expect(page.getByTestId('revenue-total').textContent()).resolves.toBe('$10.00');
      await screenshot('dashboard-after-purchases');
    });

    it('finds the customer by email and shows its checkouts, subscription and filtered, paged event log', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/customers`));
      await page.getByLabel('Email contains').fill('SHOPPER');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'shopper@example.org' }).click();
      await page.getByRole('heading', { name: 'shopper@example.org' }).waitFor();
      const checkouts = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Mode' }) });
      await expect(checkouts.locator('tbody tr').count()).resolves.toBe(4);
      await expect(checkouts.locator('tbody tr', { hasText: 'complete' }).count()).resolves.toBe(2);
      await expect(checkouts.locator('tbody tr', { hasText: 'canceled' }).count()).resolves.toBe(2);
      await expect(checkouts.locator('tbody tr', { hasText: '$1.00' }).count()).resolves.toBe(1);
      await expect(page.locator(`tr[data-subscription="${shop.subscriptionId}"]`).textContent()).resolves.toContain('active');

      const log = page.locator('section', { has: page.getByRole('heading', { name: 'Event log' }) });
      await log.locator('tbody tr').first().waitFor();
      const allTypes = await log.locator('tbody tr td:nth-child(2)').allTextContents();
      expect(new Set(allTypes).size).toBeGreaterThan(1);
      await page.getByLabel('Type').selectOption('checkout.session.completed');
      await eventually(async () => {
        const types = await log.locator('tbody tr td:nth-child(2)').allTextContents();
        return types.length === 2 && types.every((t) => t === 'checkout.session.completed');
      });
      await page.getByLabel('Type').selectOption('');
      await page.getByLabel('Per page').selectOption('10');
      await eventually(async () => (await log.locator('tbody tr').count()) === 10);
      const firstPage = await log.locator('tbody tr td:nth-child(3)').allTextContents();
      await log.getByRole('button', { name: 'Next' }).click();
      await eventually(async () => {
        const ids = await log.locator('tbody tr td:nth-child(3)').allTextContents();
        return ids.length > 0 && !ids.includes(firstPage[0]!);
      });
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('From').fill(tomorrow);
      await page.getByText('No events match.').waitFor();
      await page.getByLabel('From').fill('');
      await log.locator('tbody tr').first().waitFor();
      await page.getByRole('heading', { name: 'Event log' }).click();
      await screenshot('customer');
    });

    it('stops and starts the subscription from the console, then the customer cancels it in the billing portal', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/subscriptions`));
      const row = page.locator(`tr[data-subscription="${shop.subscriptionId}"]`);
      await expect(row.textContent()).resolves.toContain(prices.monthly.id);
      await expect(row.locator('td').nth(4).textContent()).resolves.not.toBe('—');
      await row.getByRole('button', { name: /^Stop/ }).click();
      await eventually(async () => (await row.textContent())?.includes('stopped'));
      await row.getByRole('button', { name: /^Start/ }).click();
      await eventually(async () => (await row.textContent())?.includes('active'));

      await row.getByRole('link', { name: shop.subscriptionId }).click();
      await page.getByRole('heading', { name: 'Schedule' }).waitFor();
      await expect(page.locator('.schedule li.past').count()).resolves.toBe(1);
      await expect(page.locator('.schedule li.past').textContent()).resolves.toContain('$9.00');
      await expect(page.locator('.schedule li.upcoming').count()).resolves.toBe(1);
      await screenshot('subscription');

      await page.goto(consoleUrl(`#/apps/${shop.appId}/customers/${shop.customerId}`));
      const portalPromise = context.waitForEvent('page');
      await page.getByRole('button', { name: 'Open billing portal' }).click();
      const portal = await portalPromise;
      await portal.waitForURL(/\/billing_portal\//);
      await portal.getByRole('button', { name: /Cancel/ }).click();
      await portal.getByText('canceled').first().waitFor();
      await portal.close();
      await h.emulator.webhooksIdle();

      await page.goto(consoleUrl(`#/apps/${shop.appId}/subscriptions`));
      await eventually(async () => {
        await page.reload();
        await row.waitFor();
        return (await row.textContent())?.includes('canceled');
      });
      await expect(row.getByRole('button').count()).resolves.toBe(0);
      await screenshot('subscriptions');
    });

    it('shows the live events feed with applied, duplicate and rejected deliveries and why', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/events`));
      await page.locator('tr[data-outcome="applied"]').first().waitFor();
      await expect(page.locator('tr[data-outcome="applied"]', { hasText: 'checkout.session.completed' }).count()).resolves.toBe(2);
      await expect(page.locator('tr[data-outcome="applied"]', { hasText: 'customer.subscription.deleted' }).count()).resolves.toBe(1);

      // Deliveries arriving while the page is open show up without a reload.
      const event = JSON.stringify({ id: 'evt_console_walk', object: 'event', type: 'customer.updated', created: Math.floor(Date.now() / 1000), data: { object: { id: shop.customerId, object: 'customer' } } });
      const deliver = (signature: string) => fetch(shop.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: event });
      const signature = h.stripe.webhooks.generateTestHeaderString({ payload: event, secret: EXTRA_SECRET });
      expect((await deliver(signature)).status).toBe(200);
      expect((await deliver(signature)).status).toBe(200);
      expect((await deliver('t=1,v1=0000')).status).toBe(400);
      // Newest first: the rejection just sent is above the probe sent while configuring.
      await eventually(async () => (await page.locator('tr[data-outcome="rejected"]').count()) === 2);
      const rejected = page.locator('tr[data-outcome="rejected"]').first();
      await expect(rejected.textContent()).resolves.toContain('invalid_signature');
      await expect(page.locator('tr[data-outcome="duplicate"]').textContent()).resolves.toContain('evt_console_walk');
      await expect(page.locator('tr[data-outcome="duplicate"]').textContent()).resolves.toContain('customer.updated');
      await expect(page.locator('tr[data-outcome="recorded"]', { hasText: 'evt_console_walk' }).count()).resolves.toBe(1);
      await screenshot('events');

      await page.goto(consoleUrl(`#/apps/${shop.appId}/settings`));
      await expect(page.getByTestId('last-event').textContent()).resolves.toMatch(/s ago|min ago/);
    });

    it('charts revenue per day and active subscriptions with uPlot and counts completed and canceled checkouts', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/dashboard`));
      await page.getByTestId('checkouts-complete').waitFor();
      await expect(page.getByTestId('checkouts-complete').textContent()).resolves.toBe('2');
      await expect(page.getByTestId('checkouts-canceled').textContent()).resolves.toBe('2');
      // $1.00 one-off + $9.00 first month.
      await expect(page.getByTestId('revenue-total').textContent()).resolves.toBe('$10.00');
      await page.locator('.uplot').nth(1).waitFor();
      await expect(page.locator('.uplot').count()).resolves.toBe(2);
      await expect(page.locator('.uplot canvas').count()).resolves.toBe(2);
      await expect(page.locator('.uplot .u-title').allTextContents()).resolves.toEqual(['Revenue per day', 'Active subscriptions']);
      await expect(page.getByText('Active subscriptions at the end of each day; today: 0.').count()).resolves.toBe(1);
      await screenshot('dashboard');
      // The README's screenshots are refreshed on request only, so a test run leaves the tree clean.
      if (dialect === DIALECTS[0] && process.env.PAYKIT_UPDATE_SCREENSHOTS === '1') {
        mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
        copyFileSync(`${SCREENSHOTS}${dialect}-console-dashboard-after-purchases.png`, `${DOCS_SCREENSHOTS}console-dashboard.png`);
        copyFileSync(`${SCREENSHOTS}${dialect}-console-customer.png`, `${DOCS_SCREENSHOTS}console-customer.png`);
      }
    });

    it('is usable from the keyboard: Tab reaches the navigation and Enter follows a link', async () => {
      await page.goto(consoleUrl(`#/apps/${shop.appId}/dashboard`));
      await page.getByTestId('checkouts-complete').waitFor();
      await page.locator('body').focus();
      let reached = '';
      for (let i = 0; i < 12 && reached !== 'Events'; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      }
      expect(reached).toBe('Events');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Events' }).waitFor();
      expect(page.url()).toContain(`#/apps/${shop.appId}/events`);
    });
  });
}
