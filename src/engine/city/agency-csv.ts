/**
 * DoIT's agency list for a city exercise (issue 11), from CSV: name, type, oversight bodies,
 * reports-to-central, contact. Excel's zh-TW "CSV" is Big5 (code page 950) and its "CSV UTF-8" has a
 * byte-order mark; both are read. A file with any bad row is refused whole, each problem named by
 * row (as Excel numbers them: the header is row 1), column and what is wrong, so no agency is
 * half-created; an agency named twice (in the file, or already in the exercise) is refused.
 *
 * CSV syntax is papaparse's (RFC 4180 quoting, quoted line breaks); the meaning of each cell is here.
 */
import Papa from 'papaparse';
import { AGENCY_TYPES, OVERSIGHT_BODIES, type AgencyType, type OversightBody } from '../record/vocabulary';
import { agencyKey, defaultOversight, type CityAgency } from './exercise';
import { agencyCsvTables, cityImportText, cityImportWords } from './city-import-text';

export type CsvEncoding = 'utf-8' | 'big5';

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Big5 (Excel zh-TW). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // WARNING: not UTF-8. Excel in zh-TW saves "CSV (逗號分隔)" as Big5; nothing else is likely.
    return { text: new TextDecoder('big5').decode(bytes), encoding: 'big5' };
  }
}

export type AgencyField = 'name' | 'type' | 'oversight' | 'reportsToCentral' | 'contact';

/** Header words accepted for each field (zh-TW first, English), compared trimmed and case-blind. */
const headerWords = (field: AgencyField) => [...agencyCsvTables('zh-TW').headers[field].split('|'), ...agencyCsvTables('en').headers[field].split('|')];
export const AGENCY_CSV_HEADERS: Record<AgencyField, readonly string[]> = {
  name: headerWords('name'),
  type: headerWords('type'),
  oversight: headerWords('oversight'),
  reportsToCentral: headerWords('reportsToCentral'),
  contact: headerWords('contact'),
};
const REQUIRED: readonly AgencyField[] = ['name', 'type'];

/** Words (both languages' files) → the id they name; the ids themselves are accepted too. */
function wordTable<Id extends string>(pick: (t: ReturnType<typeof agencyCsvTables>) => Record<Id, string>): Record<string, Id> {
  const table: Record<string, Id> = {};
  for (const lang of ['zh-TW', 'en'] as const) for (const [id, words] of Object.entries(pick(agencyCsvTables(lang))) as [Id, string][]) for (const w of words.split('|')) table[w] = id;
  return table;
}
/** Words for agency types as DoIT's staff write them. */
const TYPE_WORDS = wordTable<AgencyType>((t) => t.typeWords as Record<AgencyType, string>);
const OVERSIGHT_WORDS = wordTable<OversightBody>((t) => t.oversightWords as Record<OversightBody, string>);
const bothLists = (key: 'yes' | 'no') => [...agencyCsvTables('zh-TW')[key].split('|'), ...agencyCsvTables('en')[key].split('|')];
const YES = bothLists('yes');
const NO = bothLists('no');

export interface AgencyCsvError {
  source: string;
  /** 1-based, as Excel numbers rows (the header is row 1). */
  row: number;
  /** The column as its header says, with its letter: "B（機關類型）"; empty when the problem is the row. */
  column: string;
  message: { zh: string; en: string };
}

export type AgencyCsvResult = { ok: true; agencies: CityAgency[]; encoding: CsvEncoding } | { ok: false; errors: AgencyCsvError[]; encoding: CsvEncoding };

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `file: row 3, column B（機關類型）: message` in a language. */
export function formatAgencyCsvError(e: AgencyCsvError, lang: 'zh-TW' | 'en'): string {
  const en = lang === 'en';
  const where = e.column ? cityImportText(lang, 'agencyCsv.rowColumn', { row: e.row, column: e.column }) : cityImportText(lang, 'agencyCsv.row', { row: e.row });
  return `${e.source}: ${where}: ${en ? e.message.en : e.message.zh}`;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * Reads the agency list. `existing` are names already in the exercise (a second import must not
 * add an agency twice). Bytes are decoded first (decodeCsvBytes); text is taken as it is.
 */
export function parseAgencyCsv(input: Uint8Array | string, source: string, existing: readonly string[] = []): AgencyCsvResult {
  const { text, encoding } = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' as const } : decodeCsvBytes(input);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data;
  const errors: AgencyCsvError[] = [];
  const err = (row: number, column: string, message: { zh: string; en: string }) => errors.push({ source, row, column, message });
  for (const e of parsed.errors) {
    // papaparse's only fatal problem for us is a quote left open; delimiter guessing is not used.
    if (e.type === 'Quotes') err((e.row ?? 0) + 1, '', cityImportWords('agencyCsv.unmatchedQuote', { error: e.message }));
  }
  const header = rows[0] ?? [];
  const columnOf = new Map<AgencyField, number>();
  header.forEach((h, i) => {
    const word = norm(h);
    for (const field of Object.keys(AGENCY_CSV_HEADERS) as AgencyField[]) {
      if (AGENCY_CSV_HEADERS[field].some((w) => norm(w) === word)) {
        if (columnOf.has(field)) err(1, `${columnLetter(i)}（${h.trim()}）`, cityImportWords('agencyCsv.duplicateColumn', { header: h.trim() }));
        else columnOf.set(field, i);
      }
    }
  });
  for (const field of REQUIRED) {
    if (!columnOf.has(field)) {
      const words = AGENCY_CSV_HEADERS[field];
      err(1, '', cityImportWords('agencyCsv.missingColumn', (lang) => ({ header: lang === 'en' ? words[words.length - 1] : words[0] })));
    }
  }
  if (errors.length > 0) return { ok: false, errors, encoding };

  const label = (field: AgencyField) => {
    const i = columnOf.get(field) as number;
    return `${columnLetter(i)}（${header[i].trim()}）`;
  };
  const cell = (row: string[], field: AgencyField) => {
    const i = columnOf.get(field);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const agencies: CityAgency[] = [];
  const seen = new Map<string, number>();
  for (const name of existing) seen.set(agencyKey(name), 0);

  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const rowNo = r + 1;
    if (row.every((c) => c.trim() === '')) continue; // blank lines between blocks are common in Excel files
    let bad = false;
    const fail = (field: AgencyField, message: { zh: string; en: string }) => {
      bad = true;
      err(rowNo, label(field), message);
    };
    const name = agencyKey(cell(row, 'name'));
    if (name === '') fail('name', cityImportWords('agencyCsv.nameEmpty'));
    else {
      const first = seen.get(name);
      if (first === 0) fail('name', cityImportWords('agencyCsv.alreadyInExercise', { name }));
      else if (first !== undefined) fail('name', cityImportWords('agencyCsv.duplicateName', { name, first }));
      else seen.set(name, rowNo);
    }
    const typeText = cell(row, 'type');
    const typeWord = norm(typeText);
    const type = (AGENCY_TYPES as readonly string[]).includes(typeWord) ? (typeWord as AgencyType) : (TYPE_WORDS[typeText.trim()] ?? TYPE_WORDS[typeWord] ?? (typeWord === 'doit' ? 'doit' : undefined));
    if (type === undefined) {
      fail('type', cityImportWords(typeText === '' ? 'agencyCsv.typeEmpty' : 'agencyCsv.unknownType', { text: typeText, types: AGENCY_TYPES.join(', ') }));
    }
    const oversightText = cell(row, 'oversight');
    const oversight: OversightBody[] = [];
    for (const part of oversightText.split(/[;；、,，/／\s]+/).filter(Boolean)) {
      const w = norm(part);
      const body = (OVERSIGHT_BODIES as readonly string[]).includes(w) ? (w as OversightBody) : OVERSIGHT_WORDS[part.trim()];
      if (body === undefined) fail('oversight', cityImportWords('agencyCsv.unknownOversight', { text: part }));
      else if (!oversight.includes(body)) oversight.push(body);
    }
    const centralText = norm(cell(row, 'reportsToCentral'));
    let reportsToCentral = false;
    if (YES.includes(centralText)) reportsToCentral = true;
    else if (!NO.includes(centralText)) {
      fail('reportsToCentral', cityImportWords('agencyCsv.notYesNo', { text: cell(row, 'reportsToCentral') }));
    }
    if (!bad && type !== undefined) {
      agencies.push({ name, type, oversight: oversight.length > 0 ? oversight : defaultOversight(type), reportsToCentral, contact: cell(row, 'contact') });
    }
  }
  if (errors.length > 0) return { ok: false, errors, encoding };
  if (agencies.length === 0) return { ok: false, errors: [{ source, row: 2, column: '', message: cityImportWords('agencyCsv.noAgency') }], encoding };
  return { ok: true, agencies, encoding };
}
