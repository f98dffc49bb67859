/**
 * What an obligation module declares. The shared judge (scoring/judges.ts) reads every declared
 * part: who-applies (`applies`), when its window opens (`trigger`), which event meets it (`doneBy`),
 * its limit (`limit`), and then runs the module's own content rules (`check`).
 */
import type { ReasonRef } from '../../base/reason-ref';
import type { DrillEvent } from '../../record/schema';
import type { ActorRole, KnownEventType, Level, ObligationId } from '../../record/vocabulary';
import type { ScoringContext } from '../../scoring/context';

/** How an obligation's limit is set. Hours are exact from the moment; day limits end 23:59:59.999 +08:00. */
export type LimitRule =
  /** T0 + hours, by the level in force when done (or at evaluation when not done). */
  | { kind: 'hours-from-aware'; byLevel: Record<Level, number> }
  /** The trigger (first report.submitted) + hours, by the level as first reported; 8 h when it carries none (P15). */
  | { kind: 'hours-from-report'; byLevel: Record<Level, number> }
  /** End of the Taipei date of the trigger (first report.submitted, else T0) plus `plusDays` (P14). */
  | { kind: 'end-of-day-plus'; plusDays: number }
  /** End of the Taipei date one calendar month after T0's, clamped to the month's last day (P31(5)). */
  | { kind: 'one-month' }
  /** recovery's own limit (its due), shared (settled point 15; a drill choice where the procedure names no time). */
  | { kind: 'recovery-limit' }
  /** The closure limit, closure-1m's (a drill choice where the procedure names no time). */
  | { kind: 'closure-limit' }
  /** The first report's `at`; when no report exists, report-1h's limit decides missed / not-reached. */
  | { kind: 'before-report' }
  /** Judged with another obligation's event: no limit of its own once done, that obligation's limit while not done. */
  | { kind: 'with'; obligation: ObligationId }
  /** No limit; owed from its trigger on, so missed (never late) while not done (settled point 5: report-backfill). */
  | { kind: 'evaluation-time' }
  /** Recorded, not scored. */
  | { kind: 'none' };

/**
 * A condition an obligation applies under, checked in the order declared; the first that does not
 * hold makes it not-applicable with that condition's reason.
 */
export type Condition =
  /** Not for scenario.category 'equipment-failure'. */
  | 'not-equipment-failure'
  /** The level in force at the evaluation time is 3 or 4 (drill-record.md, level in force). */
  | 'major'
  /** Level 3 or 4 at the evaluation time, or an incident.designated exists. */
  | 'major-or-designated'
  /** scenario.personalData. */
  | 'personal-data'
  /** scenario.affectedAgencies names another agency. */
  | 'affected-agencies'
  /** agency.reportsToCentral. */
  | 'reports-to-central'
  /** A report.submitted exists. */
  | 'website-report';

export interface Applicability {
  /** Scored for schools (P41: only P6–P9, P12–P14, P23(2), P24–P26 apply). */
  school: boolean;
  /** Everything listed must hold, in this order. Conditions only one obligation has are its `check`'s (it returns notApplicable). */
  only?: readonly Condition[];
}

/** P29 tiers: short = immediate fix; medium = needs preparation (contracts, tools, rosters); long = needs capability. */
export type Tier = 'short' | 'medium' | 'long';

/** The improvement-plan line (P29) for an obligation that fell short. */
/**
 * The improvement-plan line (P29): its tier here; its words in src/locales/{zh-TW,en}/remedies.json
 * under the obligation's id, `timely` (what to change when it was done late or not at all) and
 * `correct` (when it was done the wrong way).
 */
export interface Remedy {
  tier: Tier;
}

/** What the shared judge has worked out before the module's own rules run. */
export interface Judged {
  /** The event that meets it: the module's `done`, else the first of `doneBy` (after the trigger event, where the trigger is not incident.aware). */
  done: DrillEvent | undefined;
  /** The declared limit for that `done`, epoch ms, or null. */
  due: number | null;
  /** When the window opens (the trigger), epoch ms, or null when the trigger has not happened. */
  trigger: number | null;
}

/** What a module's content rules found. Fields given replace what the shared judge worked out. */
export interface Findings {
  /** It does not apply after all (a condition only the module can check). */
  notApplicable?: ReasonRef;
  /** Wrong content, order, recipients or actor: violated, whatever the timing. */
  violations?: ReasonRef[];
  /** Context that does not change the status. */
  notes?: ReasonRef[];
  /** Why it is not done, added to missed / not-reached. */
  pending?: ReasonRef[];
  /** Added to the reasons when the result is late. */
  lateReasons?: ReasonRef[];
  done?: DrillEvent | undefined;
  /** The done moment when it is not the judged event's `at` (the last of several notifications). */
  doneMs?: number;
  trigger?: number | null;
  /** Owed although it has no limit: missed, never late (set by the `evaluation-time` limit). */
  owed?: boolean;
}

export interface ObligationRule {
  id: ObligationId;
  points: string[];
  who: ActorRole | 'agency' | 'reviewer';
  /** What opens its window. */
  trigger: 'incident.aware' | 'report.submitted' | 'outage.ended' | 'containment.initial' | 'improvement.planned';
  /** The event types that meet it. */
  doneBy: KnownEventType[];
  limit: LimitRule;
  applies: Applicability;
  /** false: recorded but not scored (vendor-report, level-change). */
  scored: boolean;
  /** true: the reviewer's (DoIT's) obligation, scored apart from the agency (review-level). */
  reviewer?: boolean;
  /** Weight in the score (scoring/standard.ts DEFAULT_WEIGHTS). report-1h, team-formed, recovery weigh most. */
  weight: number;
  remedy: Remedy;
  /** The event that meets it, where it is not simply the first of `doneBy`. */
  done?: (ctx: ScoringContext) => DrillEvent | undefined;
  /** Its own content rules. */
  check?: (ctx: ScoringContext, judged: Judged) => Findings;
}

/** Type-checks a module's declaration (and keeps its literal id). */
export const obligation = <const R extends ObligationRule>(rule: R): R => rule;

/** The hours of an hour limit at a level, as a table: L1/2 and L3/4. */
export const byBand = (l12: number, l34: number): Record<Level, number> => ({ 1: l12, 2: l12, 3: l34, 4: l34 });
