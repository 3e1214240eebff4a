import type { Db } from '../schema.js';
import { invalidateReads, readThrough } from './read-cache.js';

export async function findFirstOrganisation(db: Db) {
  return db.selectFrom('organisation').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
}

export async function insertOrganisation(db: Db, row: { id: string; name: string }) {
  await db.insertInto('organisation').values({ ...row, created_at: Date.now() }).execute();
}

export async function insertStudioToken(db: Db, row: { tokenHash: string; organisationId: string }) {
  await db
    .insertInto('studio_token')
    .values({ token_hash: row.tokenHash, organisation_id: row.organisationId, created_at: Date.now() })
    .execute();
}

/** Read on every Studio request: reused for a few seconds (see read-cache.ts), a miss is never kept. */
export async function findOrganisationIdByStudioToken(db: Db, tokenHash: string): Promise<string | null> {
  return readThrough(db, `studio_token:${tokenHash}`, async () => {
    const row = await db.selectFrom('studio_token').select('organisation_id').where('token_hash', '=', tokenHash).executeTakeFirst();
    return row?.organisation_id ?? null;
  });
}

export async function insertApp(db: Db, row: { id: string; organisationId: string; name: string; appKeyHash: string }) {
  await db
    .insertInto('app')
    .values({ id: row.id, organisation_id: row.organisationId, name: row.name, app_key_hash: row.appKeyHash, created_at: Date.now() })
    .execute();
  invalidateReads();
}

/** Read on every app request: reused for a few seconds (see read-cache.ts), a miss is never kept. */
export async function findApp(db: Db, appId: string) {
  return readThrough(db, `app:${appId}`, () => db.selectFrom('app').selectAll().where('id', '=', appId).executeTakeFirst());
}

/** Read on every request with an app key: reused for a few seconds (see read-cache.ts), a miss is never kept. */
export async function findAppIdByKeyHash(db: Db, keyHash: string): Promise<string | null> {
  return readThrough(db, `app_key:${keyHash}`, async () => {
    const row = await db.selectFrom('app').select('id').where('app_key_hash', '=', keyHash).executeTakeFirst();
    return row?.id ?? null;
  });
}

export async function listApps(db: Db, organisationId: string) {
  return db.selectFrom('app').select(['id', 'name', 'created_at']).where('organisation_id', '=', organisationId).orderBy('created_at').execute();
}
