import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /healthz and /readyz`, () => {
    let t: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      app = await buildApp({ database: t.database, publicUrl: 'http://127.0.0.1:0', masterKey: randomBytes(32) });
    });
    afterAll(async () => {
      await app.close();
      await t.drop();
    });

    it('is ready when the database answers and every migration has run', async () => {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect({ status: ready.statusCode, body: ready.json() }).toEqual({ status: 200, body: { status: 'ready' } });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    });

    it('is not ready (503 not_ready, naming the migration) while a migration is pending, and ready again after migrate', async () => {
      const last = await t.database.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .orderBy('name' as never, 'desc')
        .executeTakeFirstOrThrow();
      const name = (last as { name: string }).name;
      await t.database.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', name as never).execute();

      const pending = await app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toMatchObject({ error: { code: 'not_ready', details: { pendingMigrations: [name] } } });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

      // Re-recording the row stands in for re-running the (already applied) migration.
      await t.database.db
        .insertInto('kysely_migration' as never)
        .values({ name, timestamp: new Date().toISOString() } as never)
        .execute();
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      expect(await migrateToLatest(t.database.db, dialect)).toEqual([]);
    });

    it('is not ready (503 not_ready) when the database is unreachable', async () => {
      const other = await createTestDatabase(dialect);
      const broken = await buildApp({ database: other.database, publicUrl: 'http://127.0.0.1:0', masterKey: randomBytes(32) });
      await other.drop();
      const response = await broken.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'not_ready', message: 'The database is not reachable.' } });
      await broken.close();
    });
  });
}
