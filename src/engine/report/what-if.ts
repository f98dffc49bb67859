/**
 * What-if re-scoring for the review: the same log scored again under another standard (DoIT's pass
 * mark and key obligations) and/or at the scenario's reference level instead of the level in force
 * (ScoreOptions.levelOverride). Never the drill's result: the report's appendix says so in its heading.
 */
import type { DrillRecord } from '../record/schema';
import type { Level, ObligationId } from '../record/vocabulary';
import { scoreRecord } from '../scoring/score';
import type { Standard } from '../scoring/standard';
import { notReachedCount, type ScoreResult } from '../scoring/types';
import { formatScore, type Block } from './after-action-report';
import { obligationTitle, statusName, verdictText, type ReportLanguage } from './event-text';
import { reportText as text } from './report-text';
import { phrase } from '../text/glossary';

export interface WhatIfAssumptions {
  /** The other standard; fields left out keep the standard in force. */
  standard?: Partial<Standard>;
  /** Judge the limits at the scenario's reference level instead of the level in force. */
  atReferenceLevel?: boolean;
}

export interface WhatIfResult {
  assumptions: WhatIfAssumptions;
  referenceLevel: Level;
  scored: ScoreResult;
  hypothetical: ScoreResult;
  /** Obligations whose status differs, in table order. */
  changed: ObligationId[];
}

export function whatIf(record: DrillRecord, scored: ScoreResult, assumptions: WhatIfAssumptions, inForce: Standard): WhatIfResult {
  const referenceLevel = record.scenario.referenceLevel;
  const hypothetical = scoreRecord(record, {
    standard: { ...inForce, ...assumptions.standard },
    ...(assumptions.atReferenceLevel ? { levelOverride: referenceLevel } : {}),
  });
  const before = new Map(scored.obligations.map((o) => [o.id, o.status]));
  const changed = hypothetical.obligations.filter((o) => before.get(o.id) !== o.status).map((o) => o.id);
  return { assumptions, referenceLevel, scored, hypothetical, changed };
}

/** The report's appendix: marked hypothetical in its heading and first line. */
export function whatIfBlocks(r: WhatIfResult, inForce: Standard, lang: ReportLanguage): Block[] {
  const w = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) => text(lang, key, params);
  const std = { ...inForce, ...r.assumptions.standard };
  const sep = phrase('eventDetails', 'list', lang);
  const assumptions = [
    w('whatIf.passMark', { min: std.minScore }),
    w('whatIf.critical', { list: std.critical.map((id) => obligationTitle(id, lang)).join(sep) || w('whatIf.none') }),
    ...(r.assumptions.atReferenceLevel ? [w('whatIf.atReferenceLevel', { level: r.referenceLevel })] : []),
  ];
  const pass = (s: ScoreResult) => verdictText(s.verdict, notReachedCount(s), lang);
  const rows: string[][] = [
    [w('result.score'), formatScore(r.scored.score), formatScore(r.hypothetical.score)],
    [w('result.result'), pass(r.scored), pass(r.hypothetical)],
    ...r.hypothetical.obligations
      .filter((o) => r.changed.includes(o.id))
      .map((o) => [obligationTitle(o.id, lang), statusName(r.scored.obligations.find((x) => x.id === o.id)?.status ?? '', lang), statusName(o.status, lang)]),
  ];
  return [
    { kind: 'heading', level: 2, text: w('whatIf.heading') },
    { kind: 'paragraph', text: w('whatIf.intro') + assumptions.join(phrase('eventDetails', 'parts', lang)) },
    { kind: 'table', head: [w('item'), w('whatIf.scored'), w('whatIf.hypothetical')], rows, nowrap: [1, 2] },
  ];
}
