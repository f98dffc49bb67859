/// <reference lib="webworker" />
/**
 * The MSEL import off the main thread (large files): read the workbook and run the importer, post
 * the result back. The same modules run on the main thread for small files (run-import.ts).
 */
import { readWorkbook } from '@/spreadsheet/read-workbook';
import { importMsel, type MselImportOptions, type MselSheet } from '@/engine/msel/msel-import';
import type { ImportRequest, ImportResponse } from './run-import';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const req = e.data;
  try {
    let sheets: MselSheet[] | undefined = req.sheets;
    let encoding: string | undefined;
    if (!sheets && req.data) {
      const book = await readWorkbook(req.data, req.fileName);
      if (!book.ok) {
        self.postMessage({ ok: false, message: book.message } satisfies ImportResponse);
        return;
      }
      sheets = book.sheets;
      encoding = book.encoding;
    }
    const result = importMsel(sheets ?? [], req.options as MselImportOptions);
    self.postMessage({ ok: true, sheets: sheets ?? [], result, ...(encoding ? { encoding } : {}) } satisfies ImportResponse);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    self.postMessage({ ok: false, message: { zh: `${req.fileName}：${message}`, en: `${req.fileName}: ${message}` } } satisfies ImportResponse);
  }
};
