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
  title: { zh: '決定是否對外公告', en: 'Decide on a public announcement' },
  trigger: 'incident.aware',
  doneBy: ['announcement.decided'],
  limit: { kind: 'recovery-limit' },
  applies: { school: false },
  scored: true,
  weight: 3,
  remedy: {
    tier: 'short',
    timely: { zh: '由事件指揮官評估可容忍中斷時間及對利害關係人之影響，決定是否對外公告（第二十二點）。', en: 'Have the commander weigh tolerable downtime and stakeholder impact and decide on a public announcement (P22(2)).' },
    correct: { zh: '對外公告之決定應由事件指揮官作成（第二十二點）。', en: "The announcement decision is the commander's (P22(2))." },
  },
  check: (ctx, { done }) => ({
    // Settled point 13: the decision is the commander's; by any other role it is violated.
    violations: done && done.actor.role !== 'commander' ? [say('announcement-decision.not-commander', { role: { role: done.actor.role } })] : [],
    // Settled point 12: a missing `public` is a decision not to announce.
    notes: done && typeof ctx.data(done).public !== 'boolean' ? [say('announcement-decision.no-public')] : [],
  }),
});
