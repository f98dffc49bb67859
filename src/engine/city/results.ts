/**
 * After the city exercise (issue 11, P39): every agency's score and verdict against DoIT's standard;
 * the failing ones with their re-drill due date (three months, P39(3): the rule is
 * rules/redrill.ts, shared with the review); distributions of time-to-report and
 * time-to-team; level accuracy; DoIT's own level reviews apart; a summary to compare with earlier
 * city exercises.
 */
import type { DrillRecord } from '../record/schema';
import type { AgencyType, Level, ObligationId, ObligationStatus } from '../record/vocabulary';
import { STATUSES } from '../record/vocabulary';
import { AGENCY_SCORED } from '../rules/obligations';
import { scoreRecord } from '../scoring/score';
import type { ObligationResult, ScoreResult } from '../scoring/types';
import { parseIsoMs } from '../time/taipei';
import { redrillDue } from '../rules/redrill';
import type { CityEntry } from './board';
import type { Verdict } from '../record/vocabulary';

export type LevelAccuracy = 'exact' | 'over' | 'under' | 'none';

export interface AgencyResult {
  key: string;
  name: string;
  type: AgencyType;
  record: DrillRecord;
  score: ScoreResult;
  verdict: Verdict;
  /** YYYY-MM-DD (Taipei) by which a failing agency is drilled again; null unless it failed. */
  redrillDue: string | null;
  /** The agency's obligations that were late, missed or violated. */
  shortfalls: ObligationResult[];
  /** Minutes from T0 to the report that met (or was late for) report-1h; null when none; undefined where report-1h does not apply (schools, P41). */
  timeToReportMin: number | null | undefined;
  /** Minutes from T0 to the first team.formed; null when none; undefined where team-formed does not apply. */
  timeToTeamMin: number | null | undefined;
  reportedLevel: Level | null;
  referenceLevel: Level;
  levelAccuracy: LevelAccuracy;
  /** DoIT's review-level for this agency (scored apart). */
  review: ObligationResult | null;
}

export interface Bin {
  /** Exclusive lower bound in minutes (the first bin includes 0). */
  fromMin: number;
  /** Inclusive upper bound in minutes; null for the open last bin. */
  toMin: number | null;
  count: number;
}

export interface Distribution {
  /** Sorted minutes of the agencies that did it. */
  values: number[];
  /** Agencies that did not do it. */
  none: number;
  median: number | null;
  p90: number | null;
  max: number | null;
  bins: Bin[];
  /** The limit that matters (report-1h: 60; team-formed at L3/4: 60, L1/2: 180) and how many were within it. */
  limitMin: number;
  withinLimit: number;
}

export interface CityResults {
  exercise: { id: string; title: string; startAt: string };
  agencies: AgencyResult[];
  counts: Record<Verdict, number>;
  meanScore: number | null;
  timeToReport: Distribution;
  timeToTeam: Distribution;
  levelAccuracy: Record<LevelAccuracy, number>;
  /** How many agencies got each status, per obligation (the agency × obligation matrix, folded). */
  byObligation: Array<{ id: ObligationId; counts: Record<ObligationStatus, number> }>;
  /** DoIT's own level reviews (review-level), counted apart from the agencies' scores. */
  reviews: Record<ObligationStatus, number>;
}

// Bins at the limits: a report exactly at T0 + 60 min is in the 45–60 bin (met); one second later is not.
export const REPORT_BINS: readonly number[] = [15, 30, 45, 60, 90, 120];
export const TEAM_BINS: readonly number[] = [30, 60, 120, 180, 360];

const minutesFromT0 = (record: DrillRecord, at: string | null): number | null => {
  if (at === null) return null;
  const aware = record.events.find((e) => e.type === 'incident.aware');
  if (!aware) return null;
  return (parseIsoMs(at) - parseIsoMs(aware.at)) / 60_000;
};

function firstReportedLevel(record: DrillRecord): Level | null {
  for (const e of record.events) {
    if (e.type !== 'report.submitted' && e.type !== 'report.phoned') continue;
    const level = (e.data as { level?: unknown } | undefined)?.level;
    if (level === 1 || level === 2 || level === 3 || level === 4) return level;
  }
  return null;
}

export function agencyResult(entry: CityEntry, score: ScoreResult = scoreRecord(entry.record)): AgencyResult {
  const verdict = score.verdict;
  const byId = new Map(score.obligations.map((o) => [o.id, o]));
  const reportedLevel = firstReportedLevel(entry.record);
  const referenceLevel = entry.record.scenario.referenceLevel as Level;
  const team = entry.record.events.find((e) => e.type === 'team.formed');
  const applies = (id: ObligationId) => byId.get(id)?.status !== 'not-applicable';
  return {
    key: entry.key,
    name: entry.name,
    type: entry.type,
    record: entry.record,
    score,
    verdict,
    redrillDue: redrillDue(entry.record.events, verdict),
    shortfalls: score.obligations.filter((o) => o.status === 'late' || o.status === 'missed' || o.status === 'violated'),
    timeToReportMin: applies('report-1h') ? minutesFromT0(entry.record, byId.get('report-1h')?.doneAt ?? null) : undefined,
    timeToTeamMin: applies('team-formed') ? minutesFromT0(entry.record, team?.at ?? null) : undefined,
    reportedLevel,
    referenceLevel,
    levelAccuracy: reportedLevel === null ? 'none' : reportedLevel === referenceLevel ? 'exact' : reportedLevel > referenceLevel ? 'over' : 'under',
    review: score.doit.find((o) => o.id === 'review-level') ?? null,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `undefined` values (the obligation does not apply to that agency) are left out; null counts as not done. */
export function distribution(all: ReadonlyArray<number | null | undefined>, edges: readonly number[], limitMin: number): Distribution {
  const values = all.filter((v): v is number | null => v !== undefined);
  const done = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const bins: Bin[] = [...edges.map((to, i) => ({ fromMin: i === 0 ? 0 : edges[i - 1], toMin: to, count: 0 })), { fromMin: edges[edges.length - 1], toMin: null, count: 0 }];
  for (const v of done) {
    const bin = bins.find((b) => b.toMin === null || v <= b.toMin) as Bin;
    bin.count++;
  }
  return {
    values: done,
    none: values.length - done.length,
    median: percentile(done, 50),
    p90: percentile(done, 90),
    max: done.length > 0 ? done[done.length - 1] : null,
    bins,
    limitMin,
    withinLimit: done.filter((v) => v <= limitMin).length,
  };
}

const zeroStatuses = (): Record<ObligationStatus, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;

export function cityResults(exercise: CityResults['exercise'], entries: readonly CityEntry[], scores?: readonly ScoreResult[]): CityResults {
  const agencies = entries.map((e, i) => agencyResult(e, scores?.[i]));
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, incomplete: 0 };
  const levelAccuracy: Record<LevelAccuracy, number> = { exact: 0, over: 0, under: 0, none: 0 };
  const reviews = zeroStatuses();
  for (const a of agencies) {
    counts[a.verdict]++;
    levelAccuracy[a.levelAccuracy]++;
    if (a.review) reviews[a.review.status]++;
  }
  // team-formed's limit depends on the level: the common limit of the exercise is the strictest
  // that applied (P18: L3/4 one hour), unless every agency stood at L1/2 (three hours).
  const teamLimits = agencies.map((a) => {
    const o = a.score.obligations.find((x) => x.id === 'team-formed');
    const aware = a.record.events.find((e) => e.type === 'incident.aware');
    return o?.due && aware ? (parseIsoMs(o.due) - parseIsoMs(aware.at)) / 60_000 : 60;
  });
  return {
    exercise,
    agencies,
    counts,
    meanScore: agencies.length > 0 ? Math.round((agencies.reduce((s, a) => s + a.score.score, 0) / agencies.length) * 10) / 10 : null,
    timeToReport: distribution(agencies.map((a) => a.timeToReportMin), REPORT_BINS, 60),
    timeToTeam: distribution(agencies.map((a) => a.timeToTeamMin), TEAM_BINS, teamLimits.length > 0 ? Math.min(...teamLimits) : 60),
    levelAccuracy,
    byObligation: AGENCY_SCORED.map((o) => {
      const c = zeroStatuses();
      for (const a of agencies) {
        const r = a.score.obligations.find((x) => x.id === o.id);
        if (r) c[r.status]++;
      }
      return { id: o.id, counts: c };
    }),
    reviews,
  };
}

/** What an exercise is remembered by, to compare with later ones (exported as JSON, read back by parseCitySummary). */
export interface CitySummary {
  format: 'taipei-city-summary/1';
  id: string;
  title: string;
  startAt: string;
  agencies: number;
  pass: number;
  fail: number;
  incomplete: number;
  meanScore: number | null;
  medianReportMin: number | null;
  medianTeamMin: number | null;
  /** Share of agencies whose first report's level equals the reference level, 0–1; null with none. */
  levelExactShare: number | null;
}

export function citySummary(r: CityResults): CitySummary {
  const n = r.agencies.length;
  return {
    format: 'taipei-city-summary/1',
    id: r.exercise.id,
    title: r.exercise.title,
    startAt: r.exercise.startAt,
    agencies: n,
    pass: r.counts.pass,
    fail: r.counts.fail,
    incomplete: r.counts.incomplete,
    meanScore: r.meanScore,
    medianReportMin: r.timeToReport.median,
    medianTeamMin: r.timeToTeam.median,
    levelExactShare: n > 0 ? Math.round((r.levelAccuracy.exact / n) * 1000) / 1000 : null,
  };
}

/** Reads a summary written by citySummary (a file DoIT kept from an earlier exercise); a message naming what is wrong otherwise. */
export function parseCitySummary(value: unknown, source: string): { ok: true; summary: CitySummary } | { ok: false; message: string } {
  const o = value as Partial<CitySummary> | null;
  const bad = (path: string, what: string) => ({ ok: false as const, message: `${source}: $.${path}: ${what}` });
  if (o === null || typeof o !== 'object') return bad('', 'not a city summary object');
  if (o.format !== 'taipei-city-summary/1') return bad('format', `must be "taipei-city-summary/1", not ${JSON.stringify(o.format)}`);
  for (const k of ['id', 'title', 'startAt'] as const) if (typeof o[k] !== 'string') return bad(k, 'must be text');
  if (Number.isNaN(parseIsoMs(o.startAt as string))) return bad('startAt', 'not ISO 8601 with an offset');
  for (const k of ['agencies', 'pass', 'fail', 'incomplete'] as const) if (!Number.isInteger(o[k]) || (o[k] as number) < 0) return bad(k, 'must be a whole number ≥ 0');
  for (const k of ['meanScore', 'medianReportMin', 'medianTeamMin', 'levelExactShare'] as const) if (o[k] !== null && typeof o[k] !== 'number') return bad(k, 'must be a number or null');
  return { ok: true, summary: o as CitySummary };
}

/** Earlier exercises and this one in time order (duplicates by id dropped; the current wins). */
export function exerciseHistory(current: CitySummary, earlier: readonly CitySummary[]): CitySummary[] {
  const byId = new Map<string, CitySummary>();
  for (const s of earlier) byId.set(s.id, s);
  byId.set(current.id, current);
  return [...byId.values()].sort((a, b) => parseIsoMs(a.startAt) - parseIsoMs(b.startAt));
}
