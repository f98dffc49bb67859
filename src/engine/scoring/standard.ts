/**
 * The standard a drill is judged by (P39(3): DoIT sets it; this default is a placeholder a
 * facilitator can change) and the weights of the score. One place: docs/scoring.md explains it.
 *
 * Weights come from rules/obligations.ts (`weight` of each row, beside its point), so the
 * obligation table stays the one list a reviewer reads: report-1h, team-formed and recovery
 * weigh 15 each; the rest 2–5.
 */
import { AGENCY_SCORED } from '../rules/obligations';
import type { DrillRecord } from '../record/schema';
import type { ObligationId } from '../record/vocabulary';

export interface Standard {
  /** Lowest passing score, 0–100. */
  minScore: number;
  /** Obligations that fail the drill when violated, late or missed (drill-record.md verdict `fail`). */
  critical: ObligationId[];
  /** When true, any violated obligation (of the agency) fails the drill. */
  noViolations: boolean;
  /** Weights that replace DEFAULT_WEIGHTS for the obligations named. */
  weights?: Partial<Record<ObligationId, number>>;
}

/** Weight of each scored obligation of the agency (review-level is DoIT's and not in the agency's score). */
export const DEFAULT_WEIGHTS: Readonly<Partial<Record<ObligationId, number>>> = Object.fromEntries(
  AGENCY_SCORED.map((o) => [o.id, o.weight]),
);

/** drill-record.md "Score and standard": the default standard. */
export const DEFAULT_STANDARD: Readonly<Standard> = Object.freeze<Standard>({
  minScore: 80,
  critical: ['report-1h', 'team-formed', 'recovery'],
  noViolations: true,
});

/**
 * The standard in effect: an explicit option wins, then the record's own `standard` extension,
 * then DEFAULT_STANDARD; fields left out keep the default's value.
 */
export function resolveStandard(record: Pick<DrillRecord, 'standard'>, option?: Partial<Standard>): Standard {
  const given = option ?? record.standard ?? {};
  return {
    minScore: given.minScore ?? DEFAULT_STANDARD.minScore,
    critical: [...(given.critical ?? DEFAULT_STANDARD.critical)],
    noViolations: given.noViolations ?? DEFAULT_STANDARD.noViolations,
    ...(given.weights ? { weights: { ...given.weights } } : {}),
  };
}

/** The weight of an obligation under a standard. */
export function weightOf(id: ObligationId, standard: Standard): number {
  return standard.weights?.[id] ?? DEFAULT_WEIGHTS[id] ?? 0;
}
