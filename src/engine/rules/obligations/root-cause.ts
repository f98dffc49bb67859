/**
 * P28, P31(7) — root-cause. procedure.md: "except for equipment failure, a vendor, an external expert
 * or DoIT (when DoIT supports the investigation) investigates the root cause and produces a log
 * analysis, with malware analysis where malware was found" · limit: by the closure limit (drill).
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import { named } from './shared';
import { obligation } from './types';

export const rootCause = obligation({
  id: 'root-cause',
  points: ['P28', 'P31(7)'],
  who: 'intel-planning',
  trigger: 'incident.aware',
  doneBy: ['rootcause.completed'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['not-equipment-failure'] },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'root-cause'.
  remedy: { tier: 'medium' },
  check: (ctx, { done }) => {
    const violations: ReasonRef[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      if (!['vendor', 'external-expert', 'doit'].includes(String(d.by ?? ''))) violations.push(say('root-cause.wrong-investigator', { by: named(d.by) }));
      if (ctx.record.scenario.malware === true && d.malwareAnalysis !== true) violations.push(say('root-cause.no-malware-analysis'));
    }
    return { violations };
  },
});
