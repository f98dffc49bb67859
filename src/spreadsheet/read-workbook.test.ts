// @vitest-environment node
/**
 * The file half of the MSEL import and export, with the real libraries: YAML → .xlsx → YAML for
 * every bundled scenario, a facilitator's Big5 CSV → YAML, and every bad input the issue lists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type Cell } from 'write-excel-file/universal';
import { loadScenario, parseScenario } from '../engine/scenario/parse';
import { scenarioToSheets } from '../engine/msel/msel-export';
import { importMsel, MAX_ROWS, type MselImportResult } from '../engine/msel/msel-import';
import { readWorkbook } from './read-workbook';
import { writeXlsx } from './write-workbook';

const files = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const fixture = (name: string) => {
  const b = readFileSync(new URL(`../../test/fixtures/msel/${name}`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const FACTS = { T0: '2026-03-02 09:20', level: '3', title: '萬華區公所勒索軟體', id: 'wanhua-ransomware' };

async function importFile(data: ArrayBuffer, name: string, facts: Record<string, string> = FACTS): Promise<MselImportResult> {
  const book = await readWorkbook(data, name);
  if (!book.ok) throw new Error(book.message.en);
  return importMsel(book.sheets, { fileName: name, facts });
}

async function xlsx(rows: Cell[][], extra: Array<{ sheet: string; data: Cell[][] }> = []): Promise<ArrayBuffer> {
  const blob = await writeXlsxFile([{ sheet: 'MSEL', data: rows }, ...extra] as never).toBlob();
  return blob.arrayBuffer();
}
const HEADER: Cell[] = ['時間', '狀況', '對象', '方式'];
const row = (time: Cell, text = '廠商來電', to: Cell = '通報窗口', channel: Cell = '電話'): Cell[] => [time, text, to, channel];
const errors = (r: MselImportResult) => r.problems.filter((p) => p.severity === 'error');
const warnings = (r: MselImportResult) => r.problems.filter((p) => p.severity === 'warning');

describe('YAML → .xlsx → YAML', () => {
  it.each(Object.keys(files).sort())('%s imports back unchanged', async (path) => {
    const scenario = loadScenario(files[path], path);
    const blob = await writeXlsx(scenarioToSheets(scenario));
    const book = await readWorkbook(await blob.arrayBuffer(), `${scenario.meta.id}.xlsx`);
    expect(book).toMatchObject({ ok: true, kind: 'xlsx' });
    if (!book.ok) return;
    expect(book.sheets.map((s) => s.name)).toEqual(['MSEL', '情境']);
    const r = importMsel(book.sheets, { fileName: `${scenario.meta.id}.xlsx` });
    expect(r.problems).toEqual([]);
    expect(r.scenario).toEqual(scenario);
    // And the YAML it writes is a scenario file scenarios:check accepts, equal to the original.
    const again = parseScenario(r.yaml!, 'round-trip.yaml');
    expect(again.ok && again.scenario).toEqual(scenario);
  });
});

describe('a facilitator’s CSV → YAML', () => {
  it('Big5 (Excel zh-TW) reads the same as UTF-8 and gives the committed scenario', async () => {
    const big5 = await readWorkbook(fixture('facilitator-msel-big5.csv'), 'facilitator-msel-big5.csv');
    expect(big5).toMatchObject({ ok: true, kind: 'csv', encoding: 'big5' });
    const utf8 = await readWorkbook(fixture('facilitator-msel-utf8.csv'), 'facilitator-msel-utf8.csv');
    expect(utf8).toMatchObject({ ok: true, encoding: 'utf-8' });
    if (!big5.ok || !utf8.ok) return;
    expect(big5.sheets[0].rows).toEqual(utf8.sheets[0].rows);
    const r = importMsel(big5.sheets, { fileName: 'facilitator-msel-big5.csv', facts: FACTS });
    expect(errors(r)).toEqual([]);
    expect(r.yaml).toBe(readFileSync(new URL('../../test/fixtures/msel/facilitator-msel.expected.yaml', import.meta.url), 'utf8'));
    expect(parseScenario(r.yaml!, 'x.yaml').ok).toBe(true);
    // The title row above the headers is skipped; the free-text expected action is kept in the notes, said aloud.
    expect(r.headerRow).toBe(3);
    expect(warnings(r).find((p) => p.row === 7)).toMatchObject({ column: 'C 預期行動', message: { en: expect.stringMatching(/not an event type: kept in the notes/) } });
    // Every missing fact is named in a warning, never silently guessed.
    expect(warnings(r).map((p) => p.message.en)).toEqual(expect.arrayContaining([expect.stringMatching(/no category given: defaults to "intrusion"/), expect.stringMatching(/no people/)]));
  });
});

describe('bad input: imported or rejected with the row and column, never a hang', () => {
  it('merged cells: the empty cells under a merged Player carry the value down, with a warning each', async () => {
    const data = await xlsx([HEADER, row('+00:10', 'a', { value: '通報窗口', rowSpan: 3 } as Cell), row('+00:20', 'b', null), row('+00:30', 'c', null)]);
    const r = await importFile(data, 'merged.xlsx');
    expect(errors(r)).toEqual([]);
    expect(r.scenario?.injects.map((i) => i.to)).toEqual(['reporting-contact', 'reporting-contact', 'reporting-contact']);
    expect(warnings(r).filter((p) => p.column === 'C 對象').map((p) => p.row)).toEqual([3, 4]);
  });

  it('empty rows in the middle are skipped and counted', async () => {
    const r = await importFile(await xlsx([HEADER, row('+00:10'), [null, null, null, null], [], row('+00:20')]), 'gaps.xlsx');
    expect(errors(r)).toEqual([]);
    expect(r.injectRows).toEqual([2, 5]);
    expect(warnings(r).map((p) => p.message.en)).toContain('2 empty rows skipped');
  });

  it('formulas: one without a stored value is an empty cell (rejected at its row and column); a CSV formula is named', async () => {
    const r = await importFile(await xlsx([HEADER, row({ type: 'Formula', value: 'NOW()' } as Cell)]), 'formula.xlsx');
    expect(errors(r)).toMatchObject([{ row: 2, column: 'A 時間', message: { en: 'no time given', zh: '未填時間' } }]);
    const csv = new TextEncoder().encode('時間,狀況,對象,方式\n=A1+1,x,通報窗口,電話\n');
    const c = await importFile(csv.buffer as ArrayBuffer, 'formula.csv');
    expect(errors(c)).toMatchObject([{ row: 2, column: 'A 時間', message: { en: 'the time is a formula, not a value' } }]);
  });

  it('dates stored as serial numbers are read as Taipei time, with a warning', async () => {
    const serial = 46083 + (10 * 60 + 20) / 1440; // 2026-03-02 10:20, an hour after T0 09:20
    const r = await importFile(await xlsx([HEADER, row(serial)]), 'serial.xlsx');
    expect(errors(r)).toEqual([]);
    expect(r.scenario?.injects[0].offset).toBe('+01:00');
    expect(warnings(r).find((p) => p.row === 2)?.message.en).toMatch(/serial date/);
  });

  it('a very long cell is rejected with its row and column', async () => {
    const r = await importFile(await xlsx([HEADER, row('+00:10'), row('+00:20', '很長'.repeat(3000))]), 'long.xlsx');
    expect(errors(r)).toMatchObject([{ row: 3, column: 'B 狀況', message: { en: 'the cell has 6000 characters, more than the limit of 4000' } }]);
  });

  it(`${MAX_ROWS} rows import; one more is refused`, async () => {
    const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => row(`+${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, `事件 ${i}`))];
    const r = await importFile(await xlsx(rows(MAX_ROWS)), 'big.xlsx');
    expect(errors(r)).toEqual([]);
    expect(r.scenario?.injects).toHaveLength(MAX_ROWS);
    const over = await importFile(await xlsx(rows(MAX_ROWS + 1)), 'too-big.xlsx');
    expect(errors(over)).toMatchObject([{ message: { en: `the sheet has ${MAX_ROWS + 1} rows, more than the limit of ${MAX_ROWS}` } }]);
  }, 120_000);

  it.each([
    ['a PNG image', 'msel.png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], /not a spreadsheet/],
    ['a PDF', 'msel.pdf', [...new TextEncoder().encode('%PDF-1.7\n'), 0, 1, 2], /not a spreadsheet/],
    ['an old .xls', 'msel.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], /old Excel \.xls/],
    ['text named .xlsx', 'msel.xlsx', [...new TextEncoder().encode('時間,狀況\n')], /not an Excel workbook/],
    ['a zip that is no workbook', 'msel.xlsx', [0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8], /not a readable \.xlsx workbook|cannot read the \.xlsx/],
    ['an empty file', 'msel.csv', [], /empty/],
  ])('%s is rejected, naming the file', async (_what, name, bytes, message) => {
    const r = await readWorkbook(new Uint8Array(bytes).buffer, name);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.en).toMatch(message);
      expect(r.message.en.startsWith(`${name}: `)).toBe(true);
      expect(r.message.zh.startsWith(`${name}：`)).toBe(true);
    }
  });

  it('a sheet that is not there is named, with the sheets there are', async () => {
    const book = await readWorkbook(await xlsx([HEADER, row('+00:10')]), 'x.xlsx');
    if (!book.ok) throw new Error('unreadable');
    const r = importMsel(book.sheets, { fileName: 'x.xlsx', sheet: 'Injects' });
    expect(errors(r)).toMatchObject([{ message: { en: 'no sheet "Injects"; the file has: MSEL' } }]);
  });

  it('the facts come from a 情境 sheet of key/value rows', async () => {
    const data = await xlsx([HEADER, row('+00:10')], [{ sheet: '情境', data: [['標題', '測試演練'], ['事件等級', '第3級'], ['知悉時間', '2026-05-04 22:30'], ['受影響機關', '臺北市政府教育局、臺北市政府衛生局'], ['個資', '是'], ['備援', '無備援']] }]);
    const r = await importFile(data, 'facts.xlsx', {});
    expect(errors(r)).toEqual([]);
    expect(r.scenario?.facts).toMatchObject({ referenceLevel: 3, awareness: '2026-05-04T22:30:00+08:00', affectedAgencies: ['臺北市政府教育局', '臺北市政府衛生局'], personalData: true, backup: 'none' });
    expect(r.scenario?.meta.title.zh).toBe('測試演練');
  });
});
