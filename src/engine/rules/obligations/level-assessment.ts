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
  trigger: 'incident.aware',
  doneBy: ['report.submitted', 'report.phoned'],
  limit: { kind: 'with', obligation: 'report-1h' },
  applies: { school: false },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'level-assessment'.
  remedy: { tier: 'short' },
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
