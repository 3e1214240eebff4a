import type { SecretBox } from '../../security/secret-box.js';
import {
  replaceSealedValue,
  SEALED_COLUMNS,
  type SealedColumn,
  type SealedTable,
  sealedRowsAfter,
} from '../../storage/repositories/sealed-secrets.js';
import type { Db } from '../../storage/schema.js';
import { type SecretField, secretContext } from './secrets.js';

/** The authenticated-data field of each sealed column (see `secretContext`). */
const FIELD_OF: Record<SealedColumn, SecretField> = {
  secret_key_sealed: 'secret_key',
  signing_secrets_sealed: 'signing_secrets',
  user_token_secret_sealed: 'user_token_secret',
};

/** Counts only: a rotation report never carries a secret. */
export interface RotationReport {
  /** Sealed values found. */
  secrets: number;
  /** Re-sealed under the current key by this run. */
  resealed: number;
  /** Already under the current key (skipped). */
  current: number;
  /** Changed by a running server between read and write; left as written (run again to finish). */
  changed: number;
  /** Sealed under a key this run does not have, by key id (add it to PAYKIT_PREVIOUS_MASTER_KEYS). */
  unopened: Record<string, number>;
}

/**
 * Re-seals every stored secret under the box's current key, a page of rows at a time, each value
 * replaced with a compare-and-set. Servers keep working throughout as long as they hold both the
 * new and the old key (current + PAYKIT_PREVIOUS_MASTER_KEYS): every value is always openable.
 * Idempotent: values already under the current key are skipped.
 */
export async function rotateSealedSecrets(
  db: Db,
  box: SecretBox,
  { batchSize = 100, onBatch }: { batchSize?: number; onBatch?: (report: RotationReport) => Promise<void> | void } = {},
): Promise<RotationReport> {
  const report: RotationReport = { secrets: 0, resealed: 0, current: 0, changed: 0, unopened: {} };
  for (const table of Object.keys(SEALED_COLUMNS) as SealedTable[]) {
    let after = '';
    for (;;) {
      const rows = await sealedRowsAfter(db, table, after, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        for (const column of SEALED_COLUMNS[table]) {
          const sealed = row.values[column];
          if (!sealed) continue;
          report.secrets += 1;
          if (!box.isStale(sealed)) {
            report.current += 1;
            continue;
          }
          const context = secretContext(row.appId, FIELD_OF[column]);
          let resealed: string;
          try {
            resealed = box.seal(box.open(sealed, context), context);
          } catch {
            const kid = sealed.split('.')[1] ?? '?';
            report.unopened[kid] = (report.unopened[kid] ?? 0) + 1;
            continue;
          }
          if (await replaceSealedValue(db, table, row.appId, column, sealed, resealed)) report.resealed += 1;
          else report.changed += 1;
        }
      }
      after = rows[rows.length - 1]?.appId ?? after;
      await onBatch?.(report);
      if (rows.length < batchSize) break;
    }
  }
  return report;
}
