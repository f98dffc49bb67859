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
  trigger: 'incident.aware',
  doneBy: ['report.submitted', 'report.phoned'],
  limit: { kind: 'hours-from-aware', byLevel: byBand(1, 1) },
  applies: { school: false },
  scored: true,
  weight: 15,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'report-1h'.
  remedy: { tier: 'short' },
  // P10, P11: a website report, or a phone report to ACS while an outage is in progress.
  done: (ctx) => ctx.firstCountingReport,
  check: (ctx, { done: report }) => {
    const violations = report !== undefined && report.actor.role !== 'reporting-contact' ? [say('report-1h.not-reporting-contact', { role: { role: report.actor.role } })] : [];
    const phoned = ctx.all('report.phoned').filter((e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) === undefined);
    const pending = report === undefined && phoned.length > 0 ? [say('report-1h.phone-without-outage', { event: ev(phoned[0]) })] : [];
    return { violations, pending };
  },
});
