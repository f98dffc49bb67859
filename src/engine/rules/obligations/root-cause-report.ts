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
  trigger: 'incident.aware',
  doneBy: ['rootcause.submitted'],
  limit: { kind: 'closure-limit' },
  applies: { school: false },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'root-cause-report'.
  remedy: { tier: 'short' },
  check: (ctx, { done }) => ({ violations: done ? missingRecipients(ctx, done, ['commander']) : [] }),
});
