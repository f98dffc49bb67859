/**
 * DoIT's city board (issue 11): agencies × obligations at the shared simulated now, each cell the
 * status scoreRecord gives as at now, with its reason; agencies with overdue cells first; sorting and
 * filtering by agency type and by the nearest deadline. Pure: `nowMs` is an input.
 *
 * Scoring (per record, as at now) and arranging (sort / filter, cheap) are separate steps, so the
 * UI re-scores only when now or the records change.
 */
import type { DrillRecord } from '../record/schema';
import type { AgencyType, ObligationId, ObligationStatus } from '../record/vocabulary';
import { AGENCY_SCORED, REVIEWER_SCORED } from '../rules/obligations';
import { scoreRecord } from '../scoring/score';
import type { ObligationResult, ScoreResult } from '../scoring/types';
import { reasonsIn } from '../scoring/types';
import { parseIsoMs } from '../time/taipei';
import { lateText, spanText, statusName, taipeiMoment, type ReportLanguage } from '../report/event-text';
import { cityText } from './city-text';
import { phrase } from '../text/glossary';
import type { Verdict } from '../record/vocabulary';

/** One agency's drill in the exercise: who it is and its record (the truth). */
export interface CityEntry {
  /** Stable key (the record's file name, or the agency name). */
  key: string;
  name: string;
  type: AgencyType;
  record: DrillRecord;
}

/** The board's columns: the agency's 24 scored obligations, then DoIT's review-level (shown apart). */
export const BOARD_COLUMNS: readonly ObligationId[] = [...AGENCY_SCORED.map((o) => o.id), ...REVIEWER_SCORED.map((o) => o.id)];

export interface BoardCell {
  id: ObligationId;
  status: ObligationStatus;
  due: string | null;
  dueMs: number | null;
  doneAt: string | null;
  /** Not done and its limit passed as at now (status missed). */
  overdue: boolean;
  /** Still open: not done, limit not yet passed. */
  open: boolean;
  /** The reviewer's (DoIT's) obligation, not the agency's. */
  reviewer: boolean;
  result: ObligationResult;
}

export interface BoardRow {
  key: string;
  name: string;
  type: AgencyType;
  cells: BoardCell[];
  /** Overdue cells of the agency (DoIT's own are not the agency's). */
  overdue: number;
  /** Late or violated cells of the agency. */
  faults: number;
  /** The earliest limit still ahead of now among the agency's open cells; null when none. */
  nearestDueMs: number | null;
  score: number;
  verdict: Verdict;
  /** The score as at now, whole (the reviewer queue reads it too). */
  result: ScoreResult;
}

function cellOf(o: ObligationResult, reviewer: boolean): BoardCell {
  const dueMs = o.due === null ? null : parseIsoMs(o.due);
  return {
    id: o.id,
    status: o.status,
    due: o.due,
    dueMs,
    doneAt: o.doneAt,
    overdue: o.status === 'missed',
    open: o.status === 'not-reached' && o.doneAt === null,
    reviewer,
    result: o,
  };
}

/** One row from a score (as at now). */
export function boardRow(entry: Pick<CityEntry, 'key' | 'name' | 'type'>, score: ScoreResult, nowMs: number): BoardRow {
  const cells = [...score.obligations.map((o) => cellOf(o, false)), ...score.doit.map((o) => cellOf(o, true))];
  let overdue = 0;
  let faults = 0;
  let nearestDueMs: number | null = null;
  for (const c of cells) {
    if (c.reviewer) continue;
    if (c.overdue) overdue++;
    if (c.status === 'late' || c.status === 'violated') faults++;
    if (c.open && c.dueMs !== null && c.dueMs >= nowMs && (nearestDueMs === null || c.dueMs < nearestDueMs)) nearestDueMs = c.dueMs;
  }
  return { key: entry.key, name: entry.name, type: entry.type, cells, overdue, faults, nearestDueMs, score: score.score, verdict: score.verdict, result: score };
}

/** Every agency scored as at `nowMs` (events after now are not yet known). */
export function scoreBoard(entries: readonly CityEntry[], nowMs: number): BoardRow[] {
  return entries.map((e) => boardRow(e, scoreRecord(e.record, { evaluateAt: nowMs }), nowMs));
}

interface CachedRow {
  row: BoardRow;
  /** The row holds for every now in [fromMs, untilMs). */
  fromMs: number;
  untilMs: number;
}

/**
 * The span of nows over which a score taken at `nowMs` stays the same (the moments are the
 * record's): it changes only when now reaches the next event (events after now are unknown) or
 * passes the limit of an open obligation (not-reached becomes missed one millisecond after it,
 * drill-record.md "a limit is passed only when the evaluation time is strictly after it"), and not
 * at all once the drill has ended. Going back, it holds down to the last event seen and the first
 * moment each missed obligation was already missed.
 */
export function scoreSpan(record: DrillRecord, score: ScoreResult, nowMs: number): { fromMs: number; untilMs: number } {
  let fromMs = -Infinity;
  let untilMs = Infinity;
  let ended = false;
  for (const e of record.events) {
    const at = parseIsoMs(e.at);
    if (at <= nowMs) {
      if (at > fromMs) fromMs = at;
      if (e.type === 'drill.ended') ended = true;
    } else if (at < untilMs) untilMs = at;
  }
  // WARNING: once drill.ended is seen its moment is the evaluation time, whatever now is.
  if (ended) return { fromMs, untilMs: Infinity };
  for (const o of [...score.obligations, ...score.doit]) {
    if (o.doneAt !== null || o.due === null) continue;
    const due = parseIsoMs(o.due);
    if (o.status === 'not-reached' && due >= nowMs && due + 1 < untilMs) untilMs = due + 1;
    if (o.status === 'missed' && due + 1 > fromMs) fromMs = due + 1;
  }
  return { fromMs, untilMs };
}

export interface LiveBoard {
  rows: BoardRow[];
  /** Agencies still shown as at an earlier now (the scorer yielded); 0 when the board is exact. */
  pending: number;
}

/**
 * The live board's scorer: keeps each agency's row and re-scores a record only when now leaves the
 * span its row holds for (scoreSpan), so moving the shared clock re-scores only the agencies whose
 * statuses change. Rows that did not change are the same objects, so the UI can skip them.
 *
 * When many agencies change at once (every agency's one-hour limit passes in the same frame),
 * `shouldYield` (the caller's frame budget; the engine reads no clock) lets it stop after the
 * agency in hand: the rest keep their last row and are counted in `pending`, and the next call
 * carries on from there (round robin, so none waits behind the others for long). An agency with
 * no row yet is always scored. When every row is the one it gave last time (and none is pending),
 * it gives the same board object again, so the UI need not re-arrange or re-render anything.
 */
export function createBoardScorer(): (entries: readonly CityEntry[], nowMs: number, shouldYield?: () => boolean) => LiveBoard {
  const cache = new WeakMap<DrillRecord, CachedRow>();
  let cursor = 0;
  let last: LiveBoard | null = null;
  let lastEntries: readonly CityEntry[] | null = null;
  // Only an exact board is reused: one still catching up is new each time, so the caller schedules the next step.
  const unchanged = (next: LiveBoard) => last !== null && next.pending === 0 && last.pending === 0 && last.rows.length === next.rows.length && next.rows.every((r, i) => r === last!.rows[i]);
  return (entries, nowMs, shouldYield) => {
    const next = scoreAll(entries, nowMs, shouldYield);
    // The same rows as last time: the same board object, so the UI skips arranging and rendering it.
    if (entries === lastEntries && unchanged(next)) return last!;
    last = next;
    lastEntries = entries;
    return next;
  };
  function scoreAll(entries: readonly CityEntry[], nowMs: number, shouldYield?: () => boolean): LiveBoard {
    const rows: BoardRow[] = new Array(entries.length);
    let pending = 0;
    let yielded = false;
    const n = entries.length;
    const start = n === 0 ? 0 : cursor % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      const e = entries[i];
      const hit = cache.get(e.record);
      const same = hit !== undefined && hit.row.key === e.key && hit.row.name === e.name && hit.row.type === e.type;
      if (same && nowMs >= hit.fromMs && nowMs < hit.untilMs) {
        rows[i] = hit.row;
        continue;
      }
      if (same && (yielded || (shouldYield !== undefined && shouldYield()))) {
        if (!yielded) cursor = i;
        yielded = true;
        rows[i] = hit.row;
        pending++;
        continue;
      }
      const score = scoreRecord(e.record, { evaluateAt: nowMs });
      const row = boardRow(e, score, nowMs);
      cache.set(e.record, { row, ...scoreSpan(e.record, score, nowMs) });
      rows[i] = row;
    }
    return { rows, pending };
  }
}

export type BoardSort = 'overdue' | 'deadline' | 'name' | 'type';

export interface BoardView {
  sort: BoardSort;
  /** Only these agency types; empty or absent means every type. */
  types?: readonly AgencyType[];
  /** Only agencies with an open limit within this many ms of now (the nearest-deadline filter). */
  dueWithinMs?: number | null;
}

const TYPE_ORDER: Record<AgencyType, number> = { doit: 0, agency: 1, 'administrative-corporation': 2, school: 3 };
// One collator for every comparison: String#localeCompare with a locale builds one per call, which
// made sorting 100 rows a noticeable part of a live board's frame (bench:city).
const nameCollator = new Intl.Collator('zh-Hant-TW');
const byName = (a: BoardRow, b: BoardRow) => nameCollator.compare(a.name, b.name);
const byNearest = (a: BoardRow, b: BoardRow) => (a.nearestDueMs ?? Infinity) - (b.nearestDueMs ?? Infinity);

/**
 * Filters and sorts rows. 'overdue' (the default view): most overdue cells first, then most late or
 * violated, then the nearest deadline; 'deadline': nearest open limit first (none last); 'type':
 * by agency type, overdue first within a type; 'name': by name. Ties end by name, so the order is stable.
 */
export function arrangeBoard(rows: readonly BoardRow[], view: BoardView, nowMs: number): BoardRow[] {
  const types = view.types && view.types.length > 0 ? new Set(view.types) : null;
  const within = view.dueWithinMs ?? null;
  const kept = rows.filter((r) => (types === null || types.has(r.type)) && (within === null || (r.nearestDueMs !== null && r.nearestDueMs - nowMs <= within)));
  const overdueFirst = (a: BoardRow, b: BoardRow) => b.overdue - a.overdue || b.faults - a.faults || byNearest(a, b);
  const compare: Record<BoardSort, (a: BoardRow, b: BoardRow) => number> = {
    overdue: (a, b) => overdueFirst(a, b) || byName(a, b),
    deadline: (a, b) => byNearest(a, b) || overdueFirst(a, b) || byName(a, b),
    type: (a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || overdueFirst(a, b) || byName(a, b),
    name: byName,
  };
  return kept.sort(compare[view.sort]);
}

/** MM-DD hh:mm, with the seconds when they are not :00 (time is exact: 09:40:02 is not 09:40). */
const clock = (iso: string | null) => (iso ? taipeiMoment(iso).slice(5) : '—');

/**
 * The reason a cell has its colour, in words (shown on hover and on keyboard focus): the status,
 * the limit, when it was done or how long is left / how long overdue as at now, and scoring's reasons.
 */
export function cellReason(cell: BoardCell, nowMs: number, lang: ReportLanguage): string {
  const w = (key: Parameters<typeof cityText>[1], params?: Record<string, string | number>) => cityText(lang, key, params);
  const status = statusName(cell.status, lang);
  const parts: string[] = [];
  if (cell.due !== null) parts.push(w('board.limit', { time: clock(cell.due) }));
  if (cell.doneAt !== null) parts.push(w('board.done', { time: clock(cell.doneAt) }));
  if (cell.status === 'late' && cell.result.lateByMinutes > 0) parts.push(w('board.lateBy', { duration: lateText(cell.result, lang) }));
  if (cell.overdue && cell.dueMs !== null) parts.push(w('board.overdueBy', { duration: spanText(nowMs - cell.dueMs, lang) }));
  // Time left counts down to the limit: rounded down, so "20 min left" is never more than is left.
  if (cell.open && cell.dueMs !== null && cell.dueMs >= nowMs) parts.push(w('board.left', { duration: spanText(Math.floor((cell.dueMs - nowMs) / 1000) * 1000, lang) }));
  // A late or not-yet-due cell's reasons only restate its timing, said above in fewer words.
  const reasons = cell.status === 'late' || cell.status === 'not-reached' ? [] : reasonsIn(cell.result, lang);
  const head = parts.length > 0 ? w('board.head', { status, parts: parts.join(w('board.partSep')) }) : status;
  return reasons.length > 0 ? w('board.withReasons', { head, reasons: reasons.join(phrase('eventDetails', 'parts', lang)) }) : head;
}
