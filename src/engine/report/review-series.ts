/**
 * Pure series builders behind the review's charts and walkthrough: the scored timeline (one lane per
 * role, the injects, and each obligation's window from trigger to limit coloured by its status), the
 * score breakdown, the deadline board at a step of the log, and the comparison across drills.
 * No React, no recharts: the review feature maps these onto chart components.
 */
import { reportText } from './report-text';
import type { DrillEvent, DrillRecord } from '../record/schema';
import { ACTOR_ROLES, type ActorRole, type ObligationId, type ObligationStatus, type Verdict } from '../record/vocabulary';
import { OBLIGATION_BY_ID } from '../rules/obligations';
import { scoreRecord, STATUS_CREDIT } from '../scoring/score';
import { weightOf, type Standard } from '../scoring/standard';
import { notReachedCount, type ObligationResult, type ScoreResult } from '../scoring/types';
import { DAY_MS, formatTaipei, HOUR_MS, MINUTE_MS, parseIsoMs, TAIPEI_OFFSET_MS, taipeiDate } from '../time/taipei';

export interface TimelineAction {
  seq: number;
  ms: number;
  at: string;
  role: ActorRole;
  /** Index of the role's lane (0 = top). */
  lane: number;
  type: string;
  name?: string;
  /** Place among the lane's actions at (nearly) the same moment (0-based), and how many share it: drawn side by side, not on top of each other. */
  stack: number;
  stackSize: number;
}

export interface TimelineInject {
  seq: number;
  ms: number;
  at: string;
  title: string;
  /** As for actions: injects delivered at (nearly) the same moment. */
  stack: number;
  stackSize: number;
}

export interface ObligationWindow {
  id: ObligationId;
  /** Row of the window (0 = top): by trigger, then limit (or when it was done, where there is no limit), then the procedure's order. */
  row: number;
  status: ObligationStatus;
  /** Trigger and limit, exact (null where there is none). */
  triggerMs: number;
  dueMs: number | null;
  doneMs: number | null;
  doneSeq: number | null;
  /** The drawn window, clipped to the chart's time domain. */
  fromMs: number;
  toMs: number;
  /** True when the limit lies beyond the domain (drawn to its edge). */
  clipped: boolean;
  reviewer: boolean;
}

export interface ScoredTimeline {
  t0Ms: number;
  domain: [number, number];
  lanes: ActorRole[];
  actions: TimelineAction[];
  injects: TimelineInject[];
  windows: ObligationWindow[];
  /** Actions and injects after the drawn span (zoomed in), and the last of them; 0 and null otherwise. */
  later: { count: number; lastMs: number | null };
}

/** The spans the review can show: the whole drill, or the first hours or days after T0. */
export const TIMELINE_SPANS = { all: undefined, h6: 6 * HOUR_MS, d3: 3 * DAY_MS } as const satisfies Record<string, number | undefined>;
export type TimelineSpan = keyof typeof TIMELINE_SPANS;

/** Within this fraction of the drawn span, a lane's actions count as the same moment (a marker is ~1% of the chart's width). */
const SAME_MOMENT_FRACTION = 0.012;

/**
 * Numbers points that fall at (nearly) the same moment: each cluster starts at a point and takes every
 * later point within nearMs of that first one. Points must be in time order.
 */
function stackNear<T extends { ms: number }>(points: readonly T[], nearMs: number): Array<T & { stack: number; stackSize: number }> {
  const out = points.map((p) => ({ ...p, stack: 0, stackSize: 1 }));
  let start = 0;
  for (let i = 1; i <= out.length; i++) {
    if (i < out.length && out[i].ms - out[start].ms <= nearMs) {
      out[i].stack = i - start;
      continue;
    }
    for (let j = start; j < i; j++) out[j].stackSize = i - start;
    start = i;
  }
  return out;
}

/** Statuses drawn as windows: what was judged. not-reached windows are drawn too (still open); not-applicable are not. */
const DRAWN: ReadonlySet<ObligationStatus> = new Set(['met', 'late', 'missed', 'violated', 'not-reached']);

/**
 * The scored timeline. The time domain runs from the first event to the evaluation time (the last
 * event that counts), widened to include every `doneAt`; limits further out (a month's closure
 * limit in a four-hour drill) are clipped to the domain's end and marked `clipped`. With `spanMs`
 * only the first spanMs after T0 is drawn. A lane's actions within `nearFraction` of the drawn span
 * of each other are numbered as one stack (`stack`, `stackSize`).
 */
export function buildScoredTimeline(
  record: Pick<DrillRecord, 'events'>,
  score: ScoreResult,
  options: { spanMs?: number; nearFraction?: number } = {},
): ScoredTimeline {
  const events = record.events;
  const ms = events.map((e) => parseIsoMs(e.at));
  const aware = events.find((e) => e.type === 'incident.aware');
  const t0Ms = aware ? parseIsoMs(aware.at) : ms[0] ?? 0;
  const endedIdx = events.findIndex((e) => e.type === 'drill.ended');
  const counted = endedIdx === -1 ? events : events.slice(0, endedIdx + 1);
  let start = ms.length > 0 ? Math.min(ms[0], t0Ms) : t0Ms;
  let end = counted.length > 0 ? parseIsoMs(counted[counted.length - 1].at) : t0Ms;
  const all = [...score.obligations, ...score.doit];
  for (const o of all) if (o.doneAt !== null) end = Math.max(end, parseIsoMs(o.doneAt));
  // Zoom: only the first spanMs after T0 (the hour limits vanish in a month-long drill otherwise).
  if (options.spanMs !== undefined) end = Math.min(end, t0Ms + options.spanMs);
  if (end <= start) end = start + 60_000;
  start = Math.min(start, end);

  const roleSet = new Set<ActorRole>();
  const injs: Array<Omit<TimelineInject, 'stack' | 'stackSize'>> = [];
  const acts: Array<Omit<TimelineAction, 'lane' | 'stack' | 'stackSize'>> = [];
  const later = { count: 0, lastMs: null as number | null };
  events.forEach((e, i) => {
    if (ms[i] > end) {
      if (i < counted.length) {
        later.count++;
        later.lastMs = Math.max(later.lastMs ?? ms[i], ms[i]);
      }
      return;
    }
    if (e.type === 'inject.delivered') {
      const d = (e.data ?? {}) as { title?: unknown; injectId?: unknown };
      injs.push({ seq: e.seq, ms: ms[i], at: e.at, title: typeof d.title === 'string' ? d.title : typeof d.injectId === 'string' ? d.injectId : e.type });
      return;
    }
    roleSet.add(e.actor.role);
    acts.push({ seq: e.seq, ms: ms[i], at: e.at, role: e.actor.role, type: e.type, ...(e.actor.name ? { name: e.actor.name } : {}) });
  });
  const lanes = ACTOR_ROLES.filter((r) => roleSet.has(r));
  const nearMs = (end - start) * (options.nearFraction ?? SAME_MOMENT_FRACTION);
  const byTime = <T extends { ms: number; seq: number }>(list: T[]) => [...list].sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  const actions = lanes
    .flatMap((role, lane) => stackNear(byTime(acts.filter((a) => a.role === role)), nearMs).map((a) => ({ ...a, lane })))
    .sort((a, b) => a.seq - b.seq);
  const injects = stackNear(byTime(injs), nearMs);

  const windows: ObligationWindow[] = [];
  for (const o of all) {
    if (!DRAWN.has(o.status)) continue;
    const dueMs = o.due === null ? null : parseIsoMs(o.due);
    const triggerMs = o.trigger ? parseIsoMs(o.trigger) : t0Ms;
    if (triggerMs > end) continue;
    const doneMs = o.doneAt === null ? null : parseIsoMs(o.doneAt);
    const rawTo = dueMs ?? doneMs ?? end;
    const toMs = Math.min(Math.max(rawTo, triggerMs), end);
    windows.push({
      id: o.id,
      row: 0,
      status: o.status,
      triggerMs,
      dueMs,
      doneMs,
      doneSeq: o.doneSeq ?? null,
      fromMs: Math.max(Math.min(triggerMs, end), start),
      toMs,
      clipped: rawTo > end,
      reviewer: OBLIGATION_BY_ID[o.id].reviewer === true,
    });
  }
  // Rows by trigger, then limit (a check without one, by when it was done), then the procedure's order (the sort is stable).
  const closes = (w: ObligationWindow) => w.dueMs ?? w.doneMs ?? Infinity;
  windows.sort((a, b) => a.triggerMs - b.triggerMs || closes(a) - closes(b));
  windows.forEach((w, i) => (w.row = i));
  return { t0Ms, domain: [start, end], lanes, actions, injects, windows, later };
}

/**
 * The span the review opens on: the first three days after T0 when the drill runs longer than four
 * days and at least two thirds of its actions and injects fall in those three days (a month-long drill
 * whose response happens in the first day and a half); otherwise the whole drill.
 */
export function defaultTimelineSpan(timeline: Pick<ScoredTimeline, 't0Ms' | 'domain' | 'actions' | 'injects'>): TimelineSpan {
  const d3 = timeline.t0Ms + TIMELINE_SPANS.d3;
  if (timeline.domain[1] - timeline.t0Ms <= 4 * DAY_MS) return 'all';
  const moments = [...timeline.actions, ...timeline.injects].map((p) => p.ms);
  const early = moments.filter((m) => m <= d3).length;
  return early * 3 >= moments.length * 2 ? 'd3' : 'all';
}

export interface TimelineTicks {
  /** relative: T+hh:mm from T0 (spans up to four days); calendar: Taipei midnights (longer spans). */
  mode: 'relative' | 'calendar';
  ticks: number[];
}

const RELATIVE_STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE_MS);
const CALENDAR_STEPS = [1, 2, 7, 14].map((d) => d * DAY_MS);

/**
 * Axis ticks that make sense for the span: up to four days, every 5 min … 24 h counted from T0 (so a
 * one-hour limit falls on a tick); longer, Taipei midnights every 1, 2, 7 or 14 days. At most maxTicks.
 */
export function timelineTicks([a, b]: readonly [number, number], t0Ms: number, maxTicks = 8): TimelineTicks {
  const span = b - a;
  const relative = span <= 4 * DAY_MS;
  const steps = relative ? RELATIVE_STEPS : CALENDAR_STEPS;
  const step = steps.find((s) => span / s <= maxTicks) ?? steps[steps.length - 1];
  // Relative ticks are counted from T0; calendar ticks from the first Taipei midnight of the span.
  const origin = relative ? t0Ms : Math.ceil((a + TAIPEI_OFFSET_MS) / DAY_MS) * DAY_MS - TAIPEI_OFFSET_MS;
  const ticks: number[] = [];
  for (let t = origin + Math.ceil((a - origin) / step) * step; t <= b; t += step) ticks.push(t);
  return { mode: relative ? 'relative' : 'calendar', ticks };
}

/** "T+01:30", "T+54:00", "T−00:05": time since T0 in hours and minutes. */
export function sinceT0Text(ms: number, t0Ms: number): string {
  const minutes = Math.round((ms - t0Ms) / MINUTE_MS);
  const abs = Math.abs(minutes);
  return `T${minutes < 0 ? '−' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}


/**
 * A tick's two lines. Relative: "T+01:00" over the Taipei clock ("10:00", or "3/3 10:00" on another
 * day than T0's). Calendar: the Taipei date "3/5" over its weekday ("週四", "Thu").
 */
export function timelineTickLabel(ms: number, t0Ms: number, mode: TimelineTicks['mode'], lang: 'zh-TW' | 'en'): [string, string] {
  const iso = formatTaipei(ms);
  const date = `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}`;
  if (mode === 'calendar') return [date, reportText(lang, 'weekdays').split(',')[new Date(ms + TAIPEI_OFFSET_MS).getUTCDay()]];
  const clock = iso.slice(11, 16);
  return [sinceT0Text(ms, t0Ms), taipeiDate(ms) === taipeiDate(t0Ms) ? clock : `${date} ${clock}`];
}

export interface BreakdownBar {
  id: ObligationId;
  status: ObligationStatus;
  /** The obligation's weight: what it could earn. */
  weight: number;
  /** What it earned: weight × credit (met 1, late ½, violated and missed 0). */
  earned: number;
  /** Lost points: weight − earned. */
  lost: number;
}

/** The score breakdown: each counted obligation's weight and what it earned; the sum of earned / weight is the score. */
export function buildScoreBreakdown(score: ScoreResult, standard: Standard): { bars: BreakdownBar[]; earned: number; possible: number } {
  const bars: BreakdownBar[] = [];
  for (const o of score.obligations) {
    const credit = STATUS_CREDIT[o.status];
    if (credit === null) continue;
    const weight = weightOf(o.id, standard);
    if (weight === 0) continue;
    bars.push({ id: o.id, status: o.status, weight, earned: weight * credit, lost: weight * (1 - credit) });
  }
  const earned = bars.reduce((s, b) => s + b.earned, 0);
  const possible = bars.reduce((s, b) => s + b.weight, 0);
  return { bars, earned, possible };
}

export interface BoardAtStep {
  step: number;
  event: DrillEvent;
  /** null before awareness (T0): nothing runs yet. The deadline-board component renders it. */
  score: ScoreResult | null;
}

/**
 * The deadline board as it stood at step k (0-based index into the events, in seq order): the same
 * scoreRecord the live board runs, on events[0..k], evaluated at events[k].at.
 */
export function boardAtStep(record: DrillRecord, step: number, options: { standard?: Partial<Standard> } = {}): BoardAtStep {
  const events = record.events;
  if (step < 0 || step >= events.length) throw new RangeError(`step ${step} is outside 0…${events.length - 1}`);
  const event = events[step];
  const slice = events.slice(0, step + 1);
  if (!slice.some((e) => e.type === 'incident.aware')) return { step, event, score: null };
  const score = scoreRecord({ ...record, events: slice }, { evaluateAt: event.at, ...(options.standard ? { standard: options.standard } : {}) });
  return { step, event, score };
}

export interface CompareDrill {
  key: string;
  agency: string;
  scenario: string;
  /** Taipei date of the drill (its first event's real time, else T0), YYYY-MM-DD. */
  date: string;
  score: number;
  /** drill-record.md "Score and standard". */
  verdict: Verdict;
  /** The agency's obligations not reached (said with an incomplete verdict, issue 12 item 9). */
  notReached: number;
  passed: boolean;
}

export interface CompareTable {
  drills: CompareDrill[];
  /** One row per obligation, one status per drill (same order as drills). */
  rows: Array<{ id: ObligationId; statuses: ObligationStatus[] }>;
  /** Several agency names among the drills (comparison is meant for one agency). */
  mixedAgencies: boolean;
}

/** Drills side by side, oldest first (columns by drill date). */
export function buildComparison(items: ReadonlyArray<{ key: string; record: DrillRecord; score: ScoreResult }>): CompareTable {
  const dated = items.map((it) => {
    const first = it.record.events.find((e) => e.wall !== undefined)?.wall;
    const aware = it.record.events.find((e) => e.type === 'incident.aware');
    const when = first ?? aware?.at ?? it.record.events[0]?.at;
    return { ...it, date: when ? taipeiDate(parseIsoMs(when)) : '', sortMs: when ? parseIsoMs(when) : 0 };
  });
  dated.sort((a, b) => a.sortMs - b.sortMs || a.key.localeCompare(b.key));
  const drills = dated.map((d) => ({
    key: d.key,
    agency: d.record.agency.name,
    scenario: typeof d.record.scenario.title === 'string' && d.record.scenario.title ? d.record.scenario.title : d.record.scenario.id,
    date: d.date,
    score: d.score.score,
    verdict: d.score.verdict,
    notReached: notReachedCount(d.score),
    passed: d.score.passed,
  }));
  const ids: ObligationId[] = [];
  for (const d of dated) for (const o of [...d.score.obligations, ...d.score.doit]) if (!ids.includes(o.id)) ids.push(o.id);
  const statusOf = (r: ScoreResult, id: ObligationId): ObligationStatus =>
    ([...r.obligations, ...r.doit].find((o: ObligationResult) => o.id === id)?.status ?? 'not-applicable');
  const rows = ids.map((id) => ({ id, statuses: dated.map((d) => statusOf(d.score, id)) }));
  return { drills, rows, mixedAgencies: new Set(drills.map((d) => d.agency)).size > 1 };
}
