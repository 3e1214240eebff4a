import type { Db } from '../schema.js';

/**
 * How long a hot read (app key, app, payment configuration, catalogue entries) is reused by one
 * process. Writes made through this process's repositories drop every cached read at once
 * (`invalidateReads`); a write made by another `paykit serve` process is seen here at most this
 * long after it committed. That is the whole staleness bound: nothing else is kept in memory
 * between requests.
 */
export const READ_CACHE_TTL_MS = 2_000;
/** Per database; beyond it the oldest entries go first. */
const MAX_ENTRIES = 10_000;

interface Entry {
  value: Promise<unknown>;
  expires: number;
  generation: number;
}

const caches = new WeakMap<Db, Map<string, Entry>>();
let generation = 0;
let ttlMs = READ_CACHE_TTL_MS;

/** Forgets every cached read in this process: called by the repositories after each write to a cached table. */
export function invalidateReads(): void {
  generation++;
}

/** Tests shorten or disable (0) the reuse; `paykit serve` keeps the default. */
export function setReadCacheTtl(ms: number): void {
  ttlMs = ms;
  invalidateReads();
}

/**
 * `load()` once per `key` and TTL, shared by concurrent callers (one query, not one per request
 * when an entry expires under load). Only a found row (`keep(value)`) is kept: an unknown token
 * or app is asked again every time, so a new app is usable at once and a flood of bad tokens
 * cannot fill the cache. Inside a transaction the read always goes to the database.
 */
export function readThrough<T>(db: Db, key: string, load: () => Promise<T>, keep: (value: T) => boolean = (v) => v != null): Promise<T> {
  if (ttlMs <= 0 || db.isTransaction) return load();
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.generation === generation && hit.expires > now) return hit.value as Promise<T>;
  if (hit) cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  const map = cache;
  const entry: Entry = { value: load(), expires: now + ttlMs, generation };
  map.set(key, entry);
  const forget = () => {
    if (map.get(key) === entry) map.delete(key);
  };
  (entry.value as Promise<T>).then((value) => {
    if (!keep(value)) forget();
  }, forget);
  return entry.value as Promise<T>;
}
