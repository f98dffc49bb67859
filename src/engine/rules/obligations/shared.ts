/** Small readers several obligation modules share (each cites the point it serves). */
import { say, type ReasonParam, type ReasonRef } from '../../base/reason-ref';
import type { DrillEvent } from '../../record/schema';
import type { ScoringContext } from '../../scoring/context';

/** An event as a reason shows it: type, seq and `at` in English; title, seq and Taipei time in zh-TW. */
export const ev = (e: DrillEvent): ReasonParam => ({ event: { type: e.type, seq: e.seq, at: e.at } });

/** The strings of a data field that should be a list. */
export function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A value a participant typed, or "nobody named" when there is none. */
export const named = (v: unknown): ReasonParam => (v === undefined || v === null ? say('unnamed.person') : String(v));

/**
 * P23(1), P30, P31(4): recipients the agency must name: its own ones, each oversight body, and
 * DoIT unless the agency is DoIT.
 */
export function missingRecipients(ctx: ScoringContext, e: DrillEvent, own: readonly string[]): ReasonRef[] {
  const to = new Set(list(ctx.data(e).to));
  const missing = [...own, ...ctx.oversight, ...(ctx.isDoit ? [] : ['doit'])].filter((r) => !to.has(r));
  return missing.length === 0 ? [] : [say('recipients.missing', { type: e.type, seq: e.seq, event: ev(e), missing: { values: missing, of: 'recipient' } })];
}
