/**
 * Read a spreadsheet and run the MSEL importer: in a Web Worker when the file is large (so the page
 * never freezes), on the main thread otherwise. The spreadsheet code loads only here, on demand.
 */
import type { MselImportOptions, MselImportResult, MselSheet } from '@/engine/msel/msel-import';
import { mselWords } from '@/engine/msel/msel-text';

/** Files above this size are read in a worker (a 2 000-row .xlsx is about 100 KB). */
export const WORKER_BYTES = 64 * 1024;
/** Re-running a mapping over this many rows also goes to the worker. */
export const WORKER_ROWS = 1_000;

export interface ImportRequest {
  fileName: string;
  data?: ArrayBuffer;
  sheets?: MselSheet[];
  options: MselImportOptions;
}

export type ImportResponse =
  | { ok: true; sheets: MselSheet[]; result: MselImportResult; encoding?: string }
  | { ok: false; message: { zh: string; en: string } };

function inWorker(req: ImportRequest): Promise<ImportResponse> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ImportResponse>) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => {
      resolve({ ok: false, message: mselWords('runImport.workerFailed', { file: req.fileName, error: e.message }) });
      worker.terminate();
    };
    worker.postMessage(req, req.data ? [req.data] : []);
  });
}

async function onMainThread(req: ImportRequest): Promise<ImportResponse> {
  const [{ readWorkbook }, { importMsel }] = await Promise.all([import('@/spreadsheet/read-workbook'), import('@/engine/msel/msel-import')]);
  let sheets = req.sheets;
  let encoding: string | undefined;
  if (!sheets && req.data) {
    const book = await readWorkbook(req.data, req.fileName);
    if (!book.ok) return { ok: false, message: book.message };
    sheets = book.sheets;
    encoding = book.encoding;
  }
  const result = importMsel(sheets ?? [], req.options);
  return { ok: true, sheets: sheets ?? [], result, ...(encoding ? { encoding } : {}) };
}

/** Whether this request goes to a worker. */
export const goesToWorker = (req: ImportRequest): boolean =>
  typeof Worker !== 'undefined' && ((req.data?.byteLength ?? 0) > WORKER_BYTES || (req.sheets ?? []).reduce((n, s) => n + s.rows.length, 0) > WORKER_ROWS);

export function runImport(req: ImportRequest): Promise<ImportResponse> {
  return goesToWorker(req) ? inWorker(req) : onMainThread(req);
}
