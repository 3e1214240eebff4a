import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerEventPage, customerEventsQuery, listCustomerEvents } from '../../src/storage/repositories/events.js';
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
      // Steady state (what autovacuum leaves behind): statistics, and on PostgreSQL the visibility map.
      await (dialect === 'postgres' ? sql`vacuum analyze event` : sql`analyze`).execute(t.database.db);
    });
    afterAll(() => t.drop());

    const explain = async (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const compiled = query.compile();
      const prefix = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
      const result = await t.database.db.executeQuery({ ...compiled, sql: prefix + compiled.sql } as Parameters<typeof t.database.db.executeQuery>[0]);
      return JSON.stringify(result.rows);
    };
    const q = (types: string[] | undefined, offset: number) => ({ appId: 'app_a', customerId: 'cus_1', types, limit: 20, offset });

    it("reads one customer's events through an index, not a table scan", async () => {
      for (const types of [undefined, ['invoice.paid'], ['invoice.paid', 'invoice.created']]) {
        const text = await explain(customerEventsQuery(t.database.db, q(types, 0)));
        expect(text).toMatch(/event_customer/);
        expect(text).not.toMatch(/SCAN event\b(?! USING)|Seq Scan on event/);
      }
    });

    it('chooses a page (also a deep offset) from the index in its own order, without sorting or reading payloads', async () => {
      for (const [types, index] of [
        [undefined, 'event_customer_newest'],
        [['invoice.paid'], 'event_customer_type_newest'],
      ] as const) {
        const text = await explain(customerEventPage(t.database.db, q(types ? [...types] : undefined, 30)));
        if (dialect === 'sqlite') expect(text).toContain(`USING COVERING INDEX ${index}`);
        else expect(text).toMatch(new RegExp(`Index (Only )?Scan using ${index}`));
        expect(text).not.toMatch(/TEMP B-TREE|Sort/);
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
