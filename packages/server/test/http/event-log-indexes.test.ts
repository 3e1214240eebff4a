import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCustomerEvents } from '../../src/storage/repositories/events.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/dialects.js';

const TYPES = ['invoice.paid', 'invoice.created', 'payment_intent.succeeded', 'customer.subscription.updated'];

for (const dialect of DIALECTS) {
  describe(`${dialect}: event log queries`, () => {
    let t: TestDatabase;

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const rows = Array.from({ length: 20_000 }, (_, i) => ({
        app_id: i % 2 ? 'app_a' : 'app_b',
        provider: 'stripe',
        provider_event_id: `evt_${i}`,
        type: TYPES[i % TYPES.length] as string,
        customer_id: `cus_${i % 200}`,
        created_seconds: 1_700_000_000 + i,
        received_at: 0,
        payload: '{}',
        outcome: 'recorded',
      }));
      for (let i = 0; i < rows.length; i += 1000) await t.database.db.insertInto('event').values(rows.slice(i, i + 1000)).execute();
      await sql`analyze`.execute(t.database.db);
    });
    afterAll(() => t.drop());

    const plan = async (types?: string[]) => {
      const compiled = t.database.db
        .selectFrom('event')
        .selectAll()
        .where('app_id', '=', 'app_a')
        .where('customer_id', '=', 'cus_1')
        .$if(types !== undefined, (q) => q.where('type', 'in', types ?? []))
        .orderBy('created_seconds', 'desc')
        .orderBy('id', 'desc')
        .limit(100)
        .compile();
      const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
      const result = await t.database.db.executeQuery({ ...compiled, sql: explain + compiled.sql });
      return JSON.stringify(result.rows);
    };

    it("reads one customer's events through an index, not a table scan", async () => {
      for (const types of [undefined, ['invoice.paid']]) {
        const text = await plan(types);
        expect(text).toMatch(/event_customer/);
        expect(text).not.toMatch(/SCAN event\b(?! USING)|Seq Scan on event/);
      }
    });

    it('returns newest first with limit and offset and the type filter', async () => {
      const rows = await listCustomerEvents(t.database.db, { appId: 'app_a', customerId: 'cus_1', types: ['invoice.created'], limit: 5, offset: 2 });
      expect(rows).toHaveLength(5);
      expect(rows.every((r) => r.type === 'invoice.created')).toBe(true);
      const created = rows.map((r) => Number(r.created_seconds));
      expect(created).toEqual([...created].sort((a, b) => b - a));
    });
  });
}
