/** Flitt's error codes, answered with HTTP 200 and `response_status: 'failure'`. */
export const FLITT_ERRORS = {
  applicationError: 1002,
  parameterIncorrect: 1007,
  parameterEmpty: 1009,
  parameterMissing: 1011,
  duplicateOrder: 1013,
  invalidSignature: 1014,
  merchantNotFound: 1016,
  orderNotFound: 1018,
} as const;

export class FlittApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalidSignature = () => new FlittApiError(FLITT_ERRORS.invalidSignature, 'Invalid signature');
export const merchantNotFound = () => new FlittApiError(FLITT_ERRORS.merchantNotFound, 'Merchant not found');
export const orderNotFound = () => new FlittApiError(FLITT_ERRORS.orderNotFound, 'Order not found');
export const duplicateOrder = () => new FlittApiError(FLITT_ERRORS.duplicateOrder, 'Duplicate order_id for merchant');
export const missing = (name: string) => new FlittApiError(FLITT_ERRORS.parameterMissing, `Parameter missing: ${name}`);
export const empty = (name: string) => new FlittApiError(FLITT_ERRORS.parameterEmpty, `Parameter empty: ${name}`);
export const incorrect = (name: string, why?: string) =>
  new FlittApiError(FLITT_ERRORS.parameterIncorrect, `Parameter incorrect: ${name}${why ? ` (${why})` : ''}`);

/** Reads a required parameter: absent -> 1011, '' -> 1009. */
export function required(params: Record<string, unknown>, name: string): unknown {
  const value = params[name];
  if (value === undefined || value === null) throw missing(name);
  if (value === '') throw empty(name);
  return value;
}

export function requiredString(params: Record<string, unknown>, name: string): string {
  const value = required(params, name);
  if (typeof value === 'object') throw incorrect(name, 'must be text');
  return String(value);
}

/** A positive integer amount in minor units (JSON number or digit string). */
export function requiredAmount(params: Record<string, unknown>, name = 'amount'): number {
  const text = requiredString(params, name);
  if (!/^\d{1,12}$/.test(text) || Number(text) <= 0) throw incorrect(name, 'positive integer in minor units');
  return Number(text);
}

export function requiredCurrency(params: Record<string, unknown>): string {
  const currency = requiredString(params, 'currency');
  if (!/^[A-Za-z]{3}$/.test(currency)) throw incorrect('currency', 'ISO 4217 code');
  return currency.toUpperCase();
}
