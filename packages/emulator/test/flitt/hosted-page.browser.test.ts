import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlittEmulator } from '../../src/index.js';
import { launchChromium } from '../helpers/browser.js';
import { call1, newOrderId, sign1, startFlitt, startReceiver } from './helpers.js';

let flitt: FlittEmulator;
let browser: Browser;
// Stands in for the merchant: its return page and its callback endpoint.
let shop: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  flitt = await startFlitt();
  browser = await launchChromium();
  shop = await startReceiver();
});
afterAll(async () => {
  await browser?.close();
  await shop?.close();
  await flitt?.close();
});

async function newCheckout() {
  const orderId = newOrderId('page');
  const answer = await call1(flitt.url, 'checkout/url', {
    order_id: orderId,
    order_desc: 'Coffee beans',
    currency: 'GEL',
    amount: 1250,
    response_url: `${shop.url}/return?order=${orderId}`,
    server_callback_url: `${shop.url}/callback`,
  });
  return { orderId, url: String(answer.checkout_url) };
}

const callbackFor = (orderId: string) =>
  shop.received
    .filter((r) => r.path === '/callback')
    .map((r) => JSON.parse(r.body) as Record<string, unknown>)
    .find((b) => b.order_id === orderId);

async function payInBrowser(url: string, card: string) {
  const page = await browser.newPage();
  await page.goto(url);
  expect((await page.locator('#total').textContent())?.replace(/\s/g, ' ')).toBe('GEL 12.50');
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry date').fill('12/31');
  await page.getByLabel('CVV').fill('321');
  await page.getByRole('button', { name: /Pay/ }).click();
  return page;
}

describe('flitt emulator: hosted checkout page in Chromium', () => {
  it('approves 4444 5555 6666 1111 after the 3-D Secure step and returns to response_url', async () => {
    const { orderId, url } = await newCheckout();
    const page = await payInBrowser(url, '4444 5555 6666 1111');
    await expect(page.getByRole('heading', { name: '3-D Secure' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/return/);
    expect(page.url()).toBe(`${shop.url}/return?order=${orderId}`);
    await flitt.callbacksIdle();
    const callback = callbackFor(orderId);
    expect(callback).toMatchObject({ order_status: 'approved', masked_card: '444455XXXXXX1111', eci: '5' });
    expect(callback?.signature).toBe(sign1(callback ?? {}));
    await page.close();
  });

  it('declines 4444 1111 6666 5555 after the 3-D Secure step and sends the declined callback', async () => {
    const { orderId, url } = await newCheckout();
    const page = await payInBrowser(url, '4444111166665555');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/return/);
    await flitt.callbacksIdle();
    expect(callbackFor(orderId)?.order_status).toBe('declined');
    expect((await call1(flitt.url, 'status/order_id', { order_id: orderId })).order_status).toBe('declined');
    await page.close();
  });

  it('approves 4444 5555 1111 6666 and declines 4444 1111 5555 6666 without a 3-D Secure step', async () => {
    for (const [card, status] of [
      ['4444555511116666', 'approved'],
      ['4444111155556666', 'declined'],
    ] as const) {
      const { orderId, url } = await newCheckout();
      const page = await payInBrowser(url, card);
      await page.waitForURL(/\/return/);
      await flitt.callbacksIdle();
      expect(callbackFor(orderId)?.order_status).toBe(status);
      await page.close();
    }
  });

  it('shows an unknown card number as an error and leaves the order unpaid', async () => {
    const { orderId, url } = await newCheckout();
    const page = await payInBrowser(url, '4242424242424242');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Unknown card number');
    expect((await call1(flitt.url, 'status/order_id', { order_id: orderId })).order_status).toBe('created');
    await page.close();
  });
});
