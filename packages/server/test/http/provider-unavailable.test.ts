import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createApp } from '../../src/payments/tenants/apps.js';
import { freePort } from '../helpers/cli.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: an unreachable provider`, () => {
    let t: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      app = await buildApp({
        database: t.database,
        publicUrl: 'http://127.0.0.1:1',
        masterKey: randomBytes(32),
        stripeApiUrl: `http://127.0.0.1:${await freePort()}`,
      });
    });
    afterAll(async () => {
      await app.close();
      await t.drop();
    });

    it('answers 502 provider_unavailable and stores nothing when the provider cannot be reached', async () => {
      const tenant = await createApp(t.database.db, { name: 'Offline' });
      const auth = { authorization: `Bearer ${tenant.studioToken}` };
      const source = await app.inject({ method: 'POST', url: '/v1/data-sources', headers: auth, payload: { appId: tenant.appId, name: 'P' } });
      const response = await app.inject({
        method: 'PUT',
        url: `/v1/apps/${tenant.appId}/payments/configuration`,
        headers: auth,
        payload: { provider: 'stripe', providerPublicKey: 'pk_test', providerPrivateKey: 'sk_test_offline', productsDataSourceId: source.json().id },
      });
      expect(response.statusCode).toBe(502);
      expect(response.json().error.code).toBe('provider_unavailable');
      expect(await t.database.db.selectFrom('payment_configuration').selectAll().execute()).toEqual([]);
    });
  });
}
