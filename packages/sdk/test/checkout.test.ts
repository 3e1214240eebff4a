import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CheckoutStatus, createPayments, PaymentsError } from '../src/index.js';
import { APP_BASE, type FakeServer, startFakeServer } from './fake-server.js';

const options = {
	mode: 'payment' as const,
	payment_method_types: ['card'],
	customer: 'cus_1',
	line_items: [{ price: 'price_1', quantity: 2 }],
};
const details = { amountTotal: 200, currency: 'usd' };

describe('Checkout', () => {
	let fake: FakeServer;
	let polls: number;
	let finalStatus: CheckoutStatus;
	beforeEach(async () => {
		polls = 0;
		finalStatus = 'complete';
		fake = await startFakeServer((req) => {
			if (req.method === 'POST' && req.path === `${APP_BASE}/checkout-sessions`) {
				return { status: 201, json: { id: 'cs_1', url: 'https://checkout.test/cs_1' } };
			}
			if (req.method === 'GET' && req.path === `${APP_BASE}/checkout-sessions/cs_1`) {
				polls += 1;
				const status = polls > 2 ? finalStatus : 'open';
				return {
					json: {
						id: 'cs_1',
						status,
						paymentStatus: status === 'complete' ? 'paid' : 'unpaid',
						...(status === 'complete' ? { transactionDetails: details } : {}),
					},
				};
			}
			return { status: 404, json: { error: { code: 'not_found', message: 'nope' } } };
		});
	});
	afterEach(() => fake.close());

	const client = (extra: { openUrl?: (url: string) => unknown; checkoutTimeoutMs?: number } = {}) =>
		createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', pollIntervalMs: 10, ...extra });

	it('in Node, opens the URL without waiting for openUrl and resolves once the session completes', async () => {
		const opened: string[] = [];
		const payments = client({
			openUrl: (url) => {
				opened.push(url);
				return new Promise(() => {});
			},
		});
		await expect(payments.Checkout.create(options)).resolves.toEqual({
			transactionDetails: details,
			id: 'cs_1',
			status: 'complete',
		});
		expect(opened).toEqual(['https://checkout.test/cs_1']);
		const [post, ...gets] = fake.requests;
		expect(post.body).toEqual(options);
		expect(post.headers.authorization).toBe('Bearer ak');
		expect(post.headers['idempotency-key']).toBeTruthy();
		expect(gets).toHaveLength(3);
		for (const get of gets) {
			expect(get.method).toBe('GET');
			expect(get.headers.authorization).toBe('Bearer ak');
		}
	});

	it('rejects with checkout_canceled when the session is canceled', async () => {
		finalStatus = 'canceled';
		const err = await client({ openUrl: () => {} })
			.Checkout.create(options)
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(PaymentsError);
		expect(err).toMatchObject({ code: 'checkout_canceled', status: 0 });
	});

	it('rejects at once with checkout_failed when the payment is declined', async () => {
		finalStatus = 'failed';
		await expect(client({ openUrl: () => {} }).Checkout.create(options)).rejects.toMatchObject({
			code: 'checkout_failed',
			details: { status: 'failed' },
		});
		expect(polls).toBe(3);
	});

	it('rejects with checkout_expired when the session expires', async () => {
		finalStatus = 'expired';
		await expect(client({ openUrl: () => {} }).Checkout.create(options)).rejects.toMatchObject({
			code: 'checkout_expired',
		});
	});

	it('rejects with checkout_timeout when no outcome arrives in time', async () => {
		finalStatus = 'open';
		await expect(client({ openUrl: () => {}, checkoutTimeoutMs: 50 }).Checkout.create(options)).rejects.toMatchObject({
			code: 'checkout_timeout',
			status: 0,
		});
	});

	it('rejects with open_url_required in Node without openUrl, before any request', async () => {
		const err = await client()
			.Checkout.create(options)
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(PaymentsError);
		expect(err).toMatchObject({ code: 'open_url_required', status: 0 });
		expect(fake.requests).toHaveLength(0);
	});

	it('rejects with the server error when the session cannot be created', async () => {
		fake.handler = () => ({ status: 400, json: { error: { code: 'invalid_request', message: 'bad line_items' } } });
		await expect(client({ openUrl: () => {} }).Checkout.create(options)).rejects.toMatchObject({
			code: 'invalid_request',
			status: 400,
		});
	});

	it('resume resolves null outside a browser page', async () => {
		await expect(client().Checkout.resume()).resolves.toBeNull();
	});
});
