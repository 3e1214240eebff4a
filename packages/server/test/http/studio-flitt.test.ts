import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { FLITT_MERCHANT, type FlittHarness, startFlittHarness } from '../helpers/flitt-harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Studio console API for a Flitt app`, () => {
    let h: FlittHarness;
    beforeAll(async () => {
      h = await startFlittHarness(dialect);
      await h.configure();
    });
    afterAll(() => h?.close());

    it('shows the per-order callback URL and the merchant, never the payment key', async () => {
      const app = await h.call('GET', `/v1/studio/apps/${h.tenant.appId}`, { token: h.tenant.studioToken });
      expect(app.status).toBe(200);
      expect(app.body.configuration).toMatchObject({
        provider: 'flitt',
        providerPublicKey: FLITT_MERCHANT.id,
        webhookUrl: expect.stringMatching(/\/v1\/billing\/apps\/flitt-callback\/whk_/),
        webhookRegistered: false,
        signingSecretSet: false,
      });
      expect(JSON.stringify(app.body)).not.toContain(`"${FLITT_MERCHANT.secretKey}"`);
    });

    it('notes a badly signed Flitt callback as rejected in the feed', async () => {
      const app = await h.call('GET', `/v1/studio/apps/${h.tenant.appId}`, { token: h.tenant.studioToken });
      const path = new URL(app.body.configuration.webhookUrl).pathname;
      const callback = await h.call('POST', path, {
        body: JSON.stringify({ order_id: 'x', merchant_id: FLITT_MERCHANT.id, order_status: 'approved', signature: 'bad' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(callback.status).toBe(400);
      const feed = await h.call('GET', `/v1/studio/apps/${h.tenant.appId}/events`, { token: h.tenant.studioToken });
      expect(feed.body.events[0]).toMatchObject({ provider: 'flitt', outcome: 'rejected', code: 'invalid_signature' });
      expect((await h.call('GET', `/v1/studio/apps/${h.tenant.appId}`, { token: h.tenant.studioToken })).body.lastEventAt).toBe(feed.body.events[0].receivedAt);
    });
  });
}
