/**
 * Spreadsheet rows → a scenario (taipei-drill-scenario/1), with every row's problems.
 *
 * Pure: the rows come from whatever read the file (read-excel-file for .xlsx, papaparse for .csv:
 * src/spreadsheet/), so the browser's import screen and `npm run msel:import` run this same code.
 * The result is checked with the same schema and cross-field checks as a YAML file
 * (validateScenarioValue), and each problem is mapped back to its sheet, row and column, in zh-TW
 * and English. docs/msel-import.md documents the columns, the time forms and the defaults.
 */
import { termWords } from '../text/glossary';
import { channelWord, CONDITION, CONDITION_UNLESS, FACTS_HEADER_ROW, roleWord, SENDER_PATTERNS } from './input-words';
import { parse as parseYaml } from 'yaml';
import { scenarioYaml } from './msel-yaml';
import { EVENT_TITLES, ROLE_NAMES } from '../report/event-text';
import { ACTOR_ROLES, EVENT_TYPES, type ActorRole } from '../record/vocabulary';
import { INJECT_CHANNELS } from '../drill/inject';
import { validateScenarioValue } from '../scenario/parse';
import { SENDERS, type Scenario } from '../scenario/schema';
import { formatOffset } from '../scenario/offset';
import { goldenRecord, mistakesRecord } from '../scenario/play';
import { scoreRecord } from '../scoring/score';
import {
  columnLetter,
  FIELD_NAMES,
  findHeaderRow,
  INJECT_FIELDS,
  REQUIRED_FIELDS,
  resolveColumn,
  suggestMapping,
  type InjectField,
  type MselMapping,
} from './msel-columns';
import { factKeyOf, FACT_KEYS, getPath, isFactsSheet, readFact, setPath } from './msel-facts';
import { parseMselTime, type MselCell, type Words } from './msel-time';
import { mselText, mselWords } from './msel-text';

/** The facts sheet's name when the file has none (the export writes the same). */
const FACTS_SHEET_NAME = mselText('zh-TW', 'export.factsSheet');

export interface MselSheet {
  name: string;
  rows: MselCell[][];
}

export interface MselProblem {
  severity: 'error' | 'warning';
  sheet?: string;
  /** 1-based row in the sheet, as the spreadsheet numbers it. */
  row?: number;
  /** The column letter and header, e.g. `C 對象`. */
  column?: string;
  message: Words;
}

export interface MselImportOptions {
  /** The file's name, for the default scenario id and title and for messages. */
  fileName: string;
  /** The MSEL sheet (overrides the mapping's). */
  sheet?: string;
  mapping?: MselMapping;
  /** Facts from flags or the screen, by any key the 情境 sheet accepts; they override the sheet. */
  facts?: Record<string, string>;
}

export interface MselImportResult {
  ok: boolean;
  scenario?: Scenario;
  /** The scenario as YAML, when ok. */
  yaml?: string;
  problems: MselProblem[];
  sheets: string[];
  sheet: string;
  headerRow: number;
  headers: string[];
  mapping: MselMapping;
  /** Data rows read (empty rows not counted). */
  rowsRead: number;
  /** The sheet row each inject came from, by inject index (the editor shows it). */
  injectRows: number[];
  /**
   * The scenario as far as it could be read, problems included (an unknown role stays as written):
   * the editor opens it and validates it live. Absent when no sheet could be read at all.
   */
  draft?: Record<string, unknown>;
}

/** At most this many data rows; more is refused (a scenario is a drill, not a log). */
export const MAX_ROWS = 10_000;
/** At most this many characters in a cell (Excel's own limit is 32 767). */
export const MAX_CELL_CHARS = 4_000;

/** The defaults a missing fact gets, each with a warning (docs/msel-import.md). */
export const FACT_DEFAULTS: Record<string, unknown> = {
  'meta.agency.name.zh': mselText('zh-TW', 'import.defaults.agencyName'),
  'meta.agency.name.en': mselText('en', 'import.defaults.agencyName'),
  'meta.agency.type': 'agency',
  'facts.category': 'intrusion',
  'facts.referenceLevel': 2,
  'facts.levelReasoning.zh': mselText('zh-TW', 'import.defaults.levelReasoning'),
  'facts.levelReasoning.en': mselText('en', 'import.defaults.levelReasoning'),
  'facts.affectedAgencies': [],
  'facts.personalData': false,
  'facts.malware': false,
  'facts.backup': 'available',
  'facts.tolerableDowntime': '8h',
  'facts.awareness': '2026-03-02T09:00:00+08:00',
};

/** The default team when the 情境 sheet gives no meta.people: every Att.3 role and the CISO's desk held. */
export const DEFAULT_PEOPLE = (
  [
    ['agency-head', ['commander']],
    ['ciso', ['executive-secretary', 'ciso']],
    ['it-unit-head', ['intel-planning']],
    ['security-officer', ['reporting-contact']],
    ['affected-unit-head', ['response-execution']],
    ['press-officer', ['press-contact']],
  ] as const
).map(([position, roles]) => ({
  name: mselText('zh-TW', `import.defaultTeam.${position}.name`),
  post: termWords('positions', position),
  position,
  roles: [...roles],
}));


/** A default as a zh-TW message shows it: text as is, a list joined with 、 (無 when empty). */
const shown = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? (v.length ? v.join('、') : mselText('zh-TW', 'import.shown.none')) : v === true ? mselText('zh-TW', 'import.shown.yes') : v === false ? mselText('zh-TW', 'import.shown.no') : String(v));

const cellText = (c: MselCell): string => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c)).trim();
const filled = (c: MselCell): boolean => cellText(c) !== '';
const CJK = /[\u3400-\u9fff]/;

function roleOf(text: string): ActorRole | undefined {
  const t = text.trim();
  const lower = t.toLowerCase();
  if ((ACTOR_ROLES as readonly string[]).includes(lower)) return lower as ActorRole;
  for (const role of ACTOR_ROLES) {
    const n = ROLE_NAMES[role];
    if (n.zh === t || n.en.toLowerCase() === lower) return role;
  }
  return roleWord(t);
}

function channelOf(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if ((INJECT_CHANNELS as readonly string[]).includes(lower)) return lower;
  return channelWord(text);
}

function eventTypeOf(text: string): string | undefined {
  const t = text.trim();
  if ((EVENT_TYPES as readonly string[]).includes(t)) return t;
  for (const [type, w] of Object.entries(EVENT_TITLES)) if (w.zh === t || w.en.toLowerCase() === t.toLowerCase()) return type;
  return undefined;
}

interface RowContext {
  row: number;
  problem: (field: InjectField | undefined, severity: MselProblem['severity'], message: Words) => void;
}

/** An expected-action cell: YAML, or one action a line as `type [role] [within]`; other lines are kept as notes. */
function readExpected(text: string, to: string | undefined, t0Ms: number, ctx: RowContext): { expected: unknown[]; freeText: string[] } {
  if (/^[[{]/.test(text)) {
    try {
      const v = parseYaml(text) as unknown;
      return { expected: Array.isArray(v) ? v : [v], freeText: [] };
    } catch (e) {
      ctx.problem('expected', 'error', mselWords('import.yaml', { error: (e as Error).message.split('\n')[0] }));
      return { expected: [], freeText: [] };
    }
  }
  const expected: unknown[] = [];
  const freeText: string[] = [];
  for (const line of text.split(/[\n;；]+/).map((l) => l.trim()).filter((l) => l !== '')) {
    const m = /^([a-z]+(?:\.[a-z]+)+)\b\s*(.*)$/.exec(line);
    if (!m) {
      const type = eventTypeOf(line);
      if (type) expected.push({ type, role: to ?? 'facilitator' });
      else freeText.push(line);
      continue;
    }
    const [, typeText, rest] = m;
    if (!(EVENT_TYPES as readonly string[]).includes(typeText)) {
      ctx.problem('expected', 'error', mselWords('import.unknownEventType', { type: typeText }));
      continue;
    }
    const action: Record<string, unknown> = { type: typeText };
    for (const token of rest.split(/[\s,，]+/).filter((x) => x !== '')) {
      const role = roleOf(token);
      if (role) {
        action.role = role;
        continue;
      }
      const time = parseMselTime(token, t0Ms);
      if (time.ok) {
        action.within = time.offset;
        continue;
      }
      ctx.problem('expected', 'error', mselWords('import.neitherRoleNorTime', { line, token }));
    }
    action.role ??= to ?? 'facilitator';
    expected.push(action);
  }
  if (freeText.length > 0) {
    ctx.problem('expected', 'warning', mselWords('import.notEventType', (lang) => ({ text: freeText.join(lang === 'en' ? '; ' : '；').slice(0, 60) })));
  }
  return { expected, freeText };
}

function readCondition(text: string, ctx: RowContext): unknown {
  const words = CONDITION.exec(text);
  if (words && !/^[[{]/.test(text)) {
    const items = words[2].split(/[、,，\s]+/).filter((x) => x !== '');
    const unless = CONDITION_UNLESS.test(words[1]);
    return unless ? { unlessHappened: items } : { ifHappened: items };
  }
  try {
    return parseYaml(text) as unknown;
  } catch (e) {
    ctx.problem('condition', 'error', mselWords('import.condition', { error: (e as Error).message.split('\n')[0] }));
    return undefined;
  }
}

function readWorld(text: string, ctx: RowContext): unknown {
  try {
    const v = parseYaml(text) as unknown;
    return Array.isArray(v) ? v : [v];
  } catch (e) {
    ctx.problem('world', 'error', mselWords('import.world', { error: (e as Error).message.split('\n')[0] }));
    return undefined;
  }
}

const kebab = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'imported-msel';

/** Map an issue path from the schema back to the inject field (and so the column) it came from. */
function fieldOfPath(path: (string | number)[]): InjectField | undefined {
  const [, , key, sub] = path;
  switch (key) {
    case 'offset':
      return 'time';
    case 'title':
    case 'message':
    case 'notes':
    case 'senderName':
      return (sub === 'en' ? `${key}.en` : `${key}.zh`) as InjectField;
    case 'id':
    case 'to':
    case 'channel':
    case 'sender':
    case 'expected':
    case 'condition':
    case 'world':
      return key;
    default:
      return undefined;
  }
}

/** Import one workbook. Never throws on bad content: every problem is in `problems`. */
export function importMsel(sheets: readonly MselSheet[], options: MselImportOptions): MselImportResult {
  const problems: MselProblem[] = [];
  const names = sheets.map((s) => s.name);
  const wanted = options.sheet ?? options.mapping?.sheet;
  const factsSheet = sheets.find((s) => isFactsSheet(s.name));
  const mselSheet = wanted !== undefined ? sheets.find((s) => s.name === wanted) : (sheets.find((s) => !isFactsSheet(s.name)) ?? sheets[0]);
  const empty = (message: Words): MselImportResult => ({
    ok: false,
    problems: [{ severity: 'error', message }],
    sheets: names,
    sheet: wanted ?? '',
    headerRow: 1,
    headers: [],
    mapping: options.mapping ?? suggestMapping([]),
    rowsRead: 0,
    injectRows: [],
  });
  if (sheets.length === 0) return empty(mselWords('import.noSheets'));
  if (mselSheet === undefined) return empty(mselWords('import.noSheet', (lang) => ({ wanted: String(wanted), names: names.join(lang === 'en' ? ', ' : '、') })));
  const sheet = mselSheet.name;

  // --- Facts: the 情境 sheet, then the flags, then defaults with a warning each.
  const value: Record<string, unknown> = { format: 'taipei-drill-scenario/1' };
  const factRow = new Map<string, number>();
  const setFact = (key: string, cell: MselCell, where: { sheet?: string; row?: number }) => {
    const fk = factKeyOf(key);
    if (!fk) {
      problems.push({ severity: 'warning', ...where, column: 'A', message: mselWords('import.unknownFactKey', { key }) });
      return;
    }
    const r = readFact(fk.kind, cell);
    if (!r.ok) {
      problems.push({ severity: 'error', ...where, column: 'B', message: { zh: `${key}：${r.message.zh}`, en: `${key}: ${r.message.en}` } });
      return;
    }
    if (fk.kind === 'text' && r.value === '') return;
    setPath(value, fk.path, r.value);
    if (where.row !== undefined) factRow.set(fk.path.split('.').slice(0, 2).join('.'), where.row);
  };
  if (factsSheet) {
    factsSheet.rows.forEach((r, i) => {
      if (!filled(r[0]) && !filled(r[1])) return;
      const key = cellText(r[0]);
      if (i === 0 && FACTS_HEADER_ROW.test(key)) return; // a header row
      if (key === '') {
        problems.push({ severity: 'error', sheet: factsSheet.name, row: i + 1, column: 'A', message: mselWords('import.valueWithoutKey') });
        return;
      }
      setFact(key, r[1] ?? null, { sheet: factsSheet.name, row: i + 1 });
    });
  }
  for (const [key, v] of Object.entries(options.facts ?? {})) setFact(key, v, {});

  const fileStem = options.fileName.replace(/^.*[\\/]/, '');
  const defaults: Record<string, unknown> = {
    'meta.id': kebab(fileStem),
    'meta.title.zh': fileStem.replace(/\.[^.]+$/, ''),
    ...FACT_DEFAULTS,
  };
  const missing: string[] = [];
  for (const [path, d] of Object.entries(defaults)) {
    if (getPath(value, path) !== undefined) continue;
    setPath(value, path, d);
    const label = FACT_KEYS.find((f) => f.path === path)?.label ?? { zh: path, en: path };
    missing.push(path);
    problems.push({
      severity: 'warning',
      sheet: factsSheet?.name ?? FACTS_SHEET_NAME,
      message: mselWords('import.factDefault', (lang) => (lang === 'en' ? { label: label.en, value: JSON.stringify(d) } : { label: label.zh, value: shown(d) })),
    });
  }
  // Second-language texts and structure that follow from the first without a guess.
  const copyLang = (path: string, label: Words) => {
    const zh = getPath(value, `${path}.zh`);
    const en = getPath(value, `${path}.en`);
    if (typeof zh === 'string' && en === undefined) {
      setPath(value, `${path}.en`, zh);
      if (!missing.includes(`${path}.zh`)) problems.push({ severity: 'warning', sheet: factsSheet?.name ?? FACTS_SHEET_NAME, message: mselWords('import.noEnglish', (lang) => ({ label: lang === 'en' ? label.en : label.zh })) });
    }
  };
  copyLang('meta.title', mselWords('import.words.title'));
  if (getPath(value, 'meta.summary') === undefined) setPath(value, 'meta.summary', { ...(getPath(value, 'meta.title') as object) });
  copyLang('meta.summary', mselWords('import.words.summary'));
  copyLang('meta.agency.name', mselWords('import.words.agencyName'));
  const agency = getPath(value, 'meta.agency') as Record<string, unknown>;
  const school = agency.type === 'school';
  for (const [k, d] of Object.entries({ hasItUnit: true, hasSecurityOfficer: true, reportsToCentral: school, oversight: ['superior'] })) agency[k] ??= d;
  if (getPath(value, 'meta.objectives') === undefined) {
    setPath(value, 'meta.objectives', [mselWords('import.defaults.objective')]);
  }
  if (getPath(value, 'meta.people') === undefined) {
    setPath(value, 'meta.people', DEFAULT_PEOPLE.map((p) => ({ ...p, roles: [...p.roles] })));
    problems.push({ severity: 'warning', sheet: factsSheet?.name ?? FACTS_SHEET_NAME, message: mselWords('import.defaultTeamUsed') });
  }

  const awareness = getPath(value, 'facts.awareness');
  const t0Ms = typeof awareness === 'string' ? Date.parse(awareness) : NaN;
  const t0 = Number.isNaN(t0Ms) ? Date.parse(FACT_DEFAULTS['facts.awareness'] as string) : t0Ms;

  // --- The MSEL sheet: header row, mapping, rows.
  const rows = mselSheet.rows;
  const headerRow = options.mapping?.headerRow ?? findHeaderRow(rows);
  const headerCells = rows[headerRow - 1] ?? [];
  const headers = headerCells.map(cellText);
  const mapping: MselMapping = options.mapping
    ? { ...options.mapping, sheet }
    : { ...suggestMapping(headerCells, sheet, headerRow) };
  const columnOf = new Map<InjectField, number>();
  for (const field of INJECT_FIELDS) {
    const name = mapping.columns[field];
    if (name === undefined) continue;
    const idx = resolveColumn(headerCells, name);
    if (idx < 0) {
      problems.push({ severity: 'error', sheet, row: headerRow, message: mselWords('import.mappedColumnMissing', (lang) => ({ name, field: lang === 'en' ? FIELD_NAMES[field].en : FIELD_NAMES[field].zh })) });
      continue;
    }
    columnOf.set(field, idx);
  }
  for (const field of REQUIRED_FIELDS) {
    if (!columnOf.has(field) && !mapping.columns[field]) {
      problems.push({ severity: 'error', sheet, row: headerRow, message: mselWords('import.fieldNotMapped', (lang) => ({ field: lang === 'en' ? FIELD_NAMES[field].en : FIELD_NAMES[field].zh })) });
    }
  }
  if (!columnOf.has('message.zh') && !columnOf.has('message.en') && !columnOf.has('title.zh') && !columnOf.has('title.en')) {
    problems.push({ severity: 'error', sheet, row: headerRow, message: mselWords('import.noEventOrTitleColumn') });
  }
  const colLabel = (field: InjectField | undefined): string | undefined => {
    if (field === undefined) return undefined;
    const idx = columnOf.get(field);
    return idx === undefined ? FIELD_NAMES[field].en : `${columnLetter(idx)} ${headers[idx] ?? ''}`.trim();
  };
  for (const lang of ['en', 'zh'] as const) {
    const other = lang === 'en' ? 'zh' : 'en';
    for (const root of ['title', 'message'] as const) {
      if (!columnOf.has(`${root}.${lang}`) && columnOf.has(`${root}.${other}`)) {
        problems.push({
          severity: 'warning',
          sheet,
          row: headerRow,
          message: mselWords('import.missingLangColumn', (say) => ({
            what: mselText(say, root === 'title' ? 'import.words.title' : 'import.words.event'),
            lang: mselText(say, lang === 'en' ? 'import.words.langEn' : 'import.words.langZh'),
            other: mselText(say, other === 'en' ? 'import.words.langEn' : 'import.words.langZh'),
          })),
        });
      }
    }
  }
  const mappingBroken = problems.some((p) => p.severity === 'error' && p.row === headerRow && p.sheet === sheet);

  const dataRows = rows.length - headerRow;
  if (dataRows > MAX_ROWS) {
    problems.push({ severity: 'error', sheet, message: mselWords('import.tooManyRows', { rows: dataRows, max: MAX_ROWS }) });
  }

  const injects: Record<string, unknown>[] = [];
  const injectRows: number[] = [];
  let rowsRead = 0;
  let emptyRows = 0;
  const carried = new Map<InjectField, { text: string; row: number }>();
  if (!mappingBroken && dataRows <= MAX_ROWS) {
    for (let i = headerRow; i < rows.length; i++) {
      const cells = rows[i];
      const rowNo = i + 1;
      if (!cells.some(filled)) {
        emptyRows += 1;
        continue;
      }
      rowsRead += 1;
      const ctx: RowContext = {
        row: rowNo,
        problem: (field, severity, message) => problems.push({ severity, sheet, row: rowNo, ...(field ? { column: colLabel(field) } : {}), message }),
      };
      const get = (field: InjectField): MselCell => {
        const idx = columnOf.get(field);
        return idx === undefined ? null : (cells[idx] ?? null);
      };
      let cellRejected = false;
      const text = (field: InjectField): string | undefined => {
        const c = get(field);
        const t = cellText(c);
        if (t === '') return undefined;
        if (t.startsWith('=')) {
          ctx.problem(field, 'error', mselWords('import.formula', { text: t.slice(0, 30) }));
          cellRejected = true;
          return undefined;
        }
        if (t.length > MAX_CELL_CHARS) {
          ctx.problem(field, 'error', mselWords('import.cellTooLong', { length: t.length, max: MAX_CELL_CHARS }));
          cellRejected = true;
          return undefined;
        }
        return t;
      };
      // Merged cells read as empty below their first row: recipient, method and sender carry down, said aloud.
      const carry = (field: InjectField): string | undefined => {
        const t = text(field);
        if (t !== undefined) {
          carried.set(field, { text: t, row: rowNo });
          return t;
        }
        const prev = carried.get(field);
        if (prev && columnOf.has(field)) {
          ctx.problem(field, 'warning', mselWords('import.mergedCarry', { row: prev.row, text: prev.text }));
          return prev.text;
        }
        return undefined;
      };

      const inject: Record<string, unknown> = {};
      const idText = text('id');
      inject.id = idText !== undefined && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(idText) ? idText : idText !== undefined ? kebab(idText.replace(/^(\d)/, 'inject-$1')) : `inject-${rowNo}`;

      const timeCell = get('time');
      if (typeof timeCell === 'string' && timeCell.trim().startsWith('=')) {
        ctx.problem('time', 'error', mselWords('import.timeFormula'));
      } else {
        const time = parseMselTime(timeCell, t0);
        if (time.ok) {
          inject.offset = time.offset;
          if (time.note) ctx.problem('time', 'warning', time.note);
        } else {
          // The draft keeps what was written, so the editor shows it beside its error.
          inject.offset = cellText(timeCell);
          ctx.problem('time', 'error', time.message);
        }
      }

      const bi = (root: 'title' | 'message' | 'notes' | 'senderName'): Record<string, string> | undefined => {
        const zh = text(`${root}.zh` as InjectField);
        const en = text(`${root}.en` as InjectField);
        if (zh === undefined && en === undefined) return undefined;
        if (zh !== undefined && en === undefined && columnOf.has(`${root}.en` as InjectField)) ctx.problem(`${root}.en` as InjectField, 'warning', mselWords('import.englishEmpty'));
        if (en !== undefined && zh === undefined && columnOf.has(`${root}.zh` as InjectField)) ctx.problem(`${root}.zh` as InjectField, 'warning', mselWords('import.zhEmpty'));
        return { zh: zh ?? en ?? '', en: en ?? zh ?? '' };
      };
      const message = bi('message');
      let title = bi('title');
      if (title === undefined && message !== undefined) {
        const first = (s: string) => s.split(/\n|。|\. /)[0].slice(0, 40);
        title = { zh: first(message.zh), en: first(message.en) };
      }
      if (title === undefined && !cellRejected) ctx.problem(columnOf.has('message.zh') ? 'message.zh' : 'title.zh', 'error', mselWords('import.noEventOrTitle'));
      inject.title = title ?? { zh: '', en: '' };
      inject.message = message ?? title ?? { zh: '', en: '' };

      const toText = carry('to');
      let to: string | undefined;
      if (toText === undefined) {
        inject.to = '';
        ctx.problem('to', 'error', mselWords('import.noPlayer'));
      } else {
        to = roleOf(toText);
        inject.to = to ?? toText;
        if (to === undefined) ctx.problem('to', 'error', mselWords('import.unknownPlayer', { text: toText }));
      }

      const channelText = carry('channel');
      if (channelText === undefined) {
        inject.channel = 'other';
        if (columnOf.has('channel')) ctx.problem('channel', 'warning', mselWords('import.noMethod'));
      } else {
        const ch = channelOf(channelText);
        inject.channel = ch ?? channelText;
        if (ch === undefined) ctx.problem('channel', 'error', mselWords('import.unknownMethod', { text: channelText }));
      }

      const senderText = carry('sender');
      let senderName = bi('senderName');
      if (senderText === undefined) inject.sender = 'facilitator';
      else if ((SENDERS as readonly string[]).includes(senderText.toLowerCase())) inject.sender = senderText.toLowerCase();
      else {
        const hit = SENDER_PATTERNS.find(([re]) => re.test(senderText));
        inject.sender = hit ? hit[1] : 'other-agency';
        if (!hit) ctx.problem('sender', 'warning', mselWords('import.otherAgency', { text: senderText }));
        senderName ??= CJK.test(senderText) ? { zh: senderText, en: senderText } : { zh: senderText, en: senderText };
      }
      if (senderName !== undefined) inject.senderName = senderName;

      let notes = bi('notes');
      const expectedText = text('expected');
      if (expectedText !== undefined) {
        const { expected, freeText } = readExpected(expectedText, to, t0, ctx);
        if (expected.length > 0) inject.expected = expected;
        if (freeText.length > 0) {
          const extra = mselText('zh-TW', 'import.expectedNote', { text: freeText.join('；') });
          const extraEn = mselText('en', 'import.expectedNote', { text: freeText.join('; ') });
          notes = notes ? { zh: `${notes.zh}\n${extra}`, en: `${notes.en}\n${extraEn}` } : { zh: extra, en: extraEn };
        }
      }
      if (notes !== undefined) inject.notes = notes;
      const conditionText = text('condition');
      if (conditionText !== undefined) {
        const c = readCondition(conditionText, ctx);
        if (c !== undefined) inject.condition = c;
      }
      const worldText = text('world');
      if (worldText !== undefined) {
        const w = readWorld(worldText, ctx);
        if (w !== undefined) inject.world = w;
      }
      injects.push(inject);
      injectRows.push(rowNo);
    }
  }
  if (emptyRows > 0) problems.push({ severity: 'warning', sheet, message: mselWords('import.emptyRows', { n: emptyRows }) });
  // Ids the file repeats or that rows share: number the later ones, and say so.
  const seen = new Map<string, number>();
  injects.forEach((inj, i) => {
    const id = inj.id as string;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, injectRows[i]);
      return;
    }
    inj.id = `${id}-${injectRows[i]}`;
    problems.push({ severity: 'warning', sheet, row: injectRows[i], column: colLabel('id'), message: mselWords('import.duplicateId', { id, first, renamed: String(inj.id) }) });
  });
  value.injects = injects;

  // --- Plan: a span that holds every inject; the rest documented defaults.
  const lastMs = Math.max(0, ...injects.map((inj) => (typeof inj.offset === 'string' ? parseMselTime(inj.offset, t0) : { ok: false as const })).map((r) => (r.ok ? r.ms : 0)));
  const plan = (getPath(value, 'plan') as Record<string, unknown> | undefined) ?? {};
  value.plan = {
    mode: plan.mode ?? 'tabletop',
    realDuration: plan.realDuration ?? '3h',
    simulatedSpan: plan.simulatedSpan ?? formatOffset(Math.ceil((lastMs + 3_600_000) / 3_600_000) * 3_600_000),
    speed: plan.speed ?? 60,
    ...(plan.notes !== undefined ? { notes: plan.notes } : {}),
  };

  // --- Golden run and mistakes: kept when the 情境 sheet has them (an exported scenario), else a sketch, said aloud.
  const sketched = value.golden === undefined;
  if (sketched) value.golden = sketchGolden(injects, value);
  const hasMistakes = value.mistakes !== undefined;
  if (!hasMistakes) value.mistakes = [{ name: 'no-team', description: mselWords('import.defaults.noTeamMistake'), changes: [{ drop: 'team.formed' }], expectFailing: {}, expectPassed: true }];
  if (typeof value.meta === 'object' && value.meta !== null) {
    // Key order as in the bundled files.
    const m = value.meta as Record<string, unknown>;
    value.meta = { id: m.id, title: m.title, summary: m.summary, objectives: m.objectives, ...(m.points !== undefined ? { points: m.points } : {}), agency: m.agency, people: m.people };
  }

  const draft = { format: value.format, meta: value.meta, facts: value.facts, plan: value.plan, injects: value.injects, golden: value.golden, mistakes: value.mistakes };
  const base = {
    draft,
    sheets: names,
    sheet,
    headerRow,
    headers,
    mapping,
    rowsRead,
    injectRows,
  };
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems, ...base };

  const checked = validateScenarioValue(draft);
  if (!checked.ok) {
    for (const issue of checked.issues) {
      const [top, index] = issue.path;
      if (top === 'injects' && typeof index === 'number') {
        const field = fieldOfPath(issue.path);
        problems.push({ severity: 'error', sheet, row: injectRows[index], ...(field ? { column: colLabel(field) } : {}), message: mselWords('import.schema', { message: issue.message }) });
      } else {
        const where = factRow.get(issue.path.slice(0, 2).join('.'));
        problems.push({
          severity: 'error',
          sheet: factsSheet?.name ?? FACTS_SHEET_NAME,
          ...(where !== undefined ? { row: where, column: 'B' } : {}),
          message: mselWords('import.schemaAt', { path: issue.path.join('.'), message: issue.message }),
        });
      }
    }
    return { ok: false, problems, ...base };
  }
  const scenario = checked.scenario;
  if (sketched || !hasMistakes) finishSelfProof(scenario, sketched, problems, factsSheet?.name ?? FACTS_SHEET_NAME);
  return { ok: true, scenario, yaml: scenarioYaml(scenario), problems, ...base };
}

const LEVEL_TYPES = new Set(['level.assessed', 'level.approved', 'report.submitted', 'report.phoned']);

/** A golden-run sketch from the expected actions (each at its limit, else at its inject), plus a team. */
function sketchGolden(injects: Record<string, unknown>[], value: Record<string, unknown>): unknown[] {
  const level = getPath(value, 'facts.referenceLevel');
  const events: Array<{ offset: string; role: string; type: string; data?: Record<string, unknown> }> = [];
  for (const inj of injects) {
    for (const e of (inj.expected as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof e.type !== 'string' || typeof e.role !== 'string') continue;
      const offset = typeof e.within === 'string' ? e.within : (inj.offset as string);
      if (typeof offset !== 'string') continue;
      const data: Record<string, unknown> | undefined = LEVEL_TYPES.has(e.type)
        ? { level, ...(e.type === 'level.approved' ? { by: 'ciso' } : {}) }
        : e.type === 'team.formed'
          ? undefined
          : {};
      if (['level.reviewed', 'level.change.requested'].includes(e.type)) continue; // need data a sketch cannot know
      events.push({ offset, role: e.role, type: e.type, ...(data && Object.keys(data).length ? { data } : {}) });
    }
  }
  if (!events.some((e) => e.type === 'team.formed')) events.push({ offset: '+01:00', role: 'commander', type: 'team.formed' });
  return events;
}

/** Fill the sketched mistake's expectations from the real scoring, and say whether the sketch passes. */
function finishSelfProof(scenario: Scenario, sketched: boolean, problems: MselProblem[], factsSheetName: string): void {
  try {
    const golden = scoreRecord(goldenRecord(scenario));
    if (sketched) {
      problems.push({
        severity: 'warning',
        sheet: factsSheetName,
        message: golden.passed
          ? mselWords('import.goldenSketched')
          : mselWords('import.goldenFails', { score: golden.score }),
      });
    }
    const m = scenario.mistakes[0];
    if (m.name === 'no-team') {
      const r = scoreRecord(mistakesRecord(scenario, m.name));
      m.expectFailing = Object.fromEntries([...r.obligations, ...r.doit].filter((o) => ['late', 'violated', 'missed'].includes(o.status)).map((o) => [o.id, o.status]));
      m.expectPassed = r.passed;
    }
  } catch (e) {
    problems.push({ severity: 'warning', sheet: factsSheetName, message: mselWords('import.goldenUnplayable', { error: (e as Error).message }) });
  }
}

/** One line per problem, as the CLI prints it: `FILE SHEET!C12 (Player): message`. */
export function formatProblem(file: string, p: MselProblem, lang: 'zh-TW' | 'en' = 'en'): string {
  const where = [p.sheet, p.row !== undefined ? `row ${p.row}` : undefined, p.column !== undefined ? `column ${p.column}` : undefined].filter((x) => x !== undefined).join(', ');
  const msg = lang === 'en' ? p.message.en : p.message.zh;
  return `${file}${where ? ` (${where})` : ''}: ${p.severity === 'warning' ? 'warning: ' : ''}${msg}`;
}

