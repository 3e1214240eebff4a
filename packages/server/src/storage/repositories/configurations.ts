import type { Db, PaymentConfigurationTable } from '../schema.js';
import { invalidateReads, readThrough } from './read-cache.js';

export type ConfigurationRow = PaymentConfigurationTable;

export async function findConfiguration(db: Db, appId: string): Promise<ConfigurationRow | undefined> {
  return db.selectFrom('payment_configuration').selectAll().where('app_id', '=', appId).executeTakeFirst();
}

export async function findConfigurationByWebhookToken(db: Db, token: string): Promise<ConfigurationRow | undefined> {
  return db.selectFrom('payment_configuration').selectAll().where('webhook_token', '=', token).executeTakeFirst();
}

/**
 * `findConfiguration` for the hot read paths (products, checkout): reused for a few seconds (see
 * read-cache.ts). Code that reads in order to write (updating secrets) uses `findConfiguration`.
 */
export async function findConfigurationCached(db: Db, appId: string): Promise<ConfigurationRow | undefined> {
  return readThrough(db, `configuration:${appId}`, () => findConfiguration(db, appId));
}

/** `findConfigurationByWebhookToken` for every webhook delivery: reused for a few seconds (see read-cache.ts). */
export async function findConfigurationByWebhookTokenCached(db: Db, token: string): Promise<ConfigurationRow | undefined> {
  return readThrough(db, `webhook_token:${token}`, () => findConfigurationByWebhookToken(db, token));
}

export async function saveConfiguration(db: Db, row: Omit<ConfigurationRow, 'updated_at'>) {
  const { app_id, ...changes } = row;
  await db
    .insertInto('payment_configuration')
    .values({ ...row, updated_at: Date.now() })
    .onConflict((oc) => oc.column('app_id').doUpdateSet({ ...changes, updated_at: Date.now() }))
    .execute();
  invalidateReads();
}

export async function saveSigningSecrets(db: Db, appId: string, sealed: string) {
  const result = await db
    .updateTable('payment_configuration')
    .set({ signing_secrets_sealed: sealed, updated_at: Date.now() })
    .where('app_id', '=', appId)
    .executeTakeFirst();
  invalidateReads();
  return Number(result.numUpdatedRows) > 0;
}

export async function listConfigurations(db: Db) {
  return db.selectFrom('payment_configuration').selectAll().execute();
}
