/** What scoring returns: the JSON shape of drill-record.md's scoring command (`--json`). */
import type { ReasonRef } from '../base/reason-ref';
import type { ObligationId, ObligationStatus, Verdict } from '../record/vocabulary';

export interface ObligationResult {
  id: ObligationId;
  status: ObligationStatus;
  /** The limit as ISO 8601 with +08:00, or null where there is none. */
  due: string | null;
  /** When it was done (the judged event's `at`), or null. */
  doneAt: string | null;
  /** Whole minutes after `due` (rounded up), 0 when on time or not done. */
  lateByMinutes: number;
  /** Why it got its status, in words a facilitator can read (zh-TW first is the UI's job; these are stable English sentences). */
  reasons: string[];
  /** The same reasons in zh-TW, one for one (the UI and reports show these in zh-TW). */
  reasonsZh?: string[];
  /** Extra context that does not change the status (e.g. team rules accepted under P19). */
  notes?: string[];
  /** The same notes in zh-TW, one for one. */
  notesZh?: string[];
  /** The reasons as data (`{code, params}`), one for one: render them in any language from locales/<lang>/reasons.json. */
  reasonCodes?: ReasonRef[];
  /** The notes as data, one for one. */
  noteCodes?: ReasonRef[];
  /** seq of the judged event, where there is one (for the timeline and walkthrough). */
  doneSeq?: number | null;
  /** When the obligation's window opens (its trigger), for the timeline. */
  trigger?: string | null;
}

export interface ScoreResult {
  obligations: ObligationResult[];
  /** The reviewer's obligations (review-level), scored apart from the agency. */
  doit: ObligationResult[];
  score: number;
  /** drill-record.md "Score and standard": pass, fail, or incomplete (ended before a core limit in scope). */
  verdict: Verdict;
  /** True exactly when the verdict is `pass`. */
  passed: boolean;
}

/** How many of the agency's obligations are not reached (shown with an `incomplete` verdict, issue 12 item 9). */
export function notReachedCount(result: Pick<ScoreResult, 'obligations'>): number {
  return result.obligations.filter((o) => o.status === 'not-reached').length;
}

/** An obligation's reasons in a language (zh-TW twins where scoring gave them; English otherwise). */
export function reasonsIn(o: Pick<ObligationResult, 'reasons' | 'reasonsZh'>, lang: string): string[] {
  return lang !== 'en' && o.reasonsZh && o.reasonsZh.length === o.reasons.length ? o.reasonsZh : o.reasons;
}

/** An obligation's notes in a language. */
export function notesIn(o: Pick<ObligationResult, 'notes' | 'notesZh'>, lang: string): string[] {
  const notes = o.notes ?? [];
  return lang !== 'en' && o.notesZh && o.notesZh.length === notes.length ? o.notesZh : notes;
}
