/**
 * From a scored drill to what the agency changes: strengths and the improvement plan (P29's
 * short / medium / long tiers), one item per missed, late or violated obligation, with the remedy
 * its obligation module declares (rules/obligations/<id>.ts).
 *
 * The re-drill due date (P39(3)) is one rule, in rules/redrill.ts, for the review and the city.
 *
 * Dates (all Taipei calendar dates, YYYY-MM-DD):
 * - Plan items are due counted from the review date (time/taipei.ts addMonths: the same day,
 *   clamped to the month's last day): short (immediate fixes) 1 month; medium ("within 3–6
 *   months", P29) 6 months; long ("within 2 years", P29) 24 months.
 */
import type { ActorRole, ObligationId } from '../record/vocabulary';
import { OBLIGATION_BY_ID, type Tier } from '../rules/obligations';
import type { ObligationResult, ScoreResult } from '../scoring/types';
import { addMonths, parseIsoMs, taipeiDate } from '../time/taipei';
import { reasonsIn } from '../scoring/types';
import type { Words } from './event-text';
import { remedyLine } from './remedy-text';

export const TIER_MONTHS: Record<Tier, number> = { short: 1, medium: 6, long: 24 };

/** The role that owns an improvement: the obligation's "who"; the agency's own duties go to its CISO. */
export function ownerRole(id: ObligationId): ActorRole {
  const who = OBLIGATION_BY_ID[id].who;
  if (who === 'agency') return 'ciso';
  if (who === 'reviewer') return 'doit-reviewer';
  return who;
}

export interface PlanItem {
  obligation: ObligationId;
  /** e.g. "P10" or "P25(2)、P25(3)". */
  points: string[];
  status: 'late' | 'missed' | 'violated';
  owner: ActorRole;
  tier: Tier;
  /** YYYY-MM-DD, counted from the review date. */
  due: string;
  action: Words;
  /** The scoring reasons behind it. */
  reasons: string[];
  /** The same reasons in zh-TW. */
  reasonsZh: string[];
}

export interface Strength {
  obligation: ObligationId;
  points: string[];
  /** Minutes to spare before the limit (null where there is no limit). */
  marginMinutes: number | null;
}

const NEEDS_WORK = new Set(['late', 'missed', 'violated']);

/** Met obligations, the widest margin first (those done with time to spare are the real strengths). */
export function strengths(score: ScoreResult): Strength[] {
  return score.obligations
    .filter((o) => o.status === 'met')
    .map((o) => ({ obligation: o.id, points: OBLIGATION_BY_ID[o.id].points, marginMinutes: marginMinutes(o) }))
    .sort((a, b) => (b.marginMinutes ?? -1) - (a.marginMinutes ?? -1));
}

export function marginMinutes(o: ObligationResult): number | null {
  if (o.due === null || o.doneAt === null) return null;
  return Math.floor((parseIsoMs(o.due) - parseIsoMs(o.doneAt)) / 60_000);
}

/** P29: each missed, late or violated obligation of the agency becomes an item. reviewDate is YYYY-MM-DD (Taipei). */
export function improvementPlan(score: ScoreResult, reviewDate: string): PlanItem[] {
  const items: PlanItem[] = [];
  for (const o of score.obligations) {
    if (!NEEDS_WORK.has(o.status)) continue;
    // The remedy's tier is the obligation module's own (rules/obligations/<id>.ts), beside its point; its words are remedies.json's.
    const remedy = OBLIGATION_BY_ID[o.id].remedy;
    const status = o.status as PlanItem['status'];
    items.push({
      obligation: o.id,
      points: OBLIGATION_BY_ID[o.id].points,
      status,
      owner: ownerRole(o.id),
      tier: remedy.tier,
      due: addMonths(reviewDate, TIER_MONTHS[remedy.tier]),
      action: remedyLine(o.id, status === 'violated' ? 'correct' : 'timely'),
      reasons: o.reasons,
      reasonsZh: reasonsIn(o, 'zh-TW'),
    });
  }
  const order: Record<Tier, number> = { short: 0, medium: 1, long: 2 };
  return items.sort((a, b) => order[a.tier] - order[b.tier]);
}

/** Today's Taipei date from a moment the caller read (the engine never reads the clock). */
export const reviewDateOf = (ms: number): string => taipeiDate(ms);
