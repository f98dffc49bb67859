/**
 * The words of the city's imports (src/locales/{zh-TW,en}/city-import.json): the agency list CSV,
 * the exercise checks and the spreadsheet reader (issue 14 item 1). The engine's lookup, no i18next.
 */
import zhImport from '../../locales/zh-TW/city-import.json';
import enImport from '../../locales/en/city-import.json';
import { resourceText, type ReportLanguage } from '../text/glossary';

export const cityImportText = resourceText({ 'zh-TW': zhImport, en: enImport });
export type CityImportKey = Parameters<typeof cityImportText>[1];
type Params = Record<string, string | number>;

/** Both languages of a message; `params` may differ by language. */
export function cityImportWords(key: CityImportKey, params: Params | ((lang: ReportLanguage) => Params) = {}): { zh: string; en: string } {
  const of = (lang: ReportLanguage) => (typeof params === 'function' ? params(lang) : params);
  return { zh: cityImportText('zh-TW', key, of('zh-TW')), en: cityImportText('en', key, of('en')) };
}

/** The agency CSV's matching words by language (headers, type and oversight words, yes/no). */
export function agencyCsvTables(lang: ReportLanguage) {
  const t = lang === 'en' ? enImport : zhImport;
  return { headers: t.agencyCsv.headers, typeWords: t.agencyCsv.typeWords, oversightWords: t.agencyCsv.oversightWords, yes: t.agencyCsv.yes, no: t.agencyCsv.no };
}
