import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.js';
import { ensureConsoleBuilt } from './console-build.js';

// Serving files touches no table: one database is enough.
describe('the console served at /console', () => {
  let db: TestDatabase;
  let empty: string;
  const app = (consoleDir?: string) => buildApp({ database: db.database, publicUrl: 'http://127.0.0.1:8080', masterKey: randomBytes(32), consoleDir });

  beforeAll(async () => {
    ensureConsoleBuilt();
    db = await createTestDatabase('sqlite');
    empty = mkdtempSync(join(tmpdir(), 'paykit-console-missing-'));
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves the built page and its hashed assets with a strict content security policy', async () => {
    const server = await app();
    const redirect = await server.inject('/console');
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/console/');
    const page = await server.inject('/console/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = page.body.match(/src="(\/console\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await server.inject(script!);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await server.inject('/console/../package.json')).statusCode).toBe(404);
    await server.close();
  });

  it('answers 503 with a page saying to run npm run build when the console is not built', async () => {
    const server = await app(empty);
    for (const path of ['/console', '/console/', '/console/assets/x.js']) {
      const response = await server.inject(path);
      expect(response.statusCode, path).toBe(503);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('npm run build');
    }
    await server.close();
  });
});
