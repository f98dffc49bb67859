/**
 * DoIT's reviewer queue (issue 11, P15–P16): the review-level obligation of every agency (2 h from a
 * level 3/4 report, 8 h otherwise, drill-record.md settled point 7), open reviews first and each
 * group by due time. Each row puts the level as first reported beside what the evidence suggests:
 * the scenario's reference level (the facts of the exercise) and the level wizard's answer from the
 * C/I/A impact the report carries (rules/levels.ts), and shows what the report says.
 */
import type { DrillEvent } from '../record/schema';
import type { AgencyType, Level, ObligationStatus } from '../record/vocabulary';
import { assessLevel, type LevelAnswers } from '../rules/levels';
import type { Bilingual } from '../base/bilingual';
import { scoreRecord } from '../scoring/score';
import type { ObligationResult, ScoreResult } from '../scoring/types';
import { parseIsoMs } from '../time/taipei';
import type { CityEntry } from './board';

export interface ReportContent {
  category?: string;
  symptom?: string;
  description?: string;
  scope?: string;
  reporter?: string;
  supportNeeded?: string;
}

export interface QueueRow {
  key: string;
  name: string;
  type: AgencyType;
  status: ObligationStatus;
  due: string | null;
  dueMs: number | null;
  doneAt: string | null;
  /** Not yet reviewed as at now. */
  open: boolean;
  reportedAt: string;
  reportedLevel: Level;
  /** The last level.reviewed as at now, if any. */
  reviewedLevel: Level | null;
  referenceLevel: Level;
  /** The level wizard's level from the report's C/I/A answers; null when the report carries none. */
  wizardLevel: Level | null;
  wizardReasons: Bilingual[];
  /** First report's level vs the scenario's reference level (level-assessment's comparison). */
  comparison: 'exact' | 'over' | 'under';
  content: ReportContent;
  result: ObligationResult;
}

const isLevel = (v: unknown): v is Level => v === 1 || v === 2 || v === 3 || v === 4;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The wizard's suggestion from the C/I/A answers a report (or the assessment before it) carries. */
export function wizardSuggestion(data: Record<string, unknown>): { level: Level | null; reasons: Bilingual[] } {
  const impact = data.impact as LevelAnswers | undefined;
  if (impact && typeof impact === 'object') {
    try {
      const a = assessLevel({ c: impact.c, i: impact.i, a: impact.a });
      return { level: a.level, reasons: a.reasons };
    } catch {
      // answers off the table (another team's tool): fall back to the level the wizard wrote down
    }
  }
  return { level: isLevel(data.wizardLevel) ? data.wizardLevel : null, reasons: [] };
}

function contentOf(data: Record<string, unknown>): ReportContent {
  const reporter = data.reporter as { name?: unknown; phone?: unknown; email?: unknown } | undefined;
  const support = data.support as { needed?: unknown; what?: unknown } | undefined;
  return {
    category: str(data.category),
    symptom: str(data.symptom),
    description: str(data.description),
    scope: str(data.scope),
    reporter: reporter ? [reporter.name, reporter.phone, reporter.email].filter((x): x is string => typeof x === 'string' && x !== '').join(' / ') || undefined : undefined,
    supportNeeded: support?.needed === true ? (str(support.what) ?? '') : undefined,
  };
}

/** One agency's queue row from its score as at now; null while no website report exists (P15 not yet due). */
export function queueRow(entry: CityEntry, score: ScoreResult, nowMs: number): QueueRow | null {
  const review = score.doit.find((o) => o.id === 'review-level');
  if (review === undefined || review.status === 'not-applicable') return null;
  const visible = (e: DrillEvent) => parseIsoMs(e.at) <= nowMs;
  const report = entry.record.events.find((e) => e.type === 'report.submitted' && visible(e));
  if (report === undefined) return null;
  const data = (report.data ?? {}) as Record<string, unknown>;
  if (!isLevel(data.level)) return null;
  let suggestion = wizardSuggestion(data);
  if (suggestion.level === null) {
    const assessed = [...entry.record.events].reverse().find((e) => e.type === 'level.assessed' && e.seq < report.seq);
    if (assessed) suggestion = wizardSuggestion((assessed.data ?? {}) as Record<string, unknown>);
  }
  const reviewed = [...entry.record.events].reverse().find((e) => e.type === 'level.reviewed' && visible(e));
  const reviewedLevel = reviewed && isLevel((reviewed.data as { level?: unknown } | undefined)?.level) ? ((reviewed.data as { level: Level }).level) : null;
  const reference = entry.record.scenario.referenceLevel as Level;
  return {
    key: entry.key,
    name: entry.name,
    type: entry.type,
    status: review.status,
    due: review.due,
    dueMs: review.due === null ? null : parseIsoMs(review.due),
    doneAt: review.doneAt,
    open: review.doneAt === null,
    reportedAt: report.at,
    reportedLevel: data.level,
    reviewedLevel,
    referenceLevel: reference,
    wizardLevel: suggestion.level,
    wizardReasons: suggestion.reasons,
    comparison: data.level === reference ? 'exact' : data.level > reference ? 'over' : 'under',
    content: contentOf(data),
    result: review,
  };
}

/** Open reviews first, each group by due time (earliest first), then by name. */
// One collator for every comparison (String#localeCompare with a locale builds one per call: bench:city).
const nameCollator = new Intl.Collator('zh-Hant-TW');
export function sortQueue(rows: QueueRow[]): QueueRow[] {
  return rows.sort((a, b) => Number(b.open) - Number(a.open) || (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity) || nameCollator.compare(a.name, b.name));
}

/** The reviewer queue of every agency as at now. `scores` may be passed when the board already scored them. */
export function reviewQueue(entries: readonly CityEntry[], nowMs: number, scores?: readonly ScoreResult[]): QueueRow[] {
  const rows: QueueRow[] = [];
  entries.forEach((e, i) => {
    const row = queueRow(e, scores?.[i] ?? scoreRecord(e.record, { evaluateAt: nowMs }), nowMs);
    if (row) rows.push(row);
  });
  return sortQueue(rows);
}
