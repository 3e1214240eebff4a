import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { completeWith, createPrice, type EmulatorHarness, startEmulator, startReceiver } from '../helpers/stripe.js';

let h: EmulatorHarness;
let browser: Browser;
let app: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  h = await startEmulator();
  browser = await launchChromium();
  // Stands in for the app's own pages that the hosted pages send the user back to.
  app = await startReceiver();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

async function newSession() {
  const price = await createPrice(h.stripe, 2500);
  return h.stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: price.id, quantity: 2 }],
    success_url: `${app.url}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${app.url}/cancel`,
  });
}

describe('stripe emulator: hosted pages in Chromium', () => {
  it('pays with 4242424242424242 and lands on success_url with the session id substituted', async () => {
    const session = await newSession();
    const page = await browser.newPage();
    await page.goto(session.url as string);
    await expect(page.locator('#total').textContent()).resolves.toBe('$50.00');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /Pay/ }).click();
    await page.waitForURL(/\/success/);
    expect(page.url()).toBe(`${app.url}/success?session_id=${session.id}`);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
    await page.close();
  });

  it('shows the decline of 4000000000000002 and keeps the session open', async () => {
    const session = await newSession();
    const page = await browser.newPage();
    await page.goto(session.url as string);
    await page.getByLabel('Card number').fill('4000000000000002');
    await page.getByRole('button', { name: /Pay/ }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Your card was declined.');
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    await page.close();
  });

  it('goes back to cancel_url on Cancel, leaving the session unpaid', async () => {
    const session = await newSession();
    const page = await browser.newPage();
    await page.goto(session.url as string);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/cancel/);
    expect(page.url()).toBe(`${app.url}/cancel`);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('unpaid');
    await page.close();
  });

  it('lists the customer subscriptions in the billing portal, cancels one, and returns to return_url', async () => {
    const customer = await h.stripe.customers.create({ email: 'portal-user@example.org' });
    const price = await createPrice(h.stripe, 1200, { interval: 'month' });
    const checkout = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: `${app.url}/success`,
    });
    await completeWith(h.stripe, checkout.id, '4242424242424242');
    const subscriptionId = (await h.stripe.checkout.sessions.retrieve(checkout.id)).subscription as string;
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: `${app.url}/account` });
    const page = await browser.newPage();
    await page.goto(portal.url);
    const row = page.locator(`[data-subscription="${subscriptionId}"]`);
    await expect(row.locator('.status').textContent()).resolves.toBe('active');
    await row.getByRole('button', { name: /Cancel/ }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('canceled');
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe('canceled');
    await page.getByRole('link', { name: 'Return to the app' }).click();
    await page.waitForURL(/\/account/);
    expect(page.url()).toBe(`${app.url}/account`);
    await page.close();
  });
});
