/**
 * Hot-wash notes (檢討座談會 notes) kept with a drill record as the top-level `reviewNotes`
 * extension (docs/drill-record.md). Scoring ignores them; the hash chain does not cover them.
 */
import type { ObligationId } from '../record/vocabulary';

export type ReviewNoteTarget = { kind: 'obligation'; id: ObligationId } | { kind: 'event'; seq: number };

export interface ReviewNote {
  id: string;
  target: ReviewNoteTarget;
  text: string;
  author?: string;
  /** Real time the note was written, ISO 8601 with offset. */
  wall: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The notes of a record, skipping any entry that is not a well-formed note (a record is never rejected for them). */
export function readReviewNotes(record: object): ReviewNote[] {
  const raw = (record as { reviewNotes?: unknown }).reviewNotes;
  if (!Array.isArray(raw)) return [];
  const notes: ReviewNote[] = [];
  for (const n of raw) {
    if (!isObj(n) || typeof n.id !== 'string' || typeof n.text !== 'string' || typeof n.wall !== 'string' || !isObj(n.target)) continue;
    const t = n.target;
    let target: ReviewNoteTarget;
    if (t.kind === 'obligation' && typeof t.id === 'string') target = { kind: 'obligation', id: t.id as ObligationId };
    else if (t.kind === 'event' && typeof t.seq === 'number') target = { kind: 'event', seq: t.seq };
    else continue;
    notes.push({ id: n.id, target, text: n.text, wall: n.wall, ...(typeof n.author === 'string' ? { author: n.author } : {}) });
  }
  return notes;
}

export const notesForEvent = (notes: readonly ReviewNote[], seq: number): ReviewNote[] =>
  notes.filter((n) => n.target.kind === 'event' && n.target.seq === seq);

export const notesForObligation = (notes: readonly ReviewNote[], id: ObligationId): ReviewNote[] =>
  notes.filter((n) => n.target.kind === 'obligation' && n.target.id === id);

/** The record with these notes as its `reviewNotes` (replacing any it had); no notes removes the field. */
export function withReviewNotes<R extends object>(record: R, notes: readonly ReviewNote[]): R & { reviewNotes?: ReviewNote[] } {
  const { reviewNotes: _old, ...rest } = record as R & { reviewNotes?: unknown };
  return (notes.length > 0 ? { ...rest, reviewNotes: [...notes] } : rest) as R & { reviewNotes?: ReviewNote[] };
}
