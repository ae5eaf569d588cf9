import { describe, expect, it } from 'vitest';
import { formatMoney, formatPerIntervalShort, formatRecurring, minorToMajorString, perInterval } from './money';

describe('formatMoney', () => {
  it('writes symbols, two decimals and thousands separators', () => {
    expect(formatMoney(500, 'usd')).toBe('$5.00');
    expect(formatMoney(10000, 'EUR')).toBe('€100.00');
    expect(formatMoney(123450, 'gbp')).toBe('£1,234.50');
  });
  it('adds the code on request, and always for currencies without a symbol', () => {
    expect(formatMoney(10000, 'eur', { withCode: true })).toBe('€100.00 EUR');
    expect(formatMoney(500, 'chf')).toBe('5.00 CHF');
    expect(formatMoney(123450, 'chf', { withCode: true })).toBe('1,234.50 CHF');
  });
  it('drops zero cents only when asked', () => {
    expect(formatMoney(1250000, 'usd', { trimZeroCents: true })).toBe('$12,500');
    expect(formatMoney(1250050, 'usd', { trimZeroCents: true })).toBe('$12,500.50');
    expect(formatMoney(1250000, 'usd')).toBe('$12,500.00');
  });
  it('puts the minus sign before the symbol', () => {
    expect(formatMoney(-500, 'usd')).toBe('−$5.00');
    expect(formatMoney(-123450, 'chf')).toBe('−1,234.50 CHF');
  });
});

describe('recurring amounts', () => {
  it('names the interval', () => {
    expect(perInterval('YEAR')).toBe('per year');
    expect(formatRecurring(500, 'eur', 'MONTH')).toBe('€5.00 per month');
    expect(formatRecurring(20000, 'eur', 'year', { withCode: true })).toBe('€200.00 EUR per year');
    expect(formatRecurring(100, 'usd', null)).toBe('$1.00');
    expect(formatPerIntervalShort(5000, 'usd', 'YEAR')).toBe('$50.00/yr');
    expect(formatPerIntervalShort(500, 'usd', 'MONTH')).toBe('$5.00/mo');
  });
});

describe('minorToMajorString', () => {
  it('is the plain form field value', () => {
    expect(minorToMajorString(1250)).toBe('12.50');
    expect(minorToMajorString(123456)).toBe('1234.56');
  });
});

describe('money in Ukrainian', () => {
  it('uses the Ukrainian currency format and interval words from the catalogue', () => {
    expect(formatMoney(123450, 'eur', { locale: 'uk' })).toBe('1\u00a0234,50\u00a0€');
    expect(formatRecurring(500, 'eur', 'month', { locale: 'uk' })).toBe('5,00\u00a0€ на місяць');
    expect(formatRecurring(5000, 'usd', 'YEAR', { locale: 'uk' })).toBe('50,00\u00a0$ на рік');
    expect(formatPerIntervalShort(500, 'eur', 'month', 'uk')).toBe('5,00\u00a0€/міс.');
  });
});
