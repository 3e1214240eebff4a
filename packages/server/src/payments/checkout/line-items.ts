import { UnknownPriceError, ValidationError } from '../../errors/index.js';
import type { CatalogueLineItem } from '../../providers/provider.js';
import { findProduct, type Product } from '../catalogue/catalogue.js';

export interface RequestedLineItem {
  price: string;
  quantity?: number;
}

/**
 * Every price must come from the app's own catalogue: a browser can never make paykit charge
 * an amount the app did not list.
 */
export function resolveLineItems(requested: RequestedLineItem[], products: Product[]): CatalogueLineItem[] {
  if (requested.length === 0) throw new ValidationError('line_items must list at least one item.', { field: 'line_items' });
  return requested.map((item, index) => {
    const product = findProduct(products, item.price);
    if (!product) {
      throw new UnknownPriceError(`line_items[${index}].price ${JSON.stringify(item.price)} is not in this app's catalogue.`, {
        field: `line_items[${index}].price`,
      });
    }
    return {
      priceId: product.priceId ?? product.id,
      quantity: item.quantity ?? 1,
      unitAmount: product.unitAmount ?? 0,
      currency: product.currency ?? '',
      name: product.name,
    };
  });
}
