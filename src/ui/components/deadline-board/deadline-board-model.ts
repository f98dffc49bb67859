/**
 * The deadline board's rows, from the engine's score at a simulated moment: the console's live board
 * and the review walkthrough's board at a step of the log are the same board. Pure: no React, no
 * clock reads (the caller passes the simulated now).
 */
import type { ObligationResult, ScoreResult } from '@/engine/scoring/types';
import type { ObligationStatus } from '@/engine/record/vocabulary';
import { parseIsoMs } from '@/engine/time/taipei';

export interface BoardRow {
  id: ObligationResult['id'];
  status: ObligationStatus;
  /** DoIT's obligation (scored apart). */
  reviewer: boolean;
  dueMs: number | null;
  doneMs: number | null;
  /** Counting down (positive: time left), counting over (negative: overdue), or null (done or no limit). */
  remainingMs: number | null;
  /** Why a problem row (violated, missed, late) has its status: the engine's words, both languages. */
  why: Pick<ObligationResult, 'reasons' | 'reasonsZh'> | null;
}

const PROBLEMS: readonly ObligationStatus[] = ['violated', 'missed', 'late'];

/**
 * The live deadline board: every applicable obligation, from the engine's own score at now.
 * Violated and overdue first (each with its reason), then open ones by how soon they fall due, then done.
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
    const why = PROBLEMS.includes(o.status) ? { reasons: o.reasons, ...(o.reasonsZh ? { reasonsZh: o.reasonsZh } : {}) } : null;
    rows.push({ id: o.id, status: o.status, reviewer, dueMs, doneMs, remainingMs: open && dueMs !== null ? dueMs - nowMs : null, why });
  };
  for (const o of score.obligations) add(o, false);
  for (const o of score.doit) add(o, true);
  // Projected to the room: what went wrong first (violated, then overdue), then what is still open by
  // how soon it falls due, then late, then the rest.
  const rank = (r: BoardRow) =>
    r.status === 'violated' ? 0 : r.remainingMs !== null && r.remainingMs < 0 ? 1 : r.remainingMs !== null ? 2 : r.status === 'late' ? 3 : 4;
  return rows.sort((a, b) => rank(a) - rank(b) || (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity));
}

/** The first open limit after now, for the clock panel. */
export function nextOpenDeadline(rows: readonly BoardRow[]): BoardRow | null {
  return rows.find((r) => r.remainingMs !== null && r.remainingMs > 0) ?? null;
}
