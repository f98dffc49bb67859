/**
 * The engine's own messages (issue 14 item 1), from src/locales/{zh-TW,en}/engine.json: refusals
 * (drill rules, clock, event log, drill session), the desks' action labels, the team check's
 * messages. Domain words stay in glossary.json; this file holds only the sentences around them.
 * Plain JSON lookup, no i18next (the engine runs in Node too).
 */
import zhEngine from '../../locales/zh-TW/engine.json';
import enEngine from '../../locales/en/engine.json';
import { reason, type Reason } from '../base/reason';
import { resourceText, type ReportLanguage, type Words } from './glossary';

export const engineText = resourceText({ 'zh-TW': zhEngine, en: enEngine });
type EngineKey = Parameters<typeof engineText>[1];
type Params = Record<string, string | number>;

/** Both languages of an engine message; `params` may differ by language (a role's name, a level's numeral). */
export function engineWords(key: EngineKey, params: Params | ((lang: ReportLanguage) => Params) = {}): Words {
  const of = (lang: ReportLanguage) => (typeof params === 'function' ? params(lang) : params);
  return { zh: engineText('zh-TW', key, of('zh-TW')), en: engineText('en', key, of('en')) };
}

/** A refusal with its stable code and both languages of its message. */
export const engineReason = (code: string, key: EngineKey, params: Params | ((lang: ReportLanguage) => Params) = {}): Reason => {
  const words = engineWords(key, params);
  return reason(code, words.zh, words.en);
};

/** The label of a desk action, keyed by its event type (a misspelt type fails the typecheck). */
type DeskActionType = keyof typeof zhEngine.deskActions;
export const deskActionLabel = (type: DeskActionType): Words => ({ zh: zhEngine.deskActions[type], en: enEngine.deskActions[type] });
