import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { batcherPerOwner, createBatcher } from '../batcher.js';
import type { Database, Dialect } from '../schema.js';

type Work = (trx: Transaction<Database>) => Promise<unknown>;

/** At most this many units share one commit. */
const MAX_BATCH = 128;
const SAVEPOINT = CompiledQuery.raw('savepoint paykit_unit');
const RELEASE = CompiledQuery.raw('release savepoint paykit_unit');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint paykit_unit');

/** One transaction for the whole batch, a savepoint per unit: a failing unit rolls back its own writes only. */
async function runBatch(db: Kysely<Database>, batch: Work[]): Promise<unknown[]> {
  return db.transaction().execute(async (trx) => {
    const outcomes: unknown[] = [];
    for (const work of batch) {
      await trx.executeQuery(SAVEPOINT);
      try {
        outcomes.push(await work(trx));
        await trx.executeQuery(RELEASE);
      } catch (error) {
        await trx.executeQuery(ROLLBACK);
        await trx.executeQuery(RELEASE);
        outcomes.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return outcomes;
  });
}

const inSharedCommit = batcherPerOwner((db: Kysely<Database>) =>
  createBatcher((batch: Work[]) => runBatch(db, batch), { maxBatch: MAX_BATCH, maxInFlight: 1 }),
);

/**
 * Runs `work` in a transaction of its own, as far as anyone can tell: it sees its own writes,
 * a throw rolls back exactly its writes, and the promise settles only after its writes are
 * committed (so a caller answering 2xx afterwards has durable data).
 *
 * On SQLite, which has one connection and one writer anyway, the units that arrive while a commit
 * is running share the next transaction, each inside a savepoint: one commit (one WAL append of
 * the touched pages) for a burst of webhooks instead of one per webhook. PostgreSQL already
 * groups concurrent commits in its WAL flush, so there each unit simply gets its own transaction.
 */
export function inWriteTransaction<T>(db: Kysely<Database>, dialect: Dialect, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  // Already inside the caller's transaction: its commit is the one that counts.
  if (db.isTransaction) return work(db as Transaction<Database>);
  if (dialect !== 'sqlite') return db.transaction().execute(work);
  return inSharedCommit(db, work as Work) as Promise<T>;
}
