import { type InsertQueryBuilder, type InsertResult, type Kysely, sql } from 'kysely';
import type { Database, Db, Dialect, IdempotencyKeyTable } from '../schema.js';
import { inWriteTransaction } from './write-batch.js';

/** How long a stored answer is replayed; after that the key may be used afresh. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type IdempotencyKeyRow = IdempotencyKeyTable;
export type IdempotencyKeyId = Pick<IdempotencyKeyRow, 'scope' | 'key'>;

/**
 * An INSERT held back to commit together with the stored response (`storeIdempotentResponse`).
 * A query rather than a callback: on PostgreSQL it then rides in the same statement as a
 * data-modifying CTE, one round trip and one commit for both.
 */
export type DeferredWrite = { [T in keyof Database]: InsertQueryBuilder<Database, T, InsertResult> }[keyof Database];

/**
 * A single-statement write: on SQLite it shares its commit with the concurrent ones (write-batch.ts);
 * on PostgreSQL it autocommits, where a transaction would only add BEGIN and COMMIT round trips.
 */
function writeAlone<T>(db: Kysely<Database>, dialect: Dialect, work: (db: Db) => Promise<T>): Promise<T> {
  return dialect === 'sqlite' ? inWriteTransaction(db, dialect, work) : work(db);
}

/**
 * One statement claims the key: a new key is inserted, one created before `expiredBefore` is
 * taken over. False when another request holds it (or held it and stored its response).
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  dialect: Dialect,
  claim: IdempotencyKeyId & Pick<IdempotencyKeyRow, 'request_hash'>,
  expiredBefore: number,
): Promise<boolean> {
  const now = Date.now();
  const fresh = { request_hash: claim.request_hash, status_code: null, response_body: null, created_at: now };
  const result = await writeAlone(db, dialect, (q) =>
    q
      .insertInto('idempotency_key')
      .values({ scope: claim.scope, key: claim.key, ...fresh })
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet(fresh).where('idempotency_key.created_at', '<', expiredBefore))
      .executeTakeFirst(),
  );
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findIdempotencyKey(db: Db, id: IdempotencyKeyId) {
  return db.selectFrom('idempotency_key').selectAll().where('scope', '=', id.scope).where('key', '=', id.key).executeTakeFirst();
}

/** Frees a claimed key so the client may retry with it. */
export async function releaseIdempotencyKey(db: Kysely<Database>, dialect: Dialect, id: IdempotencyKeyId) {
  await writeAlone(db, dialect, (q) => q.deleteFrom('idempotency_key').where('scope', '=', id.scope).where('key', '=', id.key).execute());
}

/**
 * Stores the response under the claimed key and runs the deferred writes, all committed at once
 * or not at all: on PostgreSQL as one statement (the writes as data-modifying CTEs), on SQLite as
 * one unit of a shared transaction (`inWriteTransaction`), since SQLite has no writable CTEs.
 */
export async function storeIdempotentResponse(
  db: Kysely<Database>,
  dialect: Dialect,
  id: IdempotencyKeyId,
  response: Pick<IdempotencyKeyRow, 'status_code' | 'response_body'>,
  writes: readonly DeferredWrite[],
) {
  const store = (q: Db) => q.updateTable('idempotency_key').set(response).where('scope', '=', id.scope).where('key', '=', id.key);
  if (dialect === 'postgres') {
    const ctes = writes.map((write, i) => sql`${sql.id(`deferred_${i}`)} as (${write})`);
    await (ctes.length > 0 ? sql`with ${sql.join(ctes)} ${store(db)}`.execute(db) : store(db).execute());
    return;
  }
  await inWriteTransaction(db, dialect, async (trx) => {
    for (const write of writes) await trx.executeQuery(write);
    await store(trx).execute();
  });
}

/** Deletes the keys created before `cutoff` (index `idempotency_key_created`); returns how many. */
export async function deleteIdempotencyKeysBefore(db: Db, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_key').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
