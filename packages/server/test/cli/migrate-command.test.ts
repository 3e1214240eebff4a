import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPaykit, tempDirs } from '../helpers/cli.js';

const temp = tempDirs('paykit-migrate-');
afterEach(() => temp.removeAll());

describe('paykit migrate', () => {
  it('prints the migrations it applies on the first run and none on the second', async () => {
    const dir = temp.create();
    const env = { PAYKIT_DATABASE_URL: join(dir, 'nested', 'paykit.db') };

    const first = await runPaykit(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied migration 2026-11-25-001-initial');

    const second = await runPaykit(['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('Applied migration');
    expect(second.stdout).toContain('up to date');
  });
});
