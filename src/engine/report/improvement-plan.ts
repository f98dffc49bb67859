/**
 * From a scored drill to what the agency changes: strengths and
 * the improvement plan (P29's short / medium / long tiers), one item per missed, late or violated
 * obligation.
 *
 * The re-drill due date (P39(3)) is one rule, in rules/redrill.ts, for the review and the city.
 *
 * Dates (all Taipei calendar dates, YYYY-MM-DD):
 * - Plan items are due counted from the review date (time/taipei.ts addMonths: the same day, clamped
 *   to the month's last day): short (immediate fixes) 1 month; medium
 *   ("within 3–6 months", P29) 6 months; long ("within 2 years", P29) 24 months.
 */
import type { ActorRole, ObligationId } from '../record/vocabulary';
import { OBLIGATION_BY_ID } from '../rules/obligations';
import type { ObligationResult, ScoreResult } from '../scoring/types';
import { addMonths, parseIsoMs, taipeiDate } from '../time/taipei';
import type { Words } from './event-text';
import { reasonsIn } from '../scoring/types';

export type Tier = 'short' | 'medium' | 'long';
export const TIER_MONTHS: Record<Tier, number> = { short: 1, medium: 6, long: 24 };

/** The role that owns an improvement: the obligation's "who"; the agency's own duties go to its CISO. */
export function ownerRole(id: ObligationId): ActorRole {
  const who = OBLIGATION_BY_ID[id].who;
  if (who === 'agency') return 'ciso';
  if (who === 'reviewer') return 'doit-reviewer';
  return who;
}

interface Remedy {
  /** P29 tier: short = immediate fix (drill the step, fix a checklist); medium = needs preparation
   *  (contracts, tools, rosters); long = needs capability (standby systems, architecture). */
  tier: Tier;
  /** What to change when it was done late or not at all. */
  timely: Words;
  /** What to change when it was done the wrong way. */
  correct: Words;
}

/** One remedy per obligation, citing its point. */
export const REMEDIES: Record<ObligationId, Remedy> = {
  'report-approval': {
    tier: 'short',
    timely: { zh: '建立資通安全長（或其授權人）即時核可等級之聯繫方式與代理順序（第十點）。', en: 'Set up a way for the CISO (or someone authorised) to approve the level at once, with a standby order (P10).' },
    correct: { zh: '通報前須先經資通安全長或其授權人核可等級；將核可列入通報檢核表第一步（第十點）。', en: 'Have the CISO or someone authorised approve the level before the report is filed; make it the first step of the reporting checklist (P10).' },
  },
  'level-assessment': {
    tier: 'short',
    timely: { zh: '於一小時內完成等級判斷並隨通報提出（第十點、第十五點）。', en: 'Judge the level within the hour and file it with the report (P10, P15).' },
    correct: { zh: '依通報應變辦法第二條重新訓練等級判斷，特別是核心業務與核心資通系統之判定，避免低報（第十五點）。', en: 'Retrain level judgement under art. 2 of the regulation, especially what is core business and a core system, so the level is not under-reported (P15).' },
  },
  'report-1h': {
    tier: 'short',
    timely: { zh: '知悉後一小時內於通報應變網站完成通報；演練通報窗口之帳號、流程與時間掌握（第十點）。', en: 'File the report on the national reporting website within one hour of awareness; drill the reporting contact\'s account, steps and timing (P10).' },
    correct: { zh: '通報須由通報窗口（資通安全專責人員或其代理人）辦理，不得由委外廠商或其他人員代為通報（第六點、第九點）。', en: 'The report must be filed by the reporting contact (the security officer or the deputy), never vendor staff or others (P6, P9).' },
  },
  'report-fallback': {
    tier: 'short',
    timely: { zh: '備妥資安署聯繫電話等替代通報方式，網路或電力中斷時於一小時內以電話通報（第十一點）。', en: 'Keep ACS\'s phone numbers and other fallback means at hand; when a network or power outage blocks filing, report by phone within the hour (P11).' },
    correct: { zh: '電話通報應說明通報內容及無法上網通報之原因（第十一點）。', en: 'A phone report must give what the report would say and why it cannot be filed online (P11).' },
  },
  'report-backfill': {
    tier: 'short',
    timely: { zh: '事由解除後立即於通報應變網站補行通報（第十一點）。', en: 'Once the outage ends, file the report on the website at once (P11).' },
    correct: { zh: '補行通報應於事由解除後辦理（第十一點）。', en: 'The backfill report is filed after the outage ends (P11).' },
  },
  'notify-agencies-1h': {
    tier: 'short',
    timely: { zh: '建立相關機關通報窗口清冊（電話、TaipeiON），一小時內通知受影響機關（第十二點）。', en: 'Keep a list of other agencies\' reporting contacts (phone, TaipeiON) and notify affected agencies within one hour (P12).' },
    correct: { zh: '以電話或 TaipeiON 通知相關機關通報窗口（第十二點）。', en: 'Notify the other agencies\' reporting contacts by phone or TaipeiON (P12).' },
  },
  'vendor-report': {
    tier: 'medium',
    timely: { zh: '於委外契約明定廠商發生資安事件時應立即通報機關並提供紀錄（第十三點）。', en: 'Put in outsourcing contracts that vendors report incidents to the agency at once and hand over records (P13).' },
    correct: { zh: '於委外契約明定廠商之通報方式（第十三點）。', en: 'State the vendors\' reporting means in the contracts (P13).' },
  },
  'copy-doit-3d': {
    tier: 'short',
    timely: { zh: '通報中央機關後三日內將通報及最新處理情形副知資訊局（第十四點）。', en: 'Send DoIT a copy of the report and the latest handling within three days of reporting to the central body (P14).' },
    correct: { zh: '副知資訊局之內容應含通報及最新處理情形（第十四點）。', en: 'The copy to DoIT must carry the report and the latest handling (P14).' },
  },
  'review-level': {
    tier: 'short',
    timely: { zh: '審核機關於時限內完成等級審核（第十五點、第十六點）。', en: 'The reviewer reviews the level within its limit (P15, P16).' },
    correct: { zh: '審核機關應敘明審核依據（第十六點）。', en: 'The reviewer gives the basis of its review (P16).' },
  },
  'level-change': {
    tier: 'short',
    timely: { zh: '等級變更應於通報應變網站申請（第十七點）。', en: 'Request a level change on the reporting website (P17).' },
    correct: { zh: '等級變更應於通報應變網站申請（第十七點）。', en: 'Request a level change on the reporting website (P17).' },
  },
  'team-formed': {
    tier: 'short',
    timely: { zh: '預先指定小組成員與召集方式，於時限內（第一、二級三小時；第三、四級一小時）組成通報應變小組（第十八點）。', en: 'Name the team members and how they are called in advance, and form the response team within the limit (L1/2 three hours, L3/4 one hour) (P18).' },
    correct: { zh: '依第十八點組成通報應變小組。', en: 'Form the response team as P18 requires.' },
  },
  'team-roles': {
    tier: 'medium',
    timely: { zh: '依附件三預先核定小組編組並指派代理人（第十九點、附件三）。', en: 'Approve the team roster per Attachment 3 in advance, with deputies (P19, Att.3).' },
    correct: { zh: '依附件三修訂小組編組：指揮官、執行秘書、通報窗口、情資及計畫組長與應變執行組長應由附件三所定職務擔任；如需調整應敘明理由（第十九點）。', en: 'Revise the roster per Attachment 3: commander, executive secretary, reporting contact and group leads held by the posts it names; record a reason when the team is adjusted (P19).' },
  },
  'response-meeting': {
    tier: 'short',
    timely: { zh: '初步損害控制後由事件指揮官召開應變會議（第二十點）。', en: 'Hold the response meeting, chaired by the incident commander, after initial damage control (P20).' },
    correct: { zh: '應變會議由事件指揮官主持，至少說明事件概況及影響範圍（第二十點）。', en: 'The response meeting is chaired by the incident commander and covers at least the overview and the affected scope (P20).' },
  },
  recovery: {
    tier: 'long',
    timely: { zh: '檢討備份、備援與復原能力，使損害控制或復原可於時限內（第一、二級七十二小時；第三、四級三十六小時）完成（第二十一點）。', en: 'Review backups, standby systems and recovery capability so damage control or recovery completes within the limit (L1/2 72 h, L3/4 36 h) (P21).' },
    correct: { zh: '完成損害控制或復原後應於通報應變網站登錄（第二十一點）。', en: 'Record completed damage control or recovery on the reporting website (P21).' },
  },
  'announcement-decision': {
    tier: 'short',
    timely: { zh: '由事件指揮官評估可容忍中斷時間及對利害關係人之影響，決定是否對外公告（第二十二點）。', en: 'Have the commander weigh tolerable downtime and stakeholder impact and decide on a public announcement (P22(2)).' },
    correct: { zh: '對外公告之決定應由事件指揮官作成（第二十二點）。', en: 'The announcement decision is the commander\'s (P22(2)).' },
  },
  'effectiveness-report': {
    tier: 'short',
    timely: { zh: '復原完成後回報控制措施成效（第二十三點第一款）。', en: 'Report the effectiveness of controls when recovery completes (P23(1)).' },
    correct: { zh: '成效回報應於復原完成後，送事件指揮官、小組成員、上級或監督機關及資訊局（第二十三點第一款）。', en: 'Report after recovery completes, to the commander, the team, the oversight bodies and DoIT (P23(1)).' },
  },
  'pdpa-assessment': {
    tier: 'short',
    timely: { zh: '涉及個資外洩時，評估依個人資料保護法第十二條通知當事人（第二十三點第二款）。', en: 'Where personal data leaked, assess notifying data subjects under PDPA art. 12 (P23(2)).' },
    correct: { zh: '決定不通知當事人時應敘明理由（第二十三點第二款）。', en: 'A decision not to notify data subjects needs a reason (P23(2)).' },
  },
  'isolation-first': {
    tier: 'medium',
    timely: { zh: '訂定隔離作業程序（斷網、關閉服務、限制連線或權限），作為第一步處置（第二十五點第一款）。', en: 'Write an isolation playbook (disconnect, shut services, restrict connections or privileges) as the first containment step (P25(1)).' },
    correct: { zh: '處置第一步應為隔離，而非直接重建或復原（第二十五點第一款）。', en: 'The first containment step is isolation, not rebuilding or restoring (P25(1)).' },
  },
  'evidence-preserved': {
    tier: 'medium',
    timely: { zh: '備妥映像工具與乾淨媒體，於重建前保存受害系統跡證（第二十五點第二款至第四款）。', en: 'Keep imaging tools and clean media ready, and preserve the victim system before rebuilding (P25(2)–(4)).' },
    correct: { zh: '重建前先保存映像、於乾淨媒體重建並測試後上線；有備援時先切換備援並保留受害系統（第二十五點第二款至第四款）。', en: 'Image before rebuilding, rebuild on clean media and test before service; with a standby, switch to it and keep the victim system (P25(2)–(4)).' },
  },
  'evidence-submission': {
    tier: 'medium',
    timely: { zh: '申請並測試鑑識採證檔案交換區及 Virus Check 帳號，送交跡證及惡意程式樣本（第二十七點）。', en: 'Set up and test access to the forensic exchange area and Virus Check, and submit evidence and malware samples (P27).' },
    correct: { zh: '跡證及可疑樣本僅送鑑識採證檔案交換區，惡意程式另送 Virus Check，不宜上傳至其他平臺（第二十七點）。', en: 'Send evidence and suspicious samples only to the forensic exchange area, malware also to Virus Check; no other platform (P27).' },
  },
  'root-cause': {
    tier: 'medium',
    timely: { zh: '預先約定廠商或外部專家協助根因調查及日誌分析（第二十八點）。', en: 'Arrange a vendor or external expert in advance for root-cause investigation and log analysis (P28).' },
    correct: { zh: '根因分析應由廠商、外部專家或資訊局為之，發現惡意程式時應含惡意程式分析（第二十八點）。', en: 'Root cause is investigated by a vendor, an external expert or DoIT, with malware analysis where malware was found (P28).' },
  },
  'improvement-plan': {
    tier: 'short',
    timely: { zh: '提出短期及中期（三至六個月內）改善策略，必要時含長期（二年內）（第二十九點）。', en: 'Make short-term and medium-term (3–6 months) improvements, and long-term (2 years) as needed (P29).' },
    correct: { zh: '改善策略應至少含短期及中期項目，中期不逾六個月、長期不逾二年（第二十九點）。', en: 'The plan needs short and medium items; medium within 6 months, long within 2 years (P29).' },
  },
  'root-cause-report': {
    tier: 'short',
    timely: { zh: '將根因及改善策略陳報事件指揮官核定，並送上級或監督機關及資訊局（第三十點）。', en: 'Submit root cause and plan to the commander for decision, and to the oversight bodies and DoIT (P30).' },
    correct: { zh: '根因及改善策略應送事件指揮官、上級或監督機關及資訊局（第三十點）。', en: 'Send root cause and plan to the commander, the oversight bodies and DoIT (P30).' },
  },
  'progress-reports': {
    tier: 'short',
    timely: { zh: '定期向事件指揮官回報改善進度直至完成，彙整送上級或監督機關及資訊局（第三十一點第四款）。', en: 'Report improvement progress to the commander periodically until done, and send the compilation to the oversight bodies and DoIT (P31(4)).' },
    correct: { zh: '進度回報應送事件指揮官、上級或監督機關及資訊局（第三十一點第四款）。', en: 'Progress reports go to the commander, the oversight bodies and DoIT (P31(4)).' },
  },
  'closure-1m': {
    tier: 'short',
    timely: { zh: '知悉後一個月內於通報應變網站完成結報（第三十一點第五款）。', en: 'File the closure report on the reporting website within one month of awareness (P31(5)).' },
    correct: { zh: '結報應於通報應變網站辦理（第三十一點第五款）。', en: 'File the closure report on the reporting website (P31(5)).' },
  },
  'records-signed': {
    tier: 'short',
    timely: { zh: '通報及應變紀錄應陳權責主管及資通安全長簽核（第三十二點）。', en: 'Have the responsible officer and the CISO sign off the reporting and response records (P32).' },
    correct: { zh: '紀錄須經權責主管及資通安全長兩者簽核（第三十二點）。', en: 'Records need both the responsible officer\'s and the CISO\'s sign-off (P32).' },
  },
  'intel-shared': {
    tier: 'medium',
    timely: { zh: '建立資安情資分享流程，依規定分享事件情資（第三十四點）。', en: 'Set up a threat-intelligence sharing routine and share the incident\'s intelligence as required (P34).' },
    correct: { zh: '依資安情資分享規定辦理（第三十四點）。', en: 'Share as the sharing regulation requires (P34).' },
  },
};

export interface PlanItem {
  obligation: ObligationId;
  /** e.g. "P10" or "P25(2)、P25(3)". */
  points: string[];
  status: 'late' | 'missed' | 'violated';
  owner: ActorRole;
  tier: Tier;
  /** YYYY-MM-DD, counted from the review date. */
  due: string;
  action: Words;
  /** The scoring reasons behind it. */
  reasons: string[];
  /** The same reasons in zh-TW. */
  reasonsZh: string[];
}

export interface Strength {
  obligation: ObligationId;
  points: string[];
  /** Minutes to spare before the limit (null where there is no limit). */
  marginMinutes: number | null;
}

const NEEDS_WORK = new Set(['late', 'missed', 'violated']);

/** Met obligations, the widest margin first (those done with time to spare are the real strengths). */
export function strengths(score: ScoreResult): Strength[] {
  return score.obligations
    .filter((o) => o.status === 'met')
    .map((o) => ({ obligation: o.id, points: OBLIGATION_BY_ID[o.id].points, marginMinutes: marginMinutes(o) }))
    .sort((a, b) => (b.marginMinutes ?? -1) - (a.marginMinutes ?? -1));
}

export function marginMinutes(o: ObligationResult): number | null {
  if (o.due === null || o.doneAt === null) return null;
  return Math.floor((parseIsoMs(o.due) - parseIsoMs(o.doneAt)) / 60_000);
}

/** P29: each missed, late or violated obligation of the agency becomes an item. reviewDate is YYYY-MM-DD (Taipei). */
export function improvementPlan(score: ScoreResult, reviewDate: string): PlanItem[] {
  const items: PlanItem[] = [];
  for (const o of score.obligations) {
    if (!NEEDS_WORK.has(o.status)) continue;
    const remedy = REMEDIES[o.id];
    const status = o.status as PlanItem['status'];
    items.push({
      obligation: o.id,
      points: OBLIGATION_BY_ID[o.id].points,
      status,
      owner: ownerRole(o.id),
      tier: remedy.tier,
      due: addMonths(reviewDate, TIER_MONTHS[remedy.tier]),
      action: status === 'violated' ? remedy.correct : remedy.timely,
      reasons: o.reasons,
      reasonsZh: reasonsIn(o, 'zh-TW'),
    });
  }
  const order: Record<Tier, number> = { short: 0, medium: 1, long: 2 };
  return items.sort((a, b) => order[a.tier] - order[b.tier]);
}

/** Today's Taipei date from a moment the caller read (the engine never reads the clock). */
export const reviewDateOf = (ms: number): string => taipeiDate(ms);
