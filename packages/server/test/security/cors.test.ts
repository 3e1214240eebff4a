import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { startWorld, type World } from './world.js';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

for (const dialect of DIALECTS) {
  describe(`${dialect}: CORS allow-list per app`, () => {
    let w: World;
    const products = (appId = w.a.appId) => `/v1/apps/${appId}/payments/products`;
    const preflight = (origin: string, appId?: string) =>
      w.app.inject({
        method: 'OPTIONS',
        url: products(appId),
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-paykit-user-token' },
      });
    const get = (origin?: string, appId?: string) =>
      w.app.inject({ method: 'GET', url: products(appId), headers: { authorization: `Bearer ${w.a.appKey}`, ...(origin ? { origin } : {}) } });
    const setOrigins = (allowedOrigins: string[] | null) =>
      w.call('PUT', `/v1/apps/${w.a.appId}/payments/configuration/security`, { token: w.a.studioToken, body: { allowedOrigins } });

    beforeAll(async () => {
      w = await startWorld(dialect, { subscription: false });
    }, 60_000);
    afterAll(() => w?.close());

    it('lets any origin call an app without a list (bearer tokens, never credentials)', async () => {
      const answer = await preflight(EVIL);
      expect(answer.statusCode).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe(EVIL);
      expect(String(answer.headers['access-control-allow-headers'])).toContain('x-paykit-user-token');
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      const response = await get(EVIL);
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(EVIL);
    });

    it('sends the security headers (helmet) on API answers and errors alike', async () => {
      for (const response of [await get(EVIL), await w.app.inject({ method: 'GET', url: products('app_missing') })]) {
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'strict-transport-security': expect.stringContaining('max-age='),
          'cross-origin-resource-policy': 'same-origin',
        });
      }
    });

    it('with allowedOrigins, allows the listed origin and answers any other with 403 origin_not_allowed and no CORS header', async () => {
      expect((await setOrigins([SHOP, 'http://localhost:5173'])).body.allowedOrigins).toEqual([SHOP, 'http://localhost:5173']);
      const allowed = await preflight(SHOP);
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(SHOP);
      expect((await get(SHOP)).headers['access-control-allow-origin']).toBe(SHOP);

      for (const refused of [await preflight(EVIL), await get(EVIL), await get('null')]) {
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe('origin_not_allowed');
        expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('leaves calls without an Origin (servers) and other apps alone', async () => {
      expect((await get()).statusCode).toBe(200);
      const otherApp = await preflight(EVIL, w.b.appId);
      expect(otherApp.statusCode).toBe(204);
      expect(otherApp.headers['access-control-allow-origin']).toBe(EVIL);
    });

    it('refuses an entry that is not a bare origin', async () => {
      for (const bad of ['https://shop.example/path', 'ftp://shop.example', 'shop.example', '*']) {
        const response = await setOrigins([bad]);
        expect(response.status, bad).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
    });

    it('allows every origin again once the list is cleared with null', async () => {
      expect((await setOrigins(null)).body.allowedOrigins).toBeNull();
      expect((await get(EVIL)).statusCode).toBe(200);
    });
  });
}
