import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { parseDrillRecord } from '../record/parse';
import { recordBuilder } from '../record/record-builder';
import { canonicalJson } from './canonical-json';
import { INTEGRITY_ALGORITHM, sealRecord, verifyRecord } from './hash-chain';

const sample = () =>
  recordBuilder({ level: 3 })
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
    .on('40m', 'report.submitted', { level: 3 }, 'reporting-contact')
    .on('50m', 'agency.notified', { agency: '臺北市政府警察局', channel: 'phone' }, 'reporting-contact')
    .on('2h', 'drill.ended')
    .build();

/** Export as a file and read it back, as a reviewer would. */
const roundTrip = (value: unknown) => {
  const result = parseDrillRecord(JSON.stringify(value, null, 2), 'x.json');
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.record;
};

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and whitespace, keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: 'é', c: null }], u: undefined })).toBe('{"a":[3,{"c":null,"d":"é"}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});

describe('sealRecord / verifyRecord', () => {
  it('follows the documented chain definition exactly', () => {
    const record = sample();
    const sealed = sealRecord(record, '2026-03-10T10:00:00+08:00');
    const { events, ...envelope } = record;
    const h = (s: string) => bytesToHex(sha256(utf8ToBytes(s)));
    let previous = h(`sha256-chain/2\n${canonicalJson(envelope)}`);
    expect(sealed.integrity.envelope).toBe(previous);
    events.forEach((e, i) => {
      previous = h(`${previous}\n${canonicalJson(e)}`);
      expect(sealed.integrity.hashes[i]).toBe(previous);
    });
    // The head binds the last hash, the event count and the last seq (tail cuts show).
    expect(sealed.integrity.count).toBe(5);
    expect(sealed.integrity.lastSeq).toBe(5);
    expect(sealed.integrity.head).toBe(h(`sha256-chain/2 head\n${previous}\n5\n5`));
    expect(sealed.integrity.algorithm).toBe(INTEGRITY_ALGORITHM);
    expect(sealed.integrity.sealedAt).toBe('2026-03-10T10:00:00+08:00');
  });

  it('verifies a sealed record after a JSON round trip through the parser, keys in any order', () => {
    const sealed = sealRecord(sample());
    const reread = roundTrip(sealed);
    expect(verifyRecord(reread)).toMatchObject({ status: 'self-sealed', head: sealed.integrity.head });
    // Key order and indentation do not matter.
    const reordered = { ...sealed, events: sealed.events.map((e) => ({ data: e.data, type: e.type, actor: e.actor, at: e.at, seq: e.seq })) };
    expect(verifyRecord(roundTrip(reordered)).status).toBe('self-sealed');
  });

  it('opens a record without integrity as unsealed and an unknown algorithm as cannot verify, not rejected', () => {
    expect(verifyRecord(sample())).toMatchObject({ status: 'unsealed' });
    expect(verifyRecord({ ...sample(), integrity: { algorithm: 'md5-chain/9' } })).toMatchObject({ status: 'unknown' });
  });

  it('flags the event where an edit breaks the chain', () => {
    const sealed = sealRecord(sample());
    const tampered = structuredClone(sealed);
    tampered.events[2].at = '2026-03-02T09:30:00+08:00'; // seq 3: report moved 10 minutes earlier
    expect(verifyRecord(roundTrip(tampered))).toMatchObject({ status: 'broken', brokenKind: 'event', brokenAtSeq: 3, brokenAtIndex: 2 });

    const relabelled = structuredClone(sealed);
    relabelled.events[1].actor = { role: 'reporting-contact' };
    expect(verifyRecord(relabelled)).toMatchObject({ status: 'broken', brokenAtSeq: 2 });
  });

  it('names a removed middle event by its own seq, and flags removed or added events at the end', () => {
    const sealed = sealRecord(sample());
    const middle = { ...sealed, events: sealed.events.filter((e) => e.seq !== 2) };
    expect(verifyRecord(middle)).toMatchObject({ status: 'broken', brokenKind: 'removed-event', brokenAtSeq: 2, brokenAtIndex: 1, removedCount: 1 });
    const two = { ...sealed, events: sealed.events.filter((e) => e.seq !== 2 && e.seq !== 3) };
    expect(verifyRecord(two)).toMatchObject({ status: 'broken', brokenKind: 'removed-event', brokenAtSeq: 2, removedCount: 2 });

    const tail = { ...sealed, events: sealed.events.slice(0, -1) };
    expect(verifyRecord(tail)).toMatchObject({ status: 'broken', brokenKind: 'removed', brokenAtIndex: 4, brokenAtSeq: 5 });
    // Cutting the tail's hash too no longer verifies: the head binds the count and the last seq.
    const cut = { ...tail, integrity: { ...sealed.integrity, hashes: sealed.integrity.hashes.slice(0, -1), count: 4, lastSeq: 4 } };
    expect(verifyRecord(cut)).toMatchObject({ status: 'broken', brokenKind: 'integrity' });

    const added = { ...sealed, events: [...sealed.events, { seq: 6, at: '2026-03-02T11:00:00+08:00', actor: { role: 'facilitator' }, type: 'intel.shared', data: {} }] };
    expect(verifyRecord(added)).toMatchObject({ status: 'broken', brokenKind: 'added', brokenAtSeq: 6, brokenAtIndex: 5 });
  });

  it('covers the scenario facts (they change the score) but not the hot-wash notes', () => {
    const sealed = sealRecord(sample());
    const lowered = { ...sealed, scenario: { ...sealed.scenario, referenceLevel: 2 } };
    expect(verifyRecord(lowered)).toMatchObject({ status: 'broken', brokenKind: 'envelope' });
    const withNotes = { ...sealed, reviewNotes: [{ id: 'n1', target: { kind: 'event', seq: 3 }, text: '報得好', wall: '2026-03-10T10:00:00+08:00' }] };
    expect(verifyRecord(withNotes).status).toBe('self-sealed');
  });

  it('treats a malformed or self-inconsistent integrity block as broken', () => {
    const sealed = sealRecord(sample());
    expect(verifyRecord({ ...sealed, integrity: 'yes' })).toMatchObject({ status: 'broken', brokenKind: 'integrity' });
    expect(verifyRecord({ ...sealed, integrity: { ...sealed.integrity, hashes: ['zz'] } })).toMatchObject({ status: 'broken', brokenKind: 'integrity' });
    expect(verifyRecord({ ...sealed, integrity: { ...sealed.integrity, head: sealed.integrity.envelope } })).toMatchObject({
      status: 'broken',
      brokenKind: 'integrity',
    });
  });

  it('seals a record with no events', () => {
    const empty = { ...sample(), events: [] };
    const sealed = sealRecord(empty);
    expect(sealed.integrity.count).toBe(0);
    expect(verifyRecord(sealed).status).toBe('self-sealed');
  });
});
