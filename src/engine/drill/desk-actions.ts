/**
 * Which actions each desk offers, as data: the action's event type, the roles whose desk shows
 * it, a label, the point it serves, and when it makes sense given the incident's state. The
 * engine's refusals (drill-rules.ts) then mark what is impossible right now (e.g. website filing
 * during an outage) so the desk can show it disabled with the reason.
 *
 * "Makes sense" is a convenience for the desks, never a rule: mistakes stay possible (a desk can
 * still send any action; scoring judges it).
 */
import type { ActorRole } from '../record/vocabulary';
import type { ScenarioFacts, Agency } from '../record/schema';
import type { IncidentSummary } from '../machine/incident-machine';
import type { Bilingual } from '../base/bilingual';
import { deskActionLabel } from '../text/engine-text';

export interface DeskFacts {
  summary: IncidentSummary;
  scenario: ScenarioFacts;
  agency: Agency;
  /** Event types in the log so far. */
  happened: ReadonlySet<string>;
}

export interface DeskActionSpec {
  type: string;
  roles: readonly ActorRole[];
  label: Bilingual;
  point?: string;
  /** When the action makes sense; absent: always while the drill runs. */
  when?: (f: DeskFacts) => boolean;
}

const outage = (f: DeskFacts) => f.summary.outage === 'in-progress';
const reported = (f: DeskFacts) => f.happened.has('report.submitted');
const major = (f: DeskFacts) => f.summary.levelInForce >= 3;
const notEquipment = (f: DeskFacts) => f.scenario.category !== 'equipment-failure';

const ALL_TEAM: readonly ActorRole[] = ['commander', 'executive-secretary', 'press-contact', 'reporting-contact', 'intel-planning', 'response-execution', 'ciso'];

export const DESK_ACTIONS: readonly DeskActionSpec[] = [
  // Reporting (P10–P17)
  { type: 'level.assessed', roles: ['reporting-contact'], label: deskActionLabel('level.assessed'), point: 'P10' },
  { type: 'level.approved', roles: ['ciso'], label: deskActionLabel('level.approved'), point: 'P10' },
  { type: 'report.submitted', roles: ['reporting-contact'], label: deskActionLabel('report.submitted'), point: 'P10, P11', when: (f) => !reported(f) },
  { type: 'report.phoned', roles: ['reporting-contact'], label: deskActionLabel('report.phoned'), point: 'P11', when: (f) => outage(f) && !reported(f) },
  { type: 'doit.phoned', roles: ['reporting-contact'], label: deskActionLabel('doit.phoned'), point: 'Att.1', when: major },
  { type: 'agency.notified', roles: ['reporting-contact'], label: deskActionLabel('agency.notified'), point: 'P12', when: (f) => (f.scenario.affectedAgencies ?? []).length > 0 },
  { type: 'doit.copied', roles: ['reporting-contact'], label: deskActionLabel('doit.copied'), point: 'P14', when: (f) => f.agency.reportsToCentral === true && reported(f) },
  { type: 'level.change.requested', roles: ['reporting-contact'], label: deskActionLabel('level.change.requested'), point: 'P17', when: reported },
  // DoIT and the outside parties the facilitator plays
  { type: 'level.reviewed', roles: ['doit-reviewer', 'facilitator'], label: deskActionLabel('level.reviewed'), point: 'P15', when: reported },
  { type: 'incident.designated', roles: ['doit-reviewer', 'facilitator'], label: deskActionLabel('incident.designated'), point: 'P31(4)', when: (f) => !f.happened.has('incident.designated') },
  // Team (P18–P20)
  { type: 'team.formed', roles: ['commander', 'ciso'], label: deskActionLabel('team.formed'), point: 'P18', when: (f) => f.summary.team === 'none' },
  { type: 'team.adjusted', roles: ['commander', 'facilitator'], label: deskActionLabel('team.adjusted'), point: 'P19', when: (f) => f.summary.team === 'formed' },
  { type: 'meeting.held', roles: ['commander', 'executive-secretary'], label: deskActionLabel('meeting.held'), point: 'P20' },
  // P22(2): the commander decides; the press contact only drafts (drill-record.md settled point 13).
  { type: 'announcement.decided', roles: ['commander'], label: deskActionLabel('announcement.decided'), point: 'P22(2)' },
  // Response execution (P21–P25)
  { type: 'action.isolated', roles: ['response-execution'], label: deskActionLabel('action.isolated'), point: 'P25(1)' },
  { type: 'containment.initial', roles: ['response-execution'], label: deskActionLabel('containment.initial'), point: 'P20', when: (f) => f.summary.recovery === 'not-started' },
  { type: 'media.imaged', roles: ['response-execution', 'intel-planning'], label: deskActionLabel('media.imaged'), point: 'P25(2)' },
  { type: 'service.switched', roles: ['response-execution'], label: deskActionLabel('service.switched'), point: 'P25(3)' },
  { type: 'service.minimal', roles: ['response-execution'], label: deskActionLabel('service.minimal'), point: 'P25(4)', when: (f) => f.scenario.backup === 'compromised' },
  { type: 'system.rebuilt', roles: ['response-execution'], label: deskActionLabel('system.rebuilt'), point: 'P25' },
  { type: 'system.tested', roles: ['response-execution'], label: deskActionLabel('system.tested'), point: 'P25' },
  { type: 'recovery.completed', roles: ['response-execution'], label: deskActionLabel('recovery.completed'), point: 'P21', when: (f) => f.summary.recovery !== 'recovered' },
  { type: 'effectiveness.reported', roles: ['response-execution'], label: deskActionLabel('effectiveness.reported'), point: 'P23(1)', when: major },
  { type: 'pdpa.assessed', roles: ['commander', 'intel-planning'], label: deskActionLabel('pdpa.assessed'), point: 'P23(2)', when: (f) => f.scenario.personalData === true },
  // Intel & planning (P27–P34)
  { type: 'evidence.submitted', roles: ['intel-planning'], label: deskActionLabel('evidence.submitted'), point: 'P27', when: notEquipment },
  { type: 'rootcause.completed', roles: ['intel-planning'], label: deskActionLabel('rootcause.completed'), point: 'P28', when: (f) => f.summary.investigation.rootCause === 'pending' },
  { type: 'improvement.planned', roles: ['intel-planning'], label: deskActionLabel('improvement.planned'), point: 'P29' },
  { type: 'rootcause.submitted', roles: ['commander', 'intel-planning'], label: deskActionLabel('rootcause.submitted'), point: 'P30' },
  { type: 'progress.reported', roles: ['response-execution', 'commander'], label: deskActionLabel('progress.reported'), point: 'P31(4)', when: (f) => major(f) || f.happened.has('incident.designated') },
  { type: 'closure.submitted', roles: ['reporting-contact'], label: deskActionLabel('closure.submitted'), point: 'P31(5)', when: (f) => f.summary.closure === 'open' },
  { type: 'records.signed', roles: ['commander', 'ciso'], label: deskActionLabel('records.signed'), point: 'P32' },
  { type: 'intel.shared', roles: ['intel-planning'], label: deskActionLabel('intel.shared'), point: 'P34', when: notEquipment },
  // UI-only: recorded for the debrief, ignored by scoring.
  { type: 'ui.note.added', roles: [...ALL_TEAM, 'facilitator', 'doit-reviewer', 'acs', 'vendor'], label: deskActionLabel('ui.note.added') },
  { type: 'ui.phone.called', roles: [...ALL_TEAM, 'facilitator', 'doit-reviewer', 'acs', 'vendor'], label: deskActionLabel('ui.phone.called') },
  { type: 'ui.taipeion.sent', roles: ALL_TEAM, label: deskActionLabel('ui.taipeion.sent') },
  { type: 'ui.meeting.minutes', roles: ['commander', 'executive-secretary'], label: deskActionLabel('ui.meeting.minutes') },
];
