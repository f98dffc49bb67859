/**
 * The Att.3 posts in words (procedure.md "Response team roles (Att.3)"), zh-TW as the procedure writes
 * them. One table for the engine: the team check's reasons and the reports both use it.
 */
import type { Position } from '../record/vocabulary';

export const POSITION_NAMES: Record<Position, { zh: string; en: string }> = {
  'agency-head': { zh: '機關首長', en: 'Agency head' },
  ciso: { zh: '資通安全長', en: 'CISO' },
  'it-unit-head': { zh: '資訊單位主管', en: 'IT unit head' },
  'it-security-unit-head': { zh: '資訊(安)業務權責單位主管', en: 'IT security unit head' },
  'it-staff': { zh: '資訊單位內人員', en: 'IT staff' },
  'security-officer': { zh: '資通安全專責人員', en: 'Security officer' },
  'security-center-director': { zh: '資通安全中心主任', en: 'Security center director' },
  'specialist-commissioner': { zh: '專門委員', en: 'Specialist commissioner' },
  'senior-analyst-grade': { zh: '簡任高級分析師', en: 'Senior analyst (senior grade)' },
  'senior-analyst': { zh: '高級分析師', en: 'Senior analyst' },
  'section-chief': { zh: '資安股股長', en: 'Security section chief' },
  'affected-unit-head': { zh: '資通安全事件發生單位主管', en: 'Head of the affected unit' },
  'affected-subunit-head': { zh: '該單位內二級單位主管', en: 'Head of an affected sub-unit' },
  'affected-unit-senior-staff': { zh: '該單位內職等或職務最高之編制內人員', en: 'Most senior staff of the affected unit' },
  'affected-unit-section-chief': { zh: '發生單位股長', en: 'Section chief of the affected unit' },
  'affected-unit-senior-analyst': { zh: '發生單位高級分析師', en: 'Senior analyst of the affected unit' },
  'press-officer': { zh: '新聞聯絡人或發言人', en: 'Press officer' },
  'deputy-reporting-contact': { zh: '通報窗口代理人', en: 'Deputy reporting contact' },
  'ethics-officer': { zh: '政風人員', en: 'Ethics officer' },
  staff: { zh: '人員', en: 'Staff' },
  vendor: { zh: '委外廠商', en: 'Vendor' },
  'external-expert': { zh: '外部專家', en: 'External expert' },
};
