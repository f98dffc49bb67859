import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRecordErrors, parseDrillRecord } from '../engine/record/parse';
import { readRecordLean } from './lean-record-read';
import { decodeUtf8 } from '../engine/record/text-input';
import { scoreRecord } from '../engine/scoring/score';
import { sealRecord, verifyRecord } from '../engine/integrity/hash-chain';
import { parseScenario } from '../engine/scenario/parse';
import { goldenRecord, mistakesRecord } from '../engine/scenario/play';
import type { DrillRecord } from '../engine/record/schema';

// Every record the project has as a fixture: the lean reader agrees with the ordinary one, or says
// "not sure" (null) so the ordinary one words the error; it never accepts what the parser refuses.
const files = ['test/fixtures/records', 'test/fixtures/conformance', 'test/fixtures/hostile/records', 'test/fixtures/tampering']
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json') && f !== 'test-keys.json').map((f) => join(dir, f)));

describe('lean record reader', () => {
  it('covers the fixtures', () => expect(files.length).toBeGreaterThan(30));

  it('refuses what is not JSON between the elements', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lean-'));
    const good = readFileSync('test/fixtures/records/good.json', 'utf8');
    const record = JSON.parse(good);
    const body = (events: string) => JSON.stringify({ ...record, events: [] }).replace('"events":[]', `"events":${events}`);
    const e = record.events.map((x: unknown) => JSON.stringify(x));
    for (const [name, text] of [
      ['leading-comma', body(`[,${e.join(',')}]`)],
      ['double-comma', body(`[${e[0]},,${e.slice(1).join(',')}]`)],
      ['trailing-comma', body(`[${e.join(',')},]`)],
      ['missing-comma', body(`[${e[0]} ${e.slice(1).join(',')}]`)],
      ['member-trailing-comma', good.replace(/\}\s*$/, ',}')],
      ['two-records', good + good],
    ] as const) {
      writeFileSync(join(dir, name), text);
      expect(readRecordLean(join(dir, name)), name).toBeNull();
    }
    writeFileSync(join(dir, 'spaced'), body(` [ ${e.join(' ,\n ')} ] `));
    expect(readRecordLean(join(dir, 'spaced'))).not.toBeNull();
  });

  for (const file of files) {
    it(`${file}: same record as the parser, or null when the parser refuses it`, () => {
      const text = decodeUtf8(new Uint8Array(readFileSync(file)), file);
      const full = text.ok ? parseDrillRecord(text.text, file) : { ok: false as const };
      const lean = readRecordLean(file);
      if (full.ok) expect(lean).toEqual(full.record);
      else expect(lean).toBeNull();
    });
  }

  // The big-file path (issue 10) must give the record, the score and the seal's verdict that the
  // ordinary path gives, for every scenario's golden run and each of its named mistakes, sealed.
  describe('golden and mistake runs of every scenario: same record, score and seal', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lean-runs-'));
    const runs: Array<[string, DrillRecord]> = [];
    for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml')).sort()) {
      const parsed = parseScenario(readFileSync(join('scenarios', f), 'utf8'), f);
      if (!parsed.ok) throw new Error(`${f} does not parse`);
      const scenario = parsed.scenario;
      runs.push([`${f} golden`, goldenRecord(scenario)]);
      for (const m of scenario.mistakes) runs.push([`${f} ${m.name}`, mistakesRecord(scenario, m.name)]);
    }
    it('has runs', () => expect(runs.length).toBeGreaterThan(30));
    it.each(runs.map(([name, record], i) => [name, record, i] as const))('%s', (_name, record, i) => {
      const file = join(dir, `run-${i}.json`);
      const sealed = sealRecord(record, '2026-03-02T12:00:00+08:00');
      writeFileSync(file, JSON.stringify(sealed, null, i % 2 === 0 ? 2 : undefined));
      const lean = readRecordLean(file);
      const full = parseDrillRecord(readFileSync(file, 'utf8'), file);
      if (!full.ok) throw new Error(`run ${i} does not parse`);
      expect(lean).toEqual(full.record);
      expect(scoreRecord(lean as DrillRecord)).toEqual(scoreRecord(full.record));
      expect(scoreRecord(lean as DrillRecord, { evaluateAt: full.record.events[Math.floor(full.record.events.length / 2)].at })).toEqual(
        scoreRecord(full.record, { evaluateAt: full.record.events[Math.floor(full.record.events.length / 2)].at }),
      );
      expect(verifyRecord(lean as DrillRecord)).toEqual(verifyRecord(full.record));
      expect(verifyRecord(lean as DrillRecord).status).toBe('self-sealed');
    });
  });

  it('a seal read member by member (its hashes element by element) reads as the parser reads it, or not at all', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lean-seal-'));
    const sealed = readFileSync('test/fixtures/tampering/signed-intact.json', 'utf8');
    const compact = JSON.stringify(JSON.parse(sealed));
    const h = JSON.parse(sealed).integrity.hashes as string[];
    const variants: Array<[string, string, 'same' | 'same-or-null' | 'refused']> = [
      ['as written', sealed, 'same'],
      ['compact', compact, 'same'],
      ['no hashes', compact.replace(/"hashes":\[[^\]]*\]/, '"hashes":[]'), 'same'],
      ['hashes not an array', compact.replace(/"hashes":\[[^\]]*\]/, '"hashes":"x"'), 'same'],
      ['hashes twice', compact.replace(/"hashes":\[/, `"hashes":["${h[0]}"],"hashes":[`), 'same-or-null'],
      ['integrity empty', compact.replace(/"integrity":\{.*\}\}$/, '"integrity":{}}'), 'same-or-null'],
      ['integrity a string', compact.replace(/"integrity":\{.*\}\}$/, '"integrity":"x"}'), 'same'],
      ['integrity first', `{"integrity":${JSON.stringify(JSON.parse(sealed).integrity)},${compact.slice(1).replace(/,"integrity":\{.*\}\}$/, '}')}`, 'same'],
      ['trailing comma in hashes', compact.replace(/"hashes":\[([^\]]*)\]/, '"hashes":[$1,]'), 'refused'],
      ['missing comma in hashes', compact.replace(`"${h[0]}",`, `"${h[0]}" `), 'refused'],
      ['unclosed integrity', compact.slice(0, -1), 'refused'],
      ['seal closed twice', compact + '}', 'refused'],
    ];
    for (const [name, text, expected] of variants) {
      const file = join(dir, `${name.replace(/ /g, '-')}.json`);
      writeFileSync(file, text);
      const full = parseDrillRecord(text, file);
      const lean = readRecordLean(file);
      if (expected === 'refused') {
        expect(full.ok, name).toBe(false);
        expect(lean, name).toBeNull();
        continue;
      }
      if (!full.ok) throw new Error(`${name}: ${formatRecordErrors(full.errors)}`);
      if (expected === 'same' || lean !== null) expect(lean, name).toEqual(full.record);
      if (lean !== null) expect(verifyRecord(lean), name).toEqual(verifyRecord(full.record));
    }
  });

  it('a long record with repeated and unique data reads the same; equal values are shared, not copied', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const good = JSON.parse(readFileSync('test/fixtures/records/good.json', 'utf8')) as DrillRecord;
    const events = [...good.events.filter((e) => e.type !== 'drill.ended')];
    let seq = Math.max(...events.map((e) => e.seq));
    const at = events[events.length - 1].at;
    for (let k = 0; k < 6000; k++) {
      // Repeated notes, unique notes, and the same data written with its keys in another order.
      const data = k % 3 === 0 ? { text: 'same note' } : k % 3 === 1 ? { text: `note ${k}` } : { to: ['commander'], extra: 1 };
      events.push({ seq: ++seq, at, actor: { role: 'facilitator', name: k % 2 ? 'A' : 'B' }, type: k % 3 === 2 ? 'progress.reported' : 'note.added', data } as DrillRecord['events'][number]);
    }
    const record = sealRecord({ ...good, events });
    const file = join(mkdtempSync(join(tmpdir(), 'lean-long-')), 'long.json');
    writeFileSync(file, JSON.stringify(record));
    const lean = readRecordLean(file) as DrillRecord;
    const full = parseDrillRecord(readFileSync(file, 'utf8'), file);
    if (!full.ok) throw new Error('does not parse');
    expect(lean).toEqual(full.record);
    const a = JSON.stringify(lean), b = JSON.stringify(full.record); let d = 0; while (d < a.length && a[d] === b[d]) d++; expect(a.slice(Math.max(0, d - 80), d + 80)).toBe(b.slice(Math.max(0, d - 80), d + 80));
    expect(scoreRecord(lean)).toEqual(scoreRecord(full.record));
    expect(verifyRecord(lean).status).toBe('self-sealed');
    const same = lean.events.filter((e) => (e.data as { text?: string }).text === 'same note');
    expect(same.length).toBe(2000);
    expect(new Set(same.map((e) => e.data)).size).toBe(1);
  });
});
