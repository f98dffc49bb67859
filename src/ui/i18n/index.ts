/**
 * The one i18n layer. zh-TW is the users' language and the default; English is second.
 * Each feature keeps its own strings (features/<name>/strings.ts) and registers them as an i18next
 * namespace with `registerStrings`, so features never edit each other's string files.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { commonStrings } from './common-strings';
import { LANGUAGES, type FeatureStrings } from './languages';

export { LANGUAGES, type Language } from './languages';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'zh-TW',
  fallbackLng: 'zh-TW',
  supportedLngs: [...LANGUAGES],
  ns: ['common'],
  defaultNS: 'common',
  resources: {
    'zh-TW': { common: commonStrings['zh-TW'] },
    en: { common: commonStrings.en },
  },
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
  returnNull: false,
});

/** Register a feature's strings under its own namespace (idempotent). */
export function registerStrings(namespace: string, strings: FeatureStrings): void {
  for (const lng of LANGUAGES) {
    if (!i18n.hasResourceBundle(lng, namespace)) {
      i18n.addResourceBundle(lng, namespace, strings[lng], true, false);
    }
  }
}

/** Pick the text of a bilingual value ({ zh, en }) for the current language. */
export function pick(text: { zh: string; en: string } | undefined, language: string): string {
  if (!text) return '';
  return language === 'en' ? text.en : text.zh;
}
