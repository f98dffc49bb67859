/**
 * The scenario's facts for an imported MSEL: from the 情境 / Scenario sheet (one key and one value
 * per row), then flags (`--fact key=value`), then a documented default with a warning for each fact
 * still missing (docs/msel-import.md, "Facts and their defaults"). Never a silent guess.
 */
import { parse as parseYaml } from 'yaml';
import type { MselCell, Words } from './msel-time';

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
export const FACT_KEYS: FactKey[] = [
  { path: 'meta.id', kind: 'text', names: ['id', 'scenarioid', '編號', '代號', '情境代號'], label: { zh: '代號', en: 'id' } },
  { path: 'meta.title.zh', kind: 'text', names: ['title', 'title(zh)', '標題', '名稱', '情境名稱', '演練名稱', '標題(中文)'], label: { zh: '標題', en: 'title' } },
  { path: 'meta.title.en', kind: 'text', names: ['title(en)', '標題(英文)', 'englishtitle'], label: { zh: '英文標題', en: 'title (en)' } },
  { path: 'meta.summary.zh', kind: 'text', names: ['summary', 'summary(zh)', '摘要', '情境摘要', '概述', '摘要(中文)'], label: { zh: '摘要', en: 'summary' } },
  { path: 'meta.summary.en', kind: 'text', names: ['summary(en)', '摘要(英文)'], label: { zh: '英文摘要', en: 'summary (en)' } },
  { path: 'meta.agency.name.zh', kind: 'text', names: ['agency', 'agency(zh)', '機關', '機關名稱', '演練機關'], label: { zh: '機關', en: 'agency' } },
  { path: 'meta.agency.name.en', kind: 'text', names: ['agency(en)', '機關(英文)', '機關名稱(英文)'], label: { zh: '機關英文名稱', en: 'agency (en)' } },
  { path: 'meta.agency.type', kind: 'agency-type', names: ['agencytype', '機關類型', '機關類別'], label: { zh: '機關類型', en: 'agency type' } },
  { path: 'facts.referenceLevel', kind: 'level', names: ['referencelevel', 'level', '參考等級', '事件等級', '等級'], label: { zh: '參考等級', en: 'reference level' } },
  { path: 'facts.levelReasoning.zh', kind: 'text', names: ['levelreasoning', 'levelreasoning(zh)', '等級理由', '判定理由', '等級判定理由'], label: { zh: '等級理由', en: 'level reasoning' } },
  { path: 'facts.levelReasoning.en', kind: 'text', names: ['levelreasoning(en)', '等級理由(英文)'], label: { zh: '英文等級理由', en: 'level reasoning (en)' } },
  { path: 'facts.category', kind: 'category', names: ['category', '類別', '事件類別', '事件類型', '類型'], label: { zh: '事件類別', en: 'category' } },
  { path: 'facts.awareness', kind: 'datetime', names: ['t0', 'awareness', '知悉時間', '發現時間', '知悉', 't0(知悉時間)'], label: { zh: '知悉時間（T0）', en: 'T0 (awareness)' } },
  { path: 'facts.affectedAgencies', kind: 'list', names: ['affectedagencies', '受影響機關', '影響機關', '應通知機關'], label: { zh: '受影響機關', en: 'affected agencies' } },
  { path: 'facts.personalData', kind: 'bool', names: ['personaldata', '個資', '涉及個資', '個人資料'], label: { zh: '涉及個資', en: 'personal data' } },
  { path: 'facts.malware', kind: 'bool', names: ['malware', '惡意程式', '涉及惡意程式'], label: { zh: '涉及惡意程式', en: 'malware' } },
  { path: 'facts.backup', kind: 'backup', names: ['backup', '備份', '備援', '備援狀態'], label: { zh: '備援', en: 'backup' } },
  { path: 'facts.tolerableDowntime', kind: 'duration', names: ['tolerabledowntime', '可容忍中斷時間', '最大可容忍中斷時間'], label: { zh: '可容忍中斷時間', en: 'tolerable downtime' } },
  { path: 'plan.speed', kind: 'number', names: ['speed', '速度', '倍速'], label: { zh: '時鐘倍速', en: 'speed' } },
];

export const normalizeKey = (key: string): string =>
  key
    .trim()
    .toLowerCase()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[\s_]+/g, '');

const DOTTED = /^(meta|facts|plan)\.[A-Za-z.]+$|^(golden|mistakes)$/;

export type FactValue = { ok: true; value: unknown; note?: Words } | { ok: false; message: Words };

const CATEGORY_WORDS: Record<string, string> = {
  勒索軟體: 'ransomware', 勒索: 'ransomware', 網頁置換: 'defacement', 網頁竄改: 'defacement', 置換: 'defacement',
  阻斷服務: 'ddos', 分散式阻斷服務: 'ddos', ddos: 'ddos', 資料外洩: 'data-leak', 個資外洩: 'data-leak', 外洩: 'data-leak',
  惡意程式: 'malware', 入侵: 'intrusion', 系統入侵: 'intrusion', 設備故障: 'equipment-failure', 設備異常: 'equipment-failure',
};
const BACKUP_WORDS: Record<string, string> = {
  none: 'none', 無: 'none', 無備援: 'none', 沒有: 'none', no: 'none',
  available: 'available', 有: 'available', 有備援: 'available', 備援可用: 'available', yes: 'available',
  compromised: 'compromised', 備援受損: 'compromised', 備援遭入侵: 'compromised', 受損: 'compromised',
};
const AGENCY_TYPE_WORDS: Record<string, string> = {
  agency: 'agency', 機關: 'agency', 一般機關: 'agency', 'administrative-corporation': 'administrative-corporation', 行政法人: 'administrative-corporation',
  doit: 'doit', 資訊局: 'doit', school: 'school', 學校: 'school', 市立學校: 'school',
};
const TRUE_WORDS = ['true', 'yes', 'y', '是', '有', '涉及', 'v', '✓', '1'];
const FALSE_WORDS = ['false', 'no', 'n', '否', '無', '不涉及', '沒有', 'x', '0'];

const text = (cell: MselCell): string => (cell instanceof Date ? cell.toISOString() : String(cell ?? '')).trim();

/** Read one fact's value as its kind demands. */
export function readFact(kind: Kind, cell: MselCell): FactValue {
  const t = text(cell);
  const bad = (zh: string, en: string): FactValue => ({ ok: false, message: { zh, en } });
  switch (kind) {
    case 'text':
      return { ok: true, value: t };
    case 'number': {
      const n = typeof cell === 'number' ? cell : Number(t);
      return Number.isFinite(n) ? { ok: true, value: n } : bad(`「${t}」不是數字`, `"${t}" is not a number`);
    }
    case 'level': {
      const m = /^(?:l|第)?\s*([1-4])\s*(?:級)?$/i.exec(t);
      return m ? { ok: true, value: Number(m[1]) } : bad(`等級「${t}」應為 1 到 4`, `level "${t}" must be 1 to 4`);
    }
    case 'bool': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const k = t.toLowerCase();
      if (TRUE_WORDS.includes(k)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(k)) return { ok: true, value: false };
      return bad(`「${t}」應為 是／否`, `"${t}" must be yes or no`);
    }
    case 'list':
      return { ok: true, value: t === '' || t === '無' || t.toLowerCase() === 'none' ? [] : t.split(/[、,，;；\n]+/).map((s) => s.trim()).filter((s) => s !== '') };
    case 'category': {
      const v = CATEGORY_WORDS[t.toLowerCase()] ?? t;
      return v === '' ? bad('事件類別空白', 'category is empty') : { ok: true, value: v };
    }
    case 'backup': {
      const v = BACKUP_WORDS[t.toLowerCase()];
      return v ? { ok: true, value: v } : bad(`備援「${t}」應為 none／available／compromised（無／有備援／備援受損）`, `backup "${t}" must be none, available or compromised`);
    }
    case 'agency-type': {
      const v = AGENCY_TYPE_WORDS[t.toLowerCase()];
      return v ? { ok: true, value: v } : bad(`機關類型「${t}」應為 agency／administrative-corporation／doit／school`, `agency type "${t}" must be agency, administrative-corporation, doit or school`);
    }
    case 'duration': {
      const v = t.replace(/小時/g, 'h').replace(/分鐘?/g, 'm').replace(/天|日/g, 'd').replace(/\s+/g, '');
      return /^(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/.test(v) && v !== '' ? { ok: true, value: v } : bad(`時間長度「${t}」請寫成 8h、90m、1d12h`, `duration "${t}": write 8h, 90m or 1d12h`);
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
      return bad(`知悉時間「${t}」請寫成 2026-03-09 08:40（臺北時間）`, `T0 "${t}": write 2026-03-09 08:40 (Taipei time)`);
    }
    case 'yaml': {
      if (typeof cell !== 'string') return { ok: true, value: cell };
      try {
        return { ok: true, value: parseYaml(t) as unknown };
      } catch (e) {
        return bad(`YAML 無法解讀：${(e as Error).message.split('\n')[0]}`, `YAML does not parse: ${(e as Error).message.split('\n')[0]}`);
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
export const isFactsSheet = (name: string): boolean => ['情境', 'scenario', '情境資料', 'scenariofacts', 'facts'].includes(normalizeKey(name));
