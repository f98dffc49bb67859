/**
 * The drill runtime's messages (src/locales/{zh-TW,en}/runtime.json), as the bilingual values its
 * results and errors carry. Plain code shared with the drill server (Node): read through the engine's
 * lookup, no i18next.
 */
import { resourceText } from '@/engine/text/glossary';
import zhRuntime from '@/locales/zh-TW/runtime.json';
import enRuntime from '@/locales/en/runtime.json';

const runtimeText = resourceText({ 'zh-TW': zhRuntime, en: enRuntime });
export type RuntimeKey = Parameters<typeof runtimeText>[1];
type Params = Record<string, string | number>;

/** Both languages of a runtime message; `params` may differ by language (a role's name). */
export function runtimeWords(key: RuntimeKey, params: Params | ((lang: 'zh-TW' | 'en') => Params) = {}): { zh: string; en: string } {
  const of = (lang: 'zh-TW' | 'en') => (typeof params === 'function' ? params(lang) : params);
  return { zh: runtimeText('zh-TW', key, of('zh-TW')), en: runtimeText('en', key, of('en')) };
}
