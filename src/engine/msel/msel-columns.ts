/**
 * The MSEL's columns: the inject fields a spreadsheet column can fill, the headers that suggest
 * them (zh-TW and English, as facilitators write them), and the saved column mapping
 * (`taipei-drill-msel-mapping/1`) that the import screen and `msel:import --map` share.
 */
import { HEADER_EN, HEADER_LANGUAGE_WORDS, HEADER_ZH } from './input-words';
import { z } from 'zod';
import type { MselCell, Words } from './msel-time';
import { bothLists, mselTables } from './msel-text';

export const INJECT_FIELDS = [
  'id',
  'time',
  'title.zh',
  'title.en',
  'message.zh',
  'message.en',
  'to',
  'channel',
  'sender',
  'senderName.zh',
  'senderName.en',
  'expected',
  'condition',
  'world',
  'notes.zh',
  'notes.en',
] as const;
export type InjectField = (typeof INJECT_FIELDS)[number];

/** The fields an inject cannot do without (the rest have documented defaults). */
export const REQUIRED_FIELDS: readonly InjectField[] = ['time', 'to'];

/** Each field's name in both languages (problems and the mapping screen say these). */
export const FIELD_NAMES = Object.fromEntries(
  INJECT_FIELDS.map((f) => [f, { zh: mselTables('zh-TW').columns.labels[f], en: mselTables('en').columns.labels[f] }]),
) as Record<InjectField, Words>;

/** The header the export writes for each field; the import suggests the same field back. */
export const EXPORT_HEADERS = mselTables('zh-TW').columns.headers satisfies Record<InjectField, string> as Record<InjectField, string>;

type Root = 'id' | 'time' | 'title' | 'message' | 'to' | 'channel' | 'sender' | 'senderName' | 'expected' | 'condition' | 'world' | 'notes';

/** Header words (normalized: lower case, no spaces) → field root. HSEEP's MSEL columns included. */
const ROOT_WORDS = Object.fromEntries(
  (Object.keys(mselTables('zh-TW').columnAliases) as Root[]).map((root) => [root, bothLists(`columnAliases.${root}`)]),
) as Record<Root, string[]>;

const BILINGUAL_ROOTS = new Set<Root>(['title', 'message', 'senderName', 'notes']);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The field a header suggests, or undefined. `時間 / Time`, `Event (en)`, `標題（英文）` all work. */
export function suggestField(header: string): InjectField | undefined {
  const raw = header.trim();
  if (raw === '') return undefined;
  const lang = HEADER_EN.test(raw) ? 'en' : HEADER_ZH.test(raw) ? 'zh' : undefined;
  const stripped = raw
    .replace(/[(（][^)）]*[)）]/g, ' ')
    .replace(HEADER_LANGUAGE_WORDS, ' ')
    .toLowerCase();
  // "時間 / Time": either side may name the field.
  const parts = stripped.split(/[/／|]/).map((p) => p.replace(/[\s_\-:：]+/g, ''));
  for (const part of parts) {
    for (const [root, words] of Object.entries(ROOT_WORDS) as [Root, string[]][]) {
      if (!words.includes(part)) continue;
      if (!BILINGUAL_ROOTS.has(root)) return root as InjectField;
      // No language mark: a Chinese header holds zh text, an English-only header English text.
      const l = lang ?? (CJK.test(raw) ? 'zh' : 'en');
      return `${root}.${l}` as InjectField;
    }
  }
  return undefined;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export const MAPPING_FORMAT = 'taipei-drill-msel-mapping/1';

/** A saved column mapping: which column fills which field. A column is named by its header text or its letter. */
export const mappingSchema = z.strictObject({
  format: z.literal(MAPPING_FORMAT, { error: `format must be "${MAPPING_FORMAT}"` }),
  /** The MSEL sheet's name; default: the first sheet that is not 情境 / Scenario. */
  sheet: z.string().min(1).optional(),
  /** 1-based row of the headers; default: the first row with two or more filled cells (within the first 20). */
  headerRow: z.number().int().positive().optional(),
  columns: z.partialRecord(z.enum(INJECT_FIELDS, { error: (iss) => `unknown field ${JSON.stringify(iss.input)}: one of ${INJECT_FIELDS.join(', ')}` }), z.string().min(1)),
});
export type MselMapping = z.infer<typeof mappingSchema>;

export type MappingResult = { ok: true; mapping: MselMapping } | { ok: false; message: string };

/** Read a mapping file's text (JSON), naming what is wrong. */
export function parseMapping(text: string, source: string): MappingResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `${source}: not JSON: ${(e as Error).message}` };
  }
  const r = mappingSchema.safeParse(value);
  if (!r.success) {
    const iss = r.error.issues[0];
    return { ok: false, message: `${source}: ${iss.path.length ? `${iss.path.join('.')}: ` : ''}${iss.message}` };
  }
  return { ok: true, mapping: r.data };
}

export const mappingText = (m: MselMapping): string => `${JSON.stringify(m, null, 2)}\n`;

const cellIsFilled = (c: MselCell): boolean => c !== null && c !== undefined && String(c).trim() !== '';

/** The header row: the first of the first 20 rows with two or more filled cells (1-based; 1 when none). */
export function findHeaderRow(rows: readonly MselCell[][]): number {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    if (rows[i].filter(cellIsFilled).length >= 2) return i + 1;
  }
  return 1;
}

/** The suggested mapping for a sheet's header row: each field to the first header that names it. */
export function suggestMapping(headers: readonly MselCell[], sheet?: string, headerRow?: number): MselMapping {
  const columns: MselMapping['columns'] = {};
  headers.forEach((h) => {
    if (!cellIsFilled(h)) return;
    const text = String(h).trim();
    const field = suggestField(text);
    if (field !== undefined && columns[field] === undefined) columns[field] = text;
  });
  return { format: MAPPING_FORMAT, ...(sheet !== undefined ? { sheet } : {}), ...(headerRow !== undefined ? { headerRow } : {}), columns };
}

/** The column index a mapping entry names (header text first, then a letter like "C"), or -1. */
export function resolveColumn(headers: readonly MselCell[], name: string): number {
  const wanted = name.trim();
  const byHeader = headers.findIndex((h) => cellIsFilled(h) && String(h).trim() === wanted);
  if (byHeader >= 0) return byHeader;
  if (/^[A-Z]{1,3}$/.test(wanted)) {
    let n = 0;
    for (const ch of wanted) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  return -1;
}
