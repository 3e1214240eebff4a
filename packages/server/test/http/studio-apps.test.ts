import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createOrganisation } from '../../src/payments/tenants/apps.js';
import { DIALECTS } from '../helpers/dialects.js';
import { type Harness, startHarness } from '../helpers/harness.js';

const SIGNING_SECRET = 'whsec_console_secret_never_shown';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Studio console API, apps and access`, () => {
    let h: Harness;
    let other: Awaited<ReturnType<typeof createApp>>;
    let customer: { id: string; token: string };

    beforeAll(async () => {
      h = await startHarness(dialect);
      other = await createApp(h.db.database.db, { name: 'Other org app', organisationId: await createOrganisation(h.db.database.db, 'Other org') });
    });
    afterAll(() => h?.close());

    it('lists only the apps of the Studio token organisation', async () => {
      const mine = await h.call('GET', '/v1/studio/apps', { token: h.tenant.studioToken });
      expect(mine.status).toBe(200);
      expect(mine.body.apps).toEqual([expect.objectContaining({ id: h.tenant.appId, name: 'Test app', provider: null })]);
      const theirs = await h.call('GET', '/v1/studio/apps', { token: other.studioToken });
      expect(theirs.body.apps.map((a: { id: string }) => a.id)).toEqual([other.appId]);
    });

    it('creates an app in the same organisation and shows its app key once; the key works and only its hash is stored', async () => {
      const created = await h.call('POST', '/v1/studio/apps', { token: h.tenant.studioToken, body: { name: '  Shop  ' } });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ id: expect.stringMatching(/^app_/), name: 'Shop', appKey: expect.stringMatching(/^pk_app_/) });
      const exists = await h.call('GET', `/v1/apps/${created.body.id}/payments/configuration/exists`, { token: created.body.appKey });
      expect(exists).toMatchObject({ status: 200, body: { configured: false } });
      const row = await h.db.database.db.selectFrom('app').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
      expect(row.organisation_id).toBe(h.tenant.organisationId);
      expect(JSON.stringify(row)).not.toContain(created.body.appKey);
      const list = await h.call('GET', '/v1/studio/apps', { token: h.tenant.studioToken });
      expect(list.body.apps.map((a: { id: string }) => a.id)).toContain(created.body.id);
      const detail = await h.call('GET', `/v1/studio/apps/${created.body.id}`, { token: h.tenant.studioToken });
      expect(JSON.stringify(detail.body)).not.toContain(created.body.appKey);
    });

    it('refuses a blank or missing app name with validation_failed', async () => {
      for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x', extra: 1 }]) {
        const response = await h.call('POST', '/v1/studio/apps', { token: h.tenant.studioToken, body });
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('validation_failed');
      }
    });

    it('shows the configuration without any secret: provider, webhook URL, whether a signing secret is set', async () => {
      const before = await h.call('GET', `/v1/studio/apps/${h.tenant.appId}`, { token: h.tenant.studioToken });
      expect(before.body).toMatchObject({ id: h.tenant.appId, configuration: null, lastEventAt: null });
      const { webhookUrl, dataSourceId } = await h.configure({ registerWebhook: false });
      await h.call('PUT', `/v1/apps/${h.tenant.appId}/payments/configuration/signing-secret`, { token: h.tenant.studioToken, body: { signingSecret: SIGNING_SECRET } });
      const after = await h.call('GET', `/v1/studio/apps/${h.tenant.appId}`, { token: h.tenant.studioToken });
      expect(after.status).toBe(200);
      expect(after.body.configuration).toEqual({
        provider: 'stripe',
        providerPublicKey: 'pk_test_demo',
        productsDataSourceId: dataSourceId,
        webhookUrl,
        webhookRegistered: false,
        signingSecretSet: true,
        updatedAt: expect.any(String),
      });
      const text = JSON.stringify(after.body);
      expect(text).not.toContain(h.secretKey);
      expect(text).not.toContain(SIGNING_SECRET);
      const customerResponse = await h.call('POST', `/v1/apps/${h.tenant.appId}/payments/customers`, { token: h.tenant.appKey, body: { email: 'who@example.org' } });
      customer = customerResponse.body;
    });

    it('answers 401 without a token and 403 to app keys and customer tokens on the app list and create', async () => {
      expect((await h.call('GET', '/v1/studio/apps')).status).toBe(401);
      for (const token of [h.tenant.appKey, customer.token]) {
        const list = await h.call('GET', '/v1/studio/apps', { token });
        expect(list.status).toBe(403);
        expect(list.body.error.code).toBe('forbidden');
        expect((await h.call('POST', '/v1/studio/apps', { token, body: { name: 'Nope' } })).status).toBe(403);
      }
    });

    it('every per-app console route: 401 without a token, 403 for another organisation, app keys and customer tokens, 404 for an unknown app', async () => {
      const routes = (appId: string) => [
        `/v1/studio/apps/${appId}`,
        `/v1/studio/apps/${appId}/customers`,
        `/v1/studio/apps/${appId}/customers/${customer.id}`,
        `/v1/studio/apps/${appId}/events`,
        `/v1/studio/apps/${appId}/dashboard`,
      ];
      for (const path of routes(h.tenant.appId)) {
        expect((await h.call('GET', path)).status, path).toBe(401);
        expect((await h.call('GET', path, { token: h.tenant.studioToken })).status, path).toBe(200);
        for (const token of [other.studioToken, h.tenant.appKey, customer.token]) {
          const response = await h.call('GET', path, { token });
          expect(response.status, path).toBe(403);
          expect(response.body.error.code).toBe('forbidden');
        }
      }
      for (const path of routes('app_does_not_exist')) {
        const response = await h.call('GET', path, { token: h.tenant.studioToken });
        expect(response.status, path).toBe(404);
        expect(response.body.error.code).toBe('not_found');
      }
      // Another organisation's app is refused to this organisation's Studio token as well.
      expect((await h.call('GET', `/v1/studio/apps/${other.appId}/events`, { token: h.tenant.studioToken })).status).toBe(403);
    });
  });
}
