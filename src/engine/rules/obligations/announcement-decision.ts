/**
 * P22(2) — announcement-decision. procedure.md: "weigh whether service came back within tolerable
 * downtime and the impact on stakeholders; decide whether to announce the incident publicly" ·
 * who: commander · limit: by the recovery limit (drill).
 */
import { say } from '../../base/reason-ref';
import { obligation } from './types';

export const announcementDecision = obligation({
  id: 'announcement-decision',
  points: ['P22(2)'],
  who: 'commander',
  trigger: 'incident.aware',
  doneBy: ['announcement.decided'],
  limit: { kind: 'recovery-limit' },
  applies: { school: false },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'announcement-decision'.
  remedy: { tier: 'short' },
  check: (ctx, { done }) => ({
    // Settled point 13: the decision is the commander's; by any other role it is violated.
    violations: done && done.actor.role !== 'commander' ? [say('announcement-decision.not-commander', { role: { role: done.actor.role } })] : [],
    // Settled point 12: a missing `public` is a decision not to announce.
    notes: done && typeof ctx.data(done).public !== 'boolean' ? [say('announcement-decision.no-public')] : [],
  }),
});
