import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/storage/database.js';
import { runPaykit, tempDirs } from '../helpers/cli.js';

const temp = tempDirs('paykit-apps-');
afterEach(() => temp.removeAll());

describe('paykit apps create', () => {
  it('prints only the new app as JSON with --json, and its Studio token works against a server on the same database', async () => {
    const file = temp.database();
    const result = await runPaykit(['apps', 'create', '--name', 'CLI app', '--json'], { PAYKIT_DATABASE_URL: file });
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
    const file = temp.database();
    const first = await runPaykit(['apps', 'create', '--name', 'First', '--json'], { PAYKIT_DATABASE_URL: file });
    const second = await runPaykit(['apps', 'create', '--name', 'Second'], { PAYKIT_DATABASE_URL: file });
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
    const result = await runPaykit(['apps', 'create', '--json'], { PAYKIT_DATABASE_URL: temp.database() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--name is required');
    expect(result.stdout).toBe('');
  });
});
