import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSealedSecrets } from '../../src/payments/configuration/rotate-keys.js';
import { createSecretBox, keyIdOf } from '../../src/security/secret-box.js';
import { SEALED_COLUMNS } from '../../src/storage/repositories/sealed-secrets.js';
import { runPaykit } from '../helpers/cli.js';
import { DIALECTS } from '../helpers/dialects.js';
import { hs256UserToken, serveApp, signedDelivery, startWorld, type World } from './world.js';

/** Every sealed value in the database, whatever table holds it. */
async function sealedValues(world: World): Promise<string[]> {
  const db = world.db.database.db;
  const configurations = await db.selectFrom('payment_configuration').select(SEALED_COLUMNS.payment_configuration).execute();
  const security = await db.selectFrom('app_security').select(SEALED_COLUMNS.app_security).execute();
  return [...configurations, ...security].flatMap((row) => Object.values(row)).filter((v): v is string => typeof v === 'string');
}

const kidOf = (sealed: string) => sealed.split('.')[1];

for (const dialect of DIALECTS) {
  describe(`${dialect}: paykit keys rotate`, () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    const keyC = randomBytes(32);
    let world: World;

    beforeAll(async () => {
      world = await startWorld(dialect, { masterKey: keyA, subscription: false, userToken: true });
      // A second configured app, so the rotation walks more than one page of rows.
      const source = await world.call('POST', '/v1/data-sources', { token: world.b.studioToken, body: { appId: world.b.appId, name: 'B' } });
      const configured = await world.call('PUT', `/v1/apps/${world.b.appId}/payments/configuration`, {
        token: world.b.studioToken,
        body: { provider: 'stripe', providerPublicKey: 'pk_b', providerPrivateKey: world.secrets.stripeSecretKey, productsDataSourceId: source.body.id },
      });
      expect(configured.status).toBe(200);
    }, 60_000);
    afterAll(() => world?.close());

    /** Calls that open each kind of secret: the provider key (Customers.create), the signing secrets (webhook), the HS256 secret (user token). */
    async function useEverySecret(server: Awaited<ReturnType<typeof serveApp>>, email: string) {
      const token = await hs256UserToken(world.secrets.userTokenSecret, email);
      const created = await server.call('POST', `/v1/apps/${world.a.appId}/payments/customers`, {
        token: world.a.appKey,
        body: { email },
        headers: { 'x-paykit-user-token': token },
      });
      const delivery = signedDelivery(world, world.secrets.signingSecret);
      const webhook = await server.call('POST', delivery.path, { body: delivery.body, headers: delivery.headers });
      const products = await server.call('GET', `/v1/apps/${world.a.appId}/payments/products`, { token: world.a.appKey });
      const otherApp = await server.call('POST', `/v1/apps/${world.b.appId}/payments/customers`, { token: world.b.appKey, body: { email } });
      return [created.status, webhook.status, products.status, otherApp.status];
    }

    it('re-seals every secret under the new key, prints counts only, and a server with only the new key works', async () => {
      const before = await sealedValues(world);
      expect(before.length).toBe(4); // A: secret key, signing secrets, HS256 secret; B: secret key (no signing secret)
      expect(new Set(before.map(kidOf))).toEqual(new Set([keyIdOf(keyA)]));

      const env = {
        PAYKIT_DATABASE_URL: world.db.url,
        PAYKIT_MASTER_KEY: keyB.toString('base64'),
        PAYKIT_PREVIOUS_MASTER_KEYS: keyA.toString('base64'),
      };
      const run = await runPaykit(['keys', 'rotate', '--batch-size', '1'], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Re-encrypted ${before.length} of ${before.length} secrets under key ${keyIdOf(keyB)}; 0 already under it`);
      const printed = run.stdout + run.stderr;
      for (const secret of [world.secrets.stripeSecretKey, world.secrets.signingSecret, world.secrets.userTokenSecret, keyA.toString('base64'), keyB.toString('base64'), keyA.toString('hex')]) {
        expect(printed).not.toContain(secret);
      }

      const after = await sealedValues(world);
      expect(after.map(kidOf)).toEqual(after.map(() => keyIdOf(keyB)));

      const onlyB = await serveApp(world.db, { masterKey: keyB, stripeApiUrl: world.emulator.url });
      try {
        expect(await useEverySecret(onlyB, 'after-rotation@example.org')).toEqual([200, 200, 200, 200]);
      } finally {
        await onlyB.app.close();
      }
    });

    it('is idempotent: a second run skips what is already under the current key', async () => {
      const env = { PAYKIT_DATABASE_URL: world.db.url, PAYKIT_MASTER_KEY: keyB.toString('base64'), PAYKIT_PREVIOUS_MASTER_KEYS: keyA.toString('base64') };
      const before = await sealedValues(world);
      const run = await runPaykit(['keys', 'rotate'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Re-encrypted 0 of ${before.length} secrets under key ${keyIdOf(keyB)}; ${before.length} already under it`);
      expect(await sealedValues(world)).toEqual(before);
    });

    it('fails naming the key id (never a key) when a secret is under a key it was not given, and changes nothing', async () => {
      const before = await sealedValues(world);
      const run = await runPaykit(['keys', 'rotate'], { PAYKIT_DATABASE_URL: world.db.url, PAYKIT_MASTER_KEY: keyC.toString('base64') });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`could not open ${before.length} under key ${keyIdOf(keyB)}`);
      expect(run.stderr + run.stdout).not.toContain(keyC.toString('base64'));
      expect(await sealedValues(world)).toEqual(before);
    });

    it('keeps a server holding both keys working while a rotation is half done', async () => {
      const both = await serveApp(world.db, { masterKey: keyC, previousMasterKeys: [keyB], stripeApiUrl: world.emulator.url });
      const statuses: number[][] = [];
      try {
        const report = await rotateSealedSecrets(world.db.database.db, createSecretBox(keyC, [keyB]), {
          batchSize: 1,
          onBatch: async () => {
            statuses.push(await useEverySecret(both, `during-${statuses.length}@example.org`));
          },
        });
        expect(report).toMatchObject({ resealed: 4, current: 0, changed: 0, unopened: {} });
      } finally {
        await both.app.close();
      }
      // One batch per row: the first batches ran with some secrets under B and some under C.
      expect(statuses.length).toBeGreaterThanOrEqual(3);
      for (const s of statuses) expect(s).toEqual([200, 200, 200, 200]);
      expect((await sealedValues(world)).map(kidOf)).toEqual(Array(4).fill(keyIdOf(keyC)));
    });

    it('keeps customer tokens issued under the previous key valid while that key is listed', async () => {
      const path = `/v1/apps/${world.a.appId}/payments/customers/${world.customer.id}/logs`;
      const withPrevious = await serveApp(world.db, { masterKey: keyB, previousMasterKeys: [keyA], stripeApiUrl: world.emulator.url });
      const withoutPrevious = await serveApp(world.db, { masterKey: keyB, stripeApiUrl: world.emulator.url });
      try {
        expect((await withPrevious.call('GET', path, { token: world.customer.token })).status).toBe(200);
        expect((await withoutPrevious.call('GET', path, { token: world.customer.token })).status).toBe(403);
      } finally {
        await withPrevious.app.close();
        await withoutPrevious.app.close();
      }
    });
  });
}
