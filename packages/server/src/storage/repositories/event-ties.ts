import { sql } from 'kysely';
import { batcherPerOwner, createBatcher } from '../batcher.js';
import type { Db } from '../schema.js';

export interface TieQuery {
  appId: string;
  provider: string;
  subscriptionId: string;
  customerId: string;
  typePrefix: string;
  createdSeconds: number;
  exceptEventId: string;
}

/**
 * For each query: whether the subscription is still at `version` (the event's second) and the app
 * has stored another event of this customer, type family (`customer.subscription.`) and second.
 * One statement for the whole batch; `values` rows work alike on SQLite and PostgreSQL (columns
 * `column1`...; casts because PostgreSQL types untyped parameters of `values` as text).
 */
async function findSameSecondTies(db: Db, queries: TieQuery[]): Promise<boolean[]> {
  const rows = queries.map(
    (q, i) =>
      sql`(cast(${i} as integer), ${q.appId}, ${q.customerId}, cast(${q.createdSeconds} as bigint), ${q.provider}, ${`${q.typePrefix}%`}, ${q.exceptEventId}, ${q.subscriptionId})`,
  );
  const { rows: ties } = await sql<{ ord: number }>`
    select input.column1 as ord from (values ${sql.join(rows)}) as input
    where exists (
      select 1 from event e
      where e.app_id = input.column2 and e.customer_id = input.column3 and e.created_seconds = input.column4
        and e.provider = input.column5 and e.type like input.column6 and e.provider_event_id <> input.column7
    ) and exists (
      select 1 from subscription s where s.app_id = input.column2 and s.id = input.column8 and s.version = input.column4
    )`.execute(db);
  const tied = new Set(ties.map((row) => Number(row.ord)));
  return queries.map((_, i) => tied.has(i));
}

/** `findSameSecondTies` for one event, sharing the statement with the checks arriving alongside. */
export const hasSameSecondTie = batcherPerOwner((db: Db) =>
  createBatcher((queries: TieQuery[]) => findSameSecondTies(db, queries), { maxBatch: 200, maxInFlight: 3 }),
);
