/**
 * Money is integers in minor units everywhere inside paykit. A catalogue's `Price` is in major
 * units (number or decimal text) and is converted by parsing the decimal text, never by float
 * multiplication: `19.99` -> 1999 exactly.
 */

/** ISO 4217 exponents that are not 2. */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Normalises a number or a decimal string to plain decimal text (no exponent notation). */
function decimalText(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    // String(0.1) is the shortest text that round-trips, which is the decimal the author wrote.
    const text = String(value);
    return text.includes('e') ? null : text;
  }
  if (typeof value === 'string') return value.trim();
  return null;
}

/**
 * Converts a major-unit price to minor units for the currency, or returns null when the value
 * is not a non-negative decimal or has more decimals than the currency allows (beyond zeros).
 */
export function toMinorUnits(value: unknown, currency: string): number | null {
  const text = decimalText(value);
  if (text === null) return null;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return null;
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}

/** Formats minor units for a person, with the currency's own exponent and symbol. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(minor / 10 ** exponent);
}
