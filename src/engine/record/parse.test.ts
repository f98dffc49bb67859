/* eslint-disable @typescript-eslint/no-explicit-any -- tests poke at untyped JSON on purpose */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileCheck, eventErrorsByZod, formatRecordErrors, isValidEventFast, locateJsonError, parseDrillRecord, validateDrillRecord } from './parse';
import { recordBuilder } from './record-builder';
import { drillEventSchema, eventDataSchemas } from './schema';
import { scoreRecord } from '../scoring/score';

const SRC = 'rec.json';
const good = () => recordBuilder().on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('40m', 'report.submitted', { level: 3 }, 'reporting-contact');

function errorsOf(value: unknown): string[] {
  const r = validateDrillRecord(value, SRC);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

function withEvent(patch: (events: Record<string, unknown>[]) => void): unknown {
  const rec = JSON.parse(good().json());
  patch(rec.events);
  return rec;
}

describe('parseDrillRecord', () => {
  // Issue 10 / 14: nesting is checked on the parsed value (cheaper than scanning the text); the
  // text is scanned only to say where. 64 levels is the limit: the record itself is level 1.
  describe('nesting deeper than 64 levels', () => {
    const nest = (levels: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = i % 2 === 0 ? [v] : { x: v };
      return v;
    };
    const withDeep = (place: 'top' | 'event' | 'data', levels: number): string => {
      const rec = JSON.parse(good().json());
      // levels counted from the record: the record is 1, events 2, an event 3, its data 4.
      if (place === 'top') rec.extra = nest(levels - 1);
      if (place === 'event') rec.events[1].extra = nest(levels - 3);
      if (place === 'data') rec.events[1].data.extra = nest(levels - 4);
      return JSON.stringify(rec);
    };
    for (const place of ['top', 'event', 'data'] as const) {
      it(`${place}: 64 levels are read, 65 refused with the line and column`, () => {
        expect(parseDrillRecord(withDeep(place, 64), SRC).ok).toBe(true);
        const r = parseDrillRecord(withDeep(place, 65), SRC);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(formatRecordErrors(r.errors)).toMatch(/^rec\.json: \$: nested deeper than 64 levels at line 1, column \d+: not a drill record$/);
      });
    }
    it('20,000 unclosed brackets: the depth is named, not a stack overflow', () => {
      const r = parseDrillRecord('['.repeat(20_000), SRC);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0].message).toBe('nested deeper than 64 levels at line 1, column 65: not a drill record');
    });
    it('20,000 levels of valid JSON in an event: refused, where a later walk would overflow the stack', () => {
      const rec = JSON.parse(good().json());
      rec.events[1].data.extra = 'DEEP';
      const text = JSON.stringify(rec).replace('"DEEP"', `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      const r = parseDrillRecord(text, SRC);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0].message).toMatch(/^nested deeper than 64 levels at line 1, column \d+: not a drill record$/);
    });
  });

  it('accepts a valid record and keeps unknown types and extra fields', () => {
    const rec = JSON.parse(good().on('50m', 'custom.thing', { x: 1 }).json());
    rec.extraTop = true;
    rec.events[1].extra = 'kept';
    const r = validateDrillRecord(rec, SRC);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record.events.map((e) => e.type)).toEqual(['incident.aware', 'level.approved', 'report.submitted', 'custom.thing']);
      expect((r.record as Record<string, unknown>).extraTop).toBe(true);
      expect((r.record.events[1] as Record<string, unknown>).extra).toBe('kept');
    }
  });

  it('reports text that is not JSON with line and column', () => {
    const r = parseDrillRecord('{\n  "format": "x",\n  "agency" 1\n}', 'bad.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].path).toBe('$');
      expect(r.errors[0].message).toMatch(/not valid JSON at line 3, column 12/);
      expect(formatRecordErrors(r.errors)).toMatch(/^bad\.json: \$: not valid JSON/);
    }
    const r3 = parseDrillRecord('{\n  "agency" {}\n}', 'tok.json');
    expect(!r3.ok && r3.errors[0].message).toMatch(/^not valid JSON at line 2, column 12/);
    const r2 = parseDrillRecord('{"format": ', 'cut.json');
    expect(!r2.ok && r2.errors[0].message).toMatch(/not valid JSON: the text ends too early/);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(parseDrillRecord('\ufeff' + good().json(), SRC).ok).toBe(true);
  });

  it.each([
    ['wrong format', (r: Record<string, unknown>) => (r.format = 'taipei-drill-record/2'), '$.format: format must be "taipei-drill-record/1", not "taipei-drill-record/2"'],
    ['missing format', (r: Record<string, unknown>) => delete r.format, '$.format: format must be "taipei-drill-record/1", not missing'],
    ['unknown reference level', (r: Record<string, any>) => (r.scenario.referenceLevel = 5), '$.scenario.referenceLevel: unknown level 5: must be 1, 2, 3 or 4'],
    ['unknown agency type', (r: Record<string, any>) => (r.agency.type = 'ministry'), '$.agency.type: Invalid option'],
    ['events not an array', (r: Record<string, any>) => (r.events = {}), '$.events: events must be an array'],
  ])('rejects %s', (_name, patch, expected) => {
    const rec = JSON.parse(good().json());
    patch(rec);
    expect(errorsOf(rec).join('\n')).toContain(expected);
  });

  it.each([
    ['a time that is not ISO 8601', (ev: any[]) => (ev[1].at = '2026/03/02 09:10'), '$.events[1].at: not an ISO 8601 date-time'],
    ['a time without an offset', (ev: any[]) => (ev[1].at = '2026-03-02T09:10:00'), '$.events[1].at: not an ISO 8601 date-time'],
    ['a day that does not exist', (ev: any[]) => (ev[1].at = '2026-02-30T09:10:00+08:00'), '$.events[1].at: not a real date-time'],
    ['a wall time that is neither text nor a number', (ev: any[]) => (ev[1].wall = { at: 'noon' }), '$.events[1].wall'],
    ['an unknown level in a report', (ev: any[]) => (ev[2].data.level = 0), '$.events[2].data.level: report.submitted: unknown level 0'],
    ['a missing level in a report', (ev: any[]) => (ev[2].data = {}), '$.events[2].data.level: report.submitted: level is required'],
    ['an unknown level in an approval', (ev: any[]) => (ev[1].data.level = '3'), '$.events[1].data.level: level.approved: unknown level "3"'],
    ['an unknown level in a review', (ev: any[]) => ev.push({ seq: 9, at: ev[2].at, actor: { role: 'doit-reviewer' }, type: 'level.reviewed', data: { level: 7 } }), '$.events[3].data.level: level.reviewed: unknown level 7'],
    ['an unknown c level', (ev: any[]) => ev.push({ seq: 9, at: ev[2].at, actor: { role: 'ciso' }, type: 'level.assessed', data: { level: 2, c: 9 } }), '$.events[3].data.c: level.assessed: unknown level 9'],
    ['an unknown actor role', (ev: any[]) => (ev[1].actor.role = 'mayor'), '$.events[1].actor.role: unknown actor role "mayor"'],
    ['a missing actor', (ev: any[]) => delete ev[1].actor, '$.events[1].actor'],
    ['an unknown team member role', (ev: any[]) => ev.push({ seq: 9, at: ev[2].at, actor: { role: 'commander' }, type: 'team.formed', data: { members: [{ role: 'boss', position: 'ciso' }] } }), '$.events[3].data.members[0].role: team.formed: unknown actor role "boss"'],
    ['an unknown team member position', (ev: any[]) => ev.push({ seq: 9, at: ev[2].at, actor: { role: 'commander' }, type: 'team.formed', data: { members: [{ role: 'commander', position: 'mayor' }] } }), '$.events[3].data.members[0].position: team.formed: unknown position "mayor"'],
    ['a negative seq', (ev: any[]) => (ev[1].seq = -1), '$.events[1].seq'],
    ['a fractional seq', (ev: any[]) => (ev[1].seq = 1.5), '$.events[1].seq'],
    ['an empty type', (ev: any[]) => (ev[1].type = ''), '$.events[1].type'],
    ['data that is an array', (ev: any[]) => (ev[1].data = []), '$.events[1].data'],
    ['a duplicate seq', (ev: any[]) => (ev[2].seq = ev[1].seq), '$.events[2].seq: seq 2 is used twice ($.events[1] and $.events[2])'],
    ['time going backwards with seq', (ev: any[]) => (ev[2].at = '2026-03-02T09:05:00+08:00'), '$.events[2].at: time goes backwards: seq 3 is at 2026-03-02T09:05:00+08:00, before seq 2 ($.events[1]) at 2026-03-02T09:10:00+08:00'],
    ['no incident.aware', (ev: any[]) => ev.splice(0, 1), '$.events: no incident.aware event'],
    ['two incident.aware', (ev: any[]) => ev.push({ ...ev[0], seq: 9, at: ev[2].at }), '$.events[3]: several incident.aware events ($.events[0], $.events[3])'],
  ])('rejects %s', (_name, patch, expected) => {
    expect(errorsOf(withEvent(patch)).join('\n')).toContain(expected);
  });

  it('reads what other tools write loosely: null for absent optional fields, any wall time, data: null', () => {
    const rec = withEvent((ev) => {
      ev[0].data = null;
      ev[1].wall = '2026-03-02T14:03:11'; // no offset: kept as written, never scored
      ev[2].wall = Date.UTC(2026, 2, 2, 6, 3, 11); // epoch ms
    }) as Record<string, any>;
    rec.agency.reportsToCentral = null;
    rec.agency.oversight = null;
    rec.scenario.backup = null;
    rec.scenario.affectedAgencies = null;
    delete rec.agency.name;
    delete rec.scenario.id;
    const r = validateDrillRecord(rec, SRC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record.events[0].data).toEqual({});
    expect(r.record.events[1].wall).toBe('2026-03-02T14:03:11');
    expect(r.record.events[2].wall).toBe('2026-03-02T14:03:11+08:00');
    expect(r.record.agency.reportsToCentral).toBeUndefined();
    expect(r.record.agency.oversight).toBeUndefined();
    expect(r.record.scenario.backup).toBeUndefined();
    expect([r.record.agency.name, r.record.scenario.id]).toEqual(['', '']);
    // and it scores as if the fields were absent: oversight defaults, backup none, no agencies to notify
    const score = scoreRecord(r.record);
    expect(score.obligations.find((o) => o.id === 'notify-agencies-1h')?.status).toBe('not-applicable');
    expect(score.obligations.find((o) => o.id === 'copy-doit-3d')?.status).toBe('not-applicable');
  });

  it('sorts events given out of seq order, and judges time order by seq', () => {
    const rec = withEvent((ev) => ev.reverse());
    const r = validateDrillRecord(rec, SRC);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.record.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    // backwards in seq order, although the array order looks fine
    const bad = withEvent((ev) => {
      ev[1].seq = 3;
      ev[2].seq = 2;
    });
    expect(errorsOf(bad).join('\n')).toContain('$.events[1].at: time goes backwards: seq 3');
  });

  it('accepts equal times and times across offsets that do not go backwards', () => {
    const rec = withEvent((ev) => {
      ev[1].at = '2026-03-02T01:10:00Z';
      ev[2].at = '2026-03-02T09:10:00+08:00';
    });
    expect(validateDrillRecord(rec, SRC).ok).toBe(true);
  });

  it('rejects a value that is not an object', () => {
    expect(errorsOf([])).toEqual(['$: a drill record must be a JSON object, not an array']);
  });

  it('stops listing after 50 errors', () => {
    const rec = withEvent((ev) => {
      for (let i = 0; i < 80; i++) ev.push({ seq: 100 + i, at: 'x', actor: { role: 'ciso' }, type: 't' });
    });
    const errs = errorsOf(rec);
    expect(errs.length).toBe(51);
    expect(errs[50]).toMatch(/further errors are not listed/);
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1,}', 8],
    ['[1 2]', 3],
    ['{"a": tru}', 9],
    ['{"a": "x\u0001"}', 8],
    ['{"a": 01}', 7],
    ['{"a": 1} x', 9],
    ['{"a": "\\q"}', 8],
    ['{"a": [1, {"b": null}], "c": -1.5e3}', -1],
  ])('%s → %i', (text, at) => expect(locateJsonError(text)).toBe(at));
});

describe('fast event path agrees with zod', () => {
  it('compiles every event data schema', () => {
    for (const schema of Object.values(eventDataSchemas)) expect(() => compileCheck(schema as z.ZodType)).not.toThrow();
  });

  const base = { seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'ciso' }, type: 'x' };
  const variants: unknown[] = [
    base,
    null,
    [],
    'event',
    { ...base, seq: '1' },
    { ...base, seq: 0 },
    { ...base, seq: 2 ** 60 },
    { ...base, at: 5 },
    { ...base, at: '2026-03-02T09:00+08:00' },
    { ...base, at: '2026-03-02T09:00:00.123456789Z' },
    { ...base, at: '2026-03-02T24:00:00Z' },
    { ...base, at: '2026-03-02T09:00:00+24:00' },
    { ...base, wall: null },
    { ...base, wall: '2026-03-02T09:00:00Z' },
    { ...base, actor: { role: 'ciso', name: 3 } },
    { ...base, actor: { role: 'ciso', name: '王' } },
    { ...base, actor: null },
    { ...base, type: 5 },
    { ...base, data: null },
    { ...base, data: { any: 1 } },
  ];
  // every known type: empty data, a plausible good data, and each field given a wrong type
  const samples: Record<string, unknown> = {
    level: 3, c: 2, i: 1, a: 4, from: 2, to: 3, by: 'ciso', members: [{ role: 'commander', position: 'ciso' }],
    chair: 'commander', topics: ['overview'], invited: [], cleanMedia: true, public: false, registeredOnWebsite: true,
    notifySubjects: false, reason: 'r', destination: 'viruscheck', malwareAnalysis: true,
    short: [{ item: 'a', dueMonths: 1 }], medium: [{ item: 'b', dueMonths: 6 }], long: [], what: 'disk', method: 'disconnect',
    agency: 'x', channel: 'phone', injectId: 'i', title: 't',
  };
  for (const [type, schema] of Object.entries(eventDataSchemas)) {
    const shape = (schema as unknown as { _zod: { def: { shape: Record<string, unknown> } } })._zod.def.shape;
    const good: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) if (key in samples) good[key] = samples[key];
    variants.push({ ...base, type }, { ...base, type, data: good });
    for (const key of Object.keys(shape)) {
      for (const wrong of [null, 'str', 7, true, [1], { o: 1 }]) variants.push({ ...base, type, data: { ...good, [key]: wrong } });
    }
    variants.push({ ...base, type, data: { ...good, members: [{ role: 'commander' }] } });
  }

  it.each(variants.map((v, i) => [i, v]))('variant %i', (_i, v) => {
    const zodOk =
      drillEventSchema.safeParse(v).success &&
      (() => {
        const e = v as { type?: unknown; data?: unknown };
        const s = typeof e.type === 'string' ? (eventDataSchemas as Record<string, z.ZodType>)[e.type] : undefined;
        return s === undefined || s.safeParse(e.data ?? {}).success;
      })();
    expect(isValidEventFast(v)).toBe(zodOk);
    expect(eventErrorsByZod(v, 0, SRC).length === 0).toBe(zodOk);
  });
});
