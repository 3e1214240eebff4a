import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { initial } from './migrations/2026-11-25-001-initial.js';
import { subscriptions } from './migrations/2026-11-25-002-subscriptions.js';
import { webhookReceipts } from './migrations/2026-11-26-010-webhook-receipts.js';
import { appSecurity } from './migrations/2026-11-26-020-app-security.js';
import { scale } from './migrations/2026-11-26-030-scale.js';
import { reconciliation } from './migrations/2026-11-26-050-reconciliation.js';
import type { Database, Dialect } from './schema.js';

/** Migrations are listed here (not read from disk) so the same code runs from sources and bundles. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '2026-11-25-001-initial': initial(dialect),
    '2026-11-25-002-subscriptions': subscriptions(),
    '2026-11-26-010-webhook-receipts': webhookReceipts(dialect),
    '2026-11-26-020-app-security': appSecurity(),
    '2026-11-26-030-scale': scale(),
    '2026-11-26-050-reconciliation': reconciliation(),
  };
}

/** Names of the migrations this code knows that the database has not run yet (empty = current). */
export async function pendingMigrations(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
