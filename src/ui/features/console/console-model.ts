/**
 * What the console shows, computed from the runtime's record, snapshot and score. Pure: no React,
 * no clock reads (the caller passes the simulated now).
 */
import type { ObligationResult, ScoreResult } from '@/engine/scoring/types';
import type { ObligationStatus } from '@/engine/record/vocabulary';
import { parseIsoMs } from '@/engine/time/taipei';

const pad = (n: number): string => String(n).padStart(2, '0');
const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Simulated date and time in Taipei: `2026-03-09（一）08:40:00` / `Mon 2026-03-09 08:40:00`. */
export function taipeiClock(ms: number, lang: string): { date: string; time: string } {
  const d = new Date(Math.floor(ms) + 8 * 3600_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const day = d.getUTCDay();
  return { date: lang === 'en' ? `${WEEKDAYS_EN[day]} ${date}` : `${date}（${WEEKDAYS_ZH[day]}）`, time };
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
  return lang === 'en' ? `${days}d ${hms}` : `${days}天 ${hms}`;
}

/** Time since awareness: `T+01:05:00`, or `T−00:45:00` before it. */
export function sinceAwareness(nowMs: number, t0Ms: number, lang: string): string {
  const diff = nowMs - t0Ms;
  return `T${diff < 0 ? '−' : '+'}${duration(diff, lang)}`;
}

export interface BoardRow {
  id: ObligationResult['id'];
  status: ObligationStatus;
  /** DoIT's obligation (scored apart). */
  reviewer: boolean;
  dueMs: number | null;
  doneMs: number | null;
  /** Counting down (positive: time left), counting over (negative: overdue), or null (done or no limit). */
  remainingMs: number | null;
  reasons: string[];
}

/**
 * The live deadline board: every applicable obligation, from the engine's own score at now.
 * Open ones first by how soon they fall due, then overdue, then done.
 */
export function deadlineBoard(score: ScoreResult | null, nowMs: number, ended = false): BoardRow[] {
  if (!score) return [];
  const rows: BoardRow[] = [];
  const add = (o: ObligationResult, reviewer: boolean) => {
    if (o.status === 'not-applicable') return;
    const dueMs = o.due ? parseIsoMs(o.due) : null;
    const doneMs = o.doneAt ? parseIsoMs(o.doneAt) : null;
    // After the end nothing counts down any more: a not-reached limit stays unreached.
    const open = doneMs === null && (o.status === 'missed' || (o.status === 'not-reached' && !ended));
    rows.push({ id: o.id, status: o.status, reviewer, dueMs, doneMs, remainingMs: open && dueMs !== null ? dueMs - nowMs : null, reasons: o.reasons });
  };
  for (const o of score.obligations) add(o, false);
  for (const o of score.doit) add(o, true);
  const rank = (r: BoardRow) => (r.remainingMs !== null && r.remainingMs >= 0 ? 0 : r.remainingMs !== null ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity));
}

/** The first open limit after now, for the clock panel. */
export function nextOpenDeadline(rows: readonly BoardRow[]): BoardRow | null {
  return rows.find((r) => r.remainingMs !== null && r.remainingMs > 0) ?? null;
}
