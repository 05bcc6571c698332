import { describe, expect, it } from 'vitest';
import { formatCount, formatKst, formatMcpi, formatNav, formatRate, formatWon, fromKstInput, parseWhole, toKstInput } from './format';

describe('won', () => {
  it('shows whole won with the ₩ sign and thousands separators', () => {
    expect(formatWon(1_000_000)).toBe('₩1,000,000');
    expect(formatWon(0)).toBe('₩0');
    expect(formatWon(-1_560)).toBe('-₩1,560');
  });

  it('shows a dash for a missing amount, never ₩0', () => {
    expect(formatWon(null)).toBe('—');
    expect(formatWon(undefined)).toBe('—');
  });

  it('groups counts of units', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});

describe('NAV', () => {
  it('shows NAV to two decimals', () => {
    expect(formatNav(11_000)).toBe('₩11,000.00');
    expect(formatNav(10_000.5)).toBe('₩10,000.50');
  });

  it('rounds a 4-decimal NAV to 2 for display', () => {
    expect(formatNav(13_846.1538)).toBe('₩13,846.15');
    expect(formatNav(9_999.9951)).toBe('₩10,000.00');
  });
});

describe('rates', () => {
  it('shows a 4-decimal rate as a percent without losing a digit', () => {
    expect(formatRate(0.11)).toBe('11.00%');
    expect(formatRate(0.0273)).toBe('2.73%');
    expect(formatRate(0.0125)).toBe('1.25%');
  });

  it('keeps the sign of a loss', () => {
    expect(formatRate(-0.0156)).toBe('-1.56%');
  });

  it('shows a dash while nothing has been paid in', () => {
    expect(formatRate(null)).toBe('—');
  });
});

describe('MCPI', () => {
  it('has two decimals and no grouping', () => {
    expect(formatMcpi(110)).toBe('110.00');
    expect(formatMcpi(92)).toBe('92.00');
    expect(formatMcpi(1234.5)).toBe('1234.50');
  });
});

describe('KST', () => {
  it('shows an instant in Seoul time whatever the zone of the text', () => {
    // 15:30 UTC is 00:30 the next day in Seoul.
    expect(formatKst('2026-03-01T15:30:05Z', 'en')).toBe('02/03/2026, 00:30:05 KST');
    expect(formatKst('2026-03-02T00:30:05+09:00', 'en')).toBe('02/03/2026, 00:30:05 KST');
  });

  it('uses Korean date order in Korean', () => {
    const text = formatKst('2026-03-01T15:30:05Z', 'ko');
    expect(text).toMatch(/^2026\. 03\. 02\. 00:30:05 KST$/);
  });

  it('shows a dash for a missing or broken instant', () => {
    expect(formatKst(null)).toBe('—');
    expect(formatKst('not a time')).toBe('—');
  });

  it('reads a picker value as KST and writes it back the same', () => {
    expect(fromKstInput('2026-03-02T00:30')).toBe('2026-03-02T00:30:00+09:00');
    expect(fromKstInput('2026-03-02T00:30:05')).toBe('2026-03-02T00:30:05+09:00');
    expect(toKstInput(new Date('2026-03-01T15:30:05Z'))).toBe('2026-03-02T00:30:05');
    expect(fromKstInput('')).toBeNull();
  });
});

describe('whole numbers typed by a person', () => {
  it('accepts digits with separators and refuses anything else', () => {
    expect(parseWhole('1,000,000')).toBe(1_000_000);
    expect(parseWhole(550000)).toBe(550_000);
    expect(parseWhole('12.5')).toBeNull();
    expect(parseWhole('-3')).toBeNull();
    expect(parseWhole(1.5)).toBeNull();
    expect(parseWhole('')).toBeNull();
  });
});
