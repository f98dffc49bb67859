/**
 * The obligation folder reads beside procedure.md: one module per obligation, each under its own
 * id, listed by point number, each header quoting its point; and the shared judge runs what the
 * modules declare.
 */
import { remedyLine } from '../report/remedy-text';
import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../record/record-builder';
import { OBLIGATION_IDS, type ObligationId } from '../record/vocabulary';
import { parseScenario } from '../scenario/parse';
import { goldenRecord, mistakesRecord } from '../scenario/play';
import { scoreRecord } from '../scoring/score';
import { OBLIGATIONS, OBLIGATION_BY_ID } from './obligations';

/** The modules' source text, loaded as the scenario tests load theirs (Vite's import.meta.glob). */
const SOURCES = import.meta.glob('./obligations/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
/** "P25(2)" → [25, 2]; "Att.3" sorts with the point before it. */
const pointKey = (p: string): number[] => {
  const m = /^P(\d+)(?:\((\d+)\))?/.exec(p);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : [Infinity, 0];
};
const before = (a: number[], b: number[]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);

describe('the obligation modules', () => {
  it('are one module per obligation id, each declared under its own id', () => {
    const modules = Object.keys(SOURCES)
      .map((f) => f.replace(/^\.\/obligations\/(.*)\.ts$/, '$1'))
      .filter((f) => !f.endsWith('.test') && f !== 'types' && f !== 'shared')
      .sort();
    expect(modules).toEqual([...OBLIGATION_IDS].sort());
    for (const id of OBLIGATION_IDS) expect(OBLIGATION_BY_ID[id].id).toBe(id);
  });

  it('are listed in the procedure’s order, by point number', () => {
    const keys = OBLIGATIONS.map((o) => pointKey(o.points[0]));
    for (let i = 1; i < keys.length; i++) expect(before(keys[i - 1], keys[i]), `${OBLIGATIONS[i - 1].id} before ${OBLIGATIONS[i].id}`).toBe(true);
  });

  it.each(OBLIGATION_IDS as readonly ObligationId[])('%s: its header quotes its point and procedure.md', (id) => {
    const text = SOURCES[`./obligations/${id}.ts`];
    const o = OBLIGATION_BY_ID[id];
    const points = o.points.join(', ').replace('P25(2), P25(3), P25(4)', 'P25(2)–(4)');
    expect(text.startsWith(`/**\n * ${points} — ${id}. procedure.md: "`), text.slice(0, 120)).toBe(true);
  });

  it('declare a remedy for every obligation, with its lines in both languages', () => {
    for (const o of OBLIGATIONS) {
      expect(['short', 'medium', 'long'], o.id).toContain(o.remedy.tier);
      for (const kind of ['timely', 'correct'] as const) {
        const line = remedyLine(o.id, kind);
        expect(line.zh, `${o.id} ${kind}`).toMatch(/[\u4e00-\u9fff]/);
        expect(line.en, `${o.id} ${kind}`).toMatch(/^[A-Z]/);
      }
    }
  });
});

describe('the shared judge reads the declarations', () => {
  it('takes each hour limit from the module (P18 team-formed: 3 h at L1/2; P21 recovery: 72 h)', () => {
    const r = scoreRecord(recordBuilder().on('0s', 'level.approved', { by: 'ciso', level: 2 }).build());
    const due = (id: ObligationId) => r.obligations.find((o) => o.id === id)?.due;
    expect(due('team-formed')).toBe('2026-03-02T12:00:00+08:00');
    expect(due('recovery')).toBe('2026-03-05T09:00:00+08:00');
  });

  it('opens the window at the declared trigger (P20: the meeting counts only after containment.initial)', () => {
    const r = scoreRecord(
      recordBuilder()
        .on('10m', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] })
        .on('20m', 'containment.initial')
        .on('30m', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] })
        .build(),
    );
    const meeting = r.obligations.find((o) => o.id === 'response-meeting');
    expect(meeting?.trigger).toBe('2026-03-02T09:20:00+08:00');
    expect(meeting?.doneAt).toBe('2026-03-02T09:30:00+08:00');
  });

  it('applies the declared conditions in order (P23(2): no personal data before the level)', () => {
    const r = scoreRecord(recordBuilder().build());
    const pdpa = r.obligations.find((o) => o.id === 'pdpa-assessment');
    expect(pdpa?.status).toBe('not-applicable');
    expect(pdpa?.reasonCodes?.[0].code).toBe('applies.personal-data');
  });
});

describe('what the judge takes as done is what the module declares', () => {
  const files = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  const records = Object.entries(files).flatMap(([path, text]) => {
    const parsed = parseScenario(text, path);
    if (!parsed.ok) throw new Error(`${path} does not load`);
    const s = parsed.scenario;
    return [goldenRecord(s), ...s.mistakes.map((m) => mistakesRecord(s, m.name))];
  });

  it('judges an event of a doneBy type, over every scenario’s golden and mistake runs', () => {
    let judged = 0;
    for (const record of records) {
      const bySeq = new Map(record.events.map((e) => [e.seq, e.type]));
      for (const o of [...scoreRecord(record).obligations, ...scoreRecord(record).doit]) {
        if (o.doneSeq === null || o.doneSeq === undefined) continue;
        const type = bySeq.get(o.doneSeq) as never;
        // P25(1): isolation-first judges the first containment step of any kind; not an isolation, it is violated.
        if (o.id === 'isolation-first' && o.status === 'violated') continue;
        expect(OBLIGATION_BY_ID[o.id].doneBy, `${o.id} done by ${type}`).toContain(type);
        judged++;
      }
    }
    expect(judged).toBeGreaterThan(100);
  });
});
