/**
 * P23(1) — effectiveness-report. procedure.md: "L3/4 only: when recovery completes, report the
 * effectiveness of the controls to the commander, the team members, the oversight bodies and DoIT"
 * · limit: by the recovery limit (drill).
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import { missingRecipients } from './shared';
import { obligation } from './types';

export const effectivenessReport = obligation({
  id: 'effectiveness-report',
  points: ['P23(1)'],
  who: 'response-execution',
  // Counted from awareness like recovery's own limit; a report made before recovery.completed is
  // judged (violated), not ignored, so the window does not wait for recovery.
  trigger: 'incident.aware',
  doneBy: ['effectiveness.reported'],
  limit: { kind: 'recovery-limit' },
  applies: { school: false, only: ['major'] },
  scored: true,
  weight: 4,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'effectiveness-report'.
  remedy: { tier: 'short' },
  check: (ctx, { done }) => {
    const violations: ReasonRef[] = [];
    if (done !== undefined) {
      const recovered = ctx.first('recovery.completed');
      if (recovered === undefined || recovered.seq > done.seq) violations.push(say('effectiveness-report.before-recovery', { seq: done.seq }));
      violations.push(...missingRecipients(ctx, done, ['commander', 'team']));
    }
    return { violations };
  },
});
