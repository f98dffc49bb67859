/**
 * Re-drills (P39(3)): a failing agency of a city exercise is drilled again within three months. The
 * re-drill's record carries a `redrillOf` link (an extension field; drill-record.md keeps unknown
 * fields) to the exercise and its result, so the comparison can show both.
 */
import type { DrillRecord } from '../record/schema';
import type { ObligationId, ObligationStatus } from '../record/vocabulary';
import { scoreRecord } from '../scoring/score';
import type { ScoreResult } from '../scoring/types';
import { parseIsoMs, taipeiDate } from '../time/taipei';
import { agencyKey } from './exercise';
import type { AgencyResult, CityResults } from './results';
import type { Verdict } from '../record/vocabulary';

export interface RedrillLink {
  exerciseId: string;
  exerciseTitle: string;
  agency: string;
  /** YYYY-MM-DD (Taipei): the re-drill is due by this date (P39(3)). */
  dueBy: string;
  originalScore: number;
  originalVerdict: Verdict;
  /** The obligations that fell short in the city exercise: what the re-drill sets out to exercise again. */
  shortfalls: ObligationId[];
}

/** The link a re-drill of this agency carries; null when the agency did not fail. */
export function redrillFor(result: AgencyResult, exercise: { id: string; title: string }): RedrillLink | null {
  if (result.verdict !== 'fail' || result.redrillDue === null) return null;
  return {
    exerciseId: exercise.id,
    exerciseTitle: exercise.title,
    agency: result.name,
    dueBy: result.redrillDue,
    originalScore: result.score.score,
    originalVerdict: result.verdict,
    shortfalls: result.shortfalls.map((o) => o.id),
  };
}

/**
 * The re-drill's starting definition: the same agency and scenario facts as the city drill, a new
 * T0, no events yet but incident.aware, and the link. Events are added by the drill as it is played.
 */
export function redrillRecord(original: DrillRecord, link: RedrillLink, t0: string): DrillRecord & { redrillOf: RedrillLink } {
  if (Number.isNaN(parseIsoMs(t0))) throw new RangeError(`redrillRecord: t0 "${t0}" is not ISO 8601 with an offset`);
  const cityExercise = cityExerciseOf(original);
  return {
    format: original.format,
    agency: { ...original.agency },
    scenario: { ...original.scenario },
    ...(original.standard ? { standard: { ...original.standard } } : {}),
    // Of the same city exercise (exercise-tag.ts), when the city drill's record says which.
    ...(cityExercise ? { cityExercise } : {}),
    events: [{ seq: 1, at: t0, actor: { role: 'facilitator' }, type: 'incident.aware', data: {} }],
    redrillOf: { ...link, shortfalls: [...link.shortfalls] },
  };
}

/** The link a record carries, if it is a re-drill (loosely read: another tool may have written it). */
export function readRedrillLink(record: DrillRecord): RedrillLink | null {
  const v = (record as DrillRecord & { redrillOf?: unknown }).redrillOf as Partial<RedrillLink> | undefined;
  if (!v || typeof v !== 'object' || typeof v.exerciseId !== 'string' || typeof v.agency !== 'string' || typeof v.dueBy !== 'string') return null;
  return {
    exerciseId: v.exerciseId,
    exerciseTitle: typeof v.exerciseTitle === 'string' ? v.exerciseTitle : v.exerciseId,
    agency: v.agency,
    dueBy: v.dueBy,
    originalScore: typeof v.originalScore === 'number' ? v.originalScore : 0,
    originalVerdict: v.originalVerdict === 'pass' || v.originalVerdict === 'incomplete' ? v.originalVerdict : 'fail',
    shortfalls: Array.isArray(v.shortfalls) ? (v.shortfalls.filter((x) => typeof x === 'string') as ObligationId[]) : [],
  };
}

const cityExerciseOf = (record: DrillRecord): unknown => {
  const v = (record as { cityExercise?: unknown }).cityExercise;
  return v && typeof v === 'object' ? structuredClone(v) : undefined;
};

export interface RedrillComparison {
  link: RedrillLink;
  agency: string;
  before: { score: number; verdict: Verdict };
  after: { score: number; verdict: Verdict };
  /** Taipei date of the re-drill's T0, and whether it was held by the due date (P39(3)). */
  heldOn: string | null;
  heldInTime: boolean | null;
  rows: Array<{ id: ObligationId; before: ObligationStatus; after: ObligationStatus; improved: boolean; worse: boolean }>;
}

const RANK: Record<ObligationStatus, number> = { met: 3, 'not-applicable': 3, 'not-reached': 2, late: 1, missed: 0, violated: 0 };

/** The city result and the re-drill side by side: both scores and verdicts, and each obligation before and after. */
export function compareRedrill(original: AgencyResult, redrill: DrillRecord, redrillScore: ScoreResult = scoreRecord(redrill)): RedrillComparison {
  const link = readRedrillLink(redrill);
  if (link === null) throw new Error('compareRedrill: the record is not a re-drill (no redrillOf)');
  if (agencyKey(link.agency) !== agencyKey(original.name)) throw new Error(`compareRedrill: the re-drill is for "${link.agency}", not "${original.name}"`);
  const after = new Map(redrillScore.obligations.map((o) => [o.id, o.status]));
  const aware = redrill.events.find((e) => e.type === 'incident.aware');
  const heldOn = aware ? taipeiDate(parseIsoMs(aware.at)) : null;
  return {
    link,
    agency: original.name,
    before: { score: original.score.score, verdict: original.verdict },
    after: { score: redrillScore.score, verdict: redrillScore.verdict },
    heldOn,
    // YYYY-MM-DD compares as text.
    heldInTime: heldOn === null ? null : heldOn <= link.dueBy,
    rows: original.score.obligations.map((o) => {
      const a = after.get(o.id) ?? 'not-applicable';
      return { id: o.id, before: o.status, after: a, improved: RANK[a] > RANK[o.status], worse: RANK[a] < RANK[o.status] };
    }),
  };
}

/**
 * The comparisons in the report's order, whoever gathered them (the server in the order DoIT gave
 * the re-drills, a folder in its files' order): by their agency's place in the results (DoIT's
 * list), then by the day each was held, then as given.
 */
export function orderComparisons(results: Pick<CityResults, 'agencies'>, list: readonly RedrillComparison[]): RedrillComparison[] {
  const place = new Map(results.agencies.map((a, i) => [agencyKey(a.name), i]));
  const at = (c: RedrillComparison) => place.get(agencyKey(c.agency)) ?? Number.MAX_SAFE_INTEGER;
  const held = (c: RedrillComparison) => c.heldOn ?? '9999-99-99';
  return [...list].sort((a, b) => at(a) - at(b) || (held(a) < held(b) ? -1 : held(a) > held(b) ? 1 : 0));
}
