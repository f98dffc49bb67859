/**
 * Live validation for the MSEL editor: the same checks as a scenario file (validateScenarioValue),
 * each problem keyed by its path (`injects.3.offset`) and said in zh-TW and English, so the editor
 * can put it beside the field. The schema words its messages in English; the common ones are
 * translated here, the rest keep the English after a zh-TW lead.
 */
import { validateScenarioValue } from '../scenario/parse';
import type { Scenario } from '../scenario/schema';
import type { Words } from './msel-time';
import { mselText, type MselKey } from './msel-text';

/** The schema speaks English; the editor shows zh-TW beside it (English stays the schema's own words). */
const zh = (key: MselKey, params: Record<string, string | number> = {}) => mselText('zh-TW', key, params);

export interface FieldIssue {
  /** Dotted path: `injects.3.title.en`, `facts.referenceLevel`. */
  path: string;
  message: Words;
}

const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^missing translation \((zh|en)\)/, (m) => zh(m[1] === 'zh' ? 'validate.missingZh' : 'validate.missingEn')],
  [/^empty translation \((zh|en)\)/, (m) => zh(m[1] === 'zh' ? 'validate.emptyZh' : 'validate.emptyEn')],
  [/^offset "(.*)" does not parse/, (m) => zh('validate.offsetUnreadable', { offset: m[1] })],
  [/^offset "(.*)": minutes must be/, (m) => zh('validate.offsetMinutes', { offset: m[1] })],
  [/^offset must be text/, () => zh('validate.offsetText')],
  [/^unknown channel "(.*)"/, (m) => zh('validate.unknownChannel', { value: m[1] })],
  [/^unknown sender "(.*)"/, (m) => zh('validate.unknownSender', { value: m[1] })],
  [/^unknown role "(.*)"/, (m) => zh('validate.unknownRole', { value: m[1] })],
  [/^role "(.*)" is not held by anyone/, (m) => zh('validate.roleNotHeld', { role: m[1] })],
  [/^unknown event type "(.*)"/, (m) => zh('validate.unknownEventType', { value: m[1] })],
  [/^duplicate inject id "(.*)" \(also injects\[(\d+)\]\)/, (m) => zh('validate.duplicateId', { id: m[1], n: Number(m[2]) + 1 })],
  [/^must be a kebab-case id/, () => zh('validate.kebabId')],
  [/^inject at (.*) is after the drill ends/, (m) => zh('validate.afterEnd', { at: m[1] })],
  [/^a condition needs/, () => zh('validate.conditionNeeds')],
  [/^a condition item is/, () => zh('validate.conditionItem')],
  [/^world change kind must be/, () => zh('validate.worldChangeKind')],
  [/^Invalid input: expected string, received undefined/, () => zh('validate.required')],
  [/^Invalid input: expected array/, () => zh('validate.expectedArray')],
  [/^Invalid input: expected object/, () => zh('validate.expectedObject')],
];

export function wordsOf(message: string): Words {
  for (const [re, zhOf] of RULES) {
    const m = re.exec(message);
    if (m) return { zh: zhOf(m), en: message };
  }
  return { zh: zh('validate.otherwise', { message }), en: message };
}

/** Every problem of a draft scenario, by field. Empty when the draft is a valid scenario. */
export function draftIssues(draft: unknown): { scenario?: Scenario; issues: FieldIssue[] } {
  const r = validateScenarioValue(draft);
  if (r.ok) return { scenario: r.scenario, issues: [] };
  return { issues: r.issues.map((i) => ({ path: i.path.join('.'), message: wordsOf(i.message) })) };
}
