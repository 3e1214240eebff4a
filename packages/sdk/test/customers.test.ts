import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPayments } from '../src/index.js';
import { APP_BASE, type FakeServer, startFakeServer } from './fake-server.js';

const customer = {
	id: 'cus_1',
	object: 'customer',
	email: 'john@example.org',
	createdAt: '2024-01-01T00:00:00.000Z',
	token: 'ct_1',
};
const logs = [{ id: 'evt_1', type: 'payment_intent.created' }];

describe('Customers', () => {
	let fake: FakeServer;
	beforeEach(async () => {
		fake = await startFakeServer((req) => {
			if (req.method === 'POST' && req.path === `${APP_BASE}/customers`) return { status: 201, json: customer };
			if (req.method === 'GET' && req.path.endsWith('/logs')) return { json: { logs, limit: 100, offset: 0 } };
			if (req.method === 'POST' && req.path.endsWith('/billing-portal')) return { json: { url: 'https://portal.test/s/1' } };
			return { status: 404, json: { error: { code: 'not_found', message: 'nope' } } };
		});
	});
	afterEach(() => fake.close());

	it('create posts the email with the app key and an idempotency key, resolving the customer', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak' });
		await expect(payments.Customers.create({ email: 'john@example.org' })).resolves.toEqual(customer);
		const [req] = fake.requests;
		expect(req.headers.authorization).toBe('Bearer ak');
		expect(req.headers['content-type']).toBe('application/json');
		expect(req.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
		expect(req.body).toEqual({ email: 'john@example.org' });
	});

	it('getLogs uses the token remembered from create for that customer', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', studioToken: 'st' });
		await payments.Customers.create({ email: 'john@example.org' });
		await expect(payments.Customers.getLogs({ customer: 'cus_1' })).resolves.toEqual(logs);
		const req = fake.requests[1];
		expect(req).toMatchObject({ method: 'GET', path: `${APP_BASE}/customers/cus_1/logs`, rawQuery: '' });
		expect(req.headers.authorization).toBe('Bearer ct_1');
	});

	it('getLogs sends limit, offset and a URL-encoded JSON where', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak' });
		const where = { type: 'payment_intent.created', note: 'a b&c' };
		await payments.Customers.getLogs({ customer: 'cus 1', limit: 30, offset: 10, where });
		const req = fake.requests[0];
		expect(req.path).toBe(`${APP_BASE}/customers/cus%201/logs`);
		expect(req.rawQuery).toBe(`limit=30&offset=10&where=${encodeURIComponent(JSON.stringify(where))}`);
		expect(JSON.parse(req.query.get('where') ?? '')).toEqual(where);
	});

	it('customer calls fall back to customerToken, then studioToken, then the app key', async () => {
		const tokens: Array<[Record<string, string>, string]> = [
			[{ customerToken: 'ct', studioToken: 'st' }, 'Bearer ct'],
			[{ studioToken: 'st' }, 'Bearer st'],
			[{}, 'Bearer ak'],
		];
		for (const [extra, expected] of tokens) {
			const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', ...extra });
			await payments.Customers.getLogs({ customer: 'cus_9' });
			expect(fake.requests.at(-1)?.headers.authorization).toBe(expected);
		}
	});

	it('openBillingPortal posts an empty body, opens the URL and resolves when openUrl resolves', async () => {
		let back = (): void => {};
		const opened: string[] = [];
		const payments = createPayments({
			baseUrl: fake.baseUrl,
			appId: 'app 1',
			appKey: 'ak',
			openUrl: (url) => {
				opened.push(url);
				return new Promise<void>((resolve) => {
					back = resolve;
				});
			},
		});
		await payments.Customers.create({ email: 'john@example.org' });
		let settled = false;
		const done = payments.Customers.openBillingPortal({ customer: 'cus_1' }).then(() => {
			settled = true;
		});
		await expect.poll(() => opened).toEqual(['https://portal.test/s/1']);
		const req = fake.requests[1];
		expect(req).toMatchObject({ method: 'POST', path: `${APP_BASE}/customers/cus_1/billing-portal`, body: {} });
		expect(req.headers.authorization).toBe('Bearer ct_1');
		expect(req.headers['idempotency-key']).toBeTruthy();
		expect(settled).toBe(false);
		back();
		await done;
		expect(settled).toBe(true);
	});

	it('openBillingPortal resolves right after calling an openUrl that returns nothing', async () => {
		const opened: string[] = [];
		const payments = createPayments({
			baseUrl: fake.baseUrl,
			appId: 'app 1',
			appKey: 'ak',
			openUrl: (url) => {
				opened.push(url);
			},
		});
		await expect(payments.Customers.openBillingPortal({ customer: 'cus_1' })).resolves.toBeUndefined();
		expect(opened).toEqual(['https://portal.test/s/1']);
	});
});
