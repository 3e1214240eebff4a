/** The currency's minor-unit exponent as Intl knows it (ISO 4217: JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units to major units, exact for the integers paykit stores. */
export const toMajor = (minor: number, currency: string) => minor / 10 ** currencyExponent(currency);

export function formatMoney(minor: number | null, currency: string | null): string {
  if (minor === null || !currency) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(toMajor(minor, currency));
  } catch {
    return `${minor} ${currency}`;
  }
}

/** A date for people: ISO text or unix seconds; `seconds` where events a moment apart must be told apart. */
export function formatDate(value: string | number | null, { seconds = false } = {}): string {
  if (value === null) return '—';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' });
}

export function formatAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return formatDate(iso);
}
