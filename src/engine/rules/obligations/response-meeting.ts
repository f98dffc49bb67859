/**
 * P20 — response-meeting. procedure.md: "after initial damage control, hold the response meeting,
 * in any format, chaired by the incident commander, covering at least the incident overview and the
 * affected scope […] Meetings before initial damage control […] don't count" · limit: by the
 * recovery limit (drill).
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import { list, named } from './shared';
import { obligation } from './types';

export const responseMeeting = obligation({
  id: 'response-meeting',
  points: ['P20'],
  who: 'commander',
  trigger: 'containment.initial',
  doneBy: ['meeting.held'],
  limit: { kind: 'recovery-limit' },
  applies: { school: false },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'response-meeting'.
  remedy: { tier: 'short' },
  check: (ctx, { done: meeting, trigger }) => {
    const violations: ReasonRef[] = [];
    if (meeting !== undefined) {
      const d = ctx.data(meeting);
      if (d.chair !== 'commander') violations.push(say('response-meeting.wrong-chair', { chair: named(d.chair) }));
      const topics = list(d.topics);
      const lacking = ['overview', 'scope'].filter((t) => !topics.includes(t));
      if (lacking.length > 0) violations.push(say('response-meeting.topics-lacking', { topics: { values: lacking, of: 'topic', join: 'and' } }));
    }
    return { violations, pending: [say(trigger === null ? 'response-meeting.no-containment' : 'response-meeting.no-meeting')] };
  },
});
