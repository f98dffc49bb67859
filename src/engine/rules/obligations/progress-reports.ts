/**
 * P31(4) — progress-reports. procedure.md: "L3/4, or when DoIT or an oversight body designates the
 * incident: report the progress of each stage of improvement to the commander periodically until
 * all are done, and send the compilation to the oversight bodies and DoIT" · limit: by the closure
 * limit (drill).
 */
import { say } from '../../base/reason-ref';
import { missingRecipients } from './shared';
import { obligation } from './types';

export const progressReports = obligation({
  id: 'progress-reports',
  points: ['P31(4)'],
  who: 'response-execution',
  // Progress reports before the plan do not count.
  trigger: 'improvement.planned',
  doneBy: ['progress.reported'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['major-or-designated'] },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'progress-reports'.
  remedy: { tier: 'short' },
  check: (ctx, { done, trigger }) => ({
    pending: [say(trigger === null ? 'progress-reports.no-plan' : 'progress-reports.no-report-after-plan')],
    violations: done ? missingRecipients(ctx, done, ['commander']) : [],
  }),
});
