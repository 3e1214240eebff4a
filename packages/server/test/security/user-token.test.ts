import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPayments, PaymentsError } from '@paykit/sdk';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { hs256UserToken, startWorld, type World } from './world.js';

const ISSUER = 'https://id.shop.example';
const AUDIENCE = 'paykit';

/** The app's identity provider: a JWKS on a local port and tokens signed with its private key. */
async function startIdentityProvider() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  const sign = async (email: string, { key = privateKey, kid = 'k1', issuer = ISSUER, expiresIn = '5m' as string | number } = {}) =>
    new SignJWT({ email }).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(issuer).setAudience(AUDIENCE).setIssuedAt().setExpirationTime(expiresIn).sign(key);
  return { jwksUrl, sign, close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // jose's fetch keeps its connection alive: do not wait for it to time out.
        server.closeAllConnections();
      }),
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: app user tokens gate Customers.create`, () => {
    let w: World;
    let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
    const customers = () => `/v1/apps/${w.a.appId}/payments/customers`;
    const security = () => `/v1/apps/${w.a.appId}/payments/configuration/security`;
    const create = (email: string, userToken?: string) =>
      w.call('POST', customers(), { token: w.a.appKey, body: { email }, headers: userToken ? { 'x-paykit-user-token': userToken } : {} });
    const countCustomers = async () =>
      Number((await w.db.database.db.selectFrom('customer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      w = await startWorld(dialect, { subscription: false, userToken: true });
      idp = await startIdentityProvider();
    }, 60_000);
    afterAll(async () => {
      await idp?.close();
      await w?.close();
    });

    describe('with an HS256 secret', () => {
      it('stores the secret sealed and never shows it back', async () => {
        const shown = await w.call('GET', security(), { token: w.a.studioToken });
        expect(shown).toMatchObject({ status: 200, body: { userToken: { type: 'hs256' }, allowedOrigins: null } });
        expect(JSON.stringify(shown.body)).not.toContain(w.secrets.userTokenSecret);
        const row = await w.db.database.db.selectFrom('app_security').selectAll().where('app_id', '=', w.a.appId).executeTakeFirstOrThrow();
        expect(row.user_token_secret_sealed).toMatch(/^v1\./);
        expect(JSON.stringify(row)).not.toContain(w.secrets.userTokenSecret);
      });

      it('creates the customer whose email is in the verified token', async () => {
        const response = await create('Alice@Example.org', await hs256UserToken(w.secrets.userTokenSecret, 'alice@example.org'));
        expect(response).toMatchObject({ status: 200, body: { email: 'alice@example.org', token: expect.stringMatching(/^pkc_/) } });
      });

      it('refuses a call without a token (401 user_token_required) and stores nothing', async () => {
        const before = await countCustomers();
        const response = await create('bob@example.org');
        expect(response).toMatchObject({ status: 401, body: { error: { code: 'user_token_required' } } });
        expect(await countCustomers()).toBe(before);
      });

      it("refuses another person's email (403 user_token_email_mismatch), even one that already exists", async () => {
        const token = await hs256UserToken(w.secrets.userTokenSecret, 'mallory@example.org');
        for (const email of ['bob@example.org', w.customer.email]) {
          const response = await create(email, token);
          expect(response).toMatchObject({ status: 403, body: { error: { code: 'user_token_email_mismatch' } } });
        }
      });

      it('refuses an expired token, a wrong signature, and garbage (401 user_token_invalid)', async () => {
        const expired = await hs256UserToken(w.secrets.userTokenSecret, 'bob@example.org', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
        const wrongKey = await hs256UserToken(`${w.secrets.userTokenSecret}-not`, 'bob@example.org');
        const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"email":"bob@example.org"}').toString('base64url')}.`;
        const before = await countCustomers();
        for (const token of [expired, wrongKey, unsigned, 'not-a-jwt', `${wrongKey.slice(0, -2)}xx`]) {
          const response = await create('bob@example.org', token);
          expect(response.status, token).toBe(401);
          expect(response.body.error.code).toBe('user_token_invalid');
        }
        expect((await create('bob@example.org', expired)).body.error.message).toMatch(/expired/);
        expect(await countCustomers()).toBe(before);
      });

      it('lets a Studio token create any customer (the back office)', async () => {
        const response = await w.call('POST', customers(), { token: w.a.studioToken, body: { email: 'office@example.org' } });
        expect(response.status).toBe(200);
      });

      it('is sent by the SDK from the userToken option (a value or a getter)', async () => {
        const token = await hs256UserToken(w.secrets.userTokenSecret, 'sdk@example.org');
        for (const userToken of [token, async () => token]) {
          const sdk = createPayments({ baseUrl: w.url, appId: w.a.appId, appKey: w.a.appKey, userToken });
          await expect(sdk.Customers.create({ email: 'sdk@example.org' })).resolves.toMatchObject({ email: 'sdk@example.org' });
        }
        const without = createPayments({ baseUrl: w.url, appId: w.a.appId, appKey: w.a.appKey });
        const error = await without.Customers.create({ email: 'sdk@example.org' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PaymentsError);
        expect(error).toMatchObject({ code: 'user_token_required', status: 401 });
      });
    });

    describe('with a JWKS URL', () => {
      beforeAll(async () => {
        const set = await w.call('PUT', security(), {
          token: w.a.studioToken,
          body: { userToken: { jwksUrl: idp.jwksUrl, issuer: ISSUER, audience: AUDIENCE } },
        });
        expect(set).toMatchObject({ status: 200, body: { userToken: { type: 'jwks', jwksUrl: idp.jwksUrl, issuer: ISSUER, audience: AUDIENCE } } });
      });

      it('creates the customer of a token signed with a key of the JWKS', async () => {
        expect((await create('carol@example.org', await idp.sign('carol@example.org'))).status).toBe(200);
      });

      it('refuses an expired token, an unknown key, a wrong issuer, and an HS256 token (401), and another email (403)', async () => {
        const stranger = (await generateKeyPair('ES256')).privateKey;
        const secret = new TextEncoder().encode(w.secrets.userTokenSecret);
        const cases = [
          await idp.sign('dave@example.org', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
          await idp.sign('dave@example.org', { key: stranger }),
          await idp.sign('dave@example.org', { key: stranger, kid: 'k2' }),
          await idp.sign('dave@example.org', { issuer: 'https://evil.example' }),
          await new SignJWT({ email: 'dave@example.org' }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(secret),
        ];
        for (const token of cases) {
          const response = await create('dave@example.org', token);
          expect(response.status).toBe(401);
          expect(response.body.error.code).toBe('user_token_invalid');
        }
        const other = await create('erin@example.org', await idp.sign('dave@example.org'));
        expect(other).toMatchObject({ status: 403, body: { error: { code: 'user_token_email_mismatch' } } });
      });

      it('takes a JWKS only over https (http on localhost only)', async () => {
        const response = await w.call('PUT', security(), { token: w.a.studioToken, body: { userToken: { jwksUrl: 'http://id.example/jwks.json' } } });
        expect(response).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
      });

      it('stops requiring a token once cleared with null', async () => {
        const cleared = await w.call('PUT', security(), { token: w.a.studioToken, body: { userToken: null } });
        expect(cleared.body.userToken).toBeNull();
        expect((await create('frank@example.org')).status).toBe(200);
      });
    });
  });
}
