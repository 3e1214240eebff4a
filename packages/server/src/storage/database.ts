import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Dialect } from './schema.js';

export interface PaykitDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// int8 (bigint) columns hold unix-millisecond times and counters that fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Compiled statements kept per SQL text; Kysely prepares every query anew, which costs ~10% of a webhook on SQLite. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite dialect sees it, with `prepare` reusing compiled statements
 * (least recently used dropped first). Safe because Kysely runs one query at a time on the
 * single connection and each query runs its statement to completion (`all`/`run`, or a fully
 * consumed `iterate` while it holds the connection).
 */
function reusingStatements(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** `postgres://...` opens PostgreSQL; anything else is a SQLite file path (WAL) or `:memory:`. */
export function openDatabase(url: string, options: { poolSize?: number } = {}): PaykitDatabase {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client whose server connection ends (restart, failover) emits here; without a
    // listener Node would crash the process. The pool drops that client and the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  // FULL syncs the WAL at every commit, so an acknowledged webhook survives a power loss too, not
  // only a killed process (NORMAL would). Webhooks arriving together share one commit (write-batch.ts),
  // which keeps the sync off each event's path.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // A 64 MiB page cache (default 2 MiB) keeps a large event table's index pages in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}
