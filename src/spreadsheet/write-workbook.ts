/**
 * Sheets of cells → an .xlsx Blob, with write-excel-file's `universal` entry (browser and Node).
 * Loaded on first use (dynamic import), like the reader.
 */
import type { MselSheet } from '../engine/msel/msel-import';

export async function writeXlsx(sheets: readonly MselSheet[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  return writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.name,
      data: s.rows.map((r, i) =>
        r.map((c) => {
          if (c === null || c === undefined) return null;
          // Text cells stay text (an offset like +00:20 is never read as a number); the header row is bold.
          const value = c instanceof Date ? c : typeof c === 'number' || typeof c === 'boolean' ? c : String(c);
          return i === 0 ? { value, fontWeight: 'bold' as const } : { value, ...(typeof value === 'string' && value.includes('\n') ? { wrap: true } : {}) };
        }),
      ),
      columns: (s.rows[0] ?? []).map(() => ({ width: 24 })),
    })),
  ).toBlob();
}
