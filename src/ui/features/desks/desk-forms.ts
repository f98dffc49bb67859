/**
 * Which forms and simulated channels each desk offers. The defaults follow Att.3's tasks and
 * procedure.md's "who" column; any team role may still open every team form on its own desk,
 * because a drill must let people make the mistakes real people make (the engine refuses only
 * the impossible, and scoring judges the rest).
 */
import { TEAM_ROLES, type ActorRole } from '@/engine/record/vocabulary';

export const FORM_IDS = [
  'website',
  'contacts',
  'platforms',
  'level',
  'approval',
  'team',
  'meeting',
  'containment',
  'announcement',
  'press',
  'effectiveness',
  'pdpa',
  'rootcause',
  'plan',
  'rootcause-report',
  'progress',
  'signoff',
  'intel',
  'review',
  'note',
] as const;
export type FormId = (typeof FORM_IDS)[number];

/** Each role's own tasks, first on its desk. */
export const ROLE_FORMS: Record<ActorRole, readonly FormId[]> = {
  // P10–P12, P14, P17, P31(5): the reporting contact files, phones and notifies.
  'reporting-contact': ['website', 'contacts', 'level'],
  // P18–P20, P22(2), P23(2), P30: the commander forms the team, chairs the meeting, decides.
  commander: ['team', 'meeting', 'announcement', 'pdpa', 'rootcause-report'],
  'executive-secretary': ['team', 'meeting', 'progress'],
  // Att.3: the press contact drafts news statements. The announcement decision is the commander's
  // (P22(2)): not offered here; taken anyway from the other forms, it is recorded and scored violated.
  'press-contact': ['press'],
  // P25(2)–(4) evidence, P27 submission, P28 root cause, P29 plan, P34 intel.
  'intel-planning': ['platforms', 'rootcause', 'plan', 'intel', 'containment'],
  // P21 recovery (registered on the website), P23(1), P25, P31(4).
  'response-execution': ['containment', 'website', 'effectiveness', 'progress'],
  // P10 approval, P32 sign-off.
  ciso: ['approval', 'signoff'],
  // P15, P16: DoIT's review desk.
  'doit-reviewer': ['review', 'note'],
  // Played by the facilitator: the inbox, and a note for the debrief.
  acs: ['note'],
  vendor: ['note'],
  facilitator: ['note'],
};

const TEAM_FORMS: readonly FormId[] = FORM_IDS.filter((f) => f !== 'review');

/** Every form of a desk: its own tasks first, then the others it may open. */
export function formsFor(role: ActorRole): FormId[] {
  return [...ROLE_FORMS[role], ...otherFormsFor(role)];
}

/** Desks of the agency's own people: the Att.3 team and the CISO (who often commands, Att.3). */
const AGENCY_DESKS: readonly ActorRole[] = [...TEAM_ROLES, 'ciso'];

/** Forms a desk can open besides its own tasks: every team form for the agency's people, nothing else otherwise. */
export function otherFormsFor(role: ActorRole): FormId[] {
  if (!AGENCY_DESKS.includes(role)) return [];
  const own = new Set(ROLE_FORMS[role]);
  return TEAM_FORMS.filter((f) => !own.has(f));
}

/**
 * The form of `role`'s desk where the engine's offered action `type` is done: its own form where
 * the desk has it; for the UI-only actions (a phone call, a TaipeiON message) the desk's note.
 */
export function formForAction(role: ActorRole, type: string): FormId | undefined {
  const forms = formsFor(role);
  const form = FORM_OF_EVENT[type];
  if (form && forms.includes(form)) return form;
  if (type.startsWith('ui.') && forms.includes('note')) return 'note';
  return undefined;
}

/** The form where an event type is done, for the engine's "available now" list. */
export const FORM_OF_EVENT: Record<string, FormId> = {
  'report.submitted': 'website',
  'level.change.requested': 'website',
  'closure.submitted': 'website',
  'report.phoned': 'contacts',
  'doit.phoned': 'contacts',
  'doit.copied': 'contacts',
  'agency.notified': 'contacts',
  'evidence.submitted': 'platforms',
  'level.assessed': 'level',
  'level.approved': 'approval',
  'team.formed': 'team',
  'team.adjusted': 'team',
  'meeting.held': 'meeting',
  'containment.initial': 'containment',
  'action.isolated': 'containment',
  'media.imaged': 'containment',
  'system.rebuilt': 'containment',
  'system.tested': 'containment',
  'service.switched': 'containment',
  'service.minimal': 'containment',
  'recovery.completed': 'containment',
  'announcement.decided': 'announcement',
  'ui.press.statement': 'press',
  'effectiveness.reported': 'effectiveness',
  'pdpa.assessed': 'pdpa',
  'rootcause.completed': 'rootcause',
  'improvement.planned': 'plan',
  'rootcause.submitted': 'rootcause-report',
  'progress.reported': 'progress',
  'records.signed': 'signoff',
  'intel.shared': 'intel',
  'level.reviewed': 'review',
  'incident.designated': 'review',
  'ui.data.requested': 'review',
  'ui.report.followup': 'website',
  'ui.note.added': 'note',
  'ui.phone.called': 'contacts',
  'ui.taipeion.sent': 'contacts',
  'ui.meeting.minutes': 'meeting',
};
