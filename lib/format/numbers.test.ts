import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatPercent } from './numbers';

// Intl separates Ukrainian thousands with a no-break space (U+00A0).
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('numbers', () => {
  it('groups counts the way each language does', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(nbsp(formatCount(1234567, 'uk'))).toBe('1 234 567');
    expect(formatCount(12, 'uk')).toBe('12');
  });
  it('keeps the dashboard’s English percentage and writes Ukrainian with a decimal comma', () => {
    expect(formatPercent(0.0523)).toBe('5.2 %');
    expect(formatPercent(0.0523, 'uk')).toBe('5,2%');
    expect(formatPercent(1, 'uk')).toBe('100,0%');
  });
  it('writes decimals with the language’s mark and no grouping', () => {
    expect(formatDecimal(1.08, 'en', 2)).toBe('1.08');
    expect(formatDecimal(1.08, 'uk', 2)).toBe('1,08');
    expect(formatDecimal(1234.5, 'uk')).toBe('1234,5');
  });
});
