import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { inWriteTransaction } from '../../src/storage/repositories/write-batch.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

const organisation = (id: string) => ({ id, name: id, created_at: 1 });

for (const dialect of DIALECTS) {
  describe(`${dialect}: write transactions`, () => {
    let t: TestDatabase;
    afterEach(() => t.drop());

    it('commits every unit of a burst, and a failing unit rolls back only its own writes', async () => {
      t = await createTestDatabase(dialect);
      const { db } = t.database;
      const units = Array.from({ length: 20 }, (_, i) =>
        inWriteTransaction(db, dialect, async (trx) => {
          await trx.insertInto('organisation').values(organisation(`org_${i}`)).execute();
          if (i % 5 === 0) {
            await trx.insertInto('organisation').values(organisation(`org_extra_${i}`)).execute();
            throw new Error(`unit ${i} fails`);
          }
          return i;
        }),
      );
      const settled = await Promise.allSettled(units);
      expect(settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual(
        [0, 5, 10, 15].map((i) => `Error: unit ${i} fails`),
      );
      expect(settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<number>).value)).toHaveLength(16);
      const ids = (await db.selectFrom('organisation').select('id').execute()).map((r) => r.id).sort();
      expect(ids).toEqual(
        Array.from({ length: 20 }, (_, i) => i)
          .filter((i) => i % 5 !== 0)
          .map((i) => `org_${i}`)
          .sort(),
      );
    });

    it('settles a unit only once its writes are committed (visible to a fresh connection)', async () => {
      t = await createTestDatabase(dialect);
      const other = openDatabase(t.url);
      try {
        await inWriteTransaction(t.database.db, dialect, (trx) => trx.insertInto('organisation').values(organisation('org_durable')).execute());
        expect(await other.db.selectFrom('organisation').select('id').where('id', '=', 'org_durable').executeTakeFirst()).toEqual({ id: 'org_durable' });
      } finally {
        await other.destroy();
      }
    });
  });
}
