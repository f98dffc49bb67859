import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDrillRecord } from '../engine/record/parse';
import { readRecordLean } from './lean-record-read';
import { decodeUtf8 } from '../engine/record/text-input';

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
});
