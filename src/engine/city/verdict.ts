/**
 * The one place the city model reads a drill's verdict (drill-record.md "Score and standard":
 * pass / fail / incomplete). WARNING: the verdict belongs to scoring (src/engine/scoring); the city
 * never decides it. Until scoreRecord returns `verdict`, a result without one reads as pass or fail
 * from its `passed` flag (the only judgement it carries); no `incomplete` is invented here.
 */
import type { ScoreResult } from '../scoring/types';

export const VERDICTS = ['pass', 'fail', 'incomplete'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function verdictOf(score: ScoreResult): Verdict {
  const given = (score as ScoreResult & { verdict?: unknown }).verdict;
  if (given === 'pass' || given === 'fail' || given === 'incomplete') return given;
  return score.passed ? 'pass' : 'fail';
}
