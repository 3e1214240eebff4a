// Bench databases: a temp SQLite file or a fresh PostgreSQL database, migrated, dropped afterwards.
// Imported after tsx is registered (it reaches the server's TypeScript sources).
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { customerEventsQuery } from '../../packages/server/src/storage/repositories/events.ts';
import { createTestDatabase } from '../../packages/server/test/helpers/dialects.ts';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function createBenchDatabase(dialect) {
  const t = await createTestDatabase(dialect, { postgresUrl: POSTGRES_URL, prefix: 'paykit_bench_' });
  await createBaselineTable(t.database);
  const size =
    dialect === 'sqlite'
      ? () => ['', '-wal'].reduce((n, s) => n + (statSync(t.file + s, { throwIfNoEntry: false })?.size ?? 0), 0)
      : async () => Number((await sql`select pg_database_size(current_database()) as n`.execute(t.database.db)).rows[0].n);
  return { dialect, url: t.url, database: t.database, size, drop: t.drop };
}

/** The baseline's own table: the raw event and when it arrived, nothing else. */
async function createBaselineTable({ db, dialect }) {
  await db.schema
    .createTable('bench_baseline_event')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function countRows(db, table, appId) {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (appId) q = q.where('app_id', '=', appId);
  const row = await q.executeTakeFirst();
  return Number(row.n);
}

/**
 * Inserts `count` rows produced by `makeRow(i)` into `event` with Kysely, `batch` rows per INSERT
 * (SQLite: grouped in transactions; PostgreSQL: a few INSERTs in flight on the pool).
 */
export async function bulkInsertEvents({ db, dialect }, count, makeRow, { start = 0, batch = 2000 } = {}) {
  const batches = [];
  for (let from = start; from < start + count; from += batch) batches.push([from, Math.min(start + count, from + batch)]);
  const insertBatch = (executor, [from, to]) => {
    const rows = [];
    for (let i = from; i < to; i++) rows.push(makeRow(i));
    return executor.insertInto('event').values(rows).execute();
  };
  if (dialect === 'sqlite') {
    const perTransaction = 25;
    for (let i = 0; i < batches.length; i += perTransaction) {
      await db.transaction().execute(async (trx) => {
        for (const b of batches.slice(i, i + perTransaction)) await insertBatch(trx, b);
      });
    }
    // Folds the load into the database file, as the next automatic checkpoint would, so that the
    // measurement neither reads through a large WAL nor pays for its checkpoint.
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  } else {
    const inFlight = 4;
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await insertBatch(db, batches[next++]);
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    // What autovacuum would do shortly after such a load, done now so that it does not run during
    // the measurement (and hint bits / visibility map are set, as in a steady-state database).
    await sql`vacuum analyze event`.execute(db);
  }
}

/** The plan of the getLogs query (listCustomerEvents' own SQL), with timing on PostgreSQL. */
export async function explainLogs({ db, dialect }, { appId, customerId, type, offset, limit = 100 }) {
  const compiled = customerEventsQuery(db, { appId, customerId, types: [type], limit, offset }).compile();
  const run = (prefix) => db.executeQuery({ ...compiled, sql: prefix + compiled.sql });
  if (dialect === 'postgres') {
    const { rows } = await run('explain (analyze, buffers) ');
    return rows.map((r) => r['QUERY PLAN']);
  }
  const { rows } = await run('explain query plan ');
  const started = process.hrtime.bigint();
  await run('');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return [...rows.map((r) => r.detail), `Execution Time: ${ms.toFixed(3)} ms (better-sqlite3, from the bench process)`];
}
