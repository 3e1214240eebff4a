import { parseArgs } from 'node:util';
import { databaseUrlFrom } from '../config.js';
import { createApp } from '../payments/tenants/apps.js';
import { openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';

export const appsUsage = 'paykit apps create --name NAME [--json]';

/** `paykit apps create`: a new app (and the organisation on first use) with its keys, shown once. */
export async function appsCommand(argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'create') throw new Error(`unknown action ${action ? `"${action}"` : '(none)'}; usage: ${appsUsage}`);
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const name = values.name?.trim();
  if (!name) throw new Error(`--name is required; usage: ${appsUsage}`);
  if (name.length > 200) throw new Error('--name must be at most 200 characters');

  const database = openDatabase(databaseUrlFrom(process.env));
  try {
    await migrateToLatest(database.db, database.dialect);
    const { appId, appKey, studioToken } = await createApp(database.db, { name });
    if (values.json) {
      console.log(JSON.stringify({ appId, appKey, studioToken }));
      return;
    }
    console.log(
      [
        `Created app "${name}"`,
        `  App ID:       ${appId}`,
        `  App key:      ${appKey}   (public: createPayments({ appId, appKey }))`,
        `  Studio token: ${studioToken}   (secret: Authorization: Bearer ...)`,
        'Keep these now: only their hashes are stored.',
      ].join('\n'),
    );
  } finally {
    await database.destroy();
  }
}
