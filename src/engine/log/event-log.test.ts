import { describe, expect, it } from 'vitest';
import { createEventLog, fromRecord, type RecordHeader } from './event-log';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // 2026-03-02T09:00:00+08:00
const WALL = '2026-05-10T14:03:07.120+08:00';
const header: RecordHeader = {
  agency: { name: '臺北市政府測試局', type: 'agency', hasItUnit: true, hasSecurityOfficer: true },
  scenario: { id: 'ransomware-core', referenceLevel: 3, malware: true, backup: 'none' },
};
const facilitator = { role: 'facilitator' as const, name: '主持人' };

describe('append', () => {
  it('numbers entries 1, 2, 3 and writes at as Taipei time', () => {
    const log = createEventLog();
    const a = log.append({ at: T0, wall: WALL, actor: facilitator, type: 'incident.aware' });
    const b = log.append({ at: T0 + 40 * 60_000, actor: { role: 'reporting-contact', name: '王小明' }, type: 'report.submitted', data: { level: 3 } });
    const c = log.append({ at: '2026-03-02T02:00:00Z', actor: facilitator, type: 'ui.note.added', data: { text: '…' } });
    expect([a, b, c].map((r) => r.ok && r.entry.seq)).toEqual([1, 2, 3]);
    expect(log.entries().map((e) => e.at)).toEqual([
      '2026-03-02T09:00:00+08:00',
      '2026-03-02T09:40:00+08:00',
      '2026-03-02T10:00:00+08:00',
    ]);
    expect(log.entries()[0]).toEqual({ seq: 1, at: '2026-03-02T09:00:00+08:00', wall: WALL, actor: facilitator, type: 'incident.aware', data: {} });
  });

  it.each([
    [-1, false],
    [0, true],
    [1, true],
  ])('an entry %i ms after the last one is accepted=%s', (delta, ok) => {
    const log = createEventLog();
    log.append({ at: T0, actor: facilitator, type: 'incident.aware' });
    const r = log.append({ at: T0 + delta, actor: facilitator, type: 'ui.note.added' });
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.reason.code).toBe('time-goes-backwards');
      expect(log.size()).toBe(1);
    }
  });

  it.each([
    [{ at: Number.NaN }, 'bad-time'],
    [{ at: '2026-03-02 09:00' }, 'bad-time'],
    [{ wall: 'yesterday' }, 'bad-wall-time'],
    [{ type: '' }, 'bad-type'],
  ])('refuses %o', (patch, code) => {
    const log = createEventLog();
    const r = log.append({ at: T0, actor: facilitator, type: 'incident.aware', ...patch });
    expect(r).toMatchObject({ ok: false, reason: { code } });
  });

  it('keeps history unchangeable: data is copied and entries are frozen', () => {
    const log = createEventLog();
    const members = [{ role: 'commander', name: '張三', position: 'ciso' }];
    const r = log.append({ at: T0, actor: facilitator, type: 'team.formed', data: { members } });
    members[0].name = '改掉';
    expect((log.entries()[0].data.members as { name: string }[])[0].name).toBe('張三');
    if (!r.ok) throw new Error('append failed');
    expect(() => {
      (r.entry as { type: string }).type = 'x';
    }).toThrow();
    expect(() => (log.entries() as unknown as unknown[]).push({})).toThrow();
  });
});

describe('toRecord / fromRecord', () => {
  it('round-trips a record through JSON text unchanged', () => {
    const log = createEventLog();
    log.append({ at: T0 - 5 * 60_000, wall: WALL, actor: facilitator, type: 'drill.started', data: { mode: 'tabletop', participants: [{ name: '王小明', roles: ['reporting-contact'] }] } });
    log.append({ at: T0, actor: facilitator, type: 'incident.aware' });
    log.append({ at: T0 + 10 * 60_000, actor: { role: 'ciso', name: '李資安' }, type: 'level.approved', data: { level: 3, by: 'ciso' } });
    log.append({ at: T0 + 40 * 60_000, actor: { role: 'reporting-contact', name: '王小明' }, type: 'report.submitted', data: { level: 3 } });
    const record = log.toRecord({ ...header, standard: { minScore: 70 } });
    expect(record.format).toBe('taipei-drill-record/1');
    expect(record.standard).toEqual({ minScore: 70 });

    const back = fromRecord(JSON.parse(JSON.stringify(record)), 'drill.json');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.header).toEqual({ ...header, standard: { minScore: 70 } });
    expect(back.log.toRecord(back.header)).toEqual(record);
    // The restored log goes on numbering after the last seq.
    const next = back.log.append({ at: T0 + H, actor: facilitator, type: 'drill.ended' });
    expect(next.ok && next.entry.seq).toBe(5);
  });

  it('keeps a foreign record\'s seq and at text as written', () => {
    const back = fromRecord(
      {
        format: 'taipei-drill-record/1',
        ...header,
        events: [
          { seq: 10, at: '2026-03-02T01:00:00Z', actor: { role: 'facilitator' }, type: 'incident.aware' },
          { seq: 20, at: '2026-03-02T09:30:00+08:00', actor: { role: 'reporting-contact' }, type: 'report.submitted', data: { level: 2 } },
        ],
      },
      'foreign.json',
    );
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.log.entries().map((e) => [e.seq, e.at])).toEqual([
      [10, '2026-03-02T01:00:00Z'],
      [20, '2026-03-02T09:30:00+08:00'],
    ]);
    const next = back.log.append({ at: T0 + H, actor: facilitator, type: 'drill.ended' });
    expect(next.ok && next.entry.seq).toBe(21);
  });

  it('refuses a bad record naming the file and the JSON path', () => {
    const back = fromRecord(
      { format: 'taipei-drill-record/1', ...header, events: [{ seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'facilitator' }, type: 'report.submitted', data: { level: 7 } }] },
      'bad.json',
    );
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.message).toMatch(/bad\.json: \$\.events\[0\]\.data\.level: .*level/);
  });

  it('accepts a live drill saved before T0 only when asked', () => {
    const log = createEventLog();
    log.append({ at: T0 - 60_000, actor: facilitator, type: 'drill.started' });
    const record = log.toRecord(header);
    const strict = fromRecord(record, 'early.json');
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.message).toMatch(/early\.json: \$\.events: no incident\.aware/);
    const lenient = fromRecord(record, 'early.json', { allowNoAwareness: true });
    expect(lenient.ok).toBe(true);
    if (lenient.ok) expect(lenient.log.entries().map((e) => e.type)).toEqual(['drill.started']);
  });
});

const H = 3_600_000;
