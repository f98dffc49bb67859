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
  const w = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const std = { ...inForce, ...r.assumptions.standard };
  const sep = lang === 'en' ? ', ' : '、';
  const assumptions = [
    w(`及格分數 ${std.minScore} 分`, `pass mark ${std.minScore}`),
    w(`關鍵應辦事項：${std.critical.map((id) => obligationTitle(id, lang)).join(sep) || '無'}`, `key obligations: ${std.critical.map((id) => obligationTitle(id, lang)).join(sep) || 'none'}`),
    ...(r.assumptions.atReferenceLevel
      ? [w(`期限一律依情境參考等級第 ${r.referenceLevel} 級計算（實際評分依當時有效等級）`, `every limit at the scenario's reference level ${r.referenceLevel} (the scored result uses the level in force)`)]
      : []),
  ];
  const pass = (s: ScoreResult) => verdictText(s.verdict, notReachedCount(s), lang);
  const rows: string[][] = [
    [w('分數', 'Score'), formatScore(r.scored.score), formatScore(r.hypothetical.score)],
    [w('結果', 'Result'), pass(r.scored), pass(r.hypothetical)],
    ...r.hypothetical.obligations
      .filter((o) => r.changed.includes(o.id))
      .map((o) => [obligationTitle(o.id, lang), statusName(r.scored.obligations.find((x) => x.id === o.id)?.status ?? '', lang), statusName(o.status, lang)]),
  ];
  return [
    { kind: 'heading', level: 2, text: w('附錄　假設情境重新評分（非正式評分結果）', 'Appendix: hypothetical re-scoring (NOT the scored result)') },
    { kind: 'paragraph', text: w('以下為假設情境，僅供檢討參考，不取代上列正式評分。假設：', 'What follows is hypothetical, for the debrief only; it does not replace the scored result above. Assumptions: ') + assumptions.join(w('；', '; ')) },
    { kind: 'table', head: [w('項目', 'Item'), w('正式評分', 'Scored'), w('假設情境', 'Hypothetical')], rows, nowrap: [1, 2] },
  ];
}
