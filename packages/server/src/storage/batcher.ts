interface Pending<T, R> {
  item: T;
  keys: string[];
  resolve(value: R): void;
  reject(error: unknown): void;
}

export interface BatcherOptions<T> {
  /** At most this many items per batch. */
  maxBatch: number;
  /** With `sizeOf`: at most this much per batch (a single larger item still goes, alone). */
  maxSize?: number;
  sizeOf?: (item: T) => number;
  /** At most this many batches running at once; items arriving meanwhile wait for the next one. */
  maxInFlight: number;
  /**
   * Items sharing a key never run at the same time: a later one waits until the batch holding the
   * earlier one has finished (so it sees the earlier one's writes, and no statement touches a row twice).
   */
  keysOf?: (item: T) => string[];
}

/**
 * Group commit for any write: items submitted while the batches in flight run are collected and
 * handed to `run` together, one result (or error) per item, in order. Under light load a batch is
 * a single item started on the next turn of the event loop; under a burst, batches grow by themselves.
 */
export function createBatcher<T, R>(run: (items: T[]) => Promise<(R | Error)[]>, options: BatcherOptions<T>): (item: T) => Promise<R> {
  const queue: Pending<T, R>[] = [];
  /** Keys of the items in the batches running now. */
  const busy = new Set<string>();
  let inFlight = 0;
  let scheduled = false;

  function takeBatch(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    const waiting: Pending<T, R>[] = [];
    let size = 0;
    for (const pending of queue) {
      const itemSize = options.sizeOf?.(pending.item) ?? 0;
      const fits = batch.length < options.maxBatch && (batch.length === 0 || size + itemSize <= (options.maxSize ?? Number.POSITIVE_INFINITY));
      if (fits && !pending.keys.some((key) => busy.has(key))) {
        for (const key of pending.keys) busy.add(key);
        batch.push(pending);
        size += itemSize;
      } else waiting.push(pending);
    }
    queue.splice(0, queue.length, ...waiting);
    return batch;
  }

  async function runBatch(batch: Pending<T, R>[]) {
    try {
      const results = await run(batch.map((p) => p.item));
      batch.forEach((pending, i) => {
        const result = results[i];
        if (result instanceof Error) pending.reject(result);
        else pending.resolve(result as R);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  function flush() {
    scheduled = false;
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = takeBatch();
      // Everything waiting shares a key with a running batch: its end schedules the next flush.
      if (batch.length === 0) return;
      inFlight++;
      runBatch(batch).finally(() => {
        for (const pending of batch) for (const key of pending.keys) busy.delete(key);
        inFlight--;
        schedule();
      });
    }
  }

  function schedule() {
    if (scheduled || queue.length === 0 || inFlight >= options.maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, keys: options.keysOf?.(item) ?? [], resolve, reject });
      schedule();
    });
}

/** One batcher per owner (a database), created on first use: `batched(db, item)`. */
export function batcherPerOwner<O extends object, T, R>(create: (owner: O) => (item: T) => Promise<R>): (owner: O, item: T) => Promise<R> {
  const batchers = new WeakMap<O, (item: T) => Promise<R>>();
  return (owner, item) => {
    let batcher = batchers.get(owner);
    if (!batcher) {
      batcher = create(owner);
      batchers.set(owner, batcher);
    }
    return batcher(item);
  };
}
