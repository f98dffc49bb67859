/**
 * Tamper evidence for exported drill records: a SHA-256 hash chain over the events
 * (docs/drill-record.md, "Extension: integrity").
 *
 *   envelope hash  h₀ = SHA-256( "sha256-chain/1\n" + canonical(envelope) )
 *   event hash     hᵢ = SHA-256( hex(hᵢ₋₁) + "\n" + canonical(events[i]) )      i = 1 … n, in seq order
 *   head           = hₙ (h₀ when there are no events)
 *
 * canonical() is canonicalJson (RFC 8785 style); an event is hashed whole: seq, at, wall, actor, type,
 * data and any extra fields. The envelope is every top-level field except `events`, `integrity` and
 * `reviewNotes`: agency and scenario facts change the score, so they are covered too. Hot-wash notes
 * (`reviewNotes`) are added during the debrief, after export, and are deliberately NOT covered.
 *
 * WARNING: this is evidence, not a signature. Anyone can recompute the chain after editing, so a
 * reviewer compares the head with the one printed in the after-action report or sent separately.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

export const INTEGRITY_ALGORITHM = 'sha256-chain/1';

export interface RecordIntegrity {
  algorithm: typeof INTEGRITY_ALGORITHM;
  /** h₀: hash of the envelope (agency, scenario, standard, participants, …). */
  envelope: string;
  /** hashes[i] is the chain hash after events[i] (events in seq order). */
  hashes: string[];
  /** The last hash: the one value to compare with the printed report. */
  head: string;
  /** Real time of sealing (informational; not covered by the chain). */
  sealedAt?: string;
}

export type IntegrityStatus = 'verified' | 'unverified' | 'broken';

/** Where a broken chain breaks. */
export type BreakKind =
  /** agency, scenario or another envelope field was changed. */
  | 'envelope'
  /** an event was changed, inserted or removed at this position. */
  | 'event'
  /** an event was added after sealing (there is no hash for it). */
  | 'added'
  /** events at the end were removed (more hashes than events). */
  | 'removed'
  /** the integrity block itself is malformed or its head does not match its hashes. */
  | 'integrity';

export interface IntegrityResult {
  status: IntegrityStatus;
  /** seq of the first event whose hash does not match (kind 'event' or 'added'). */
  brokenAtSeq?: number;
  /** index (in seq order) of that event, or of the first missing one for 'removed'. */
  brokenAtIndex?: number;
  brokenKind?: BreakKind;
  /** Why unverified or broken, in a stable English sentence (the UI words it itself). */
  reason?: string;
  /** The head that was verified (status verified). */
  head?: string;
}

interface RecordLike {
  events: ReadonlyArray<{ seq: number } & Record<string, unknown>>;
  [field: string]: unknown;
}

const NOT_COVERED = new Set(['events', 'integrity', 'reviewNotes']);

const hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** The envelope that h₀ covers: every top-level field but events, integrity and reviewNotes. */
export function recordEnvelope(record: RecordLike): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!NOT_COVERED.has(k)) envelope[k] = v;
  return envelope;
}

export function envelopeHash(record: RecordLike): string {
  return hex(`${INTEGRITY_ALGORITHM}\n${canonicalJson(recordEnvelope(record))}`);
}

export function chainStep(previous: string, event: unknown): string {
  return hex(`${previous}\n${canonicalJson(event)}`);
}

/** The chain over a record's events, in the order given (a parsed record is in seq order). */
export function computeChain(record: RecordLike): { envelope: string; hashes: string[]; head: string } {
  const envelope = envelopeHash(record);
  const hashes: string[] = [];
  let previous = envelope;
  for (const event of record.events) {
    previous = chainStep(previous, event);
    hashes.push(previous);
  }
  return { envelope, hashes, head: previous };
}

/** The record with a fresh `integrity` block (any old one replaced). Pure: `sealedAt` is given, not read. */
export function sealRecord<R extends RecordLike>(record: R, sealedAt?: string): R & { integrity: RecordIntegrity } {
  const { envelope, hashes, head } = computeChain(record);
  const integrity: RecordIntegrity = { algorithm: INTEGRITY_ALGORITHM, envelope, hashes, head, ...(sealedAt ? { sealedAt } : {}) };
  return { ...record, integrity };
}

const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/**
 * Checks a record's chain. No `integrity` (or an algorithm we do not know): unverified, not rejected.
 * A chain that does not match: broken, at the first event where it stops matching.
 */
export function verifyRecord(record: RecordLike): IntegrityResult {
  const raw = record.integrity;
  if (raw === undefined || raw === null) return { status: 'unverified', reason: 'the record carries no integrity block' };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { status: 'broken', brokenKind: 'integrity', reason: 'the integrity block is not an object' };
  }
  const integrity = raw as Partial<Record<keyof RecordIntegrity, unknown>>;
  if (integrity.algorithm !== INTEGRITY_ALGORITHM) {
    return { status: 'unverified', reason: `unknown integrity algorithm ${JSON.stringify(integrity.algorithm)}` };
  }
  const hashes = integrity.hashes;
  if (!isHex64(integrity.envelope) || !isHex64(integrity.head) || !Array.isArray(hashes) || !hashes.every(isHex64)) {
    return { status: 'broken', brokenKind: 'integrity', reason: 'the integrity block is malformed (envelope, hashes and head must be SHA-256 hex)' };
  }
  const last = hashes.length === 0 ? integrity.envelope : hashes[hashes.length - 1];
  if (integrity.head !== last) {
    return { status: 'broken', brokenKind: 'integrity', reason: 'the head does not match the last event hash' };
  }
  let previous = envelopeHash(record);
  if (previous !== integrity.envelope) {
    return { status: 'broken', brokenKind: 'envelope', reason: 'agency, scenario or another top-level field was changed after export' };
  }
  const events = record.events;
  for (let i = 0; i < events.length; i++) {
    if (i >= hashes.length) {
      return { status: 'broken', brokenKind: 'added', brokenAtSeq: events[i].seq, brokenAtIndex: i, reason: `event seq ${events[i].seq} was added after export` };
    }
    previous = chainStep(previous, events[i]);
    if (previous !== hashes[i]) {
      return { status: 'broken', brokenKind: 'event', brokenAtSeq: events[i].seq, brokenAtIndex: i, reason: `event seq ${events[i].seq} was changed, inserted or removed after export` };
    }
  }
  if (hashes.length > events.length) {
    return {
      status: 'broken',
      brokenKind: 'removed',
      brokenAtIndex: events.length,
      reason: `${hashes.length - events.length} event(s) after the last one were removed after export`,
    };
  }
  return { status: 'verified', head: integrity.head };
}
