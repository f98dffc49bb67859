/**
 * P11 — report-backfill. procedure.md: "once the cause is removed, file the report on the website
 * as well" · limit: after the outage ends (settled point 5: no time limit, never late).
 */
import { say } from '../../base/reason-ref';
import type { Outage } from '../../scoring/context';
import { obligation } from './types';

export const reportBackfill = obligation({
  id: 'report-backfill',
  points: ['P11'],
  who: 'reporting-contact',
  trigger: 'outage.ended',
  doneBy: ['report.submitted'],
  limit: { kind: 'evaluation-time' },
  // Applies only when a phone report was made while an outage was in progress: its `check` decides.
  applies: { school: false },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'report-backfill'.
  remedy: { tier: 'short' },
  // The trigger is the end of the outage the phone report was made in (settled point 3), not any outage.ended.
  check: (ctx) => {
    const phone = ctx.firstOf(['report.phoned'], (e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) !== undefined);
    if (phone === undefined) return { notApplicable: say('report-backfill.no-phone-report') };
    const outage = ctx.outageAt(phone.seq) as Outage;
    if (outage.endSeq === null || outage.endMs === null) return { done: undefined, trigger: null, owed: false, pending: [say('report-backfill.outage-not-ended')] };
    return {
      done: ctx.first('report.submitted', outage.endSeq),
      trigger: outage.endMs,
      pending: [say('report-backfill.not-backfilled', { end: { time: outage.endMs } })],
    };
  },
});
