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

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

export function daysInMonth(year: number, month: number): number {
  // Date.UTC with day 0 of the next month is the last day of this month (handles leap years).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO 8601 date-time with an explicit offset (Z or ±hh:mm) to epoch milliseconds.
 * Returns NaN when the text is not such a date-time or names a day that does not exist
 * (2026-02-30), an hour over 23, a minute or second over 59, or an offset over ±23:59.
 * Fractions below a millisecond are truncated (limits are whole seconds; a drill never needs µs).
 */
export function parseIsoMs(text: string): number {
  const m = ISO_RE.exec(text);
  if (m === null) return NaN;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const hour = +m[4];
  const minute = +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+(m[7] + '000').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  let offsetMs = 0;
  if (m[8] !== 'Z') {
    const oh = +m[10];
    const om = +m[11];
    if (oh > 23 || om > 59) return NaN;
    offsetMs = (m[9] === '-' ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs;
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

/** Epoch ms of 23:59:59.999 +08:00 on the given Taipei date (day may overflow; Date.UTC normalizes it). */
function endOfDate(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day + 1) - TAIPEI_OFFSET_MS - 1;
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
