import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { CALLERS, MATRIX, type Outcome, startMatrixWorld, tokenOf } from './matrix.js';
import type { World } from './world.js';

const describeStatus = (outcome: Outcome) => (outcome === 'ok' ? '2xx' : String(outcome));

for (const dialect of DIALECTS) {
  describe(`${dialect}: access matrix (every route x every kind of caller)`, () => {
    let w: World;
    let routes: Awaited<ReturnType<typeof startMatrixWorld>>['routes'];

    beforeAll(async () => {
      ({ world: w, routes } = await startMatrixWorld(dialect));
    }, 60_000);
    afterAll(() => w?.close());

    it('has a row for every route the server registers, and no row for a route that does not exist', () => {
      const registered = routes.list();
      const missing = registered.filter((route) => !(route in MATRIX));
      const stale = Object.keys(MATRIX).filter((route) => !registered.includes(route));
      expect(missing, `routes missing from the access matrix (add a row to MATRIX): ${missing.join(', ')}`).toEqual([]);
      expect(stale, `matrix rows for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
    });

    for (const [route, row] of Object.entries(MATRIX)) {
      const method = route.split(' ')[0] as string;
      it(`${route}: ${'public' in row ? 'the same answer for every caller, never 401/403' : CALLERS.map((c) => `${c} ${describeStatus(row.expect[c])}`).join(', ')}`, async () => {
        const seen: Record<string, number> = {};
        for (const caller of CALLERS) {
          const probe = row.probe(w);
          const token = tokenOf(w, caller);
          const json = probe.body !== undefined && typeof probe.body !== 'string';
          const response = await w.app.inject({
            method: method as 'GET',
            url: probe.url,
            ...(probe.remoteAddress ? { remoteAddress: probe.remoteAddress } : {}),
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}), ...probe.headers },
            ...(probe.body === undefined ? {} : { payload: json ? JSON.stringify(probe.body) : (probe.body as string) }),
          });
          seen[caller] = response.statusCode;
          if (response.statusCode >= 400) {
            expect(response.json(), `${route} as ${caller}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          }
        }
        if ('public' in row) {
          const statuses = new Set(Object.values(seen));
          expect(statuses.size, `${route}: ${JSON.stringify(seen)}`).toBe(1);
          expect([...statuses][0], route).not.toBeOneOf([401, 403]);
          return;
        }
        const actual = Object.fromEntries(CALLERS.map((c) => [c, (seen[c] as number) < 300 && (seen[c] as number) >= 200 ? 'ok' : seen[c]]));
        expect(actual, route).toEqual(row.expect);
      });
    }
  });
}
