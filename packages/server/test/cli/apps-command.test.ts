import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/storage/database.js';

const bin = fileURLToPath(new URL('../../bin/paykit.mjs', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paykit-apps-'));
  dirs.push(dir);
  return join(dir, 'paykit.db');
}

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

describe('paykit apps create', () => {
  it('prints only the new app as JSON with --json, and its Studio token works against a server on the same database', async () => {
    const file = tempDatabase();
    const result = await paykit(['apps', 'create', '--name', 'CLI app', '--json'], { PAYKIT_DATABASE_URL: file });
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(Object.keys(created).sort()).toEqual(['appId', 'appKey', 'studioToken']);
    expect(created.appId).toMatch(/^app_/);
    expect(created.appKey).toMatch(/^pk_app_/);
    expect(created.studioToken).toMatch(/^pks_/);

    const database = openDatabase(file);
    const app = await buildApp({ database, publicUrl: 'http://127.0.0.1:0', masterKey: randomBytes(32) });
    try {
      const created2 = await app.inject({
        method: 'POST',
        url: '/v1/data-sources',
        headers: { authorization: `Bearer ${created.studioToken}` },
        payload: { appId: created.appId, name: 'Products' },
      });
      expect(created2.statusCode).toBe(200);
      const listed = await app.inject({
        method: 'GET',
        url: `/v1/data-sources?appId=${created.appId}`,
        headers: { authorization: `Bearer ${created.studioToken}` },
      });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().dataSources.map((d: { name: string }) => d.name)).toEqual(['Products']);
      const refused = await app.inject({ method: 'GET', url: `/v1/data-sources?appId=${created.appId}`, headers: { authorization: 'Bearer pks_wrong' } });
      expect(refused.statusCode).toBe(401);
    } finally {
      await app.close();
      await database.destroy();
    }
  });

  it('prints a readable block without --json, and a second app joins the same organisation', async () => {
    const file = tempDatabase();
    const first = await paykit(['apps', 'create', '--name', 'First', '--json'], { PAYKIT_DATABASE_URL: file });
    const second = await paykit(['apps', 'create', '--name', 'Second'], { PAYKIT_DATABASE_URL: file });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Created app "Second"');
    expect(second.stdout).toMatch(/App ID:\s+app_/);
    expect(second.stdout).toMatch(/Studio token:\s+pks_/);

    const database = openDatabase(file);
    try {
      const apps = await database.db.selectFrom('app').select(['name', 'organisation_id']).orderBy('name').execute();
      expect(apps.map((a) => a.name)).toEqual(['First', 'Second']);
      expect(new Set(apps.map((a) => a.organisation_id)).size).toBe(1);
      expect(JSON.parse(first.stdout).appId).toMatch(/^app_/);
    } finally {
      await database.destroy();
    }
  });

  it('refuses to run without --name, with a message', async () => {
    const result = await paykit(['apps', 'create', '--json'], { PAYKIT_DATABASE_URL: tempDatabase() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--name is required');
    expect(result.stdout).toBe('');
  });
});
