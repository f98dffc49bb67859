/**
 * The MSEL importer's words (src/locales/{zh-TW,en}/msel-import.json): its messages, the column
 * names and headers, and the header words it recognises (issue 14 item 1). Read through the
 * engine's lookup, no i18next (the importer also runs in Node and in a Web Worker).
 */
import zhMsel from '../../locales/zh-TW/msel-import.json';
import enMsel from '../../locales/en/msel-import.json';
import { resourceText, type ReportLanguage } from '../text/glossary';
import type { Bilingual as Words } from '../base/bilingual';

export const mselText = resourceText({ 'zh-TW': zhMsel, en: enMsel as typeof zhMsel });
export type MselKey = Parameters<typeof mselText>[1];
type Params = Record<string, string | number>;

/** Both languages of an importer message; `params` may differ by language (a label, a list's separator). */
export function mselWords(key: MselKey, params: Params | ((lang: ReportLanguage) => Params) = {}): Words {
  const of = (lang: ReportLanguage) => (typeof params === 'function' ? params(lang) : params);
  return { zh: mselText('zh-TW', key, of('zh-TW')), en: mselText('en', key, of('en')) };
}

/** The importer's tables, by language (column names, headers, header aliases). */
export const mselTables = (lang: ReportLanguage) => (lang === 'en' ? (enMsel as typeof zhMsel) : zhMsel);

/** A `|`-separated word list of both languages' files (header aliases are matching data). */
export const bothLists = (key: MselKey): string[] => [...mselText('zh-TW', key).split('|'), ...mselText('en', key).split('|')];
