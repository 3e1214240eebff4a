export interface PaykitConfig {
  port: number;
  host: string;
  /** Base of webhook and return URLs, without a trailing slash. */
  publicUrl: string;
  /** `postgres://...` for PostgreSQL, otherwise a SQLite file path (or `:memory:`). */
  databaseUrl: string;
  masterKey: Buffer;
  /** Earlier master keys still accepted for decryption while `paykit keys rotate` runs. */
  previousMasterKeys: Buffer[];
  stripeApiUrl: string | undefined;
  /** `PAYKIT_FLITT_API_URL`: a Flitt emulator's base URL; unset talks to Flitt. */
  flittApiUrl: string | undefined;
  /** Local development: `serve` may start without PAYKIT_MASTER_KEY. */
  dev: boolean;
  logLevel: string;
  /** `PAYKIT_RATE_LIMIT_PER_MINUTE`: requests per minute per bearer token on the public routes (0 = off). */
  rateLimitPerMinute: number;
  /** `PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE`: requests per minute per client IP on the public routes (0 = off). */
  rateLimitPerIpPerMinute: number;
  /** `PAYKIT_REDIS_URL`: `redis://...` shares the rate-limit counters between processes. */
  redisUrl: string | undefined;
  /** `PAYKIT_RECONCILE_INTERVAL_SECONDS`: how often serve looks for events webhooks missed (0 = never). */
  reconcileIntervalSeconds: number;
  /** `PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS`: how often serve deletes expired idempotency keys and old receipts (0 = never). */
  housekeepingIntervalSeconds: number;
  /** `PAYKIT_RECEIPT_RETENTION_DAYS`: how long the console keeps refused and duplicate webhook deliveries. */
  receiptRetentionDays: number;
  /** `PAYKIT_METRICS_TOKEN`: bearer token for /metrics; unset serves /metrics to loopback clients only. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_DATABASE = './data/paykit.db';

/** `PAYKIT_DATABASE_URL`, or the embedded SQLite file; commands that need no master key read only this. */
export function databaseUrlFrom(env: Record<string, string | undefined>): string {
  return env.PAYKIT_DATABASE_URL || DEFAULT_DATABASE;
}

/** A TCP port number a server can listen on (0 asks the system for a free one). */
export const isPort = (value: number) => Number.isInteger(value) && value >= 0 && value <= 65535;

function parsePort(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!isPort(port)) problems.push(`${name} must be a port number 0-65535, got "${value}"`);
  return port;
}

function parseUrl(value: string | undefined, name: string, problems: string[]): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return value.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} must be an http(s) URL, got "${value}"`);
    return undefined;
  }
}

function parseCount(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) problems.push(`${name} must be a whole number >= 0 (0 turns the limit off), got "${value}"`);
  return count;
}

export function parseMasterKey(value: string, name: string, problems: string[]): Buffer | null {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== value.trim().replace(/=+$/, '')) {
    problems.push(`${name} must be 32 random bytes in base64 (try: openssl rand -base64 32)`);
    return null;
  }
  return key;
}

/** Reads and validates the environment once; every bad variable is named in one error. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<PaykitConfig> {
  const problems: string[] = [];
  const dev = env.PAYKIT_DEV === '1' || env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
  const port = parsePort(env.PAYKIT_PORT, 8080, 'PAYKIT_PORT', problems);
  const host = env.PAYKIT_HOST || '127.0.0.1';
  const publicUrl =
    parseUrl(env.PAYKIT_PUBLIC_URL, 'PAYKIT_PUBLIC_URL', problems) ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const stripeApiUrl = parseUrl(env.PAYKIT_STRIPE_API_URL, 'PAYKIT_STRIPE_API_URL', problems);
  const flittApiUrl = parseUrl(env.PAYKIT_FLITT_API_URL, 'PAYKIT_FLITT_API_URL', problems);
  let masterKey: Buffer | null = null;
  if (env.PAYKIT_MASTER_KEY) masterKey = parseMasterKey(env.PAYKIT_MASTER_KEY, 'PAYKIT_MASTER_KEY', problems);
  else if (!dev) problems.push('PAYKIT_MASTER_KEY is required outside of development (32 bytes, base64: openssl rand -base64 32)');
  const previousMasterKeys = (env.PAYKIT_PREVIOUS_MASTER_KEYS ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map((k, i) => parseMasterKey(k.trim(), `PAYKIT_PREVIOUS_MASTER_KEYS[${i}]`, problems))
    .filter((k): k is Buffer => k !== null);
  const rateLimitPerMinute = parseCount(env.PAYKIT_RATE_LIMIT_PER_MINUTE, 6000, 'PAYKIT_RATE_LIMIT_PER_MINUTE', problems);
  const rateLimitPerIpPerMinute = parseCount(env.PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE, 6000, 'PAYKIT_RATE_LIMIT_PER_IP_PER_MINUTE', problems);
  const reconcileIntervalSeconds = parseCount(env.PAYKIT_RECONCILE_INTERVAL_SECONDS, 300, 'PAYKIT_RECONCILE_INTERVAL_SECONDS', problems);
  const housekeepingIntervalSeconds = parseCount(env.PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS, 3600, 'PAYKIT_HOUSEKEEPING_INTERVAL_SECONDS', problems);
  const receiptRetentionDays = parseCount(env.PAYKIT_RECEIPT_RETENTION_DAYS, 30, 'PAYKIT_RECEIPT_RETENTION_DAYS', problems);
  if (receiptRetentionDays === 0) problems.push('PAYKIT_RECEIPT_RETENTION_DAYS must be at least 1');
  const redisUrl = env.PAYKIT_REDIS_URL || undefined;
  if (redisUrl && !/^redis:\/\/[^/]/.test(redisUrl)) problems.push(`PAYKIT_REDIS_URL must be a redis://host:port URL, got "${redisUrl}"`);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    publicUrl,
    databaseUrl: databaseUrlFrom(env),
    // Development without a key: a fixed, obviously non-secret key, never accepted outside dev.
    masterKey: masterKey ?? Buffer.alloc(32, 7),
    previousMasterKeys,
    stripeApiUrl,
    flittApiUrl,
    dev,
    logLevel: env.PAYKIT_LOG_LEVEL || 'info',
    rateLimitPerMinute,
    rateLimitPerIpPerMinute,
    redisUrl,
    reconcileIntervalSeconds,
    housekeepingIntervalSeconds,
    receiptRetentionDays,
    metricsToken: env.PAYKIT_METRICS_TOKEN || undefined,
  });
}
