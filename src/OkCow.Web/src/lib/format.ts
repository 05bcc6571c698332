// The one formatting module: won, units, NAV, rates, MCPI and KST times look the same on every screen.

export const SEOUL = 'Asia/Seoul';

const won = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' });
const navWon = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('ko-KR', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' });
const index = new Intl.NumberFormat('ko-KR', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

const DASH = '—';

/** Cash in whole won: ₩1,000,000. */
export function formatWon(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? DASH : won.format(amount);
}

/** Units and other counts with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : count.format(value);
}

/** NAV (exact on the server, 4 decimals in JSON) shown to 2 decimals: ₩11,000.00. */
export function formatNav(nav: number | null | undefined): string {
  return nav === null || nav === undefined ? DASH : navWon.format(nav);
}

/**
 * Rates arrive with 4 decimals (0.0125); as a percent with 2 decimals (1.25%) every digit of the source survives.
 * null (nothing paid in yet) shows as a dash.
 */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? DASH : percent.format(rate);
}

/** MCPI with its two decimals, no grouping: 110.00. */
export function formatMcpi(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : index.format(value);
}

function dateTimeFormat(language: string) {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ko-KR', {
    timeZone: SEOUL,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** An instant in Seoul time with the zone named, whatever the browser's own zone is. */
export function formatKst(instant: string | Date | null | undefined, language = 'ko'): string {
  if (instant === null || instant === undefined) return DASH;
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return DASH;
  return `${dateTimeFormat(language).format(date)} KST`;
}

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The value a datetime-local input shows for an instant, in KST (yyyy-MM-ddTHH:mm:ss). */
export function toKstInput(instant: Date): string {
  return new Date(instant.getTime() + KST_OFFSET_MS).toISOString().slice(0, 19);
}

/** A datetime-local value read as KST, as ISO-8601 with its offset (what nav?at= and MCPI at expect). */
export function fromKstInput(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(value);
  if (!match) return null;
  const text = `${match[1]}T${match[2]}${match[3] ?? ':00'}+09:00`;
  return Number.isNaN(Date.parse(text)) ? null : text;
}

/** A whole amount typed by a person: digits with optional separators; anything else is null. */
export function parseWhole(text: string | number): number | null {
  if (typeof text === 'number') return Number.isSafeInteger(text) ? text : null;
  const digits = text.replace(/[,\s₩]/g, '');
  return /^\d+$/.test(digits) && Number.isSafeInteger(Number(digits)) ? Number(digits) : null;
}
