/**
 * Words for events, in zh-TW and English, for the action log (CSV), the after-action report and the
 * review's timeline. The procedure's own terms (glossary.md) are kept as written.
 */
import type { DrillEvent } from '../record/schema';
import type { ActorRole, ObligationId, Position, Verdict } from '../record/vocabulary';
import { OBLIGATION_BY_ID } from '../rules/obligations';
import { POSITION_NAMES } from '../rules/positions';

export type ReportLanguage = 'zh-TW' | 'en';
export interface Words {
  zh: string;
  en: string;
}
export const say = (w: Words, lang: ReportLanguage): string => (lang === 'en' ? w.en : w.zh);

export const ROLE_NAMES: Record<ActorRole, Words> = {
  facilitator: { zh: '演練主持人', en: 'Facilitator' },
  commander: { zh: '事件指揮官', en: 'Incident Commander' },
  'executive-secretary': { zh: '執行秘書', en: 'Executive Secretary' },
  'press-contact': { zh: '新聞聯絡人', en: 'Press Contact' },
  'reporting-contact': { zh: '通報窗口', en: 'Reporting Contact' },
  'intel-planning': { zh: '情資及計畫組', en: 'Intelligence & Planning Group' },
  'response-execution': { zh: '應變執行組', en: 'Response Execution Group' },
  ciso: { zh: '資通安全長', en: 'Chief Information Security Officer (CISO)' },
  'doit-reviewer': { zh: '資訊局審核人員', en: 'DoIT Reviewer' },
  acs: { zh: '數位發展部資通安全署', en: 'Administration for Cyber Security (ACS)' },
  vendor: { zh: '委外廠商', en: 'Outsourced Vendor' },
};

export const roleName = (role: string, lang: ReportLanguage): string =>
  role in ROLE_NAMES ? say(ROLE_NAMES[role as ActorRole], lang) : role;

/** A short title per event type (drill-record.md, "Event types"). */
export const EVENT_TITLES: Record<string, Words> = {
  'drill.started': { zh: '演練開始', en: 'Drill started' },
  'incident.aware': { zh: '知悉資安事件（T0）', en: 'Awareness of the incident (T0)' },
  'inject.delivered': { zh: '發布情境指令', en: 'Inject delivered' },
  'outage.started': { zh: '無法連上通報應變網站', en: 'Reporting website unreachable' },
  'outage.ended': { zh: '通報應變網站恢復連線', en: 'Reporting website reachable again' },
  'level.assessed': { zh: '判斷事件等級', en: 'Level assessed' },
  'level.approved': { zh: '資通安全長核可等級', en: 'Level approved by the CISO' },
  'report.submitted': { zh: '於通報應變網站通報', en: 'Report filed on the national reporting website' },
  'report.phoned': { zh: '以電話等方式通報', en: 'Report given by phone' },
  'doit.phoned': { zh: '電話通報資訊局', en: 'DoIT phoned' },
  'agency.notified': { zh: '通知相關機關', en: 'Agency notified' },
  'doit.copied': { zh: '副知資訊局', en: 'DoIT copied' },
  'level.reviewed': { zh: '等級審核', en: 'Level reviewed' },
  'level.change.requested': { zh: '申請等級變更', en: 'Level change requested' },
  'incident.designated': { zh: '列為定期回報事件', en: 'Incident designated for progress reports' },
  'team.formed': { zh: '組成通報應變小組', en: 'Response team formed' },
  'team.adjusted': { zh: '調整小組編組（第十九點）', en: 'Team adjusted (P19)' },
  'containment.initial': { zh: '完成初步損害控制', en: 'Initial damage control done' },
  'meeting.held': { zh: '召開會議', en: 'Meeting held' },
  'action.isolated': { zh: '採取隔離機制', en: 'Isolation step' },
  'media.imaged': { zh: '保存受害系統映像', en: 'Victim storage imaged' },
  'system.rebuilt': { zh: '重建系統', en: 'System rebuilt' },
  'system.tested': { zh: '測試重建系統', en: 'Rebuilt system tested' },
  'service.switched': { zh: '切換服務', en: 'Service switched' },
  'service.minimal': { zh: '維持最低限度對外服務', en: 'Minimal external service kept' },
  'announcement.decided': { zh: '決定是否對外公告', en: 'Public announcement decided' },
  'recovery.completed': { zh: '完成損害控制或復原', en: 'Damage control or recovery completed' },
  'effectiveness.reported': { zh: '回報控制措施成效', en: 'Effectiveness of controls reported' },
  'pdpa.assessed': { zh: '評估通知個資當事人', en: 'Notifying data subjects assessed' },
  'evidence.submitted': { zh: '送交跡證', en: 'Evidence submitted' },
  'rootcause.completed': { zh: '完成根因分析', en: 'Root-cause analysis completed' },
  'improvement.planned': { zh: '提出改善策略', en: 'Improvement plan made' },
  'rootcause.submitted': { zh: '提報根因及改善策略', en: 'Root cause and plan submitted' },
  'progress.reported': { zh: '回報改善進度', en: 'Progress reported' },
  'closure.submitted': { zh: '完成結報', en: 'Closure report filed' },
  'records.signed': { zh: '紀錄簽核', en: 'Records signed off' },
  'intel.shared': { zh: '分享資安情資', en: 'Threat intelligence shared' },
  'drill.ended': { zh: '演練結束', en: 'Drill ended' },
};

const RECIPIENTS: Record<string, Words> = {
  commander: { zh: '事件指揮官', en: 'commander' },
  team: { zh: '小組成員', en: 'team' },
  superior: { zh: '上級機關', en: 'superior agency' },
  supervisory: { zh: '監督機關', en: 'supervisory agency' },
  doit: { zh: '資訊局', en: 'DoIT' },
  responsible: { zh: '權責主管', en: 'responsible officer' },
  ciso: { zh: '資通安全長', en: 'CISO' },
  acs: { zh: '資安署', en: 'ACS' },
};
const DESTINATIONS: Record<string, Words> = {
  'forensic-exchange': { zh: '鑑識採證檔案交換區', en: 'forensic exchange area' },
  viruscheck: { zh: 'Virus Check', en: 'Virus Check' },
};
const word = (table: Record<string, Words>, key: unknown, lang: ReportLanguage): string =>
  typeof key === 'string' ? (key in table ? say(table[key], lang) : key) : '';
const list = (v: unknown, lang: ReportLanguage): string =>
  Array.isArray(v) ? v.map((x) => word(RECIPIENTS, x, lang)).join(lang === 'en' ? ', ' : '、') : '';
const levelText = (v: unknown, lang: ReportLanguage): string => (typeof v === 'number' ? (lang === 'en' ? `level ${v}` : `第${v}級`) : '');

/** The title of an event type; unknown types are shown as their type id. */
export function eventTitle(type: string, lang: ReportLanguage): string {
  return type in EVENT_TITLES ? say(EVENT_TITLES[type], lang) : type;
}

/** One line that says what happened: the title, and the details that matter for the review. */
export function describeEvent(event: Pick<DrillEvent, 'type' | 'data'>, lang: ReportLanguage): string {
  const d = (event.data ?? {}) as Record<string, unknown>;
  const en = lang === 'en';
  const title = eventTitle(event.type, lang);
  const sep = en ? ': ' : '：';
  let detail = '';
  switch (event.type) {
    case 'inject.delivered':
      detail = typeof d.title === 'string' ? d.title : typeof d.injectId === 'string' ? d.injectId : '';
      break;
    case 'level.assessed':
    case 'level.approved':
    case 'report.submitted':
    case 'level.reviewed':
      detail = levelText(d.level, lang);
      break;
    case 'report.phoned':
      detail = [levelText(d.level, lang), typeof d.reason === 'string' ? d.reason : ''].filter(Boolean).join(en ? '; ' : '；');
      break;
    case 'level.change.requested':
      detail = `${levelText(d.from, lang)} → ${levelText(d.to, lang)}`;
      break;
    case 'agency.notified':
      detail = [d.agency, d.channel === 'taipeion' ? 'TaipeiON' : d.channel === 'phone' ? (en ? 'phone' : '電話') : d.channel]
        .filter((x) => typeof x === 'string' && x !== '')
        .join(en ? ', ' : '，');
      break;
    case 'team.formed':
      // People, not role rows: one person holding two team roles is one member.
      if (Array.isArray(d.members)) {
        const people = new Set(d.members.map((m: unknown) => (m && typeof m === 'object' && 'name' in m ? String((m as { name: unknown }).name) : ''))).size;
        detail = en ? `${people} people` : `${people} 人`;
      } else detail = '';
      break;
    case 'team.adjusted':
    case 'outage.started':
    case 'outage.ended':
      detail = typeof d.reason === 'string' ? d.reason : typeof d.what === 'string' ? d.what : '';
      break;
    case 'meeting.held':
      detail = [typeof d.chair === 'string' ? (en ? `chair ${roleName(d.chair, lang)}` : `主持：${roleName(d.chair, lang)}`) : '', Array.isArray(d.topics) ? d.topics.join(', ') : '']
        .filter(Boolean)
        .join(en ? '; ' : '；');
      break;
    case 'action.isolated':
      detail = typeof d.method === 'string' ? d.method : '';
      break;
    case 'system.rebuilt':
      detail = d.cleanMedia === true ? (en ? 'on clean media' : '使用乾淨媒體') : d.cleanMedia === false ? (en ? 'NOT on clean media' : '未使用乾淨媒體') : '';
      break;
    case 'service.switched':
      detail = d.to === 'backup' ? (en ? 'to the standby system' : '切換至備援系統') : d.to === 'primary' ? (en ? 'back to the primary' : '切回主系統') : '';
      break;
    case 'announcement.decided':
      detail = d.public === true ? (en ? 'announce publicly' : '對外公告') : d.public === false ? (en ? 'no public announcement' : '不對外公告') : '';
      break;
    case 'recovery.completed':
      detail = d.registeredOnWebsite === true ? (en ? 'recorded on the website' : '已登錄通報應變網站') : en ? 'NOT recorded on the website' : '未登錄通報應變網站';
      break;
    case 'effectiveness.reported':
    case 'rootcause.submitted':
    case 'progress.reported':
      detail = list(d.to, lang);
      break;
    case 'records.signed':
      detail = list(d.by, lang);
      break;
    case 'pdpa.assessed':
      detail = [d.notifySubjects === true ? (en ? 'notify data subjects' : '通知當事人') : d.notifySubjects === false ? (en ? 'do not notify' : '不通知') : '', typeof d.reason === 'string' ? d.reason : '']
        .filter(Boolean)
        .join(en ? '; ' : '；');
      break;
    case 'evidence.submitted':
      detail = word(DESTINATIONS, d.destination, lang);
      break;
    case 'rootcause.completed':
      detail = [typeof d.by === 'string' ? d.by : '', d.malwareAnalysis === true ? (en ? 'with malware analysis' : '含惡意程式分析') : '']
        .filter(Boolean)
        .join(en ? ', ' : '，');
      break;
    case 'improvement.planned': {
      const n = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]).length : 0);
      detail = en ? `short ${n('short')}, medium ${n('medium')}, long ${n('long')}` : `短期 ${n('short')} 項、中期 ${n('medium')} 項、長期 ${n('long')} 項`;
      break;
    }
    case 'incident.designated':
      detail = typeof d.by === 'string' ? d.by : '';
      break;
    default:
      break;
  }
  return detail ? `${title}${sep}${detail}` : title;
}

/** Att.3 posts (procedure.md "Response team roles"), for participant lists. */
export { POSITION_NAMES };
export const positionName = (p: string, lang: ReportLanguage): string => (p in POSITION_NAMES ? say(POSITION_NAMES[p as Position], lang) : p);

/** An obligation's title (glossary.md), from the rules table. */
export const obligationTitle = (id: string, lang: ReportLanguage): string =>
  id in OBLIGATION_BY_ID ? say(OBLIGATION_BY_ID[id as ObligationId].title, lang) : id;

export const STATUS_NAMES: Record<string, Words> = {
  met: { zh: '如期完成', en: 'Met' },
  late: { zh: '逾時完成', en: 'Late' },
  missed: { zh: '逾期未辦', en: 'Missed' },
  violated: { zh: '不符規定', en: 'Violated' },
  'not-reached': { zh: '未屆期限', en: 'Not yet due' },
  'not-applicable': { zh: '不適用', en: 'Not applicable' },
};
export const statusName = (s: string, lang: ReportLanguage): string => (s in STATUS_NAMES ? say(STATUS_NAMES[s], lang) : s);

/** drill-record.md "Score and standard": the verdict's words (the UI's are common:verdicts). */
export const VERDICT_NAMES: Record<Verdict, Words> = {
  pass: { zh: '通過', en: 'Passed' },
  fail: { zh: '未通過', en: 'Failed' },
  incomplete: { zh: '未完成', en: 'Incomplete' },
};
/** The verdict in words; an incomplete drill says how many obligations are not yet due (issue 12 item 9). */
export function verdictText(verdict: Verdict, notReached: number, lang: ReportLanguage): string {
  const name = say(VERDICT_NAMES[verdict], lang);
  if (verdict !== 'incomplete') return name;
  return lang === 'en' ? `${name} (${notReached} obligation${notReached === 1 ? '' : 's'} not yet due)` : `${name}（${notReached} 項未屆期限）`;
}

/** 65 → "1 小時 5 分" / "1 h 5 min"; days for long spans. */
export function durationText(minutes: number, lang: ReportLanguage): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (lang === 'en') {
    if (d) parts.push(`${d} d`);
    if (h) parts.push(`${h} h`);
    if (m || parts.length === 0) parts.push(`${m} min`);
  } else {
    if (d) parts.push(`${d} 天`);
    if (h) parts.push(`${h} 小時`);
    if (m || parts.length === 0) parts.push(`${m} 分`);
  }
  return parts.join(' ');
}
