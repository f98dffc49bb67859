/**
 * Shared helpers of the command-line tools: read a drill record file into a validated record, or a
 * message that names the file, the JSON path and what is wrong (drill-record.md: exit 2).
 */
import { formatRecordErrors, parseDrillRecord } from '../engine/record/parse';
import type { DrillRecord } from '../engine/record/schema';
import { MAX_RECORD_BYTES } from '../engine/record/text-input';
import { readInputFile } from './safe-read';
import { readRecordLean } from './lean-record-read';
import { statSync } from 'node:fs';

/** Records above this size go through the lean reader first. */
const LEAN_FROM_BYTES = 16 * 1024 * 1024;

function isLarge(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size > LEAN_FROM_BYTES && st.size <= MAX_RECORD_BYTES;
  } catch {
    return false;
  }
}

/** Exit code for an unreadable or invalid record (drill-record.md, "The scoring command"). */
export const EXIT_INVALID = 2;

export type ReadRecordResult = { ok: true; record: DrillRecord } | { ok: false; message: string };

export function readRecordFile(path: string): ReadRecordResult {
  // A large, valid record is read in chunks, never whole (peak memory: issue 10); anything the lean
  // path is unsure of is read the ordinary way, which words the error.
  const lean = isLarge(path) ? readRecordLean(path) : null;
  if (lean !== null) return { ok: true, record: lean };
  const read = readInputFile(path, MAX_RECORD_BYTES);
  if (!read.ok) return read;
  const parsed = parseDrillRecord(read.text, path);
  if (!parsed.ok) return { ok: false, message: formatRecordErrors(parsed.errors) };
  return { ok: true, record: parsed.record };
}

/** Pads to a display width, counting East Asian wide characters as two columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
