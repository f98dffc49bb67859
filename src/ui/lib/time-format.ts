/**
 * Simulated Taipei time for people to read, shared by the console, the desks and the deadline
 * board. Pure: no clock reads (callers pass the moment). The engine's `formatTaipei` gives the
 * record's ISO form; these are the screen's shorter forms.
 */
import { formatTaipei } from '@/engine/time/taipei';
import { interpolate } from '@/engine/text/glossary';
import zhCommon from '@/locales/zh-TW/common.json';
import enCommon from '@/locales/en/common.json';

const pad = (n: number): string => String(n).padStart(2, '0');
// Plain functions (no React): the words come from the common namespace's JSON directly.
const word = (lang: string, key: keyof typeof zhCommon.time): string => (lang === 'en' ? enCommon.time : zhCommon.time)[key];

/** Simulated date and time in Taipei: `2026-03-09（一）08:40:00` / `Mon 2026-03-09 08:40:00`. */
export function taipeiClock(ms: number, lang: string): { date: string; time: string } {
  const d = new Date(Math.floor(ms) + 8 * 3600_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const day = d.getUTCDay();
  return { date: interpolate(word(lang, 'clockDate'), { date, weekday: word(lang, 'weekdays').split(',')[day] }), time };
}

/** Short Taipei time for lists: `03-09 08:40`. */
export function shortTaipei(ms: number): string {
  const d = new Date(Math.floor(ms) + 8 * 3600_000);
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A duration as `hh:mm:ss`, with days in front when there are any: `2d 03:00:00` / `2天 03:00:00`. */
export function duration(ms: number, lang: string): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = `${pad(h)}:${pad(m)}:${pad(s)}`;
  if (days === 0) return hms;
  return interpolate(word(lang, 'withDays'), { days, hms });
}

/** Time since awareness: `T+01:05:00`, or `T−00:45:00` before it. */
export function sinceAwareness(nowMs: number, t0Ms: number, lang: string): string {
  const diff = nowMs - t0Ms;
  return `T${diff < 0 ? '−' : '+'}${duration(diff, lang)}`;
}

/** A moment as ISO 8601 in Taipei to the second (`2026-03-09T08:40:00+08:00`), for events' real `wall` time. */
export function wallIso(ms: number): string {
  return formatTaipei(Math.floor(ms / 1000) * 1000);
}
