/**
 * A file's bytes → sheets of cells, for the MSEL importer (src/engine/msel). Runs in the browser
 * (the import screen, in a Web Worker for large files) and in Node (`npm run msel:import`).
 *
 * - .xlsx: read-excel-file's `universal` entry (ArrayBuffer in, no DOM, no Node built-ins).
 * - .csv: papaparse; UTF-8 (with or without BOM) or, when the bytes are not UTF-8, Excel's zh-TW
 *   "Big5" (TextDecoder('big5') — the WHATWG Big5 that browsers and Node 20 share).
 * - anything else (an old .xls, a PDF, an image): rejected, naming the file and what it is.
 *
 * The libraries load on first use (dynamic import), so the app's first screen never carries them.
 */
import type { MselCell } from '../engine/msel/msel-time';
import type { MselSheet } from '../engine/msel/msel-import';
import { cityImportText, cityImportWords, type CityImportKey } from '../engine/city/city-import-text';

export type ReadWorkbookResult = { ok: true; sheets: MselSheet[]; encoding?: 'utf-8' | 'big5'; kind: 'xlsx' | 'csv' } | { ok: false; message: { zh: string; en: string } };

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Drop empty rows at the end (a CSV's last line break, Excel's formatted-but-empty rows). */
function trimEnd(rows: MselCell[][]): MselCell[][] {
  let n = rows.length;
  while (n > 0 && rows[n - 1].every((c) => c === null || c === undefined || String(c).trim() === '')) n--;
  return rows.slice(0, n);
}

/** Text of a CSV's bytes: UTF-8 when it decodes as such, else Big5. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'big5' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('big5').decode(bytes), encoding: 'big5' };
  }
}

export async function readWorkbook(data: ArrayBuffer, fileName: string): Promise<ReadWorkbookResult> {
  const bytes = new Uint8Array(data);
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const bad = (key: CityImportKey, params: Record<string, string | number> = {}): ReadWorkbookResult => ({
    ok: false,
    message: cityImportWords('workbook.inFile', (lang) => ({ file: fileName, message: cityImportText(lang, key, params) })),
  });
  if (bytes.length === 0) return bad('workbook.empty');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return bad('workbook.oldXls');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const { default: readXlsx, InvalidInputError, InvalidSpreadsheetError } = await import('read-excel-file/universal');
    try {
      const sheets = await readXlsx(data);
      return {
        ok: true,
        kind: 'xlsx',
        sheets: sheets.map((s) => ({ name: s.sheet, rows: trimEnd(s.data.map((r) => r.map((c) => c as MselCell))) })),
      };
    } catch (e) {
      if (e instanceof InvalidInputError || e instanceof InvalidSpreadsheetError) return bad('workbook.unreadableXlsx', { error: (e as Error).message });
      return bad('workbook.cannotReadXlsx', { error: (e as Error).message });
    }
  }
  if (ext === 'xlsx') return bad('workbook.notXlsx');
  // A text file has no NUL bytes; PDFs, images and archives do (or start with a known signature).
  const head = bytes.subarray(0, 8192);
  if (head.includes(0) || startsWith(bytes, [0x25, 0x50, 0x44, 0x46]) || startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return bad('workbook.notSpreadsheet');
  }
  const { text, encoding } = decodeCsv(bytes);
  const { default: Papa } = await import('papaparse');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) return bad('workbook.csvQuote', { row: (fatal.row ?? 0) + 1, error: fatal.message });
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'CSV';
  return { ok: true, kind: 'csv', encoding, sheets: [{ name, rows: trimEnd(parsed.data.map((r) => r.map((c) => c as MselCell))) }] };
}
