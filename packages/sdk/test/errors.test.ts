import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPayments, PaymentsError } from '../src/index.js';
import { deadBaseUrl, type FakeServer, startFakeServer } from './fake-server.js';

describe('PaymentsError', () => {
	let fake: FakeServer;
	beforeEach(async () => {
		fake = await startFakeServer();
	});
	afterEach(() => fake.close());

	it('carries the code, message, status and details of a server error body', async () => {
		fake.handler = () => ({
			status: 422,
			json: { error: { code: 'invalid_email', message: 'Email is invalid', details: { field: 'email' } } },
		});
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak' });
		const err = await payments.Customers.create({ email: 'nope' }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(PaymentsError);
		expect(err).toBeInstanceOf(Error);
		expect(err).toMatchObject({
			name: 'PaymentsError',
			code: 'invalid_email',
			message: 'Email is invalid',
			status: 422,
			details: { field: 'email' },
		});
	});

	it('uses http_<status> when the error body is not JSON', async () => {
		fake.handler = () => ({ status: 502, text: 'Bad gateway' });
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak' });
		await expect(payments.Products.get()).rejects.toMatchObject({ code: 'http_502', status: 502 });
	});

	it('reports a network failure as network_error with status 0', async () => {
		const payments = createPayments({ baseUrl: await deadBaseUrl(), appId: 'app 1', appKey: 'ak' });
		const err = await payments.Products.get().catch((e: unknown) => e);
		expect(err).toBeInstanceOf(PaymentsError);
		expect(err).toMatchObject({ code: 'network_error', status: 0 });
	});
});
