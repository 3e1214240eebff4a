import type { Db } from '../schema.js';
import { invalidateReads, readThrough } from './read-cache.js';

export interface EntryView {
  id: number;
  data: Record<string, unknown>;
}

const toEntry = (row: { id: number; data: string }): EntryView => ({ id: row.id, data: JSON.parse(row.data) });

export async function insertDataSource(db: Db, row: { organisationId: string; appId: string; name: string }) {
  return db
    .insertInto('data_source')
    .values({ organisation_id: row.organisationId, app_id: row.appId, name: row.name, created_at: Date.now() })
    .returning(['id', 'name', 'app_id'])
    .executeTakeFirstOrThrow();
}

export async function findDataSource(db: Db, id: number) {
  return db.selectFrom('data_source').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDataSources(db: Db, appId: string) {
  return db.selectFrom('data_source').select(['id', 'name', 'app_id']).where('app_id', '=', appId).orderBy('id').execute();
}

export async function listEntries(db: Db, dataSourceId: number): Promise<EntryView[]> {
  const rows = await db
    .selectFrom('data_source_entry')
    .select(['id', 'data'])
    .where('data_source_id', '=', dataSourceId)
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

/**
 * `listEntries` for the hot read paths (products, checkout): reused for a few seconds (see
 * read-cache.ts); callers get the same array while it is cached and must not change it.
 */
export async function listEntriesCached(db: Db, dataSourceId: number): Promise<readonly EntryView[]> {
  return readThrough(db, `entries:${dataSourceId}`, () => listEntries(db, dataSourceId));
}

export async function insertEntry(db: Db, dataSourceId: number, data: Record<string, unknown>): Promise<EntryView> {
  const now = Date.now();
  const row = await db
    .insertInto('data_source_entry')
    .values({ data_source_id: dataSourceId, data: JSON.stringify(data), created_at: now, updated_at: now })
    .returning(['id', 'data'])
    .executeTakeFirstOrThrow();
  invalidateReads();
  return toEntry(row);
}

export async function updateEntry(db: Db, dataSourceId: number, entryId: number, data: Record<string, unknown>) {
  const result = await db
    .updateTable('data_source_entry')
    .set({ data: JSON.stringify(data), updated_at: Date.now() })
    .where('data_source_id', '=', dataSourceId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  invalidateReads();
  return Number(result.numUpdatedRows) > 0 ? { id: entryId, data } : null;
}

export async function deleteEntry(db: Db, dataSourceId: number, entryId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('data_source_entry')
    .where('data_source_id', '=', dataSourceId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  invalidateReads();
  return Number(result.numDeletedRows) > 0;
}
