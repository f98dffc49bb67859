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
export const AGENCY_CSV_HEADERS: Record<AgencyField, readonly string[]> = {
  name: ['機關名稱', '名稱', '機關', 'name', 'agency', 'agency name'],
  type: ['機關類型', '類型', 'type', 'agency type'],
  oversight: ['上級或監督機關', '監督機關', '上級機關', 'oversight', 'oversight bodies'],
  reportsToCentral: ['是否向中央通報', '向中央通報', '中央通報', 'reports-to-central', 'reports to central', 'reportstocentral'],
  contact: ['聯絡人', '聯絡窗口', '聯絡方式', 'contact'],
};
const REQUIRED: readonly AgencyField[] = ['name', 'type'];

/** Words for agency types as DoIT's staff write them; the ids themselves are accepted too. */
const TYPE_WORDS: Record<string, AgencyType> = {
  機關: 'agency',
  一般機關: 'agency',
  行政法人: 'administrative-corporation',
  資訊局: 'doit',
  學校: 'school',
  'administrative corporation': 'administrative-corporation',
};
const OVERSIGHT_WORDS: Record<string, OversightBody> = { 上級機關: 'superior', 上級: 'superior', 監督機關: 'supervisory', 監督: 'supervisory' };
const YES = ['是', 'y', 'yes', 'true', '1', 'v', '✓', 'o'];
const NO = ['否', 'n', 'no', 'false', '0', 'x', ''];

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
  const where = en ? `row ${e.row}${e.column ? `, column ${e.column}` : ''}` : `第 ${e.row} 列${e.column ? `，${e.column} 欄` : ''}`;
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
  const err = (row: number, column: string, zh: string, en: string) => errors.push({ source, row, column, message: { zh, en } });
  for (const e of parsed.errors) {
    // papaparse's only fatal problem for us is a quote left open; delimiter guessing is not used.
    if (e.type === 'Quotes') err((e.row ?? 0) + 1, '', `引號未成對：${e.message}`, `unmatched quote: ${e.message}`);
  }
  const header = rows[0] ?? [];
  const columnOf = new Map<AgencyField, number>();
  header.forEach((h, i) => {
    const word = norm(h);
    for (const field of Object.keys(AGENCY_CSV_HEADERS) as AgencyField[]) {
      if (AGENCY_CSV_HEADERS[field].some((w) => norm(w) === word)) {
        if (columnOf.has(field)) err(1, `${columnLetter(i)}（${h.trim()}）`, `欄位「${h.trim()}」重複`, `column "${h.trim()}" appears twice`);
        else columnOf.set(field, i);
      }
    }
  });
  for (const field of REQUIRED) {
    if (!columnOf.has(field)) {
      const words = AGENCY_CSV_HEADERS[field];
      err(1, '', `缺少必要欄位「${words[0]}」（第 1 列須為欄位名稱）`, `missing the required column "${words[words.length - 1]}" (row 1 must name the columns)`);
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
    const fail = (field: AgencyField, zh: string, en: string) => {
      bad = true;
      err(rowNo, label(field), zh, en);
    };
    const name = agencyKey(cell(row, 'name'));
    if (name === '') fail('name', '機關名稱不得空白', 'the agency name is empty');
    else {
      const first = seen.get(name);
      if (first === 0) fail('name', `機關「${name}」已在本次演練中`, `agency "${name}" is already in this exercise`);
      else if (first !== undefined) fail('name', `機關名稱「${name}」重複（第 ${first} 列已有）`, `agency name "${name}" is a duplicate (already on row ${first})`);
      else seen.set(name, rowNo);
    }
    const typeText = cell(row, 'type');
    const typeWord = norm(typeText);
    const type = (AGENCY_TYPES as readonly string[]).includes(typeWord) ? (typeWord as AgencyType) : (TYPE_WORDS[typeText.trim()] ?? TYPE_WORDS[typeWord] ?? (typeWord === 'doit' ? 'doit' : undefined));
    if (type === undefined) {
      fail(
        'type',
        typeText === '' ? '機關類型不得空白（一般機關、行政法人、資訊局或學校）' : `無法辨識機關類型「${typeText}」：須為一般機關、行政法人、資訊局或學校`,
        typeText === '' ? `the agency type is empty (one of ${AGENCY_TYPES.join(', ')})` : `unknown agency type "${typeText}": one of ${AGENCY_TYPES.join(', ')}`,
      );
    }
    const oversightText = cell(row, 'oversight');
    const oversight: OversightBody[] = [];
    for (const part of oversightText.split(/[;；、,，/／\s]+/).filter(Boolean)) {
      const w = norm(part);
      const body = (OVERSIGHT_BODIES as readonly string[]).includes(w) ? (w as OversightBody) : OVERSIGHT_WORDS[part.trim()];
      if (body === undefined) fail('oversight', `無法辨識「${part}」：須為上級機關或監督機關`, `unknown oversight body "${part}": superior or supervisory`);
      else if (!oversight.includes(body)) oversight.push(body);
    }
    const centralText = norm(cell(row, 'reportsToCentral'));
    let reportsToCentral = false;
    if (YES.includes(centralText)) reportsToCentral = true;
    else if (!NO.includes(centralText)) {
      fail('reportsToCentral', `「${cell(row, 'reportsToCentral')}」不是是或否`, `"${cell(row, 'reportsToCentral')}" is not yes or no`);
    }
    if (!bad && type !== undefined) {
      agencies.push({ name, type, oversight: oversight.length > 0 ? oversight : defaultOversight(type), reportsToCentral, contact: cell(row, 'contact') });
    }
  }
  if (errors.length > 0) return { ok: false, errors, encoding };
  if (agencies.length === 0) return { ok: false, errors: [{ source, row: 2, column: '', message: { zh: '檔案沒有任何機關', en: 'the file lists no agency' } }], encoding };
  return { ok: true, agencies, encoding };
}
