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
  title: { zh: '改善成效定期回報', en: 'Progress reports' },
  // Progress reports before the plan do not count.
  trigger: 'improvement.planned',
  doneBy: ['progress.reported'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['major-or-designated'] },
  scored: true,
  weight: 3,
  remedy: {
    tier: 'short',
    timely: { zh: '定期向事件指揮官回報改善進度直至完成，彙整送上級或監督機關及資訊局（第三十一點第四款）。', en: 'Report improvement progress to the commander periodically until done, and send the compilation to the oversight bodies and DoIT (P31(4)).' },
    correct: { zh: '進度回報應送事件指揮官、上級或監督機關及資訊局（第三十一點第四款）。', en: 'Progress reports go to the commander, the oversight bodies and DoIT (P31(4)).' },
  },
  check: (ctx, { done, trigger }) => ({
    pending: [say(trigger === null ? 'progress-reports.no-plan' : 'progress-reports.no-report-after-plan')],
    violations: done ? missingRecipients(ctx, done, ['commander']) : [],
  }),
});
