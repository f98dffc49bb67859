/**
 * scoreRecord: every scored obligation of procedure.md gets exactly one status, the agency's score
 * and pass / fail by the standard; DoIT's review-level apart (drill-record.md "Scoring").
 */
import type { DrillRecord } from '../record/schema';
import { CORE_OBLIGATIONS, type Level, type ObligationId, type ObligationStatus, type Verdict } from '../record/vocabulary';
import { AGENCY_SCORED, REVIEWER_SCORED } from '../rules/obligations';
import { parseIsoMs } from '../time/taipei';
import { ScoringContext } from './context';
import { judgeObligation } from './judges';
import { resolveStandard, weightOf, type Standard } from './standard';
import type { ObligationResult, ScoreResult } from './types';

export interface ScoreOptions {
  /** Score as at this moment (epoch ms or ISO): events after it are ignored (the live view's "now"). */
  evaluateAt?: string | number;
  /** Replaces the record's `standard` and the default; fields left out keep the default's value. */
  standard?: Partial<Standard>;
  /**
   * What-if only, never the scored result: judge every limit at this level instead of the level in
   * force (P18 reads 「通報為」, so an under-report earns the laxer limit as scored; the review shows
   * what the scenario's reference level would have demanded).
   */
  levelOverride?: Level;
}

/** Share of a status in the score: met full, late half, violated / missed nothing; null = left out. */
export const STATUS_CREDIT: Record<ObligationStatus, number | null> = {
  met: 1,
  late: 0.5,
  violated: 0,
  missed: 0,
  'not-reached': null,
  'not-applicable': null,
};

/** Weighted share of the applicable, reached obligations, 0–100, one decimal; 100 when nothing is scored. */
export function computeScore(obligations: readonly ObligationResult[], standard: Standard): number {
  let total = 0;
  let earned = 0;
  for (const o of obligations) {
    const credit = STATUS_CREDIT[o.status];
    if (credit === null) continue;
    const w = weightOf(o.id, standard);
    total += w;
    earned += w * credit;
  }
  if (total === 0) return 100;
  return Math.round((earned / total) * 1000) / 10;
}

/**
 * drill-record.md "Score and standard", the verdict under a standard:
 * - fail: a violation (when the standard forbids them), a critical obligation (report-1h,
 *   team-formed, recovery by default) violated, late or missed, or the score below the minimum;
 * - incomplete: it did not fail, but a core obligation (P39(2): report-1h, team-formed,
 *   response-meeting, recovery) in scope is not-reached. Scope: `scenario.scope` when given, else every obligation;
 * - pass: otherwise.
 */
export function verdictOf(obligations: readonly ObligationResult[], score: number, standard: Standard, scope?: readonly ObligationId[]): Verdict {
  const byId = new Map(obligations.map((o) => [o.id, o.status]));
  const criticalBroken = standard.critical.some((id) => {
    const s = byId.get(id);
    return s === 'violated' || s === 'late' || s === 'missed';
  });
  const violation = standard.noViolations && obligations.some((o) => o.status === 'violated');
  if (criticalBroken || violation || score < standard.minScore) return 'fail';
  const inScope = (id: ObligationId): boolean => scope === undefined || scope.includes(id);
  if (CORE_OBLIGATIONS.some((id) => inScope(id) && byId.get(id) === 'not-reached')) return 'incomplete';
  return 'pass';
}

export function scoreRecord(record: DrillRecord, options: ScoreOptions = {}): ScoreResult {
  const ctx = new ScoringContext(record, options.evaluateAt, options.levelOverride);
  const standard = resolveStandard(record, options.standard);
  const obligations = AGENCY_SCORED.map((o) => judgeObligation(ctx, o.id));
  const doit = REVIEWER_SCORED.map((o) => judgeObligation(ctx, o.id));
  const score = computeScore(obligations, standard);
  const verdict = verdictOf(obligations, score, standard, record.scenario.scope);
  // drill-record.md: passed is true exactly when the verdict is pass.
  return { obligations, doit, score, verdict, passed: verdict === 'pass' };
}

/** The contract JSON of the scoring command: only the contract's keys, in the contract's order. */
export function toContractJson(result: ScoreResult): {
  obligations: Array<Pick<ObligationResult, 'id' | 'status' | 'due' | 'doneAt' | 'lateByMinutes' | 'reasons'>>;
  doit: Array<Pick<ObligationResult, 'id' | 'status' | 'due' | 'doneAt' | 'lateByMinutes' | 'reasons'>>;
  score: number;
  verdict: Verdict;
  passed: boolean;
} {
  const strip = (o: ObligationResult) => ({ id: o.id, status: o.status, due: o.due, doneAt: o.doneAt, lateByMinutes: o.lateByMinutes, reasons: [...o.reasons] });
  return { obligations: result.obligations.map(strip), doit: result.doit.map(strip), score: result.score, verdict: result.verdict, passed: result.passed };
}

export interface NextDeadline {
  id: ObligationId;
  due: string;
  dueMs: number;
}

/**
 * The earliest limit after `nowMs` among obligations not yet done (the clock's "jump to the next
 * deadline"). Score with `evaluateAt: nowMs` first so that "not yet done" means as at now.
 */
export function nextDeadline(result: ScoreResult, nowMs: number): NextDeadline | null {
  let best: NextDeadline | null = null;
  for (const o of [...result.obligations, ...result.doit]) {
    if (o.doneAt !== null || o.due === null || o.status === 'not-applicable') continue;
    const dueMs = parseIsoMs(o.due);
    if (dueMs > nowMs && (best === null || dueMs < best.dueMs)) best = { id: o.id, due: o.due, dueMs };
  }
  return best;
}
