/**
 * The one i18n layer. zh-TW is the users' language and the default; English is second.
 * Every word lives in src/locales/{zh-TW,en}/<namespace>.json. 'glossary' holds the domain words keyed
 * by the engine's vocabulary ids (the engine's reports read the same file through
 * src/engine/text/glossary.ts); 'common' the app shell's words. Each feature registers its own namespace
 * with `registerStrings` when it loads (features/<name>/strings.ts), so features never edit each
 * other's files and their words stay out of the first screen. Keys are typed (i18next.d.ts).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import commonZh from '@/locales/zh-TW/common.json';
import commonEn from '@/locales/en/common.json';
import glossaryZh from '@/locales/zh-TW/glossary.json';
import glossaryEn from '@/locales/en/glossary.json';
import { LANGUAGES, type FeatureStrings } from './languages';

export { LANGUAGES, type Language } from './languages';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'zh-TW',
  fallbackLng: 'zh-TW',
  supportedLngs: [...LANGUAGES],
  ns: ['common', 'glossary'],
  defaultNS: 'common',
  resources: {
    'zh-TW': { common: commonZh, glossary: glossaryZh },
    en: { common: commonEn, glossary: glossaryEn },
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
