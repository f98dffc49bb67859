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
  { type: 'level.assessed', roles: ['reporting-contact'], label: { zh: '判定事件等級', en: 'Assess the level' }, point: 'P10' },
  { type: 'level.approved', roles: ['ciso'], label: { zh: '核可事件等級', en: 'Approve the level' }, point: 'P10' },
  { type: 'report.submitted', roles: ['reporting-contact'], label: { zh: '於通報應變網站通報', en: 'File the report on the website' }, point: 'P10, P11', when: (f) => !reported(f) },
  { type: 'report.phoned', roles: ['reporting-contact'], label: { zh: '以電話通報資安署', en: 'Report to ACS by phone' }, point: 'P11', when: (f) => outage(f) && !reported(f) },
  { type: 'doit.phoned', roles: ['reporting-contact'], label: { zh: '電話通知資訊局（3、4級）', en: 'Phone DoIT (level 3/4)' }, point: 'Att.1', when: major },
  { type: 'agency.notified', roles: ['reporting-contact'], label: { zh: '通知受影響機關', en: 'Notify an affected agency' }, point: 'P12', when: (f) => (f.scenario.affectedAgencies ?? []).length > 0 },
  { type: 'doit.copied', roles: ['reporting-contact'], label: { zh: '副知資訊局', en: 'Copy DoIT' }, point: 'P14', when: (f) => f.agency.reportsToCentral === true && reported(f) },
  { type: 'level.change.requested', roles: ['reporting-contact'], label: { zh: '申請等級變更', en: 'Request a level change' }, point: 'P17', when: reported },
  // DoIT and the outside parties the facilitator plays
  { type: 'level.reviewed', roles: ['doit-reviewer', 'facilitator'], label: { zh: '審核事件等級', en: 'Review the level' }, point: 'P15', when: reported },
  { type: 'incident.designated', roles: ['doit-reviewer', 'facilitator'], label: { zh: '列管改善進度', en: 'Designate for progress reporting' }, point: 'P31(4)', when: (f) => !f.happened.has('incident.designated') },
  // Team (P18–P20)
  { type: 'team.formed', roles: ['commander', 'ciso'], label: { zh: '成立通報應變小組', en: 'Form the response team' }, point: 'P18', when: (f) => f.summary.team === 'none' },
  { type: 'team.adjusted', roles: ['commander', 'facilitator'], label: { zh: '調整小組組成', en: 'Accept an adjusted team' }, point: 'P19', when: (f) => f.summary.team === 'formed' },
  { type: 'meeting.held', roles: ['commander', 'executive-secretary'], label: { zh: '召開會議', en: 'Hold a meeting' }, point: 'P20' },
  // P22(2): the commander decides; the press contact only drafts (drill-record.md settled point 13).
  { type: 'announcement.decided', roles: ['commander'], label: { zh: '決定是否對外公告', en: 'Decide on a public announcement' }, point: 'P22(2)' },
  // Response execution (P21–P25)
  { type: 'action.isolated', roles: ['response-execution'], label: { zh: '採取隔離措施', en: 'Isolate' }, point: 'P25(1)' },
  { type: 'containment.initial', roles: ['response-execution'], label: { zh: '完成初步損害控制', en: 'Initial damage control done' }, point: 'P20', when: (f) => f.summary.recovery === 'not-started' },
  { type: 'media.imaged', roles: ['response-execution', 'intel-planning'], label: { zh: '保全受害主機映像', en: 'Image the victim storage' }, point: 'P25(2)' },
  { type: 'service.switched', roles: ['response-execution'], label: { zh: '切換服務', en: 'Switch service' }, point: 'P25(3)' },
  { type: 'service.minimal', roles: ['response-execution'], label: { zh: '維持最低限度對外服務', en: 'Keep minimal service' }, point: 'P25(4)', when: (f) => f.scenario.backup === 'compromised' },
  { type: 'system.rebuilt', roles: ['response-execution'], label: { zh: '重建系統', en: 'Rebuild the system' }, point: 'P25' },
  { type: 'system.tested', roles: ['response-execution'], label: { zh: '測試系統', en: 'Test the system' }, point: 'P25' },
  { type: 'recovery.completed', roles: ['response-execution'], label: { zh: '完成損害控制或復原', en: 'Recovery completed' }, point: 'P21', when: (f) => f.summary.recovery !== 'recovered' },
  { type: 'effectiveness.reported', roles: ['response-execution'], label: { zh: '回報控制措施成效', en: 'Report control effectiveness' }, point: 'P23(1)', when: major },
  { type: 'pdpa.assessed', roles: ['commander', 'intel-planning'], label: { zh: '評估通知個資當事人', en: 'Assess notifying data subjects' }, point: 'P23(2)', when: (f) => f.scenario.personalData === true },
  // Intel & planning (P27–P34)
  { type: 'evidence.submitted', roles: ['intel-planning'], label: { zh: '送交跡證及樣本', en: 'Submit evidence and samples' }, point: 'P27', when: notEquipment },
  { type: 'rootcause.completed', roles: ['intel-planning'], label: { zh: '完成根因分析', en: 'Root cause analysed' }, point: 'P28', when: (f) => f.summary.investigation.rootCause === 'pending' },
  { type: 'improvement.planned', roles: ['intel-planning'], label: { zh: '訂定改善策略', en: 'Plan improvements' }, point: 'P29' },
  { type: 'rootcause.submitted', roles: ['commander', 'intel-planning'], label: { zh: '提報根因及改善策略', en: 'Submit root cause and plan' }, point: 'P30' },
  { type: 'progress.reported', roles: ['response-execution', 'commander'], label: { zh: '回報改善進度', en: 'Report progress' }, point: 'P31(4)', when: (f) => major(f) || f.happened.has('incident.designated') },
  { type: 'closure.submitted', roles: ['reporting-contact'], label: { zh: '於通報應變網站結報', en: 'File the closure report' }, point: 'P31(5)', when: (f) => f.summary.closure === 'open' },
  { type: 'records.signed', roles: ['commander', 'ciso'], label: { zh: '紀錄簽核', en: 'Sign off the records' }, point: 'P32' },
  { type: 'intel.shared', roles: ['intel-planning'], label: { zh: '分享資安情資', en: 'Share threat intelligence' }, point: 'P34', when: notEquipment },
  // UI-only: recorded for the debrief, ignored by scoring.
  { type: 'ui.note.added', roles: [...ALL_TEAM, 'facilitator', 'doit-reviewer', 'acs', 'vendor'], label: { zh: '新增紀錄', en: 'Add a note' } },
  { type: 'ui.phone.called', roles: [...ALL_TEAM, 'facilitator', 'doit-reviewer', 'acs', 'vendor'], label: { zh: '撥打電話', en: 'Make a phone call' } },
  { type: 'ui.taipeion.sent', roles: ALL_TEAM, label: { zh: '傳送 TaipeiON 訊息', en: 'Send a TaipeiON message' } },
  { type: 'ui.meeting.minutes', roles: ['commander', 'executive-secretary'], label: { zh: '會議紀錄', en: 'Meeting minutes' } },
];
