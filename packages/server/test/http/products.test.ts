import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects.js';
import { type Catalogue, type Harness, startHarness } from '../helpers/harness.js';

for (const dialect of DIALECTS) {
  describe(`${dialect}: products and data sources`, () => {
    let h: Harness;
    let catalogue: Catalogue;
    const products = () => h.call('GET', `/v1/apps/${h.tenant.appId}/payments/products`, { token: h.tenant.appKey });
    const entries = () => `/v1/data-sources/${catalogue.dataSourceId}/entries`;

    beforeAll(async () => {
      h = await startHarness(dialect);
      catalogue = await h.configure({ registerWebhook: false });
    });
    afterAll(() => h.close());

    it('returns each data source entry with its own columns verbatim plus its id', async () => {
      const response = await products();
      expect(response.status).toBe(200);
      expect(response.body.products).toHaveLength(3);
      expect(response.body.products[0]).toEqual({
        id: expect.any(String),
        Name: 'Premium plan',
        Description: 'A fancy premium plan',
        Price: 1,
        'Price ID': catalogue.premium.id,
      });
      expect(response.body.products[1].Price).toBe('2.50');
    });

    it('leaves out entries without a Price ID or with a non-numeric Price and reports them in the log', async () => {
      const noPriceId = await h.call('POST', entries(), { token: h.tenant.studioToken, body: { data: { Name: 'Broken', Price: 3 } } });
      const badPrice = await h.call('POST', entries(), {
        token: h.tenant.studioToken,
        body: { data: { Name: 'Free?', Price: 'ten', 'Price ID': 'price_x', Colour: 'red' } },
      });
      const response = await products();
      expect(response.body.products.map((p: { Name: string }) => p.Name)).toEqual(['Premium plan', 'Gold plan', 'Monthly plan']);
      const logs = h.logs.join('\n');
      expect(logs).toContain('missing Price ID');
      expect(logs).toContain('Price is not a number');
      await h.call('DELETE', `${entries()}/${noPriceId.body.id}`, { token: h.tenant.studioToken });
      await h.call('DELETE', `${entries()}/${badPrice.body.id}`, { token: h.tenant.studioToken });
    });

    it('adds, reads, updates and deletes data source entries with a Studio token', async () => {
      const added = await h.call('POST', entries(), { token: h.tenant.studioToken, body: { data: { Name: 'Extra', Price: 5, 'Price ID': catalogue.gold.id, Badge: 'new' } } });
      expect(added.status).toBe(200);
      const updated = await h.call('PUT', `${entries()}/${added.body.id}`, { token: h.tenant.studioToken, body: { data: { Name: 'Extra+', Price: 6, 'Price ID': catalogue.gold.id } } });
      expect(updated.body).toEqual({ id: added.body.id, data: { Name: 'Extra+', Price: 6, 'Price ID': catalogue.gold.id } });
      const list = await h.call('GET', entries(), { token: h.tenant.studioToken });
      expect(list.body.entries.find((e: { id: number }) => e.id === added.body.id).data.Name).toBe('Extra+');
      expect((await products()).body.products).toHaveLength(4);
      expect((await h.call('DELETE', `${entries()}/${added.body.id}`, { token: h.tenant.studioToken })).body).toEqual({ deleted: true });
      expect((await h.call('DELETE', `${entries()}/${added.body.id}`, { token: h.tenant.studioToken })).status).toBe(404);
      const sources = await h.call('GET', '/v1/data-sources', { token: h.tenant.studioToken, query: { appId: h.tenant.appId } });
      expect(sources.body.dataSources).toEqual([{ id: catalogue.dataSourceId, name: 'Products', appId: h.tenant.appId }]);
    });

    it('keeps data sources to Studio tokens of their organisation', async () => {
      expect((await h.call('GET', entries(), { token: h.tenant.appKey })).status).toBe(403);
      expect((await h.call('GET', entries())).status).toBe(401);
      const { createApp } = await import('../../src/payments/tenants/apps.js');
      const { createOrganisation } = await import('../../src/payments/tenants/apps.js');
      const otherOrg = await createOrganisation(h.db.database.db, 'Other');
      const other = await createApp(h.db.database.db, { name: 'Other', organisationId: otherOrg });
      const foreign = await h.call('GET', entries(), { token: other.studioToken });
      expect(foreign.status).toBe(404);
      const write = await h.call('POST', entries(), { token: other.studioToken, body: { data: { Name: 'x' } } });
      expect(write.status).toBe(404);
      const products = await h.call('GET', `/v1/apps/${h.tenant.appId}/payments/products`, { token: other.appKey });
      expect(products.status).toBe(403);
    });

    it('answers payments_not_configured for an app without configuration', async () => {
      const { createApp } = await import('../../src/payments/tenants/apps.js');
      const bare = await createApp(h.db.database.db, { name: 'Bare', organisationId: h.tenant.organisationId });
      const response = await h.call('GET', `/v1/apps/${bare.appId}/payments/products`, { token: bare.appKey });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('payments_not_configured');
    });
  });
}
