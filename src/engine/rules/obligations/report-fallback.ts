/**
 * P11 — report-fallback. procedure.md: "if a network or power outage (or similar cause) prevents
 * filing online: tell ACS's designated staff by phone or another suitable means, within the same
 * hour, what the report would say and why it can't be filed online; that then counts for report-1h"
 * · limit: T0 + 1 h.
 */
import { say } from '../../base/reason-ref';
import { ev } from './shared';
import { byBand, obligation } from './types';

export const reportFallback = obligation({
  id: 'report-fallback',
  points: ['P11'],
  who: 'reporting-contact',
  trigger: 'incident.aware',
  doneBy: ['report.phoned'],
  limit: { kind: 'hours-from-aware', byLevel: byBand(1, 1) },
  // Applies only when an outage is in progress at some moment between T0 and T0 + 1 h and no
  // website report was filed before it began: its `check` decides.
  applies: { school: false },
  scored: true,
  weight: 4,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'report-fallback'.
  remedy: { tier: 'short' },
  // Settled point 16: the first phone report to ACS made while any outage is in progress; after T0 + 1 h it is late.
  done: (ctx) => ctx.firstOf(['report.phoned'], (e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) !== undefined),
  check: (ctx, { done: phone, due }) => {
    const end = due as number;
    const firstWebsite = ctx.first('report.submitted');
    // Settled point 4: an agency that could still file online within the hour owes no phone report.
    if (firstWebsite !== undefined && ctx.ms(firstWebsite) <= end) return { notApplicable: say('report-fallback.website-in-time', { event: ev(firstWebsite) }) };
    // Settled point 3: in progress between T0 and T0 + 1 h = started at or before T0 + 1 h (by at), not ended before incident.aware (by seq).
    const relevant = ctx.outages.filter(
      (o) => o.startMs <= end && (o.endSeq === null || o.endSeq > ctx.aware.seq) && (firstWebsite === undefined || firstWebsite.seq > o.startSeq),
    );
    if (relevant.length === 0) return { notApplicable: say(ctx.outages.length === 0 ? 'report-fallback.no-outage' : 'report-fallback.no-outage-first-hour') };
    // P11: the phone report says why it could not be filed online.
    const violations = phone !== undefined && String(ctx.data(phone).reason ?? '').trim() === '' ? [say('report-fallback.no-reason', { event: ev(phone) })] : [];
    return { violations };
  },
});
