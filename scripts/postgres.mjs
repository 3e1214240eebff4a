// Finds a PostgreSQL server for the tests or starts a throwaway one from the installed binaries.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function findBinDir() {
  const candidates = [];
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  candidates.push('/usr/local/bin', '/usr/bin');
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startThrowaway() {
  const bin = findBinDir();
  if (!bin) {
    throw new Error(
      'paykit tests need PostgreSQL: nothing answers at ' + DEFAULT_URL +
        ' and no initdb/pg_ctl binaries were found. Install postgresql (apt-get install -y postgresql) or set PAYKIT_TEST_POSTGRES_URL.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'paykit-pg-'));
  const port = await freePort();
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asUser.length) execFileSync('chown', ['postgres', dir]);
  const run = (cmd, args) => execFileSync(asUser[0] ?? cmd, asUser.length ? [...asUser.slice(1), cmd, ...args] : args, { stdio: 'pipe' });
  run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start', '-l', join(dir, 'log')]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('create database test');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/test`,
    throwaway: true,
    stop: async () => {
      try {
        run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function ensurePostgres() {
  const url = process.env.PAYKIT_TEST_POSTGRES_URL ?? DEFAULT_URL;
  if (await canConnect(url)) return { url, throwaway: false, stop: async () => {} };
  if (process.env.PAYKIT_TEST_POSTGRES_URL) {
    throw new Error(`PAYKIT_TEST_POSTGRES_URL=${url} does not answer; fix it or unset it to use a throwaway server.`);
  }
  console.log(`No PostgreSQL at ${url}: starting a throwaway server from the installed binaries.`);
  return startThrowaway();
}
