import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../emulator/test/helpers/browser.js';
import { sdkBundle } from '../sdk/sdk-bundle.js';
import { type DevRun, killDevRuns, startDev, stopDev } from './dev-run.js';

/** Screenshots of the demo store's main states, for people to look at (gitignored test output). */
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/demo-store/', import.meta.url));

describe('the demo store of `paykit dev` in Chromium', () => {
  let cwd: string;
  let run: DevRun;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    sdkBundle();
    mkdirSync(SCREENSHOTS, { recursive: true });
    cwd = mkdtempSync(join(tmpdir(), 'paykit-demo-'));
    run = await startDev(cwd);
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${run.url}/demo`);
    await page.getByLabel('Email').fill('buyer@example.org');
  });
  afterAll(async () => {
    await browser?.close();
    if (run) await stopDev(run);
    killDevRuns();
    rmSync(cwd, { recursive: true, force: true });
  });

  const result = () => page.locator('#result');
  const text = async (locator: Locator) => (await locator.textContent()) ?? '';
  const quantity = (plan: string) => page.locator('#products li', { hasText: plan }).getByLabel('Quantity');

  /** Sets the quantities (every other plan to 0), presses Buy and returns the checkout popup. */
  async function buy(quantities: Record<string, number>) {
    for (const plan of ['Premium plan', 'Gold plan', 'Monthly plan']) await quantity(plan).fill(String(quantities[plan] ?? 0));
    const popupPromise = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Buy' }).click();
    const popup = await popupPromise;
    await popup.getByLabel('Card number').waitFor();
    return popup;
  }

  async function pay(popup: Page, card: string) {
    await popup.getByLabel('Card number').fill(card);
    await popup.getByRole('button', { name: /Pay/ }).click();
  }

  it('lists the Stripe demo app’s plans through the SDK and totals the chosen quantities', async () => {
    await expect.poll(() => page.locator('#products li').count()).toBe(3);
    await expect.poll(() => text(page.locator('#products'))).toContain('/ month');
    await quantity('Premium plan').fill('2');
    await quantity('Gold plan').fill('1');
    await expect.poll(() => text(page.locator('#total'))).toBe('Total: $4.50');
    await page.screenshot({ path: `${SCREENSHOTS}stripe-products.png`, fullPage: true });
  });

  it('buys two one-off plans with the success card and shows the transaction details', async () => {
    const popup = await buy({ 'Premium plan': 2, 'Gold plan': 1 });
    await pay(popup, '4242 4242 4242 4242');
    await expect.poll(() => text(result()), { timeout: 15_000 }).toContain('Thank you! Your payment was received.');
    await expect.poll(() => text(result())).toContain('$4.50');
    await expect.poll(() => text(result())).toContain('paid');
    await page.screenshot({ path: `${SCREENSHOTS}stripe-paid.png`, fullPage: true });
  });

  it('shows the decline in the checkout and a clear message when the buyer gives up', async () => {
    const popup = await buy({ 'Gold plan': 1 });
    await pay(popup, '4000 0000 0000 0002');
    await expect.poll(() => text(popup.getByRole('alert'))).toContain('declined');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => text(result()), { timeout: 15_000 }).toContain('Checkout canceled: no payment was taken.');
  });

  it('reports a canceled checkout', async () => {
    const popup = await buy({ 'Premium plan': 1 });
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => text(result()), { timeout: 15_000 }).toContain('Checkout canceled');
    expect(await text(result())).not.toContain('Thank you');
  });

  it('subscribes to the monthly plan, lists it and shows the payment history', async () => {
    const popup = await buy({ 'Monthly plan': 1 });
    await pay(popup, '4242 4242 4242 4242');
    await expect.poll(() => text(result()), { timeout: 15_000 }).toContain('Thank you!');
    await expect.poll(() => text(result())).toContain('sub_');
    await page.getByRole('button', { name: 'My payments' }).click();
        await expect.poll(() => text(page.locator('#logs'))).toContain('checkout.session.completed');
    await page.getByRole('button', { name: 'My subscriptions' }).click();
    await expect.poll(() => page.locator('#subscriptions li[data-status="active"]').count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}stripe-history.png`, fullPage: true });
  });

  it('"Manage billing" opens the Stripe billing portal in a popup and comes back', async () => {
    const popupPromise = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Manage billing' }).click();
    const portal = await popupPromise;
    await portal.waitForURL(/\/billing_portal\//);
    await portal.getByRole('link', { name: /Return/ }).click();
    await expect.poll(() => text(result()), { timeout: 15_000 }).toContain('Back from the billing portal.');
  });

  it('switches to the Flitt demo app: its plans, priced in lari, and Flitt’s test cards', async () => {
    await page.getByLabel('Flitt').check();
    await expect.poll(() => text(page.locator('#provider-name'))).toBe('Flitt');
    await expect.poll(() => text(page.locator('#card-pays'))).toBe('4444 5555 1111 6666');
    await expect.poll(() => page.locator('#products li').count()).toBe(3);
    await expect.poll(() => text(page.locator('#products'))).toContain('GEL');
    await page.getByLabel('Email').fill('flitt-buyer@example.org');
  });

  it('subscribes to the monthly plan on Flitt, then stops it from "My subscriptions"', async () => {
    const popup = await buy({ 'Monthly plan': 1 });
    await expect.poll(() => text(popup.locator('#subscription'))).toContain('every 1 month');
    await pay(popup, '4444 5555 1111 6666');
    await expect.poll(() => text(result()), { timeout: 15_000 }).toContain('Thank you!');
    await page.getByRole('button', { name: 'My subscriptions' }).click();
    const active = page.locator('#subscriptions li[data-status="active"]');
    await expect.poll(() => active.count(), { timeout: 15_000 }).toBe(1);
    await active.getByRole('button', { name: /^Stop / }).click();
    await expect.poll(() => page.locator('#subscriptions li[data-status="stopped"]').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}flitt-subscriptions.png`, fullPage: true });
  });

  it('says clearly when Flitt declines the card', async () => {
    const popup = await buy({ 'Gold plan': 1 });
    await pay(popup, '4444 1111 5555 6666');
    await expect.poll(() => text(result()), { timeout: 20_000 }).toContain('Your card was declined');
  });

  it('"Manage billing" on Flitt, which has no portal, points to the subscriptions', async () => {
    await page.getByRole('button', { name: 'Manage billing' }).click();
    await expect.poll(() => text(result())).toContain('Flitt has no billing portal');
    await expect.poll(() => page.locator('#subscriptions li[data-status="stopped"]').count()).toBe(1);
  });
});
