/**
 * Scenario time: offsets from awareness (T0) and plain durations.
 *
 * An offset is a signed point on the scenario clock, written `+hh:mm`, `+hh:mm:ss` or
 * `+Nd hh:mm[:ss]` without the space (`+1d02:00` = T0 + 26 h). Seconds are allowed so that a
 * scenario can sit exactly on a boundary (`+01:00:00` is on time, `+01:00:01` is late). A `-`
 * offset is a pre-awareness signal (something the agency could have noticed before T0).
 *
 * A duration is unsigned and written in units: `8h`, `90m`, `3d`, `1d12h`, `45s`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** No drill runs longer than this: larger numbers (400 digits) would overflow the clock (issue 10). */
export const MAX_SCENARIO_DAYS = 3660;
const MAX_MS = MAX_SCENARIO_DAYS * DAY;

export const OFFSET_PATTERN = /^([+-])(?:(\d+)d)?(\d{2,3}):(\d{2})(?::(\d{2}))?$/;
export const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

export type ParseResult = { ok: true; ms: number } | { ok: false; message: string };

/** Parse an offset, returning a reason instead of throwing (used by the validator). */
export function tryParseOffset(text: unknown): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, message: `offset must be text like "+01:30" or "+1d02:00", got ${JSON.stringify(text)}` };
  }
  const m = OFFSET_PATTERN.exec(text.trim());
  if (!m) {
    return {
      ok: false,
      message: `offset "${text}" does not parse: write a sign, optional days and hh:mm[:ss], e.g. "+00:20", "+1d02:00", "-00:10"`,
    };
  }
  const [, sign, days, hh, mm, ss] = m;
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = ss === undefined ? 0 : Number(ss);
  if (minutes > 59) return { ok: false, message: `offset "${text}": minutes must be 00–59` };
  if (seconds > 59) return { ok: false, message: `offset "${text}": seconds must be 00–59` };
  if (days !== undefined && hours > 23) {
    return { ok: false, message: `offset "${text}": with a day part, hours must be 00–23` };
  }
  const ms = Number(days ?? 0) * DAY + hours * HOUR + minutes * MINUTE + seconds * 1000;
  if (!(ms <= MAX_MS)) return { ok: false, message: `offset "${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is more than ${MAX_SCENARIO_DAYS} days from awareness` };
  return { ok: true, ms: sign === '-' ? -ms : ms };
}

/** `parseOffset('+1d02:00')` → 93 600 000. Throws an Error naming the problem. */
export function parseOffset(text: string): number {
  const r = tryParseOffset(text);
  if (!r.ok) throw new Error(r.message);
  return r.ms;
}

export function tryParseDuration(text: unknown): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, message: `duration must be text like "8h", "90m" or "1d12h", got ${JSON.stringify(text)}` };
  }
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) {
    return { ok: false, message: `duration "${text}" does not parse: use d, h, m, s units in that order, e.g. "8h", "1d12h", "90m"` };
  }
  const [, d, h, mi, s] = m;
  const ms = Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(mi ?? 0) * MINUTE + Number(s ?? 0) * 1000;
  if (ms <= 0) return { ok: false, message: `duration "${text}" must be longer than zero` };
  if (!(ms <= MAX_MS)) return { ok: false, message: `duration "${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is more than ${MAX_SCENARIO_DAYS} days` };
  return { ok: true, ms };
}

/** `parseDuration('8h')` → 28 800 000. Throws an Error naming the problem. */
export function parseDuration(text: string): number {
  const r = tryParseDuration(text);
  if (!r.ok) throw new Error(r.message);
  return r.ms;
}

/** The inverse of parseOffset, for display and for documents: 93 600 000 → `+1d02:00`. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${days > 0 ? `${days}d` : ''}${pad(hours)}:${pad(minutes)}${seconds > 0 ? `:${pad(seconds)}` : ''}`;
}
