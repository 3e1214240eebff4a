import { NotConfiguredError } from '../../errors/index.js';
import { findConfigurationCached } from '../../storage/repositories/configurations.js';
import { type EntryView, listEntriesCached } from '../../storage/repositories/data-sources.js';
import type { PaymentsContext } from '../context.js';
import { type Product, productView, readCatalogue } from './catalogue.js';

/** The products read from one cached list of entries (the list is a new array whenever the cache reloads). */
const read = new WeakMap<readonly EntryView[], Map<string, Product[]>>();

/** The app's sellable products; rows that cannot be sold are logged for the app builder, never returned. */
export async function loadProducts(ctx: PaymentsContext, appId: string): Promise<Product[]> {
  const row = await findConfigurationCached(ctx.db, appId);
  if (!row) throw new NotConfiguredError();
  const entries = await listEntriesCached(ctx.db, row.products_data_source_id);
  let byProvider = read.get(entries);
  if (!byProvider) {
    byProvider = new Map();
    read.set(entries, byProvider);
  }
  const cached = byProvider.get(row.provider);
  if (cached) return cached;
  const { products, rejected } = readCatalogue([...entries], { requirePriceId: row.provider === 'stripe' });
  for (const entry of rejected) {
    ctx.logger.warn({ appId, dataSourceId: row.products_data_source_id, ...entry }, 'data source entry is not a sellable product');
  }
  byProvider.set(row.provider, products);
  return products;
}

/** `{products:[...]}` as JSON, serialised once per loaded catalogue: `Products.get` is the hottest read. */
const listings = new WeakMap<Product[], string>();

export async function productListingJson(ctx: PaymentsContext, appId: string): Promise<string> {
  const products = await loadProducts(ctx, appId);
  let json = listings.get(products);
  if (json === undefined) {
    json = JSON.stringify({ products: products.map(productView) });
    listings.set(products, json);
  }
  return json;
}
