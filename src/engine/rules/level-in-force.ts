/**
 * The level in force and the reporting website's reachability: one pure home for each rule, which
 * the incident machine (live, event by event in seq order) and scoring (over a whole record) both
 * call (drill-record.md "The level in force" and "Settled points (second revision)").
 */
import type { Level } from '../record/vocabulary';

export const isLevel = (v: unknown): v is Level => v === 1 || v === 2 || v === 3 || v === 4;

/**
 * drill-record.md "The level in force": the last level.reviewed; with none, the level of the first
 * report (website, or phone with a level), whenever it was filed; with neither, the first approval;
 * with none of these, scenario.referenceLevel. Which review is "last" is the caller's: settled
 * point 1 counts only reviews with a lower seq than the event judged.
 */
export function levelInForceOf(levels: { reviewed: Level | null; firstReport: Level | null; approved: Level | null; reference: Level }): Level {
  return levels.reviewed ?? levels.firstReport ?? levels.approved ?? levels.reference;
}

/** Settled point 8: only a level.approved whose `by` is `ciso` or `authorized` is an approval; any other is kept, noted and ignored. */
export const APPROVERS = ['ciso', 'authorized'] as const;
export function isApproval(e: { type: string; data?: Record<string, unknown> }): boolean {
  return e.type === 'level.approved' && (APPROVERS as readonly unknown[]).includes(e.data?.by);
}

/**
 * Settled point 3: the reporting website is unreachable from an outage.started until the next
 * outage.ended in seq order; `what` only describes the outage. An outage.started while it is
 * already unreachable, or an outage.ended while it is reachable, changes nothing.
 * Returns the outage now in progress (its `what`), or null when the website is reachable.
 */
export function outageAfter(current: string | null, e: { type: string; data?: Record<string, unknown> }): string | null {
  if (e.type === 'outage.started') return current ?? String(e.data?.what ?? 'outage');
  if (e.type === 'outage.ended') return null;
  return current;
}
