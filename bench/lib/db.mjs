// Bench databases: a temp SQLite file or a fresh PostgreSQL database, migrated, dropped afterwards.
// Imported after tsx is registered (it reaches the server's TypeScript sources).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../packages/server/src/storage/database.ts';
import { migrateToLatest } from '../../packages/server/src/storage/migrate.ts';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function createBenchDatabase(dialect) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'paykit-bench-'));
    const file = join(dir, 'paykit.db');
    const database = openDatabase(file);
    await migrateToLatest(database.db, 'sqlite');
    await createBaselineTable(database);
    return {
      dialect,
      url: file,
      database,
      size: () => ['', '-wal'].reduce((n, s) => n + (statSync(file + s, { throwIfNoEntry: false })?.size ?? 0), 0),
      drop: async () => {
        await database.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `paykit_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  await migrateToLatest(database.db, 'postgres');
  await createBaselineTable(database);
  return {
    dialect,
    url: url.toString(),
    database,
    size: async () => Number((await sql`select pg_database_size(current_database()) as n`.execute(database.db)).rows[0].n),
    drop: async () => {
      await database.destroy();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
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

/** The plan of the getLogs query (the same SQL as listCustomerEvents), with timing on PostgreSQL. */
export async function explainLogs({ db, dialect }, { appId, customerId, type, offset, limit = 100 }) {
  const query = sql`select id, provider_event_id, type, created_seconds, payload, outcome from event where app_id = ${appId} and customer_id = ${customerId} and type = ${type} order by created_seconds desc, id desc limit ${limit} offset ${offset}`;
  if (dialect === 'postgres') {
    const { rows } = await sql`explain (analyze, buffers) ${query}`.execute(db);
    return rows.map((r) => r['QUERY PLAN']);
  }
  const { rows } = await sql`explain query plan ${query}`.execute(db);
  const started = process.hrtime.bigint();
  await query.execute(db);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return [...rows.map((r) => r.detail), `Execution Time: ${ms.toFixed(3)} ms (better-sqlite3, from the bench process)`];
}
