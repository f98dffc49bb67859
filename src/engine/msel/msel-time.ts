/**
 * The time column of an MSEL as facilitators write it, read as an offset from T0 (awareness).
 *
 * | written | meaning |
 * |---|---|
 * | `+00:20`, `+1d02:00`, `-00:45` | a scenario offset (offset.ts) |
 * | `00:20`, `26:00` (text or an Excel time cell) | elapsed time from T0, hh:mm[:ss] (no sign needed) |
 * | `T+10`, `T+10m`, `T+2h`, `T+1d`, `T+1:30`, `T-5` | T0 plus that much; a bare number is **minutes** |
 * | `D+1 H+2`, `D+0 H+3 M+15`, `H+2` | days, hours and minutes after T0, in any order, each optional |
 * | `2026-03-09 09:40`, `2026/3/9 9:40`, ISO with offset, an Excel date-time cell | a moment, taken against T0 in Taipei time |
 * | a number ≥ 1 (a date cell the file stored as a serial number) | an Excel serial date-time, Taipei wall time |
 *
 * Excel has no time zones: a date-time cell holds the wall time the facilitator typed, which
 * read-excel-file returns as a Date whose UTC fields are those wall-clock fields. Both it and
 * written date-times without an offset are read as Taipei time (UTC+08:00).
 */
import { formatOffset, OFFSET_PATTERN, tryParseOffset } from '../scenario/offset';
import type { Bilingual } from '../base/bilingual';
import { mselText, mselWords, type MselKey } from './msel-text';

export type MselCell = string | number | boolean | Date | null | undefined;

/** Text in both languages (base/bilingual.ts). */
export type Words = Bilingual;

export type MselTime = { ok: true; offset: string; ms: number; note?: Words } | { ok: false; message: Words };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TAIPEI = 8 * HOUR;
/** Excel's day 0 is 1899-12-30 (the 1900 leap-year quirk folded in), in UTC ms. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const ok = (ms: number, written?: string, note?: Words): MselTime => ({
  ok: true,
  // Keep the facilitator's offset as written when it is already one (a round trip changes nothing).
  offset: written !== undefined && OFFSET_PATTERN.test(written) ? written : formatOffset(ms),
  ms,
  ...(note ? { note } : {}),
});

const bad = (key: MselKey, params: Record<string, string | number> = {}): MselTime => ({ ok: false, message: mselWords(key, params) });

/** A wall-clock moment (UTC fields = Taipei wall time) as an offset from T0. */
const fromWall = (wallUtcMs: number, t0Ms: number, note?: Words): MselTime => ok(wallUtcMs - TAIPEI - t0Ms, undefined, note);

/** Read one time cell. `t0Ms` is the scenario's T0 (epoch ms). */
export function parseMselTime(cell: MselCell, t0Ms: number): MselTime {
  if (cell === null || cell === undefined || cell === '') return bad('time.missing');
  if (cell instanceof Date) {
    const ms = cell.getTime();
    if (Number.isNaN(ms)) return bad('time.invalidDate');
    // An Excel time without a date (h:mm cell) sits on day 0: elapsed time from T0.
    if (ms < Date.UTC(1900, 0, 2)) return ok(ms - EXCEL_EPOCH);
    return fromWall(ms, t0Ms);
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return bad('time.badNumber', { cell });
    const wall = EXCEL_EPOCH + Math.round(cell * DAY / 1000) * 1000;
    if (cell < 1) return ok(wall - EXCEL_EPOCH, undefined, mselWords('time.excelTimeValue'));
    return fromWall(wall, t0Ms, mselWords('time.excelSerial', { cell }));
  }
  if (typeof cell === 'boolean') return bad('time.boolean');
  const text = cell.trim().replace(/\s+/g, ' ').replace(/＋/g, '+').replace(/：/g, ':');

  if (/^[+-]/.test(text)) {
    const r = tryParseOffset(text);
    return r.ok ? ok(r.ms, text) : { ok: false, message: { zh: mselText('zh-TW', 'time.badOffset', { text }), en: r.message } };
  }

  // hh:mm[:ss] without a sign: elapsed time from T0.
  const elapsed = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (elapsed) {
    const [, h, m, s] = elapsed;
    if (Number(m) > 59 || Number(s ?? 0) > 59) return bad('time.elapsedOver59', { text });
    return ok(Number(h) * HOUR + Number(m) * MINUTE + Number(s ?? 0) * 1000);
  }

  // T+10 (minutes), T+10m, T+2h, T+1d, T+1:30, T-5.
  const t = /^T ?([+-]) ?(\d+)(?::(\d{2}))?\s?(m|min|h|hr|d)?$/i.exec(text);
  if (t) {
    const [, sign, n, mm, unit] = t;
    let ms: number;
    if (mm !== undefined) {
      if (unit !== undefined) return bad('time.mixedUnit', { text });
      if (Number(mm) > 59) return bad('time.minutesOver59', { text });
      ms = Number(n) * HOUR + Number(mm) * MINUTE;
    } else {
      const u = (unit ?? 'm').toLowerCase();
      ms = Number(n) * (u.startsWith('d') ? DAY : u.startsWith('h') ? HOUR : MINUTE);
    }
    return ok(sign === '-' ? -ms : ms);
  }

  // D+1 H+2 M+30: days, hours, minutes after T0, each part optional, in any order.
  if (/^([DHM] ?[+-] ?\d+ ?)+$/i.test(text)) {
    let ms = 0;
    const seen = new Set<string>();
    for (const [, part, sign, n] of text.matchAll(/([DHM]) ?([+-]) ?(\d+)/gi)) {
      const key = part.toUpperCase();
      if (seen.has(key)) return bad('time.twice', { text, key });
      seen.add(key);
      const v = Number(n) * (key === 'D' ? DAY : key === 'H' ? HOUR : MINUTE);
      ms += sign === '-' ? -v : v;
    }
    return ok(ms);
  }

  // A date-time: ISO with an offset, or a wall time (Taipei) as 2026-03-09 09:40 / 2026/3/9 9:40[:ss].
  if (/[+-]\d{2}:\d{2}$|Z$/.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ok(ms - t0Ms);
  }
  const wall = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (wall) {
    const [, y, mo, d, h, mi, s] = wall.map(Number) as number[];
    const utc = Date.UTC(y, mo - 1, d, h, mi, s || 0);
    const back = new Date(utc);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return bad('time.notRealDate', { text });
    return fromWall(utc, t0Ms);
  }
  if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(text)) return bad('time.dateOnly', { text });
  return bad('time.unreadable', { text: text.slice(0, 40) });
}
