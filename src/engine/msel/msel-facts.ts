/**
 * The scenario's facts for an imported MSEL: from the 情境 / Scenario sheet (one key and one value
 * per row), then flags (`--fact key=value`), then a documented default with a warning for each fact
 * still missing (docs/msel-import.md, "Facts and their defaults"). Never a silent guess.
 */
import { DURATION_UNITS, LEVEL } from './input-words';
import { parse as parseYaml } from 'yaml';
import type { MselCell, Words } from './msel-time';
import { bothLists, mselTables, mselWords, type MselKey } from './msel-text';

/** How a fact's value is read. */
type Kind = 'text' | 'level' | 'bool' | 'list' | 'category' | 'backup' | 'datetime' | 'duration' | 'agency-type' | 'number' | 'yaml';

interface FactKey {
  path: string;
  kind: Kind;
  /** Keys a facilitator may write (normalized: lower case, no spaces, ASCII brackets). */
  names: string[];
  label: Words;
}

/** The facts the issue names first, with their zh-TW and English keys; any other dotted path is read as YAML. */
export const FACT_KEYS: FactKey[] = (
  [
    ['meta.id', 'text'],
    ['meta.title.zh', 'text'],
    ['meta.title.en', 'text'],
    ['meta.summary.zh', 'text'],
    ['meta.summary.en', 'text'],
    ['meta.agency.name.zh', 'text'],
    ['meta.agency.name.en', 'text'],
    ['meta.agency.type', 'agency-type'],
    ['facts.referenceLevel', 'level'],
    ['facts.levelReasoning.zh', 'text'],
    ['facts.levelReasoning.en', 'text'],
    ['facts.category', 'category'],
    ['facts.awareness', 'datetime'],
    ['facts.affectedAgencies', 'list'],
    ['facts.personalData', 'bool'],
    ['facts.malware', 'bool'],
    ['facts.backup', 'backup'],
    ['facts.tolerableDowntime', 'duration'],
    ['plan.speed', 'number'],
  ] as const
).map(([path, kind]) => ({
  path,
  kind,
  names: (['zh-TW', 'en'] as const).flatMap((lang) => (mselTables(lang).factNames as Record<string, string>)[path].split('|')),
  label: { zh: (mselTables('zh-TW').factLabels as Record<string, string>)[path], en: (mselTables('en').factLabels as Record<string, string>)[path] },
}));

export const normalizeKey = (key: string): string =>
  key
    .trim()
    .toLowerCase()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s_]+/g, '');

const DOTTED = /^(meta|facts|plan)\.[A-Za-z.]+$|^(golden|mistakes)$/;

export type FactValue = { ok: true; value: unknown; note?: Words } | { ok: false; message: Words };

/** Words a facilitator may write for a value (both languages' files) → the value's id. */
function wordTable(pick: (t: ReturnType<typeof mselTables>) => Record<string, string>): Record<string, string> {
  const table: Record<string, string> = {};
  for (const lang of ['zh-TW', 'en'] as const) for (const [id, words] of Object.entries(pick(mselTables(lang)))) for (const w of words.split('|')) table[w] = id;
  return table;
}
const CATEGORY_WORDS = wordTable((t) => t.factWords.categories);
const BACKUP_WORDS = wordTable((t) => t.factWords.backup);
const AGENCY_TYPE_WORDS = wordTable((t) => t.factWords.agencyTypes);
const TRUE_WORDS = bothLists('factWords.yes');
const FALSE_WORDS = bothLists('factWords.no');
const EMPTY_LIST_WORDS = bothLists('factWords.emptyList');

const text = (cell: MselCell): string => (cell instanceof Date ? cell.toISOString() : String(cell ?? '')).trim();

/** Read one fact's value as its kind demands. */
export function readFact(kind: Kind, cell: MselCell): FactValue {
  const t = text(cell);
  const bad = (key: MselKey, params: Record<string, string | number> = {}): FactValue => ({ ok: false, message: mselWords(key, params) });
  switch (kind) {
    case 'text':
      return { ok: true, value: t };
    case 'number': {
      const n = typeof cell === 'number' ? cell : Number(t);
      return Number.isFinite(n) ? { ok: true, value: n } : bad('facts.notNumber', { t });
    }
    case 'level': {
      const m = LEVEL.exec(t);
      return m ? { ok: true, value: Number(m[1]) } : bad('facts.level', { t });
    }
    case 'bool': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const k = t.toLowerCase();
      if (TRUE_WORDS.includes(k)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(k)) return { ok: true, value: false };
      return bad('facts.yesNo', { t });
    }
    case 'list':
      return { ok: true, value: t === '' || EMPTY_LIST_WORDS.includes(t.toLowerCase()) ? [] : t.split(/[、,，;；\n]+/).map((s) => s.trim()).filter((s) => s !== '') };
    case 'category': {
      const v = CATEGORY_WORDS[t.toLowerCase()] ?? t;
      return v === '' ? bad('facts.categoryEmpty') : { ok: true, value: v };
    }
    case 'backup': {
      const v = BACKUP_WORDS[t.toLowerCase()];
      return v ? { ok: true, value: v } : bad('facts.backup', { t });
    }
    case 'agency-type': {
      const v = AGENCY_TYPE_WORDS[t.toLowerCase()];
      return v ? { ok: true, value: v } : bad('facts.agencyType', { t });
    }
    case 'duration': {
      const v = DURATION_UNITS.reduce((s, [unit, to]) => s.replace(unit, to), t).replace(/\s+/g, '');
      return /^(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/.test(v) && v !== '' ? { ok: true, value: v } : bad('facts.duration', { t });
    }
    case 'datetime': {
      if (cell instanceof Date) {
        // An Excel date-time cell holds the wall time typed, in the Date's UTC fields: Taipei time.
        const iso = cell.toISOString().slice(0, 19);
        return { ok: true, value: `${iso}+08:00` };
      }
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(t)) return { ok: true, value: t };
      const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
      if (m) {
        const [, y, mo, d, h, mi, s] = m;
        const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:${(s ?? '00').padStart(2, '0')}+08:00`;
        const ms = Date.parse(iso);
        const back = Number.isNaN(ms) ? '' : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
        if (back === `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`) return { ok: true, value: iso };
      }
      return bad('facts.awareness', { t });
    }
    case 'yaml': {
      if (typeof cell !== 'string') return { ok: true, value: cell };
      try {
        return { ok: true, value: parseYaml(t) as unknown };
      } catch (e) {
        return bad('facts.yaml', { error: (e as Error).message.split('\n')[0] });
      }
    }
  }
}

/** The fact a key names: a known key in either language, or a dotted path read as YAML. */
export function factKeyOf(key: string): { path: string; kind: Kind } | undefined {
  const k = normalizeKey(key);
  const known = FACT_KEYS.find((f) => f.names.includes(k) || normalizeKey(f.path) === k);
  if (known) return known;
  if (DOTTED.test(key.trim())) return { path: key.trim(), kind: 'yaml' };
  return undefined;
}

/** Set a dotted path in a nested object. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null || Array.isArray(at[k])) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
}

export function getPath(target: Record<string, unknown>, path: string): unknown {
  let at: unknown = target;
  for (const k of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[k];
  }
  return at;
}

/** Sheet names that hold the facts. */
export const isFactsSheet = (name: string): boolean => bothLists('factWords.factsSheets').includes(normalizeKey(name));
