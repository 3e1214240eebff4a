import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPayments } from '../src/index.js';
import { APP_BASE, type FakeServer, startFakeServer } from './fake-server.js';

interface FakePopup {
	closed: boolean;
	location: { href: string };
	close(): void;
}

/** A minimal `window`: an EventTarget with open() and location. */
function fakeWindow(popup: FakePopup | null, search = '') {
	return Object.assign(new EventTarget(), {
		open: vi.fn((_url: string, _name: string, _features: string) => popup),
		location: { href: `https://shop.test/cart${search}`, search, assign: vi.fn((_url: string) => {}) },
	});
}

const newPopup = (): FakePopup => ({
	closed: false,
	location: { href: 'about:blank' },
	close() {
		this.closed = true;
	},
});

const paykitMessage = (data: Record<string, unknown>): MessageEvent =>
	new MessageEvent('message', { data: { source: 'paykit', ...data } });

describe('in a browser', () => {
	let fake: FakeServer;
	let status: string;
	beforeEach(async () => {
		status = 'open';
		fake = await startFakeServer((req) => {
			if (req.method === 'POST' && req.path === `${APP_BASE}/checkout-sessions`) {
				return { json: { id: 'cs_1', url: 'https://checkout.test/cs_1' } };
			}
			if (req.method === 'GET' && req.path === `${APP_BASE}/checkout-sessions/cs_1`) {
				return { json: { id: 'cs_1', status, paymentStatus: 'paid', transactionDetails: { ok: true } } };
			}
			if (req.method === 'POST' && req.path.endsWith('/billing-portal')) return { json: { url: 'https://portal.test/1' } };
			return { status: 404, json: { error: { code: 'not_found', message: 'nope' } } };
		});
	});
	afterEach(async () => {
		vi.unstubAllGlobals();
		await fake.close();
	});

	const client = () =>
		createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', pollIntervalMs: 60_000 });

	it('Checkout.create opens the popup synchronously, sends the return URL and polls at once on a paykit message', async () => {
		const popup = newPopup();
		const win = fakeWindow(popup);
		vi.stubGlobal('window', win);
		const result = client().Checkout.create({ mode: 'payment' });
		expect(win.open).toHaveBeenCalledWith('', 'paykit-checkout', 'width=500,height=720');
		await expect.poll(() => popup.location.href).toBe('https://checkout.test/cs_1');
		expect(fake.requests[0].body).toEqual({ mode: 'payment', paykit_return_url: 'https://shop.test/cart' });
		status = 'complete';
		win.dispatchEvent(paykitMessage({ type: 'checkout', id: 'other' }));
		win.dispatchEvent(paykitMessage({ type: 'checkout', id: 'cs_1' }));
		await expect(result).resolves.toEqual({ transactionDetails: { ok: true }, id: 'cs_1', status: 'complete' });
		expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
		expect(popup.closed).toBe(true);
	});

	it('Checkout.create falls back to redirecting the page when the popup is blocked', async () => {
		const win = fakeWindow(null);
		vi.stubGlobal('window', win);
		let settled = false;
		void client()
			.Checkout.create({ mode: 'payment' })
			.finally(() => {
				settled = true;
			});
		await expect.poll(() => win.location.assign.mock.calls).toEqual([['https://checkout.test/cs_1']]);
		expect(settled).toBe(false);
	});

	it('Checkout.resume waits for the checkout named in the paykit_checkout query parameter', async () => {
		status = 'complete';
		vi.stubGlobal('window', fakeWindow(null, '?paykit_checkout=cs_1'));
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', pollIntervalMs: 5 });
		await expect(payments.Checkout.resume()).resolves.toMatchObject({ id: 'cs_1', status: 'complete' });
	});

	it('Checkout.resume resolves null when the page has no paykit_checkout parameter', async () => {
		vi.stubGlobal('window', fakeWindow(null, '?foo=1'));
		await expect(client().Checkout.resume()).resolves.toBeNull();
		expect(fake.requests).toHaveLength(0);
	});

	it('Customers.openBillingPortal resolves when the portal popup posts its return message', async () => {
		const popup = newPopup();
		const win = fakeWindow(popup);
		vi.stubGlobal('window', win);
		const back = client().Customers.openBillingPortal({ customer: 'cus_1' });
		await expect.poll(() => popup.location.href).toBe('https://portal.test/1');
		win.dispatchEvent(paykitMessage({ type: 'portal' }));
		await expect(back).resolves.toBeUndefined();
	});

	it('Customers.openBillingPortal resolves when the user closes the portal popup', async () => {
		const popup = newPopup();
		vi.stubGlobal('window', fakeWindow(popup));
		const back = client().Customers.openBillingPortal({ customer: 'cus_1' });
		await expect.poll(() => popup.location.href).toBe('https://portal.test/1');
		popup.close();
		await expect(back).resolves.toBeUndefined();
	});
});
