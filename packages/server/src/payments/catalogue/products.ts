import { NotConfiguredError } from '../../errors/index.js';
import { findConfiguration } from '../../storage/repositories/configurations.js';
import { listEntries } from '../../storage/repositories/data-sources.js';
import type { PaymentsContext } from '../context.js';
import { type Product, readCatalogue } from './catalogue.js';

/** The app's sellable products; rows that cannot be sold are logged for the app builder, never returned. */
export async function loadProducts(ctx: PaymentsContext, appId: string): Promise<Product[]> {
  const row = await findConfiguration(ctx.db, appId);
  if (!row) throw new NotConfiguredError();
  const entries = await listEntries(ctx.db, row.products_data_source_id);
  const { products, rejected } = readCatalogue(entries, { requirePriceId: row.provider === 'stripe' });
  for (const entry of rejected) {
    ctx.logger.warn({ appId, dataSourceId: row.products_data_source_id, ...entry }, 'data source entry is not a sellable product');
  }
  return products;
}
