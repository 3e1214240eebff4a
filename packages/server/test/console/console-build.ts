import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_PACKAGE = fileURLToPath(new URL('../../../console/', import.meta.url));

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function isFresh(): boolean {
  const page = join(CONSOLE_PACKAGE, 'dist/index.html');
  const sources = Math.max(newest(join(CONSOLE_PACKAGE, 'src')), newest(join(CONSOLE_PACKAGE, 'index.html')), newest(join(CONSOLE_PACKAGE, 'vite.config.ts')));
  return existsSync(page) && statSync(page).mtimeMs >= sources;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the console (`npm run build` in packages/console) when dist is missing or older than its
 * sources. Test files run in parallel processes: a lock directory lets one build while the others wait.
 */
export function ensureConsoleBuilt(): void {
  const lock = join(CONSOLE_PACKAGE, '.build-lock');
  const deadline = Date.now() + 120_000;
  while (!isFresh()) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`the console build lock ${lock} is held for too long; remove it if no build runs`);
      sleep(200);
      continue;
    }
    try {
      if (!isFresh()) execFileSync('npm', ['run', 'build'], { cwd: CONSOLE_PACKAGE, stdio: 'pipe' });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
