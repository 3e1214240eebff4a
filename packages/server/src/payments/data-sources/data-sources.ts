import { NotFoundError } from '../../errors/index.js';
import * as repo from '../../storage/repositories/data-sources.js';
import { findApp } from '../../storage/repositories/tenants.js';
import type { Db } from '../../storage/schema.js';

/** Data sources belong to an app of an organisation; another organisation sees a 404, never a 403 that confirms existence. */
export async function requireDataSource(db: Db, organisationId: string, id: number) {
  const source = await repo.findDataSource(db, id);
  if (!source || source.organisation_id !== organisationId) throw new NotFoundError('data source', id);
  return source;
}

export async function requireAppOfOrganisation(db: Db, organisationId: string, appId: string) {
  const app = await findApp(db, appId);
  if (!app || app.organisation_id !== organisationId) throw new NotFoundError('app', appId);
  return app;
}

export async function createDataSource(db: Db, organisationId: string, input: { appId: string; name: string }) {
  await requireAppOfOrganisation(db, organisationId, input.appId);
  const row = await repo.insertDataSource(db, { organisationId, appId: input.appId, name: input.name });
  return { id: row.id, name: row.name, appId: row.app_id };
}

export async function listDataSources(db: Db, organisationId: string, appId: string) {
  await requireAppOfOrganisation(db, organisationId, appId);
  const rows = await repo.listDataSources(db, appId);
  return rows.map((row) => ({ id: row.id, name: row.name, appId: row.app_id }));
}

export async function listEntries(db: Db, organisationId: string, id: number) {
  await requireDataSource(db, organisationId, id);
  return repo.listEntries(db, id);
}

export async function addEntry(db: Db, organisationId: string, id: number, data: Record<string, unknown>) {
  await requireDataSource(db, organisationId, id);
  return repo.insertEntry(db, id, data);
}

export async function updateEntry(db: Db, organisationId: string, id: number, entryId: number, data: Record<string, unknown>) {
  await requireDataSource(db, organisationId, id);
  const entry = await repo.updateEntry(db, id, entryId, data);
  if (!entry) throw new NotFoundError('data source entry', entryId);
  return entry;
}

export async function deleteEntry(db: Db, organisationId: string, id: number, entryId: number) {
  await requireDataSource(db, organisationId, id);
  if (!(await repo.deleteEntry(db, id, entryId))) throw new NotFoundError('data source entry', entryId);
}
