import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnPaykit, tempDirs } from '../helpers/cli.js';

const children: ChildProcess[] = [];
const temp = tempDirs('paykit-serve-');
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  temp.removeAll();
});

/** The environment of a production host: none of the variables that turn development mode on. */
function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['NODE_ENV', 'PAYKIT_DEV', 'PAYKIT_MASTER_KEY', 'PAYKIT_PUBLIC_URL', 'PAYKIT_STRIPE_API_URL', 'VITEST']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function serve(env: NodeJS.ProcessEnv) {
  const run = spawnPaykit(['serve'], { env });
  children.push(run.child);
  return { ...run, exited: run.exited.then(({ code }) => code) };
}

describe('paykit serve', () => {
  it('refuses to start without PAYKIT_MASTER_KEY outside development, naming the variable', async () => {
    const run = serve(productionEnv({ PAYKIT_DATABASE_URL: temp.database(), PAYKIT_PORT: '0' }));
    expect(await run.exited).not.toBe(0);
    expect(run.output().stderr).toContain('PAYKIT_MASTER_KEY');
  });

  it('refuses a PAYKIT_PORT that is not a port, naming the variable', async () => {
    const env = productionEnv({
      PAYKIT_DATABASE_URL: temp.database(),
      PAYKIT_PORT: 'eighty',
      PAYKIT_MASTER_KEY: randomBytes(32).toString('base64'),
    });
    const run = serve(env);
    expect(await run.exited).not.toBe(0);
    expect(run.output().stderr).toContain('PAYKIT_PORT');
    expect(run.output().stderr).not.toContain('PAYKIT_MASTER_KEY');
  });

  it('starts with a valid key, answers /healthz and /readyz, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const run = serve(
      productionEnv({
        PAYKIT_DATABASE_URL: temp.database(),
        PAYKIT_PORT: String(port),
        PAYKIT_MASTER_KEY: randomBytes(32).toString('base64'),
        PAYKIT_LOG_LEVEL: 'warn',
      }),
    );
    const url = await run.listening;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
