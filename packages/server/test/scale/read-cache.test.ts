import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/payments/tenants/apps.js';
import { hashToken } from '../../src/security/tokens.js';
import { findConfigurationCached, saveConfiguration, saveSigningSecrets } from '../../src/storage/repositories/configurations.js';
import { READ_CACHE_TTL_MS, setReadCacheTtl } from '../../src/storage/repositories/read-cache.js';
import { findAppIdByKeyHash } from '../../src/storage/repositories/tenants.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`${dialect}: per-process read cache`, () => {
    let t: TestDatabase;
    afterEach(async () => {
      setReadCacheTtl(READ_CACHE_TTL_MS);
      await t.drop();
    });

    it("serves another process's change after at most the TTL, and this process's own writes at once", async () => {
      setReadCacheTtl(1_000);
      t = await createTestDatabase(dialect);
      const { db } = t.database;
      const app = await createApp(db, { name: 'Cached' });
      const row = {
        app_id: app.appId,
        provider: 'stripe',
        public_key: 'pk_test_1',
        secret_key_sealed: 'sealed-1',
        signing_secrets_sealed: null,
        products_data_source_id: 1,
        webhook_token: 'pkw_cache_test',
        webhook_endpoint_id: null,
      };
      await saveConfiguration(db, row);
      expect((await findConfigurationCached(db, app.appId))?.public_key).toBe('pk_test_1');

      // Another process changes the row: this one keeps its copy for at most the TTL.
      await db.updateTable('payment_configuration').set({ public_key: 'pk_test_2' }).where('app_id', '=', app.appId).execute();
      expect((await findConfigurationCached(db, app.appId))?.public_key).toBe('pk_test_1');
      await sleep(1_100);
      expect((await findConfigurationCached(db, app.appId))?.public_key).toBe('pk_test_2');

      // A write through this process's repositories is seen by the next read.
      await saveSigningSecrets(db, app.appId, 'sealed-secrets');
      expect((await findConfigurationCached(db, app.appId))?.signing_secrets_sealed).toBe('sealed-secrets');
    });

    it('never keeps a miss: a key unknown a moment ago works as soon as it exists', async () => {
      t = await createTestDatabase(dialect);
      const { db } = t.database;
      const app = await createApp(db, { name: 'New' });
      const otherKey = 'pk_app_not_yet';
      expect(await findAppIdByKeyHash(db, hashToken(otherKey))).toBeNull();
      await db.updateTable('app').set({ app_key_hash: hashToken(otherKey) }).where('id', '=', app.appId).execute();
      expect(await findAppIdByKeyHash(db, hashToken(otherKey))).toBe(app.appId);
    });
  });
}
