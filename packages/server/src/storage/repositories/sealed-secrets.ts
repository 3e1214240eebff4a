import type { Db } from '../schema.js';
import { invalidateReads } from './read-cache.js';

/** Every column that holds a value sealed with the secret box, by table: what `paykit keys rotate` re-seals. */
export const SEALED_COLUMNS = {
  payment_configuration: ['secret_key_sealed', 'signing_secrets_sealed'],
  app_security: ['user_token_secret_sealed'],
} as const;

export type SealedTable = keyof typeof SEALED_COLUMNS;
export type SealedColumn = (typeof SEALED_COLUMNS)[SealedTable][number];
export interface SealedRow {
  appId: string;
  values: Partial<Record<SealedColumn, string | null>>;
}

/** One page of rows (keyset pagination on app_id), so a rotation never holds a long transaction or lock. */
export async function sealedRowsAfter(db: Db, table: SealedTable, afterAppId: string, limit: number): Promise<SealedRow[]> {
  if (table === 'payment_configuration') {
    const rows = await db
      .selectFrom('payment_configuration')
      .select(['app_id', 'secret_key_sealed', 'signing_secrets_sealed'])
      .where('app_id', '>', afterAppId)
      .orderBy('app_id')
      .limit(limit)
      .execute();
    return rows.map(({ app_id, ...values }) => ({ appId: app_id, values }));
  }
  const rows = await db
    .selectFrom('app_security')
    .select(['app_id', 'user_token_secret_sealed'])
    .where('app_id', '>', afterAppId)
    .orderBy('app_id')
    .limit(limit)
    .execute();
  return rows.map(({ app_id, ...values }) => ({ appId: app_id, values }));
}

/**
 * Replaces one sealed value only if it is still the one read (compare-and-set): a secret changed
 * meanwhile by a running server is left as that server wrote it. True when the row was updated.
 */
export async function replaceSealedValue(db: Db, table: SealedTable, appId: string, column: SealedColumn, from: string, to: string) {
  let result: { numUpdatedRows: bigint };
  if (table === 'payment_configuration' && column === 'secret_key_sealed') {
    result = await db.updateTable(table).set({ secret_key_sealed: to }).where('app_id', '=', appId).where(column, '=', from).executeTakeFirst();
  } else if (table === 'payment_configuration' && column === 'signing_secrets_sealed') {
    result = await db.updateTable(table).set({ signing_secrets_sealed: to }).where('app_id', '=', appId).where(column, '=', from).executeTakeFirst();
  } else if (table === 'app_security' && column === 'user_token_secret_sealed') {
    result = await db.updateTable(table).set({ user_token_secret_sealed: to }).where('app_id', '=', appId).where(column, '=', from).executeTakeFirst();
  } else {
    throw new Error(`${table}.${column} is not a sealed column`);
  }
  invalidateReads();
  return Number(result.numUpdatedRows) > 0;
}
