import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/paykit.mjs', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function paykit(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('paykit migrate', () => {
  it('prints the migrations it applies on the first run and none on the second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paykit-migrate-'));
    dirs.push(dir);
    const env = { PAYKIT_DATABASE_URL: join(dir, 'nested', 'paykit.db') };

    const first = await paykit(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied migration 2026-11-25-001-initial');

    const second = await paykit(['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('Applied migration');
    expect(second.stdout).toContain('up to date');
  });
});
