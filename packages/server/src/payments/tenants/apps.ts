import { generateId, generateToken, hashToken, TOKEN_PREFIX } from '../../security/tokens.js';
import {
  findFirstOrganisation,
  insertApp,
  insertOrganisation,
  insertStudioToken,
} from '../../storage/repositories/tenants.js';
import type { Db } from '../../storage/schema.js';

export interface CreatedApp {
  appId: string;
  appKey: string;
  studioToken: string;
  organisationId: string;
}

/**
 * Creates an app (and the organisation on first use) with a new app key and Studio token.
 * Both are shown once: only their hashes are stored.
 */
export async function createApp(db: Db, input: { name: string; organisationId?: string }): Promise<CreatedApp> {
  return db.transaction().execute(async (trx) => {
    let organisationId = input.organisationId ?? (await findFirstOrganisation(trx))?.id;
    if (!organisationId) {
      organisationId = generateId('org_');
      await insertOrganisation(trx, { id: organisationId, name: 'Default organisation' });
    }
    const appId = generateId('app_');
    const appKey = generateToken(TOKEN_PREFIX.appKey);
    const studioToken = generateToken(TOKEN_PREFIX.studio);
    await insertApp(trx, { id: appId, organisationId, name: input.name, appKeyHash: hashToken(appKey) });
    await insertStudioToken(trx, { tokenHash: hashToken(studioToken), organisationId });
    return { appId, appKey, studioToken, organisationId };
  });
}

/** A new organisation of its own (used to prove tenants cannot see each other). */
export async function createOrganisation(db: Db, name: string) {
  const organisationId = generateId('org_');
  await insertOrganisation(db, { id: organisationId, name });
  return organisationId;
}
