import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { reconcileAll } from '../payments/reconciliation/reconcile.js';
import { buildAppFromConfig } from '../server.js';
import { openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';

export const reconcileUsage = 'paykit reconcile [--json]  (applies provider events webhooks missed, once; serve also runs it every PAYKIT_RECONCILE_INTERVAL_SECONDS)';

/**
 * One reconciliation run over every configured app, with the server's configuration (it needs
 * PAYKIT_MASTER_KEY to open the provider keys). Exit code 1 when an app could not be reconciled.
 */
export async function reconcileCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig(process.env);
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db, database.dialect);
    const app = await buildAppFromConfig(config, database);
    try {
      const report = await reconcileAll(app.payments);
      if (values.json) console.log(JSON.stringify(report));
      else if (!report.ran) console.log('Another server is reconciling right now: nothing done.');
      else {
        for (const a of report.apps) {
          console.log(`${a.appId} (${a.provider}): ${a.seen} seen, ${a.recovered} recovered${a.error ? `, failed: ${a.error}` : ''}`);
        }
      }
      if (report.apps.some((a) => a.error)) process.exitCode = 1;
    } finally {
      await app.close();
    }
  } finally {
    await database.destroy();
  }
}
