import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, toMinorUnits } from '../../src/payments/catalogue/money.js';

describe('money', () => {
  it('converts major units by the decimal text, never by float multiplication', () => {
    expect(toMinorUnits('19.99', 'USD')).toBe(1999);
    expect(toMinorUnits(19.99, 'USD')).toBe(1999);
    expect(toMinorUnits(2.5, 'EUR')).toBe(250);
    expect(toMinorUnits('1.00', 'GEL')).toBe(100);
    expect(toMinorUnits(0.29, 'USD')).toBe(29);
    expect(toMinorUnits(1.005, 'BHD')).toBe(1005);
  });

  it('uses the ISO 4217 exponent of each currency', () => {
    expect(currencyExponent('jpy')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('USD')).toBe(2);
    expect(toMinorUnits('500', 'JPY')).toBe(500);
    expect(toMinorUnits('1.5', 'KWD')).toBe(1500);
  });

  it('refuses more decimals than the currency has, negatives and text that is not a number', () => {
    expect(toMinorUnits('1.5', 'JPY')).toBeNull();
    expect(toMinorUnits('1.999', 'USD')).toBeNull();
    expect(toMinorUnits('1.990', 'USD')).toBe(199);
    expect(toMinorUnits(-1, 'USD')).toBeNull();
    expect(toMinorUnits('abc', 'USD')).toBeNull();
    expect(toMinorUnits('1e3', 'USD')).toBeNull();
    expect(toMinorUnits(null, 'USD')).toBeNull();
  });

  it('round-trips every two-decimal amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(toMinorUnits(text, 'USD')).toBe(cents);
        expect(toMinorUnits(Number(text), 'USD')).toBe(cents);
      }),
    );
  });

  it('formats amounts for people with Intl.NumberFormat and the currency exponent', () => {
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(1500, 'KWD')).toContain('1.500');
  });
});
