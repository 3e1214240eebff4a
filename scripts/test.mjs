#!/usr/bin/env node
// `npm test`: the whole suite, on SQLite and on PostgreSQL.
// PostgreSQL comes from PAYKIT_TEST_POSTGRES_URL, else 127.0.0.1:5432; when nothing answers
// there, a throwaway cluster is started from the installed binaries. Redis (the rate-limit
// counters shared between servers) likewise from PAYKIT_TEST_REDIS_URL, else 127.0.0.1:6379,
// else a throwaway redis-server. Never skips silently.
import { spawn } from 'node:child_process';
import { ensurePostgres } from './postgres.mjs';
import { ensureRedis } from './redis.mjs';

const pg = await ensurePostgres();
const redis = await ensureRedis();
const env = {
  ...process.env,
  PAYKIT_TEST_POSTGRES_URL: pg.url,
  PAYKIT_TEST_REDIS_URL: redis.url,
  PAYKIT_TEST_DIALECTS: process.env.PAYKIT_TEST_DIALECTS ?? 'sqlite,postgres',
};
console.log(`paykit tests: databases ${env.PAYKIT_TEST_DIALECTS}; PostgreSQL at ${pg.url}${pg.throwaway ? ' (throwaway)' : ''}; Redis at ${redis.url}${redis.throwaway ? ' (throwaway)' : ''}`);

const args = ['vitest', 'run', ...process.argv.slice(2)];
const child = spawn('npx', args, { stdio: 'inherit', env });
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await pg.stop();
await redis.stop();
process.exit(code);
