import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { CALLERS, disposableEntry, MATRIX, tokenOf } from './matrix.js';
import { routeCollector } from './routes.js';
import { hs256UserToken, signedDelivery, startWorld, type World } from './world.js';

/** Everything paykit must never let out: in every encoding a careless log line or error could use. */
function secretsOf(w: World) {
  const master = w.secrets.masterKey;
  return {
    'Stripe secret key': [w.secrets.stripeSecretKey],
    'webhook signing secret': [w.secrets.signingSecret],
    'HS256 user-token secret': [w.secrets.userTokenSecret],
    'master key': [master.toString('base64'), master.toString('base64url'), master.toString('hex')],
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: no secret in any response, log line, error message or database file after a full run`, () => {
    let w: World;
    const routes = routeCollector();
    const transcript: string[] = [];

    /** Sends a request and keeps its whole answer (status, headers, body) for the grep. */
    async function send(
      method: string,
      url: string,
      { token, body, headers = {}, remoteAddress }: { token?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {},
    ) {
      const json = body !== undefined && typeof body !== 'string';
      const response = await w.app.inject({
        method: method as 'GET',
        url,
        ...(remoteAddress ? { remoteAddress } : {}),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body === undefined ? {} : { payload: json ? JSON.stringify(body) : (body as string) }),
      });
      transcript.push(`${method} ${url} ${response.statusCode} ${JSON.stringify(response.headers)} ${response.body}`);
      return response;
    }

    beforeAll(async () => {
      w = await startWorld(dialect, { onRoute: routes.onRoute, userToken: true });
      const entry = await w.call('POST', `/v1/data-sources/${w.dataSourceId}/entries`, { token: w.a.studioToken, body: { data: { Name: 'Disposable' } } });
      disposableEntry.set(w, entry.body.id);

      // Every route, as every kind of caller.
      for (const [route, row] of Object.entries(MATRIX)) {
        const method = route.split(' ')[0] as string;
        for (const caller of CALLERS) {
          const probe = row.probe(w);
          await send(method, probe.url, { token: tokenOf(w, caller), body: probe.body, headers: probe.headers, remoteAddress: probe.remoteAddress });
        }
      }
      // The paths where a secret is at hand: configuration with a wrong and a right key, signing
      // secrets, user tokens (set, good, bad), webhooks (signed, wrongly signed), unknown fields.
      const config = `/v1/apps/${w.a.appId}/payments/configuration`;
      const body = { provider: 'stripe', providerPublicKey: 'pk_test_a', providerPrivateKey: w.secrets.stripeSecretKey, productsDataSourceId: w.dataSourceId };
      await send('PUT', config, { token: w.a.studioToken, body: { ...body, providerPrivateKey: 'not-a-stripe-key' } });
      await send('PUT', config, { token: w.a.studioToken, body: { ...body, extra: w.secrets.stripeSecretKey } });
      await send('PUT', config, { token: w.a.appKey, body });
      await send('PUT', config, { token: w.a.studioToken, body: { ...body, registerWebhook: true } });
      await send('PUT', `${config}/signing-secret`, { token: w.a.studioToken, body: { signingSecret: w.secrets.signingSecret } });
      await send('PUT', `${config}/signing-secret`, { token: w.a.studioToken, body: { signingSecret: w.secrets.signingSecret, x: 1 } });
      await send('PUT', `${config}/security`, { token: w.a.studioToken, body: { userToken: { hs256Secret: w.secrets.userTokenSecret } } });
      await send('PUT', `${config}/security`, { token: w.a.studioToken, body: { userToken: { hs256Secret: w.secrets.userTokenSecret, nope: true } } });
      await send('GET', `${config}/security`, { token: w.a.studioToken });
      const customers = `/v1/apps/${w.a.appId}/payments/customers`;
      const good = await hs256UserToken(w.secrets.userTokenSecret, 'grep@example.org');
      await send('POST', customers, { token: w.a.appKey, body: { email: 'grep@example.org' }, headers: { 'x-paykit-user-token': good } });
      await send('POST', customers, { token: w.a.appKey, body: { email: 'other@example.org' }, headers: { 'x-paykit-user-token': good } });
      await send('POST', customers, { token: w.a.appKey, body: { email: 'grep@example.org' }, headers: { 'x-paykit-user-token': `${good}x` } });
      for (const secret of [w.secrets.signingSecret, 'whsec_wrong']) {
        const delivery = signedDelivery(w, secret);
        await send('POST', delivery.path, { body: delivery.body, headers: delivery.headers });
      }
      await w.emulator.webhooksIdle();
    }, 120_000);
    afterAll(() => w?.close());

    it('touched every route', () => {
      expect(Object.keys(MATRIX).sort()).toEqual(routes.list());
      expect(transcript.length).toBeGreaterThan(routes.list().length * CALLERS.length);
    });

    it('never answers with a secret (bodies, headers, error messages)', () => {
      const answers = transcript.join('\n');
      expect(answers).toContain('provider_auth_failed');
      for (const [what, forms] of Object.entries(secretsOf(w))) for (const form of forms) expect(answers.includes(form), what).toBe(false);
    });

    it('never logs a secret, a bearer token or a user token', () => {
      const logs = w.logs.join('');
      expect(logs).toContain('incoming request');
      const tokens = { 'Studio token': w.a.studioToken, 'app key': w.a.appKey, 'customer token': w.customer.token };
      for (const [what, forms] of Object.entries({ ...secretsOf(w), ...Object.fromEntries(Object.entries(tokens).map(([k, v]) => [k, [v]])) })) {
        for (const form of forms) expect(logs.includes(form), what).toBe(false);
      }
    });

    it('stores no secret and no bearer token in plaintext (database rows, and the SQLite file and WAL)', async () => {
      const db = w.db.database.db;
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      const rows: string[] = [];
      for (const table of tables) {
        const result = await db.selectFrom(table as 'app').selectAll().execute();
        rows.push(JSON.stringify(result));
      }
      const dump = rows.join('\n');
      expect(dump).toContain('v1.'); // the sealed values are there
      const tokens = [w.a.studioToken, w.a.appKey, w.b.appKey, w.c.studioToken];
      const forbidden = [...Object.values(secretsOf(w)).flat(), ...tokens];
      for (const form of forbidden) expect(dump.includes(form)).toBe(false);
      if (w.db.file) {
        for (const file of [w.db.file, `${w.db.file}-wal`].filter(existsSync)) {
          const bytes = readFileSync(file);
          for (const form of forbidden) expect(bytes.includes(form), file).toBe(false);
        }
      }
    });
  });
}
