import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type PaykitDatabase } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import type { Dialect } from '../../src/storage/schema.js';

/** The databases every storage-touching test runs on; `npm test` sets both. */
export const DIALECTS: Dialect[] = (process.env.PAYKIT_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');

const POSTGRES_URL = process.env.PAYKIT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  database: PaykitDatabase;
  url: string;
  /** The SQLite file, to prove what is (not) stored in plaintext. */
  file: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: a temp SQLite file or a new PostgreSQL database
 * (created through `postgresUrl`, named `${prefix}<random>`); `drop()` removes it. The benchmarks use it too.
 */
export async function createTestDatabase(
  dialect: Dialect,
  { postgresUrl = POSTGRES_URL, prefix = 'paykit_t_' }: { postgresUrl?: string; prefix?: string } = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}`));
    const file = join(dir, 'paykit.db');
    const database = openDatabase(file);
    await migrateToLatest(database.db, 'sqlite');
    return {
      database,
      url: file,
      file,
      drop: async () => {
        await database.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString());
  await migrateToLatest(database.db, 'postgres');
  return {
    database,
    url: url.toString(),
    file: null,
    drop: async () => {
      await database.destroy();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
