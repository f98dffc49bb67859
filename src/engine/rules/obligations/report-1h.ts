/**
 * P10 — report-1h. procedure.md: "the reporting contact files the report on the reporting website" ·
 * limit: T0 + 1 h. (P11: a phone report to ACS during an outage counts for it.)
 */
import { say } from '../../base/reason-ref';
import { ev } from './shared';
import { byBand, obligation } from './types';

export const report1h = obligation({
  id: 'report-1h',
  points: ['P10'],
  who: 'reporting-contact',
  title: { zh: '一小時內完成通報', en: 'Report within one hour' },
  trigger: 'incident.aware',
  doneBy: ['report.submitted', 'report.phoned'],
  limit: { kind: 'hours-from-aware', byLevel: byBand(1, 1) },
  applies: { school: false },
  scored: true,
  weight: 15,
  remedy: {
    tier: 'short',
    timely: { zh: '知悉後一小時內於通報應變網站完成通報；演練通報窗口之帳號、流程與時間掌握（第十點）。', en: "File the report on the national reporting website within one hour of awareness; drill the reporting contact's account, steps and timing (P10)." },
    correct: { zh: '通報須由通報窗口（資通安全專責人員或其代理人）辦理，不得由委外廠商或其他人員代為通報（第六點、第九點）。', en: 'The report must be filed by the reporting contact (the security officer or the deputy), never vendor staff or others (P6, P9).' },
  },
  // P10, P11: a website report, or a phone report to ACS while an outage is in progress.
  done: (ctx) => ctx.firstCountingReport,
  check: (ctx, { done: report }) => {
    const violations = report !== undefined && report.actor.role !== 'reporting-contact' ? [say('report-1h.not-reporting-contact', { role: { role: report.actor.role } })] : [];
    const phoned = ctx.all('report.phoned').filter((e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) === undefined);
    const pending = report === undefined && phoned.length > 0 ? [say('report-1h.phone-without-outage', { event: ev(phoned[0]) })] : [];
    return { violations, pending };
  },
});
