import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPayments, PaymentsError } from '../src/index.js';
import { APP_BASE, type FakeServer, startFakeServer } from './fake-server.js';

describe('Configuration', () => {
	let fake: FakeServer;
	beforeEach(async () => {
		fake = await startFakeServer((req) => {
			if (req.method === 'PUT' && req.path === `${APP_BASE}/configuration`) {
				return { json: { webhookUrl: 'https://pay.test/webhook/abc' } };
			}
			if (req.method === 'GET' && req.path === `${APP_BASE}/configuration/exists`) return { json: { configured: true } };
			if (req.method === 'PUT' && req.path === `${APP_BASE}/configuration/signing-secret`) return { status: 204 };
			return { status: 404, json: { error: { code: 'not_found', message: 'nope' } } };
		});
	});
	afterEach(() => fake.close());

	const settings = {
		provider: 'stripe',
		providerPublicKey: 'pk_test_1',
		providerPrivateKey: 'sk_test_1',
		productsDataSourceId: 123,
	};

	it('update sends the settings with the studio token and resolves the webhook URL', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', studioToken: 'st' });
		await expect(payments.Configuration.update(settings)).resolves.toEqual({ webhookUrl: 'https://pay.test/webhook/abc' });
		const [req] = fake.requests;
		expect(req.method).toBe('PUT');
		expect(req.headers.authorization).toBe('Bearer st');
		expect(req.headers['content-type']).toBe('application/json');
		expect(req.body).toEqual(settings);
	});

	it('exists resolves a boolean and authenticates with the app key', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', studioToken: 'st' });
		await expect(payments.Configuration.exists()).resolves.toBe(true);
		expect(fake.requests[0].method).toBe('GET');
		expect(fake.requests[0].headers.authorization).toBe('Bearer ak');
		expect(fake.requests[0].headers['content-type']).toBeUndefined();
	});

	it('updateSigningSecret sends the secret with the studio token and resolves undefined', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak', studioToken: 'st' });
		await expect(payments.Configuration.updateSigningSecret('whsec_123')).resolves.toBeUndefined();
		expect(fake.requests[0].method).toBe('PUT');
		expect(fake.requests[0].headers.authorization).toBe('Bearer st');
		expect(fake.requests[0].body).toEqual({ signingSecret: 'whsec_123' });
	});

	it('studio calls reject with studio_token_required before any request when no studio token is set', async () => {
		const payments = createPayments({ baseUrl: fake.baseUrl, appId: 'app 1', appKey: 'ak' });
		for (const call of [() => payments.Configuration.update(settings), () => payments.Configuration.updateSigningSecret('x')]) {
			const err = await call().catch((e: unknown) => e);
			expect(err).toBeInstanceOf(PaymentsError);
			expect(err).toMatchObject({ code: 'studio_token_required', status: 0 });
		}
		expect(fake.requests).toHaveLength(0);
	});
});
