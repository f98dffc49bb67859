/**
 * P10, P15 — level-assessment. procedure.md: "the level reported is the incident's level (the
 * scenario's reference level); under-reporting is the error DoIT's review exists to catch" ·
 * limit: with the report.
 */
import { say } from '../../base/reason-ref';
import type { Level } from '../../record/vocabulary';
import { ev } from './shared';
import { obligation } from './types';

export const levelAssessment = obligation({
  id: 'level-assessment',
  points: ['P10', 'P15'],
  who: 'reporting-contact',
  title: { zh: '等級判定正確', en: 'Level assessed correctly' },
  trigger: 'incident.aware',
  doneBy: ['report.submitted', 'report.phoned'],
  limit: { kind: 'with', obligation: 'report-1h' },
  applies: { school: false },
  scored: true,
  weight: 5,
  remedy: {
    tier: 'short',
    timely: { zh: '於一小時內完成等級判斷並隨通報提出（第十點、第十五點）。', en: 'Judge the level within the hour and file it with the report (P10, P15).' },
    correct: { zh: '依通報應變辦法第二條重新訓練等級判斷，特別是核心業務與核心資通系統之判定，避免低報（第十五點）。', en: 'Retrain level judgement under art. 2 of the regulation, especially what is core business and a core system, so the level is not under-reported (P15).' },
  },
  // The first report that carries a level (website, or phone with a level).
  done: (ctx) => ctx.firstLeveledReport,
  check: (ctx, { done: report }) => {
    if (report === undefined) return { pending: [say('level-assessment.no-leveled-report')] };
    const reported = ctx.data(report).level as Level;
    const reference = ctx.record.scenario.referenceLevel;
    // P15: under-reporting is violated; over-reporting is only noted.
    if (reported < reference) return { violations: [say('level-assessment.under-reported', { reported, reference, event: ev(report) })] };
    return { notes: reported > reference ? [say('level-assessment.over-reported', { reported, reference })] : [] };
  },
});
