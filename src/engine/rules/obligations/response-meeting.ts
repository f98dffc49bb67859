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
  title: { zh: '召開事件應變會議', en: 'Response meeting' },
  trigger: 'containment.initial',
  doneBy: ['meeting.held'],
  limit: { kind: 'recovery-limit' },
  applies: { school: false },
  scored: true,
  weight: 5,
  remedy: {
    tier: 'short',
    timely: { zh: '初步損害控制後由事件指揮官召開應變會議（第二十點）。', en: 'Hold the response meeting, chaired by the incident commander, after initial damage control (P20).' },
    correct: { zh: '應變會議由事件指揮官主持，至少說明事件概況及影響範圍（第二十點）。', en: 'The response meeting is chaired by the incident commander and covers at least the overview and the affected scope (P20).' },
  },
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
