import { currencyExponent } from './format.js';

/** The columns a product row usually has; any other column of the data source is kept and shown too. */
export const STANDARD_COLUMNS = ['Name', 'Description', 'Price', 'Currency', 'Price ID'];

export type Provider = 'stripe' | 'flitt';
export type RowErrors = Partial<Record<string, string>>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * What makes a row unsellable, per column, with the rules the server applies when it reads the
 * catalogue: Stripe needs a Price ID, Flitt a Currency, and Price is a non-negative decimal with no
 * more decimals than the currency has.
 */
export function validateRow(data: Record<string, unknown>, provider: Provider): RowErrors {
  const errors: RowErrors = {};
  const price = text(data.Price);
  const currency = text(data.Currency).toUpperCase();
  if (provider === 'stripe' && !text(data['Price ID'])) errors['Price ID'] = 'Price ID is missing (the Stripe price, price_...).';
  if (!price) errors.Price = 'Price is missing.';
  else if (!DECIMAL.test(price)) errors.Price = `Price must be a number like 9 or 19.99, not "${price}".`;
  else if (currency && /^[A-Z]{3}$/.test(currency)) {
    const decimals = (price.split('.')[1] ?? '').replace(/0+$/, '').length;
    if (decimals > currencyExponent(currency)) errors.Price = `${currency} has ${currencyExponent(currency)} decimals; ${price} has more.`;
  }
  if (currency && !/^[A-Z]{3}$/.test(currency)) errors.Currency = 'Currency is a 3-letter ISO code, e.g. USD.';
  if (provider === 'flitt' && !currency) errors.Currency = 'Currency is missing (Flitt prices from Price and Currency).';
  return errors;
}

/** The row to store: edited text replaces a column, an emptied column is left out, untouched columns keep their value. */
export function rowData(original: Record<string, unknown>, edited: Record<string, string>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...original };
  for (const [column, value] of Object.entries(edited)) {
    const trimmed = value.trim();
    if (trimmed === text(original[column])) continue;
    if (trimmed === '') delete data[column];
    else data[column] = trimmed;
  }
  return data;
}

export function columnsOf(rows: Array<Record<string, unknown>>): string[] {
  const extra = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!STANDARD_COLUMNS.includes(key)) extra.add(key);
  return [...STANDARD_COLUMNS, ...extra];
}

export const displayValue = text;
