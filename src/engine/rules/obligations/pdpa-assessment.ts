/**
 * P23(2) — pdpa-assessment. procedure.md: "L3/4 only, where personal data leaked: assess how to
 * notify the data subjects under Personal Data Protection Act art. 12 (that act requires notice
 * after investigation, so a decision not to notify needs a reason)" · limit: by the recovery limit (drill).
 */
import { say } from '../../base/reason-ref';
import { obligation } from './types';

export const pdpaAssessment = obligation({
  id: 'pdpa-assessment',
  points: ['P23(2)'],
  who: 'agency',
  trigger: 'incident.aware',
  doneBy: ['pdpa.assessed'],
  limit: { kind: 'recovery-limit' },
  applies: { school: true, only: ['personal-data', 'major'] },
  scored: true,
  weight: 4,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'pdpa-assessment'.
  remedy: { tier: 'short' },
  check: (ctx, { done }) => {
    const d = done ? ctx.data(done) : undefined;
    // Settled point 12: a missing notifySubjects means false (not notifying), which needs a reason.
    return { violations: d && d.notifySubjects !== true && String(d.reason ?? '').trim() === '' ? [say('pdpa-assessment.no-reason')] : [] };
  },
});
