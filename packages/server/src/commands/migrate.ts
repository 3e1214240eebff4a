import { parseArgs } from 'node:util';
import { databaseUrlFrom } from '../config.js';
import { openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';

export const migrateUsage = 'paykit migrate         (migrates PAYKIT_DATABASE_URL, default ./data/paykit.db)';

/** Brings the database named by PAYKIT_DATABASE_URL to the latest schema and prints what ran. */
export async function migrateCommand(argv: string[]): Promise<void> {
  parseArgs({ args: argv, options: {}, strict: true });
  const database = openDatabase(databaseUrlFrom(process.env));
  try {
    const applied = await migrateToLatest(database.db, database.dialect);
    if (applied.length === 0) console.log('Database is up to date: no migration to run.');
    for (const name of applied) console.log(`Applied migration ${name}`);
  } finally {
    await database.destroy();
  }
}
