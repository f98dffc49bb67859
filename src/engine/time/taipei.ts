/**
 * Taipei time (UTC+08:00) for limits and display.
 *
 * WHY plain arithmetic is exact: Taiwan has used a fixed UTC+08:00 offset with no daylight saving
 * since 1979, so "Taipei wall clock" = UTC + 8 h for every instant a drill can hold. Shifting the
 * epoch by 8 h and reading the UTC fields gives the Taipei date and time without a time-zone
 * database. Day and month limits end at 23:59:59.999 +08:00 (procedure.md, "Time limits").
 */

export const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A Taipei calendar date. month is 1–12. */
export interface TaipeiDate {
  year: number;
  month: number;
  day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** Value of `count` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses an ISO 8601 date-time with an explicit offset (Z or ±hh:mm) to epoch milliseconds:
 * YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM), the pattern of schema.ts's ISO_WITH_OFFSET.
 * Returns NaN when the text is not such a date-time or names a day that does not exist
 * (2026-02-30), an hour over 23, a minute or second over 59, or an offset over ±23:59.
 * Fractions below a millisecond are truncated (limits are whole seconds; a drill never needs µs).
 * Hand-written (no regex, no Date object) because it runs for every event of a 100,000-event record.
 */
export function parseIsoMs(text: string): number {
  const n = text.length;
  if (n < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  let i = 16;
  let second = 0;
  let ms = 0;
  if (text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (text.charCodeAt(i) === 46) {
      i++;
      const start = i;
      while (i < n && i - start < 10) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (i - start < 3) ms = ms * 10 + c;
        i++;
      }
      const count = i - start;
      if (count < 1 || count > 9) return NaN;
      if (count === 1) ms *= 100;
      else if (count === 2) ms *= 10;
    }
  }
  let offsetMs = 0;
  const sign = text.charCodeAt(i);
  if (sign === 90 /* Z */) {
    if (i + 1 !== n) return NaN;
  } else if (sign === 43 || sign === 45) {
    if (i + 6 !== n || text.charCodeAt(i + 3) !== 58) return NaN;
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return NaN;
    offsetMs = (sign === 45 ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
  } else return NaN;
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // WARNING: Date.UTC reads years 0–99 as 1900–1999; put the real year back.
  if (year < 100) utc = new Date(utc).setUTCFullYear(year);
  return utc - offsetMs;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-45 are not). */
export function isDateOnly(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True when `text` is an ISO 8601 date-time with an offset that names a real moment. */
export function isIsoDateTime(text: string): boolean {
  return !Number.isNaN(parseIsoMs(text));
}

/** A moment given as epoch ms or ISO text, as epoch ms. Throws on text that is not ISO 8601 with an offset. */
export function toMs(moment: string | number): number {
  if (typeof moment === 'number') {
    if (!Number.isFinite(moment)) throw new RangeError(`not a moment: ${moment}`);
    return moment;
  }
  const ms = parseIsoMs(moment);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 date-time with an offset: "${moment}"`);
  return ms;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** Formats epoch ms as Taipei time, e.g. 2026-03-02T10:00:00+08:00; milliseconds only when non-zero. */
export function formatTaipei(ms: number): string {
  let text = FORMATTED.get(ms);
  if (text === undefined) {
    // Bounded: a live drill formats the same few limits over and over (scoring runs after every event).
    if (FORMATTED.size >= FORMATTED_KEPT) FORMATTED.clear();
    text = formatTaipeiNow(ms);
    FORMATTED.set(ms, text);
  }
  return text;
}

/** formatTaipei's recent answers (scoring formats each obligation's limit and trigger every time it runs). */
const FORMATTED = new Map<number, string>();
const FORMATTED_KEPT = 4096;

function formatTaipeiNow(ms: number): string {
  const d = new Date(ms + TAIPEI_OFFSET_MS);
  const year = d.getUTCFullYear();
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  const milli = d.getUTCMilliseconds();
  const frac = milli === 0 ? '' : '.' + String(milli).padStart(3, '0');
  return (
    `${y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${frac}+08:00`
  );
}

/** The Taipei calendar date of a moment (2026-03-01T23:30:00Z is 2 March in Taipei). */
export function taipeiDateParts(ms: number): TaipeiDate {
  const d = new Date(ms + TAIPEI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The Taipei calendar date of a moment as YYYY-MM-DD. */
export function taipeiDate(ms: number): string {
  const { year, month, day } = taipeiDateParts(ms);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Epoch ms of 23:59:59.999 +08:00 on the given Taipei date (day may overflow; setUTCFullYear normalizes it).
 * WARNING: not Date.UTC, which reads years 0–99 as 1900–1999 and put a year-50 drill's limits 1850
 * years late (issue 10).
 */
function endOfDate(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + 1);
  return d.getTime() - TAIPEI_OFFSET_MS - 1;
}

/**
 * End (23:59:59.999 +08:00) of the Taipei date of `ms`, plus `plusDays` calendar days.
 * P14: "within 3 days counting the report's date as day 1" is endOfTaipeiDay(report, 2).
 */
export function endOfTaipeiDay(ms: number, plusDays = 0): number {
  const { year, month, day } = taipeiDateParts(ms);
  return endOfDate(year, month, day + plusDays);
}

/**
 * End of the Taipei date one calendar month after the Taipei date of `ms`; where that month has no
 * such day (31 Jan → February), its last day (P31(5), closure-1m).
 */
export function endOfDayOneMonthAfter(ms: number): number {
  const { year, month, day } = taipeiDateParts(ms);
  const nextMonth = month === 12 ? 1 : month + 1;
  const nextYear = month === 12 ? year + 1 : year;
  return endOfDate(nextYear, nextMonth, Math.min(day, daysInMonth(nextYear, nextMonth)));
}

/** YYYY-MM-DD plus whole calendar months, clamped to the last day of the target month (31 May + 3 → 31 Aug; 30 Nov + 3 → 28 or 29 Feb). */
export function addMonths(date: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) throw new RangeError(`not a date YYYY-MM-DD: "${date}"`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
