/**
 * What each role does, in the procedure's words: Att.3's "任務" column for the response team, and
 * the points that give the CISO and DoIT's reviewer their part (P10, P15, P16, P32). The briefing
 * cards handed out before a drill print these.
 */
import type { ActorRole } from '../record/vocabulary';

export interface Duty {
  zh: string;
  en: string;
  /** Where the procedure says it. */
  source: string;
}

export const ROLE_DUTIES: Partial<Record<ActorRole, readonly Duty[]>> = {
  commander: [
    { zh: '為通報應變小組總召集人，綜理全般業務，直接督導各分組及成員。', en: 'Convenes the response team, runs the whole response and directs every group and member.', source: 'Att.3' },
    { zh: '決定是否對外公告。', en: 'Decides whether to make a public announcement.', source: 'P22(2)' },
  ],
  'executive-secretary': [{ zh: '協助事件指揮官，督辦通報應變小組各項業務。', en: 'Assists the commander and follows up every task of the team.', source: 'Att.3' }],
  'press-contact': [
    {
      zh: '資通安全事件對外發布新聞或說明之單一窗口，負責綜整與定期更新訊息及擬定溝通計畫或策略。',
      en: 'The single point for news and statements about the incident: gathers and regularly updates the information and drafts the communication plan.',
      source: 'Att.3',
    },
  ],
  'reporting-contact': [
    { zh: '協助完成資通安全事件等級判斷及核准。', en: 'Helps judge the incident level and get it approved.', source: 'Att.3' },
    { zh: '於知悉資通安全事件後一小時內至通報應變網站，完成通報。', en: 'Files the report on the reporting website within one hour of awareness.', source: 'Att.3' },
    {
      zh: '事件如涉及其他機關或應由其他機關依其法定職權處理時，依本作業程序或資訊局指定或認可之方式、時限及對象完成相關機關通報。',
      en: 'Where other agencies are involved or must act under their own powers, notifies them as the procedure or DoIT sets out (how, when, whom).',
      source: 'Att.3',
    },
  ],
  'intel-planning': [
    { zh: '資通安全事件通報及情資分享：釐清事件影響並清查各單位受影響情形，據以完成各階段通報，分享惡意程式或中繼站等。', en: 'Reporting and intelligence: establishes the impact and who is affected, feeds each stage of reporting, shares malware and C2 indicators.', source: 'Att.3' },
    { zh: '應變策略及計畫研擬：研擬損害控制、復原作業及跡證保存計畫。', en: 'Plans the damage control, recovery and evidence preservation.', source: 'Att.3' },
    { zh: '跡證保全及留存：確保受害系統與相關系統及網路設備事件日誌之保存及管理。', en: 'Preserves evidence: keeps the logs of the victim and related systems and network devices.', source: 'Att.3' },
    { zh: '事件根因查找：完成鑑識分析，並追查防堵惡意中繼站。', en: 'Finds the root cause: forensic analysis, tracing and blocking C2 servers.', source: 'Att.3' },
    { zh: '追蹤管考；提出短、中、長期改善建議。', en: 'Follows up open items; proposes short, medium and long-term improvements.', source: 'Att.3' },
  ],
  'response-execution': [
    { zh: '損害控制：依應變策略及計畫，調度人員執行災害搶救及損害管制，防止次波攻擊及損害擴散。', en: 'Damage control: directs staff to contain the damage and stop a second wave or its spread, by the plan.', source: 'Att.3' },
    { zh: '復原作業：完成系統重建、弱點掃描或漏洞修補等事宜。', en: 'Recovery: rebuilds systems, scans for and patches vulnerabilities.', source: 'Att.3' },
    { zh: '調查、處理及改善報告：彙整、撰寫提報調查、處理及改善報告。', en: 'Writes and submits the investigation, handling and improvement report.', source: 'Att.3' },
  ],
  ciso: [
    { zh: '核可事件等級後始得通報。', en: 'Approves the level before the report is filed.', source: 'P10' },
    { zh: '簽核事件處理紀錄。', en: 'Signs off the incident records.', source: 'P32' },
  ],
  'doit-reviewer': [
    { zh: '審核機關通報之事件等級並說明依據：第一、二級八小時內，第三、四級兩小時內。', en: 'Reviews the level of each report with a basis: within 8 hours for levels 1–2, 2 hours for levels 3–4.', source: 'P15' },
    { zh: '審核時得請機關提供相關資料。', en: 'May ask the agency for data to review.', source: 'P16' },
  ],
  acs: [{ zh: '受理網路或電力中斷時之電話通報。', en: 'Takes phone reports during a network or power outage.', source: 'P11' }],
};
