/**
 * P10 — report-approval. procedure.md: "the agency tells its reporting contact at once; the contact
 * and the responsible staff judge the level; the CISO (or someone the CISO authorised) approves it
 * before the report is filed" · limit: before the report.
 */
import { say } from '../../base/reason-ref';
import { ev } from './shared';
import { obligation } from './types';

export const reportApproval = obligation({
  id: 'report-approval',
  points: ['P10'],
  who: 'ciso',
  trigger: 'incident.aware',
  doneBy: ['level.approved'],
  limit: { kind: 'before-report' },
  applies: { school: false },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'report-approval'.
  remedy: { tier: 'short' },
  // Settled point 8: only a level.approved by `ciso` or `authorized` is an approval.
  done: (ctx) => ctx.approvals[0],
  check: (ctx, { done: approval }) => {
    // Settled point 8: an approval by anyone else is kept, noted and ignored.
    const notes = ctx
      .all('level.approved')
      .filter((e) => !ctx.approvals.includes(e))
      .map((e) => {
        const by = ctx.data(e).by;
        return say('report-approval.not-an-approval', { event: ev(e), who: typeof by === 'string' && by !== '' ? by : say('unnamed.approver') });
      });
    const report = ctx.firstAnyReport;
    if (report !== undefined) {
      if (approval === undefined || approval.seq > report.seq) return { notes, violations: [say('report-approval.report-before-approval', { event: ev(report) })] };
      return { notes };
    }
    // Settled point 8: with no report it is not done even when an approval exists (approve, then report).
    return { done: undefined, notes, pending: [approval ? say('report-approval.approved-no-report', { seq: approval.seq }) : say('report-approval.nothing-yet')] };
  },
});
