/**
 * Every obligation of procedure.md ("Time limits and obligations") as data, in the procedure's
 * order. Put this file beside procedure.md and check it row by row: id, point, who, title
 * (glossary.md), what starts it, what meets it, its limit, where it applies, whether and how much
 * it counts in the score. src/engine/scoring reads the limits and applicability from here; the
 * content rules (wrong order, missing recipients, …) are in scoring/judges.ts, each citing its point.
 */
import type { Bilingual } from '../base/bilingual';
import type { ActorRole, KnownEventType, Level, ObligationId } from '../record/vocabulary';

/** L1/2 or L3/4: the procedure sets its limits by these two bands. */
export type LevelBand = 'L1/2' | 'L3/4';
export const levelBand = (level: Level): LevelBand => (level >= 3 ? 'L3/4' : 'L1/2');
/** Levels 3 and 4 are major incidents (重大資通安全事件). */
export const isMajor = (level: Level): boolean => level >= 3;

/** Incident levels (national regulation art. 2, procedure.md "Incident levels"). The wizard is rules/levels.ts. */
export const INCIDENT_LEVELS: ReadonlyArray<{ level: Level; zh: string; en: string; major: boolean }> = [
  { level: 1, zh: '第一級資通安全事件', en: 'Level 1 incident', major: false },
  { level: 2, zh: '第二級資通安全事件', en: 'Level 2 incident', major: false },
  { level: 3, zh: '第三級資通安全事件（重大資通安全事件）', en: 'Level 3 incident (major)', major: true },
  { level: 4, zh: '第四級資通安全事件（重大資通安全事件）', en: 'Level 4 incident (major)', major: true },
];

/** How an obligation's limit is set. Hours are exact from the moment; day limits end 23:59:59.999 +08:00. */
export type LimitRule =
  /** T0 + hours, by the level in force when done (or at evaluation when not done). */
  | { kind: 'hours-from-aware'; byLevel: Record<Level, number> }
  /** first report.submitted + hours, by the level as first reported (P15). */
  | { kind: 'hours-from-report'; byLevel: Record<Level, number> }
  /** End of the Taipei date of the first report.submitted (of T0 when none) plus `plusDays` (P14). */
  | { kind: 'end-of-day-plus'; plusDays: number }
  /** End of the Taipei date one calendar month after T0's, clamped to the month's last day (P31(5)). */
  | { kind: 'one-month' }
  /** recovery's own limit (its due), shared (drill-record.md; a drill choice where the procedure names no time). */
  | { kind: 'recovery-limit' }
  /** The closure limit (drill choice where the procedure names no time). */
  | { kind: 'closure-limit' }
  /** Before the first report; when no report exists, report-1h's limit decides missed / not-reached. */
  | { kind: 'before-report' }
  /** Judged with another obligation's event; no limit of its own once done, that obligation's limit while not done. */
  | { kind: 'with'; obligation: ObligationId }
  /** The evaluation time itself (report-backfill: "after the outage ends"). */
  | { kind: 'evaluation-time' }
  /** Recorded, not scored. */
  | { kind: 'none' };

/** Where an obligation applies. Everything listed must hold. */
export interface Applicability {
  /** Only when the level in force at the evaluation time is 3 or 4 (drill-record.md, level in force). */
  majorOnly?: boolean;
  /** Not for scenario.category 'equipment-failure'. */
  notForEquipmentFailure?: boolean;
  /** Scored for schools (P41: only P6–P9, P12–P14, P23(2), P24–P26 apply). */
  school: boolean;
  /** Further condition in words (the check itself is in scoring/judges.ts). */
  when?: string;
}

export interface Obligation {
  id: ObligationId;
  points: string[];
  who: ActorRole | 'agency' | 'reviewer';
  title: Bilingual;
  /** What starts the clock. */
  trigger: 'incident.aware' | 'report.submitted' | 'outage.ended' | 'containment.initial' | 'recovery.completed' | 'improvement.planned' | 'team.formed';
  /** The event types that meet it (the first one is judged unless judges.ts says otherwise). */
  doneBy: KnownEventType[];
  limit: LimitRule;
  applies: Applicability;
  /** false: recorded but not scored (vendor-report, level-change). */
  scored: boolean;
  /** true: the reviewer's (DoIT's) obligation, scored apart from the agency (review-level). */
  reviewer?: boolean;
  /** Weight in the score (scoring/standard.ts takes DEFAULT_WEIGHTS from here). report-1h, team-formed, recovery weigh most. */
  weight: number;
}

const H = (l12: number, l34: number): Record<Level, number> => ({ 1: l12, 2: l12, 3: l34, 4: l34 });

export const OBLIGATIONS: readonly Obligation[] = [
  {
    id: 'report-approval', points: ['P10'], who: 'ciso',
    title: { zh: '等級判斷及資通安全長核可', en: 'Level judged and approved' },
    trigger: 'incident.aware', doneBy: ['level.approved'], limit: { kind: 'before-report' },
    applies: { school: false }, scored: true, weight: 5,
  },
  {
    id: 'level-assessment', points: ['P10', 'P15'], who: 'reporting-contact',
    title: { zh: '等級判定正確', en: 'Level assessed correctly' },
    trigger: 'incident.aware', doneBy: ['report.submitted', 'report.phoned'], limit: { kind: 'with', obligation: 'report-1h' },
    applies: { school: false }, scored: true, weight: 5,
  },
  {
    id: 'report-1h', points: ['P10'], who: 'reporting-contact',
    title: { zh: '一小時內完成通報', en: 'Report within one hour' },
    trigger: 'incident.aware', doneBy: ['report.submitted', 'report.phoned'], limit: { kind: 'hours-from-aware', byLevel: H(1, 1) },
    applies: { school: false }, scored: true, weight: 15,
  },
  {
    id: 'report-fallback', points: ['P11'], who: 'reporting-contact',
    title: { zh: '無法上網時以電話通報', en: 'Phone report during an outage' },
    trigger: 'incident.aware', doneBy: ['report.phoned'], limit: { kind: 'hours-from-aware', byLevel: H(1, 1) },
    applies: { school: false, when: 'an outage is in progress at some moment between T0 and T0 + 1 h and no website report was filed before it began' },
    scored: true, weight: 4,
  },
  {
    id: 'report-backfill', points: ['P11'], who: 'reporting-contact',
    title: { zh: '事由解除後補行通報', en: 'Backfill the report online' },
    trigger: 'outage.ended', doneBy: ['report.submitted'], limit: { kind: 'evaluation-time' },
    applies: { school: false, when: 'a phone report was made while an outage was in progress' }, scored: true, weight: 3,
  },
  {
    id: 'notify-agencies-1h', points: ['P12'], who: 'reporting-contact',
    title: { zh: '一小時內通知相關機關', en: 'Notify affected agencies within one hour' },
    trigger: 'incident.aware', doneBy: ['agency.notified'], limit: { kind: 'hours-from-aware', byLevel: H(1, 1) },
    applies: { school: true, when: 'scenario.affectedAgencies is not empty' }, scored: true, weight: 5,
  },
  {
    id: 'vendor-report', points: ['P13'], who: 'vendor',
    title: { zh: '委外廠商立即通報', en: 'Vendor reports at once' },
    trigger: 'incident.aware', doneBy: [], limit: { kind: 'none' },
    applies: { school: true }, scored: false, weight: 0,
  },
  {
    id: 'copy-doit-3d', points: ['P14'], who: 'reporting-contact',
    title: { zh: '三日內副知資訊局', en: 'Copy DoIT within three days' },
    trigger: 'report.submitted', doneBy: ['doit.copied'], limit: { kind: 'end-of-day-plus', plusDays: 2 },
    applies: { school: true, when: 'agency.reportsToCentral' }, scored: true, weight: 4,
  },
  {
    id: 'review-level', points: ['P15', 'P16'], who: 'reviewer', reviewer: true,
    title: { zh: '等級審核', en: 'Level review' },
    trigger: 'report.submitted', doneBy: ['level.reviewed'], limit: { kind: 'hours-from-report', byLevel: H(8, 2) },
    applies: { school: false, when: 'a website report exists' }, scored: true, weight: 1,
  },
  {
    id: 'level-change', points: ['P17'], who: 'reporting-contact',
    title: { zh: '等級變更申請', en: 'Level change requested' },
    trigger: 'incident.aware', doneBy: ['level.change.requested'], limit: { kind: 'none' },
    applies: { school: false }, scored: false, weight: 0,
  },
  {
    id: 'team-formed', points: ['P18'], who: 'agency',
    title: { zh: '組成通報應變小組', en: 'Form the response team' },
    // P18: L1/2 within three hours, L3/4 within one hour of awareness
    trigger: 'incident.aware', doneBy: ['team.formed'], limit: { kind: 'hours-from-aware', byLevel: H(3, 1) },
    applies: { school: false }, scored: true, weight: 15,
  },
  {
    id: 'team-roles', points: ['P19', 'Att.3'], who: 'agency',
    title: { zh: '小組成員符合附件三', en: 'Team roles per Attachment 3' },
    trigger: 'team.formed', doneBy: ['team.formed'], limit: { kind: 'with', obligation: 'team-formed' },
    applies: { school: true, when: 'schools: only the reporting-contact rule (P6)' }, scored: true, weight: 5,
  },
  {
    id: 'response-meeting', points: ['P20'], who: 'commander',
    title: { zh: '召開事件應變會議', en: 'Response meeting' },
    trigger: 'containment.initial', doneBy: ['meeting.held'], limit: { kind: 'recovery-limit' },
    applies: { school: false }, scored: true, weight: 5,
  },
  {
    id: 'recovery', points: ['P21'], who: 'response-execution',
    title: { zh: '完成損害控制或復原', en: 'Damage control or recovery' },
    // P21: L1/2 within 72 hours, L3/4 within 36 hours of awareness
    trigger: 'incident.aware', doneBy: ['recovery.completed'], limit: { kind: 'hours-from-aware', byLevel: H(72, 36) },
    applies: { school: false }, scored: true, weight: 15,
  },
  {
    id: 'announcement-decision', points: ['P22(2)'], who: 'commander',
    title: { zh: '決定是否對外公告', en: 'Decide on a public announcement' },
    trigger: 'incident.aware', doneBy: ['announcement.decided'], limit: { kind: 'recovery-limit' },
    applies: { school: false }, scored: true, weight: 3,
  },
  {
    id: 'effectiveness-report', points: ['P23(1)'], who: 'response-execution',
    title: { zh: '回報控制措施成效', en: 'Report the effectiveness of controls' },
    trigger: 'recovery.completed', doneBy: ['effectiveness.reported'], limit: { kind: 'recovery-limit' },
    applies: { school: false, majorOnly: true }, scored: true, weight: 4,
  },
  {
    id: 'pdpa-assessment', points: ['P23(2)'], who: 'agency',
    title: { zh: '評估通知個資當事人', en: 'Assess notifying data subjects' },
    trigger: 'incident.aware', doneBy: ['pdpa.assessed'], limit: { kind: 'recovery-limit' },
    applies: { school: true, majorOnly: true, when: 'scenario.personalData' }, scored: true, weight: 4,
  },
  {
    id: 'isolation-first', points: ['P25(1)'], who: 'response-execution',
    title: { zh: '優先採取隔離機制', en: 'Isolate first' },
    trigger: 'incident.aware', doneBy: ['action.isolated'], limit: { kind: 'recovery-limit' },
    applies: { school: true, notForEquipmentFailure: true }, scored: true, weight: 5,
  },
  {
    id: 'evidence-preserved', points: ['P25(2)', 'P25(3)', 'P25(4)'], who: 'intel-planning',
    title: { zh: '跡證保存', en: 'Preserve evidence' },
    trigger: 'incident.aware', doneBy: ['media.imaged', 'service.switched', 'service.minimal'], limit: { kind: 'recovery-limit' },
    applies: { school: true }, scored: true, weight: 5,
  },
  {
    id: 'evidence-submission', points: ['P27'], who: 'intel-planning',
    title: { zh: '跡證及惡意程式送交', en: 'Submit evidence and malware samples' },
    trigger: 'incident.aware', doneBy: ['evidence.submitted'], limit: { kind: 'closure-limit' },
    applies: { school: false, notForEquipmentFailure: true }, scored: true, weight: 3,
  },
  {
    id: 'root-cause', points: ['P28', 'P31(7)'], who: 'intel-planning',
    title: { zh: '事件根因分析', en: 'Root-cause analysis' },
    trigger: 'incident.aware', doneBy: ['rootcause.completed'], limit: { kind: 'closure-limit' },
    applies: { school: false, notForEquipmentFailure: true }, scored: true, weight: 3,
  },
  {
    id: 'improvement-plan', points: ['P29'], who: 'intel-planning',
    title: { zh: '短中長期改善策略', en: 'Improvement plan' },
    trigger: 'incident.aware', doneBy: ['improvement.planned'], limit: { kind: 'closure-limit' },
    applies: { school: false }, scored: true, weight: 3,
  },
  {
    id: 'root-cause-report', points: ['P30'], who: 'commander',
    title: { zh: '根因及改善策略提報', en: 'Submit root cause and plan' },
    trigger: 'incident.aware', doneBy: ['rootcause.submitted'], limit: { kind: 'closure-limit' },
    applies: { school: false }, scored: true, weight: 3,
  },
  {
    id: 'progress-reports', points: ['P31(4)'], who: 'response-execution',
    title: { zh: '改善成效定期回報', en: 'Progress reports' },
    trigger: 'improvement.planned', doneBy: ['progress.reported'], limit: { kind: 'closure-limit' },
    applies: { school: false, when: 'level 3/4 at the evaluation time, or an incident.designated exists' }, scored: true, weight: 3,
  },
  {
    id: 'closure-1m', points: ['P31(5)'], who: 'reporting-contact',
    title: { zh: '一個月內完成結報', en: 'Closure report within one month' },
    trigger: 'incident.aware', doneBy: ['closure.submitted'], limit: { kind: 'one-month' },
    applies: { school: false }, scored: true, weight: 5,
  },
  {
    id: 'records-signed', points: ['P32'], who: 'agency',
    title: { zh: '紀錄簽核', en: 'Records signed off' },
    trigger: 'incident.aware', doneBy: ['records.signed'], limit: { kind: 'closure-limit' },
    applies: { school: false }, scored: true, weight: 2,
  },
  {
    id: 'intel-shared', points: ['P34'], who: 'intel-planning',
    title: { zh: '資安情資分享', en: 'Share threat intelligence' },
    trigger: 'incident.aware', doneBy: ['intel.shared'], limit: { kind: 'closure-limit' },
    applies: { school: false, notForEquipmentFailure: true }, scored: true, weight: 2,
  },
];

export const OBLIGATION_BY_ID: Readonly<Record<ObligationId, Obligation>> = Object.fromEntries(
  OBLIGATIONS.map((o) => [o.id, o]),
) as Record<ObligationId, Obligation>;

/** The obligations the score counts for the agency, in the procedure's order. */
export const AGENCY_SCORED: readonly Obligation[] = OBLIGATIONS.filter((o) => o.scored && !o.reviewer);
/** The reviewer's scored obligations (review-level), shown apart. */
export const REVIEWER_SCORED: readonly Obligation[] = OBLIGATIONS.filter((o) => o.scored && o.reviewer === true);

/** Hours of an hour-based limit at a level. */
export function limitHours(id: ObligationId, level: Level): number {
  const limit = OBLIGATION_BY_ID[id].limit;
  if (limit.kind !== 'hours-from-aware' && limit.kind !== 'hours-from-report') throw new Error(`${id} has no hour limit`);
  return limit.byLevel[level];
}
