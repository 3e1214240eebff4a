import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPayments } from '../src/index.js';
import { APP_BASE, type FakeServer, startFakeServer } from './fake-server.js';

let fake: FakeServer;
const rows = [
	{ Name: 'Premium plan', Price: 1, 'Price ID': 'price_1' },
	{ Name: 'Gold plan', Price: 2.5, 'Price ID': 'price_2' },
];
beforeEach(async () => {
	fake = await startFakeServer(() => ({ json: { products: rows } }));
});
afterEach(() => fake.close());

it('Products.get unwraps the products array fetched with the app key', async () => {
	const payments = createPayments({ baseUrl: `${fake.baseUrl}/`, appId: 'app 1', appKey: 'ak', studioToken: 'st' });
	await expect(payments.Products.get()).resolves.toEqual(rows);
	expect(fake.requests[0]).toMatchObject({ method: 'GET', path: `${APP_BASE}/products` });
	expect(fake.requests[0].headers.authorization).toBe('Bearer ak');
});
