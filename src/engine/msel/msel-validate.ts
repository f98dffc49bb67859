/**
 * Live validation for the MSEL editor: the same checks as a scenario file (validateScenarioValue),
 * each problem keyed by its path (`injects.3.offset`) and said in zh-TW and English, so the editor
 * can put it beside the field. The schema words its messages in English; the common ones are
 * translated here, the rest keep the English after a zh-TW lead.
 */
import { validateScenarioValue } from '../scenario/parse';
import type { Scenario } from '../scenario/schema';
import type { Words } from './msel-time';

export interface FieldIssue {
  /** Dotted path: `injects.3.title.en`, `facts.referenceLevel`. */
  path: string;
  message: Words;
}

const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^missing translation \((zh|en)\)/, (m) => `缺少${m[1] === 'zh' ? '中文' : '英文'}`],
  [/^empty translation \((zh|en)\)/, (m) => `${m[1] === 'zh' ? '中文' : '英文'}空白`],
  [/^offset "(.*)" does not parse/, (m) => `時間「${m[1]}」無法解讀：請寫 +hh:mm，例如 +00:20、+1d02:00`],
  [/^offset "(.*)": minutes must be/, (m) => `時間「${m[1]}」的分鐘須為 00–59`],
  [/^offset must be text/, () => '請填時間，例如 +00:20'],
  [/^unknown channel "(.*)"/, (m) => `不認得的方式「${m[1]}」`],
  [/^unknown sender "(.*)"/, (m) => `不認得的發送者「${m[1]}」`],
  [/^unknown role "(.*)"/, (m) => `不認得的角色「${m[1]}」`],
  [/^role "(.*)" is not held by anyone/, (m) => `角色「${m[1]}」不在腳本人員中，也不是主持人扮演的角色`],
  [/^unknown event type "(.*)"/, (m) => `未知的事件類型「${m[1]}」`],
  [/^duplicate inject id "(.*)" \(also injects\[(\d+)\]\)/, (m) => `編號「${m[1]}」重複（第 ${Number(m[2]) + 1} 則也用）`],
  [/^must be a kebab-case id/, () => '編號只能用小寫英文字母、數字與單一連字號'],
  [/^inject at (.*) is after the drill ends/, (m) => `${m[1]} 晚於演練結束時間`],
  [/^a condition needs/, () => '條件需有 ifHappened 或 unlessHappened'],
  [/^a condition item is/, () => '條件項目應為事件類型或 { type, where }'],
  [/^world change kind must be/, () => '情境變化種類須為 outage.start、outage.end、level.review 或 incident.designate'],
  [/^Invalid input: expected string, received undefined/, () => '必填'],
  [/^Invalid input: expected array/, () => '應為清單（YAML 陣列）'],
  [/^Invalid input: expected object/, () => '應為物件（YAML 對映）'],
];

export function wordsOf(message: string): Words {
  for (const [re, zh] of RULES) {
    const m = re.exec(message);
    if (m) return { zh: zh(m), en: message };
  }
  return { zh: `格式不符：${message}`, en: message };
}

/** Every problem of a draft scenario, by field. Empty when the draft is a valid scenario. */
export function draftIssues(draft: unknown): { scenario?: Scenario; issues: FieldIssue[] } {
  const r = validateScenarioValue(draft);
  if (r.ok) return { scenario: r.scenario, issues: [] };
  return { issues: r.issues.map((i) => ({ path: i.path.join('.'), message: wordsOf(i.message) })) };
}
