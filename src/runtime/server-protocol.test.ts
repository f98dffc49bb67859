import { describe, expect, it } from 'vitest';
import { eventsFrame, fastParse, heldResult, parseClientMessage, resultOf, schemaParse } from './server-protocol';

/** A desk's action as the browser sends it. */
const action = (over: Record<string, unknown> = {}, actionOver: Record<string, unknown> = {}) => ({
  kind: 'command',
  id: 'cmd-0001-abcdef',
  command: { kind: 'action', action: { type: 'ui.note.added', actor: { role: 'commander' }, data: { text: '記錄' }, ...actionOver } },
  ...over,
});

// Messages the fast path reads and messages it must leave to the schema (malformed, other kinds).
const corpus: unknown[] = [
  action(),
  action({ extra: 1 }),
  action({}, { actor: { role: 'commander', name: '李資安' } }),
  action({}, { actor: { role: 'commander', name: 'x'.repeat(200) } }),
  action({}, { actor: { role: 'commander', name: 'x'.repeat(201) } }),
  action({}, { actor: { role: 'commander', name: 7 } }),
  action({}, { actor: { role: 'commander', stray: true } }),
  action({}, { actor: { role: 'commander', name: undefined } }),
  action({}, { actor: { role: 'nobody' } }),
  action({}, { actor: { role: 'toString' } }),
  action({}, { actor: 'commander' }),
  action({}, { actor: null }),
  action({}, { data: undefined }),
  action({}, { data: null }),
  action({}, { data: [] }),
  action({}, { data: 'text' }),
  action({}, { data: { nested: { deep: [1, 2, { a: null }] }, n: 1.5, b: false } }),
  action({}, { data: JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') }),
  action({}, { type: '' }),
  action({}, { type: 'x'.repeat(100) }),
  action({}, { type: 'x'.repeat(101) }),
  action({}, { type: 5 }),
  action({}, { stray: 'left out' }),
  action({ id: 'short' }),
  action({ id: 'x'.repeat(8) }),
  action({ id: 'x'.repeat(100) }),
  action({ id: 'x'.repeat(101) }),
  action({ id: 12345678 }),
  action({ command: null }),
  action({ command: [] }),
  action({ command: { kind: 'action' } }),
  action({ command: { kind: 'action', action: [] } }),
  action({ command: { kind: 'pause' } }),
  action({ command: { kind: 'set-speed', speed: 2 } }),
  action({ command: { kind: 'unknown' } }),
  { kind: 'ping' },
  { kind: 'ping', extra: [1] },
  { kind: 'hello', lastSeq: 3 },
  { kind: 'hello', lastSeq: -1 },
  { kind: 'nope' },
  {},
  [],
  null,
  'ping',
  42,
];

describe('the fast read of a client message', () => {
  it('reads exactly what the schema reads, or leaves the message to it', () => {
    let fastRead = 0;
    for (const value of corpus) {
      const fast = fastParse(value);
      const schema = schemaParse(value);
      if (fast) {
        fastRead += 1;
        expect(fast, JSON.stringify(value)).toStrictEqual(schema);
      }
      // Whatever the fast path read or left, the answer is the schema's.
      const raw = JSON.stringify(value) ?? 'null';
      const parsed = parseClientMessage(raw);
      expect(parsed.ok, raw).toBe(schemaParse(JSON.parse(raw)) !== null);
    }
    // The burst's messages do take the fast path.
    expect(fastRead).toBeGreaterThanOrEqual(10);
    expect(fastParse(action())).not.toBeNull();
    expect(fastParse({ kind: 'ping' })).not.toBeNull();
  });

  it('keeps a data key named __proto__ as data, never as the prototype', () => {
    const raw = '{"kind":"command","id":"cmd-0001-abcdef","command":{"kind":"action","action":{"type":"t","actor":{"role":"commander"},"data":{"__proto__":{"x":1}}}}}';
    const parsed = parseClientMessage(raw);
    expect(parsed.ok).toBe(true);
    expect(parsed).toStrictEqual({ ok: true, message: schemaParse(JSON.parse(raw)) });
  });
});

describe('a result told by seq (issue 9)', () => {
  const e = (seq: number) => ({ seq, at: '2026-03-09T08:40:00+08:00', type: 'ui.note.added', actor: { role: 'ciso' as const, name: '陳淑芬' }, data: { text: `n${seq}` } });
  it('names the events by seq and reads back to the same result, keys in the same order', () => {
    const result = { ok: true as const, event: e(8), events: [e(7), e(8)], problems: [] };
    const held = heldResult(result);
    expect(held).toEqual({ ok: true, seqs: [7, 8], eventSeq: 8, problems: [] });
    const bySeq = (seq: number) => [e(7), e(8)].find((x) => x.seq === seq);
    expect(JSON.stringify(resultOf(held, bySeq))).toBe(JSON.stringify(result));
    expect(resultOf({ ok: true, events: [] }, bySeq)).toEqual({ ok: true, events: [] });
    expect(JSON.stringify(resultOf(heldResult({ ok: true, events: [] }), bySeq))).toBe(JSON.stringify({ ok: true, events: [] }));
  });
  it('writes the events message from each event as stored, exactly as JSON.stringify writes the message, answers after the events', () => {
    const odd = { ...e(9), data: { text: '「引號」"quoted" \\ back\nslash \u2028 line' } };
    const events = [e(7), e(8), odd];
    const answers = { 'c-1': heldResult({ ok: true, event: e(8), events: [e(7), e(8)] }), 'c-"2"': heldResult({ ok: true, event: odd, events: [odd] }) };
    const json = events.map((x) => JSON.stringify(x));
    expect(eventsFrame(json)).toBe(JSON.stringify({ kind: 'events', events }));
    expect(eventsFrame(json, answers)).toBe(JSON.stringify({ kind: 'events', events, answers }));
    expect(eventsFrame([])).toBe(JSON.stringify({ kind: 'events', events: [] }));
  });
  it('is null when an event it names is not held', () => {
    expect(resultOf({ ok: true, seqs: [7, 9], eventSeq: 9 }, (seq) => (seq === 7 ? e(7) : undefined))).toBeNull();
  });
});
