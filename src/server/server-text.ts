/**
 * The drill server's messages (src/locales/{zh-TW,en}/server.json): refusals, log lines, the store
 * contract's data. Plain Node code: read through the engine's lookup, no i18next.
 */
import { resourceText } from '../engine/text/glossary';
import zhServer from '../locales/zh-TW/server.json';
import enServer from '../locales/en/server.json';

export const serverText = resourceText({ 'zh-TW': zhServer, en: enServer });
export type ServerKey = Parameters<typeof serverText>[1];
type Lang = 'zh-TW' | 'en';
type Params = Record<string, string | number>;

/** Both languages of a server message; `params` may differ by language (a list's separator). */
export function serverWords(key: ServerKey, params: Params | ((lang: Lang) => Params) = {}): { zh: string; en: string } {
  const of = (lang: Lang) => (typeof params === 'function' ? params(lang) : params);
  return { zh: serverText('zh-TW', key, of('zh-TW')), en: serverText('en', key, of('en')) };
}

/** A log line in both languages, zh-TW first: "中文 / English". */
export const serverLine = (key: ServerKey): string => `${serverText('zh-TW', key)} / ${serverText('en', key)}`;

/** The same as a `(zh, en)` argument pair, for `reason(code, ...serverPair(key))` and the routes' refusals. */
export function serverPair(key: ServerKey, params: Params | ((lang: Lang) => Params) = {}): [zh: string, en: string] {
  const { zh, en } = serverWords(key, params);
  return [zh, en];
}
