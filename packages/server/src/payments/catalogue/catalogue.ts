import { toMinorUnits } from './money.js';

export interface CatalogueEntry {
  id: string | number;
  data: Record<string, unknown>;
}

/** One sellable product: the data source row verbatim, plus what checkout needs from it. */
export interface Product {
  id: string;
  priceId: string | null;
  name: string;
  /** Unit amount in minor units (from `Price` and `Currency`), when the row gives a currency. */
  unitAmount: number | null;
  currency: string | null;
  /** The row's own columns, returned to apps as they are. */
  columns: Record<string, unknown>;
}

export interface RejectedEntry {
  entryId: string;
  reason: string;
}

export interface CatalogueRules {
  /** Stripe needs `Price ID`; Flitt prices from `Price` and `Currency` alone. */
  requirePriceId: boolean;
  defaultCurrency?: string;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function isNumericPrice(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
  return typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value);
}

/** Turns data source rows into products; rows that cannot be sold are reported, not returned. */
export function readCatalogue(entries: CatalogueEntry[], rules: CatalogueRules) {
  const products: Product[] = [];
  const rejected: RejectedEntry[] = [];
  for (const entry of entries) {
    const entryId = String(entry.id);
    const { data } = entry;
    const priceId = text(data['Price ID']);
    if (rules.requirePriceId && !priceId) {
      rejected.push({ entryId, reason: 'missing Price ID' });
      continue;
    }
    if (!isNumericPrice(data.Price)) {
      rejected.push({ entryId, reason: `Price is not a number: ${JSON.stringify(data.Price ?? null)}` });
      continue;
    }
    const currency = (text(data.Currency) ?? rules.defaultCurrency ?? null)?.toUpperCase() ?? null;
    const unitAmount = currency ? toMinorUnits(data.Price, currency) : null;
    if (currency && unitAmount === null) {
      rejected.push({ entryId, reason: `Price ${String(data.Price)} has more decimals than ${currency} allows` });
      continue;
    }
    if (!rules.requirePriceId && unitAmount === null) {
      rejected.push({ entryId, reason: 'missing Currency' });
      continue;
    }
    products.push({ id: entryId, priceId, name: text(data.Name) ?? entryId, unitAmount, currency, columns: data });
  }
  return { products, rejected };
}

const views = new WeakMap<Product, Record<string, unknown>>();

/**
 * What `GET products` answers: each row's columns verbatim plus its `id`. Built once per product
 * (products are cached for a few seconds, see products.ts): callers must not change it.
 */
export function productView(product: Product): Record<string, unknown> {
  let view = views.get(product);
  if (!view) {
    view = { ...product.columns, id: product.id };
    views.set(product, view);
  }
  return view;
}

/** Finds the product a line item's `price` names: its `Price ID`, or the entry id where prices have no id. */
export function findProduct(products: Product[], price: string): Product | undefined {
  return products.find((p) => p.priceId === price) ?? products.find((p) => p.priceId === null && p.id === price);
}
