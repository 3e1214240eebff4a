import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `paykit` bin, run with this Node. */
export const PAYKIT_BIN = fileURLToPath(new URL('../../bin/paykit.mjs', import.meta.url));

export interface PaykitChild {
  child: ChildProcess;
  /** The exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `http://HOST:PORT` once it printed that it listens; rejects with its output when it exits first. */
  listening: Promise<string>;
  output(): { stdout: string; stderr: string };
}

/** Starts `paykit ...` with exactly this environment, collecting what it prints. */
export function spawnPaykit(args: string[], { env = process.env, cwd }: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): PaykitChild {
  const child = spawn(process.execPath, [PAYKIT_BIN, ...args], { env, cwd, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    exited.then(({ code, signal }) => reject(new Error(`paykit ${args[0]} exited (${code ?? signal}) before listening:\n${stdout}${stderr}`)));
  });
  listening.catch(() => {});
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

/** Runs `paykit ...` to its end and collects what it printed. */
export async function runPaykit(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnPaykit(args, { env: { ...process.env, ...env } });
  const { code } = await run.exited;
  return { code, ...run.output() };
}

/** A port nothing listens on right now (the system's pick, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Temporary directories, removed by `removeAll()` (call it from afterEach/afterAll). */
export function tempDirs(prefix: string) {
  const dirs: string[] = [];
  return {
    create(): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    /** A SQLite file path in a new temporary directory. */
    database(): string {
      return join(this.create(), 'paykit.db');
    },
    removeAll(): void {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
