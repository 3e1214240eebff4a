import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { rotateSealedSecrets } from '../payments/configuration/rotate-keys.js';
import { createSecretBox } from '../security/secret-box.js';
import { openDatabase } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';

export const keysUsage =
  'paykit keys rotate [--batch-size 100]   (re-seals every secret under PAYKIT_MASTER_KEY, opening them with PAYKIT_PREVIOUS_MASTER_KEYS)';

/**
 * `paykit keys rotate`: re-encrypts every stored secret under the current master key. Run it while
 * the servers hold the new key as PAYKIT_MASTER_KEY and the old one in PAYKIT_PREVIOUS_MASTER_KEYS;
 * once it reports nothing left under an old key, the old key can be dropped. Prints counts only.
 */
export async function keysCommand(argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'rotate') throw new Error(`unknown action ${action ? `"${action}"` : '(none)'}; usage: ${keysUsage}`);
  const { values } = parseArgs({ args: rest, options: { 'batch-size': { type: 'string', default: '100' } }, strict: true });
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('--batch-size must be an integer 1-10000');
  const config = loadConfig(process.env);
  if (config.dev && !process.env.PAYKIT_MASTER_KEY) throw new Error('PAYKIT_MASTER_KEY must be set to the new key to rotate to');
  const box = createSecretBox(config.masterKey, config.previousMasterKeys);
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db, database.dialect);
    const report = await rotateSealedSecrets(database.db, box, { batchSize });
    console.log(
      `Re-encrypted ${report.resealed} of ${report.secrets} secrets under key ${box.keyId}; ` +
        `${report.current} already under it, ${report.changed} changed meanwhile.`,
    );
    const unopened = Object.entries(report.unopened);
    if (report.changed > 0) console.log('Some secrets changed during the rotation: run `paykit keys rotate` again.');
    if (unopened.length > 0) {
      const list = unopened.map(([kid, n]) => `${n} under key ${kid}`).join(', ');
      throw new Error(`could not open ${list}: add the key they were sealed under to PAYKIT_PREVIOUS_MASTER_KEYS`);
    }
  } finally {
    await database.destroy();
  }
}
