import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database, Dialect } from '../schema.js';

type Work = (trx: Transaction<Database>) => Promise<unknown>;

interface Pending {
  work: Work;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Queue {
  pending: Pending[];
  scheduled: boolean;
}

/** At most this many units share one commit. */
const MAX_BATCH = 128;
const queues = new WeakMap<Kysely<Database>, Queue>();
const SAVEPOINT = CompiledQuery.raw('savepoint paykit_unit');
const RELEASE = CompiledQuery.raw('release savepoint paykit_unit');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint paykit_unit');

async function runBatch(db: Kysely<Database>, batch: Pending[]) {
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const unit of batch) {
        await trx.executeQuery(SAVEPOINT);
        try {
          const value = await unit.work(trx);
          await trx.executeQuery(RELEASE);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await trx.executeQuery(ROLLBACK);
          await trx.executeQuery(RELEASE);
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    for (const unit of batch) unit.reject(error);
    return;
  }
  batch.forEach((unit, i) => {
    const outcome = outcomes[i];
    if (outcome?.ok) unit.resolve(outcome.value);
    else unit.reject(outcome?.error);
  });
}

function flush(db: Kysely<Database>, queue: Queue) {
  const batch = queue.pending.splice(0, MAX_BATCH);
  runBatch(db, batch).finally(() => {
    if (queue.pending.length > 0) flush(db, queue);
    else queue.scheduled = false;
  });
}

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
  let queue = queues.get(db);
  if (!queue) {
    queue = { pending: [], scheduled: false };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (q.scheduled) return;
    q.scheduled = true;
    setImmediate(() => flush(db, q));
  });
}
