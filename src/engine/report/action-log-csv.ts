/**
 * The action log as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads zh-TW text as UTF-8),
 * CRLF line ends and RFC 4180 quoting. One row per event, in seq order.
 */
import type { DrillEvent } from '../record/schema';
import { parseIsoMs } from '../time/taipei';
import { describeEvent, roleName, type ReportLanguage } from './event-text';
import { reportText } from './report-text';
import { notesForEvent, readReviewNotes } from './review-notes';

export const CSV_BOM = '\uFEFF';

const COLUMNS = ['seq', 'simulated', 'real', 'role', 'person', 'event', 'description', 'data', 'notes'] as const;
const headers = (lang: ReportLanguage): string[] => COLUMNS.map((c) => reportText(lang, `csv.${c}`));

/**
 * RFC 4180: a field with a quote, comma, CR or LF is quoted and its quotes doubled.
 * WARNING: free text starting with = + - @ (or a tab / CR) would run as a formula in Excel
 * (CSV injection); such a field is prefixed with an apostrophe, which Excel shows as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** 2026-03-02T09:40:00+08:00 → 2026-03-02 09:40:00 in Taipei time (Excel reads it as a date-time). */
export function taipeiCell(iso: string | undefined): string {
  if (iso === undefined) return '';
  const ms = parseIsoMs(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + 8 * 3_600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export function actionLogCsv(record: { events: readonly DrillEvent[]; reviewNotes?: unknown }, lang: ReportLanguage): string {
  const notes = readReviewNotes(record);
  const rows = [csvRow(headers(lang))];
  for (const e of record.events) {
    rows.push(
      csvRow([
        String(e.seq),
        taipeiCell(e.at),
        taipeiCell(e.wall),
        roleName(e.actor.role, lang),
        e.actor.name ?? '',
        e.type,
        describeEvent(e, lang),
        e.data === undefined ? '' : JSON.stringify(e.data),
        notesForEvent(notes, e.seq)
          .map((n) => (n.author ? `${n.author}: ${n.text}` : n.text))
          .join('\n'),
      ]),
    );
  }
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}
