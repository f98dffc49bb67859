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
  title: { zh: '事件根因分析', en: 'Root-cause analysis' },
  trigger: 'incident.aware',
  doneBy: ['rootcause.completed'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['not-equipment-failure'] },
  scored: true,
  weight: 3,
  remedy: {
    tier: 'medium',
    timely: { zh: '預先約定廠商或外部專家協助根因調查及日誌分析（第二十八點）。', en: 'Arrange a vendor or external expert in advance for root-cause investigation and log analysis (P28).' },
    correct: { zh: '根因分析應由廠商、外部專家或資訊局為之，發現惡意程式時應含惡意程式分析（第二十八點）。', en: 'Root cause is investigated by a vendor, an external expert or DoIT, with malware analysis where malware was found (P28).' },
  },
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
