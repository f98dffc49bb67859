/**
 * P30 — root-cause-report. procedure.md: "root cause and plan go to the commander for decision and
 * are sent on to the oversight bodies and DoIT" · limit: by the closure limit (drill).
 */
import { missingRecipients } from './shared';
import { obligation } from './types';

export const rootCauseReport = obligation({
  id: 'root-cause-report',
  points: ['P30'],
  who: 'commander',
  title: { zh: '根因及改善策略提報', en: 'Submit root cause and plan' },
  trigger: 'incident.aware',
  doneBy: ['rootcause.submitted'],
  limit: { kind: 'closure-limit' },
  applies: { school: false },
  scored: true,
  weight: 3,
  remedy: {
    tier: 'short',
    timely: { zh: '將根因及改善策略陳報事件指揮官核定，並送上級或監督機關及資訊局（第三十點）。', en: 'Submit root cause and plan to the commander for decision, and to the oversight bodies and DoIT (P30).' },
    correct: { zh: '根因及改善策略應送事件指揮官、上級或監督機關及資訊局（第三十點）。', en: 'Send root cause and plan to the commander, the oversight bodies and DoIT (P30).' },
  },
  check: (ctx, { done }) => ({ violations: done ? missingRecipients(ctx, done, ['commander']) : [] }),
});
