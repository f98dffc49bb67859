/**
 * The drill's shared vocabulary: actor roles, Att.3 positions, agency types and event types,
 * exactly as ../shared/spec/drill-record.md and procedure.md name them.
 * Every other engine module, the UI and the scenario files use these ids.
 */

/** Roles a participant can hold in the agency's response team (Att.3). */
export const TEAM_ROLES = [
  'commander',
  'executive-secretary',
  'press-contact',
  'reporting-contact',
  'intel-planning',
  'response-execution',
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/**
 * Roles with a desk, in the order the UI lists them: the Att.3 team, the CISO's approval desk, then
 * the outside parties (DoIT's reviewer, ACS, the vendor).
 */
export const DESK_ROLES = [...TEAM_ROLES, 'ciso', 'doit-reviewer', 'acs', 'vendor'] as const;

/** Actor roles of a drill record (drill-record.md, `actor.role`): the facilitator and every desk. */
export const ACTOR_ROLES = ['facilitator', ...DESK_ROLES] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * Roles the facilitator plays in every drill besides their own: an inject may go to them, and their
 * actions may be the facilitator's, without any participant holding them. Every other role must be
 * held by a participant.
 */
export const FACILITATOR_PLAYED_ROLES = ['facilitator', 'acs', 'doit-reviewer', 'vendor'] as const;

/** Posts named by Att.3 (procedure.md, "Response team roles"). */
export const POSITIONS = [
  'agency-head',
  'ciso',
  'it-unit-head',
  'it-security-unit-head',
  'it-staff',
  'security-officer',
  'security-center-director',
  'specialist-commissioner',
  'senior-analyst-grade',
  'senior-analyst',
  'section-chief',
  'affected-unit-head',
  'affected-subunit-head',
  'affected-unit-senior-staff',
  'affected-unit-section-chief',
  'affected-unit-senior-analyst',
  'press-officer',
  'deputy-reporting-contact',
  'ethics-officer',
  'staff',
  'vendor',
  'external-expert',
] as const;
export type Position = (typeof POSITIONS)[number];

export const AGENCY_TYPES = ['agency', 'administrative-corporation', 'doit', 'school'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const OVERSIGHT_BODIES = ['superior', 'supervisory'] as const;
export type OversightBody = (typeof OVERSIGHT_BODIES)[number];

export const BACKUP_KINDS = ['none', 'available', 'compromised'] as const;

export const LEVELS = [1, 2, 3, 4] as const;

// Closed event values (drill-record.md event table; settled point 14): a value outside these lists breaks the contract.
// Open event values the desks offer (any other text is kept and shown as written); their words are
// the glossary's (src/locales/{zh-TW,en}/glossary.json), keyed by these ids.
/** meeting.held `topics` (P20: at least overview and scope). */
export const MEETING_TOPICS = ['overview', 'scope', 'containment', 'recovery', 'announcement', 'other'] as const;
/** meeting.held `invited`. */
export const MEETING_INVITEES = ['superior', 'supervisory', 'doit'] as const;
/** rootcause.completed `by` (P28). */
export const ROOTCAUSE_PERFORMERS = ['vendor', 'external-expert', 'doit', 'self'] as const;
/** evidence.submitted `destination` (P27). */
export const EVIDENCE_DESTINATIONS = ['forensic-exchange', 'viruscheck', 'virustotal', 'hybrid-analysis', 'any.run'] as const;
/** agency.notified and doit.copied `channel` (P12, P14). */
export const NOTIFY_CHANNELS = ['phone', 'taipeion', 'email', 'other'] as const;
/** intel.shared `kinds` (P34). */
export const INTEL_KINDS = ['recon', 'vulnerability', 'exploit', 'malware', 'damage', 'countermeasure', 'other'] as const;
/** outage.started `what`. */
export const OUTAGE_CAUSES = ['network', 'power'] as const;

/** The website report's incident category (report.submitted `data.category`; the glossary's incidentCategories). */
export const REPORT_CATEGORIES = ['web', 'intrusion', 'dos', 'equipment', 'other'] as const;

/** effectiveness.reported `to` (P23(1)). */
export const EFFECTIVENESS_RECIPIENTS = ['commander', 'team', 'superior', 'supervisory', 'doit'] as const;
/** rootcause.submitted and progress.reported `to` (P30, P31(4)). */
export const REPORT_RECIPIENTS = ['commander', 'superior', 'supervisory', 'doit'] as const;
/** service.switched `to` (P25(3)). */
export const SWITCH_TARGETS = ['backup', 'primary'] as const;
/** report.phoned `to` (P11): ACS; absent means ACS too (settled point 6). */
export const PHONE_RECIPIENTS = ['acs'] as const;
/** action.isolated `method` (P25(1)). */
export const ISOLATION_METHODS = ['disconnect', 'shutdown-service', 'restrict-connections', 'restrict-privileges', 'limited-patch'] as const;
/** media.imaged `what` (P25(2)). */
export const IMAGE_KINDS = ['disk', 'vm-image'] as const;
/** incident.designated `by` (P31(4)). */
export const DESIGNATORS = ['doit', 'superior', 'supervisory'] as const;
/** records.signed `by` (P32). */
export const SIGNERS = ['responsible', 'ciso'] as const;
export type Level = (typeof LEVELS)[number];

/** Event types of drill-record.md. Unknown types are kept and ignored by scoring. */
export const EVENT_TYPES = [
  'drill.started',
  'incident.aware',
  'inject.delivered',
  'outage.started',
  'outage.ended',
  'level.assessed',
  'level.approved',
  'report.submitted',
  'report.phoned',
  'doit.phoned',
  'agency.notified',
  'doit.copied',
  'level.reviewed',
  'level.change.requested',
  'incident.designated',
  'team.formed',
  'team.adjusted',
  'containment.initial',
  'meeting.held',
  'action.isolated',
  'media.imaged',
  'system.rebuilt',
  'system.tested',
  'service.switched',
  'service.minimal',
  'announcement.decided',
  'recovery.completed',
  'effectiveness.reported',
  'pdpa.assessed',
  'evidence.submitted',
  'rootcause.completed',
  'improvement.planned',
  'rootcause.submitted',
  'progress.reported',
  'closure.submitted',
  'records.signed',
  'intel.shared',
  'drill.ended',
] as const;
export type KnownEventType = (typeof EVENT_TYPES)[number];

/** Obligation ids of procedure.md, in the procedure's order. */
export const OBLIGATION_IDS = [
  'report-approval',
  'level-assessment',
  'report-1h',
  'report-fallback',
  'report-backfill',
  'notify-agencies-1h',
  'vendor-report',
  'copy-doit-3d',
  'review-level',
  'level-change',
  'team-formed',
  'team-roles',
  'response-meeting',
  'recovery',
  'announcement-decision',
  'effectiveness-report',
  'pdpa-assessment',
  'isolation-first',
  'evidence-preserved',
  'evidence-submission',
  'root-cause',
  'improvement-plan',
  'root-cause-report',
  'progress-reports',
  'closure-1m',
  'records-signed',
  'intel-shared',
] as const;
export type ObligationId = (typeof OBLIGATION_IDS)[number];

export const STATUSES = ['met', 'late', 'violated', 'missed', 'not-reached', 'not-applicable'] as const;
export type ObligationStatus = (typeof STATUSES)[number];

/** drill-record.md "Score and standard": a drill's verdict under the standard. */
export const VERDICTS = ['pass', 'fail', 'incomplete'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** P39(2): the core obligations; one in scope and not reached makes a drill that did not fail incomplete. */
export const CORE_OBLIGATIONS = ['report-1h', 'team-formed', 'response-meeting', 'recovery'] as const satisfies readonly ObligationId[];
