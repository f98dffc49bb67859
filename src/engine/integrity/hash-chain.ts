/**
 * Tamper evidence for exported drill records: a SHA-256 hash chain over the events, closed by a head
 * that also binds the event count and the last seq (docs/drill-record.md, "Extension: integrity").
 *
 *   envelope hash  h₀ = SHA-256( "sha256-chain/2\n" + canonical(envelope) )
 *   event hash     hᵢ = SHA-256( hex(hᵢ₋₁) + "\n" + canonical(events[i]) )      i = 1 … n, in seq order
 *   head           = SHA-256( "sha256-chain/2 head\n" + hex(hₙ) + "\n" + n + "\n" + lastSeq )
 *
 * The head binds n and the last seq, so cutting events off the end (with their hashes) no longer
 * verifies unless the head is recomputed too (issue 10). canonical() is canonicalJson (RFC 8785 style).
 * The envelope is every top-level field except `events`, `integrity` and `reviewNotes`: agency and
 * scenario facts change the score, so they are covered. Hot-wash notes are deliberately not covered.
 *
 * WARNING: an unkeyed chain is evidence, not proof: anyone can recompute it with sealRecord. Only a
 * record whose head is signed by the deployment's Ed25519 key (./seal-signature.ts) is "verified";
 * a chain without a signature is "self-sealed" (a browser-only drill) and says so.
 *
 * `sha256-chain/1` (no head binding) is still read, as self-sealed at best.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

export const INTEGRITY_ALGORITHM = 'sha256-chain/2';
const LEGACY_ALGORITHM = 'sha256-chain/1';

/** The deployment's signature over the head (./seal-signature.ts). */
export interface SealSignature {
  algorithm: 'Ed25519';
  /** Key id: first 16 hex digits of SHA-256 of the raw 32-byte public key. */
  keyId: string;
  /** Who signed: the deployment's name, as in its published key document. */
  signer: string;
  /** When the server signed (ISO 8601 with offset); covered by the signature. */
  signedAt: string;
  /** base64 of the 64-byte Ed25519 signature over sealMessage(). */
  value: string;
}

export interface RecordIntegrity {
  algorithm: typeof INTEGRITY_ALGORITHM;
  /** h₀: hash of the envelope (agency, scenario, standard, participants, …). */
  envelope: string;
  /** hashes[i] is the chain hash after events[i] (events in seq order). */
  hashes: string[];
  /** Number of events sealed. */
  count: number;
  /** seq of the last event sealed (0 when there are none). */
  lastSeq: number;
  /** Binds the last hash, count and lastSeq: the one value to compare and to sign. */
  head: string;
  /** Real time of sealing (informational; not covered by the chain). */
  sealedAt?: string;
  signature?: SealSignature;
}

/**
 * - verified: chain intact and signed by a trusted deployment key (only verifySeal says this)
 * - signed: chain intact and signed, but the signature was not (or could not be) checked against a trusted key
 * - self-sealed: chain intact, no signature (a browser-only drill): never "verified by DoIT"
 * - unsealed: no integrity block at all
 * - unknown: an algorithm this version does not know: cannot verify
 * - broken: the record does not match its seal
 */
export type IntegrityStatus = 'verified' | 'signed' | 'self-sealed' | 'unsealed' | 'unknown' | 'broken';

/** Where a broken chain breaks. */
export type BreakKind =
  /** agency, scenario or another envelope field was changed. */
  | 'envelope'
  /** an event was changed or inserted at this position. */
  | 'event'
  /** one or more events were removed just before brokenAtIndex (brokenAtSeq: the first missing seq). */
  | 'removed-event'
  /** an event was added after sealing (there is no hash for it). */
  | 'added'
  /** events at the end were removed (fewer events than sealed). */
  | 'removed'
  /** the integrity block itself is malformed or its head does not match its hashes. */
  | 'integrity'
  /** the chain matches but the signature does not (or was made by another key). */
  | 'signature';

export interface IntegrityResult {
  status: IntegrityStatus;
  /** seq of the first event that does not match; for removed events, the first missing seq. */
  brokenAtSeq?: number;
  /** index (in seq order) of that event, or of the first missing one for 'removed'. */
  brokenAtIndex?: number;
  brokenKind?: BreakKind;
  /** How many events were removed ('removed-event', 'removed'). */
  removedCount?: number;
  /** Why not verified, in a stable English sentence (the UI words it itself). */
  reason?: string;
  /** The head of an intact chain. */
  head?: string;
  /** The signature's claims (signed / verified / broken signature). */
  signer?: string;
  signedAt?: string;
  keyId?: string;
}

interface RecordLike {
  events: ReadonlyArray<{ seq: number } & Record<string, unknown>>;
  [field: string]: unknown;
}

const NOT_COVERED = new Set(['events', 'integrity', 'reviewNotes']);

// One reusable buffer for the UTF-8 bytes being hashed: a sealed 589,429-event record would
// otherwise allocate as many short-lived buffers outside the JS heap, which the collector reclaims
// late (issue 10: peak memory within 1.5× the file size).
const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);
const hex = (text: string): string => {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (text.length * 3 > scratch.length) {
    if (text.length * 3 > 16 * 1024 * 1024) return bytesToHex(sha256(utf8ToBytes(text)));
    scratch = new Uint8Array(text.length * 3);
  }
  const { written } = encoder.encodeInto(text, scratch);
  return bytesToHex(sha256(scratch.subarray(0, written)));
};

/** The envelope that h₀ covers: every top-level field but events, integrity and reviewNotes. */
export function recordEnvelope(record: RecordLike): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!NOT_COVERED.has(k)) envelope[k] = v;
  return envelope;
}

export function envelopeHash(record: RecordLike, algorithm: string = INTEGRITY_ALGORITHM): string {
  return hex(`${algorithm}\n${canonicalJson(recordEnvelope(record))}`);
}

export function chainStep(previous: string, event: unknown): string {
  return hex(`${previous}\n${canonicalJson(event)}`);
}

export function headHash(last: string, count: number, lastSeq: number): string {
  return hex(`${INTEGRITY_ALGORITHM} head\n${last}\n${count}\n${lastSeq}`);
}

/** The chain over a record's events, in the order given (a parsed record is in seq order). */
export function computeChain(record: RecordLike): { envelope: string; hashes: string[]; count: number; lastSeq: number; head: string } {
  const envelope = envelopeHash(record);
  const hashes: string[] = [];
  let previous = envelope;
  for (const event of record.events) {
    previous = chainStep(previous, event);
    hashes.push(previous);
  }
  const count = record.events.length;
  const lastSeq = count === 0 ? 0 : record.events[count - 1].seq;
  return { envelope, hashes, count, lastSeq, head: headHash(previous, count, lastSeq) };
}

/**
 * The record with a fresh, unsigned `integrity` block (any old one replaced). Pure: `sealedAt` is given.
 * WARNING: only for records this computer made (a drill's own log). A record opened from a file is
 * never re-sealed (issue 10): that would launder an edit.
 */
export function sealRecord<R extends RecordLike>(record: R, sealedAt?: string): R & { integrity: RecordIntegrity } {
  const { envelope, hashes, count, lastSeq, head } = computeChain(record);
  const integrity: RecordIntegrity = { algorithm: INTEGRITY_ALGORITHM, envelope, hashes, count, lastSeq, head, ...(sealedAt ? { sealedAt } : {}) };
  return { ...record, integrity };
}

const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** At most this many removed events in a row are looked for when a hash stops matching. */
const MAX_GAP_SEARCH = 10_000;

/**
 * Checks a record's chain (synchronously; the signature is checked by verifySeal). No `integrity`:
 * unsealed; an algorithm we do not know: unknown (cannot verify); a chain that does not match:
 * broken, at the first event where it stops matching.
 */
export function verifyRecord(record: RecordLike): IntegrityResult {
  const raw = record.integrity;
  if (raw === undefined || raw === null) return { status: 'unsealed', reason: 'the record carries no integrity block' };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { status: 'broken', brokenKind: 'integrity', reason: 'the integrity block is not an object' };
  }
  const integrity = raw as Partial<Record<keyof RecordIntegrity, unknown>>;
  const algorithm = integrity.algorithm;
  if (algorithm !== INTEGRITY_ALGORITHM && algorithm !== LEGACY_ALGORITHM) {
    return { status: 'unknown', reason: `unknown integrity algorithm ${JSON.stringify(algorithm)}: cannot verify` };
  }
  const v2 = algorithm === INTEGRITY_ALGORITHM;
  const hashes = integrity.hashes;
  if (!isHex64(integrity.envelope) || !isHex64(integrity.head) || !Array.isArray(hashes) || !hashes.every(isHex64)) {
    return { status: 'broken', brokenKind: 'integrity', reason: 'the integrity block is malformed (envelope, hashes and head must be SHA-256 hex)' };
  }
  const last = hashes.length === 0 ? integrity.envelope : hashes[hashes.length - 1];
  if (v2) {
    if (!isCount(integrity.count) || !isCount(integrity.lastSeq) || integrity.count !== hashes.length) {
      return { status: 'broken', brokenKind: 'integrity', reason: 'the integrity block is malformed (count must equal the number of hashes, lastSeq a whole number)' };
    }
    if (integrity.head !== headHash(last, integrity.count, integrity.lastSeq)) {
      return { status: 'broken', brokenKind: 'integrity', reason: 'the head does not match the last hash, count and last seq (events cut off the end?)' };
    }
  } else if (integrity.head !== last) {
    return { status: 'broken', brokenKind: 'integrity', reason: 'the head does not match the last event hash' };
  }
  let previous = envelopeHash(record, algorithm);
  if (previous !== integrity.envelope) {
    return { status: 'broken', brokenKind: 'envelope', reason: 'agency, scenario or another top-level field was changed after sealing' };
  }
  const events = record.events;
  // j walks the hashes, i the events: they part when events were removed from the middle.
  for (let i = 0; i < events.length; i++) {
    if (i >= hashes.length) {
      return { status: 'broken', brokenKind: 'added', brokenAtSeq: events[i].seq, brokenAtIndex: i, reason: `event seq ${events[i].seq} was added after sealing` };
    }
    const next = chainStep(previous, events[i]);
    if (next === hashes[i]) {
      previous = next;
      continue;
    }
    // Was one or more events removed just before this one? Then this event chains from a later hash.
    for (let k = 1; k <= MAX_GAP_SEARCH && i + k < hashes.length; k++) {
      if (chainStep(hashes[i + k - 1], events[i]) === hashes[i + k]) {
        const firstMissing = i === 0 ? 1 : events[i - 1].seq + 1;
        const where = i === 0 ? 'before the first event' : `after seq ${events[i - 1].seq}`;
        return {
          status: 'broken',
          brokenKind: 'removed-event',
          brokenAtSeq: firstMissing,
          brokenAtIndex: i,
          removedCount: k,
          reason: `${k} event(s) removed ${where} (seq ${firstMissing}${k > 1 ? `–${firstMissing + k - 1}` : ''}) after sealing`,
        };
      }
    }
    return { status: 'broken', brokenKind: 'event', brokenAtSeq: events[i].seq, brokenAtIndex: i, reason: `event seq ${events[i].seq} was changed or inserted after sealing` };
  }
  if (hashes.length > events.length) {
    const removed = hashes.length - events.length;
    const sealedLast = v2 ? ` (sealed with ${integrity.count} events up to seq ${integrity.lastSeq})` : '';
    return {
      status: 'broken',
      brokenKind: 'removed',
      brokenAtIndex: events.length,
      brokenAtSeq: events.length === 0 ? 1 : events[events.length - 1].seq + 1,
      removedCount: removed,
      reason: `${removed} event(s) after the last one were removed after sealing${sealedLast}`,
    };
  }
  if (v2 && events.length > 0 && events[events.length - 1].seq !== integrity.lastSeq) {
    return { status: 'broken', brokenKind: 'integrity', reason: `the last event's seq is not the sealed last seq ${String(integrity.lastSeq)}` };
  }
  const signature = integrity.signature;
  if (signature !== undefined) {
    if (!v2) return { status: 'broken', brokenKind: 'signature', reason: 'a signature needs sha256-chain/2' };
    const claims = signatureClaims(signature);
    if (claims === null) return { status: 'unknown', head: integrity.head, reason: 'the signature block is not an Ed25519 signature this version knows: cannot verify' };
    return { status: 'signed', head: integrity.head, ...claims, reason: 'signed; the signature has not been checked against a trusted key' };
  }
  return { status: 'self-sealed', head: integrity.head, reason: 'sealed on the participant’s computer, not signed by a drill server' };
}

/** The signer, time and key of a well-formed signature block, or null. */
export function signatureClaims(raw: unknown): { signer: string; signedAt: string; keyId: string } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Partial<Record<keyof SealSignature, unknown>>;
  if (s.algorithm !== 'Ed25519' || typeof s.keyId !== 'string' || typeof s.signer !== 'string' || typeof s.signedAt !== 'string' || typeof s.value !== 'string') return null;
  return { signer: s.signer, signedAt: s.signedAt, keyId: s.keyId };
}
