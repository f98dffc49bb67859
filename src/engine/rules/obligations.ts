/**
 * Every obligation of procedure.md ("Time limits and obligations"), one module each in
 * rules/obligations/, listed here in the procedure's order (by point). Put that folder beside
 * procedure.md and tick it off row by row: each module's header quotes its row, and declares who,
 * what starts it (`trigger`), what meets it (`doneBy`), its limit, where it applies, its weight, its
 * remedy (the improvement-plan line) and its own content rules (`check`). The shared judge
 * (scoring/judges.ts) reads every declared part.
 *
 * `OBLIGATION_BY_ID` is a `Record<ObligationId, …>` written out in full, so an obligation id
 * (record/vocabulary.ts) without a module, or a module under another id, is a compile error.
 */
import type { ObligationId } from '../record/vocabulary';
import { announcementDecision } from './obligations/announcement-decision';
import { closure1m } from './obligations/closure-1m';
import { copyDoit3d } from './obligations/copy-doit-3d';
import { effectivenessReport } from './obligations/effectiveness-report';
import { evidencePreserved } from './obligations/evidence-preserved';
import { evidenceSubmission } from './obligations/evidence-submission';
import { improvementPlan } from './obligations/improvement-plan';
import { intelShared } from './obligations/intel-shared';
import { isolationFirst } from './obligations/isolation-first';
import { levelAssessment } from './obligations/level-assessment';
import { levelChange } from './obligations/level-change';
import { notifyAgencies1h } from './obligations/notify-agencies-1h';
import { pdpaAssessment } from './obligations/pdpa-assessment';
import { progressReports } from './obligations/progress-reports';
import { recordsSigned } from './obligations/records-signed';
import { recovery } from './obligations/recovery';
import { report1h } from './obligations/report-1h';
import { reportApproval } from './obligations/report-approval';
import { reportBackfill } from './obligations/report-backfill';
import { reportFallback } from './obligations/report-fallback';
import { responseMeeting } from './obligations/response-meeting';
import { reviewLevel } from './obligations/review-level';
import { rootCause } from './obligations/root-cause';
import { rootCauseReport } from './obligations/root-cause-report';
import { teamFormed } from './obligations/team-formed';
import { teamRoles } from './obligations/team-roles';
import type { ObligationRule } from './obligations/types';
import { vendorReport } from './obligations/vendor-report';

export type { LimitRule, ObligationRule, Tier } from './obligations/types';

export const OBLIGATION_BY_ID: { readonly [K in ObligationId]: ObligationRule & { id: K } } = {
  // P10–P17: reporting and the level
  'report-approval': reportApproval, // P10
  'level-assessment': levelAssessment, // P10, P15
  'report-1h': report1h, // P10
  'report-fallback': reportFallback, // P11
  'report-backfill': reportBackfill, // P11
  'notify-agencies-1h': notifyAgencies1h, // P12
  'vendor-report': vendorReport, // P13
  'copy-doit-3d': copyDoit3d, // P14
  'review-level': reviewLevel, // P15, P16
  'level-change': levelChange, // P17
  // P18–P25: response
  'team-formed': teamFormed, // P18
  'team-roles': teamRoles, // P19, Att.3
  'response-meeting': responseMeeting, // P20
  recovery, // P21
  'announcement-decision': announcementDecision, // P22(2)
  'effectiveness-report': effectivenessReport, // P23(1)
  'pdpa-assessment': pdpaAssessment, // P23(2)
  'isolation-first': isolationFirst, // P25(1)
  'evidence-preserved': evidencePreserved, // P25(2)–(4)
  // P27–P34: investigation, improvement and closure
  'evidence-submission': evidenceSubmission, // P27
  'root-cause': rootCause, // P28, P31(7)
  'improvement-plan': improvementPlan, // P29
  'root-cause-report': rootCauseReport, // P30
  'progress-reports': progressReports, // P31(4)
  'closure-1m': closure1m, // P31(5)
  'records-signed': recordsSigned, // P32
  'intel-shared': intelShared, // P34
};

/** Every obligation in the procedure's order (the order of OBLIGATION_BY_ID, by point). */
export const OBLIGATIONS: readonly ObligationRule[] = Object.values(OBLIGATION_BY_ID);

/** The obligations the score counts for the agency, in the procedure's order. */
export const AGENCY_SCORED: readonly ObligationRule[] = OBLIGATIONS.filter((o) => o.scored && !o.reviewer);
/** The reviewer's scored obligations (review-level), shown apart. */
export const REVIEWER_SCORED: readonly ObligationRule[] = OBLIGATIONS.filter((o) => o.scored && o.reviewer === true);
