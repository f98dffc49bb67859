/**
 * The glossary for the engine (issue 14 item 1): the same JSON the UI gives i18next
 * (src/locales/{zh-TW,en}/glossary.json), read here with a tiny lookup so the reports, the CSV and the
 * CLIs need no i18next in Node. Every domain word (roles, posts, obligations, statuses, event titles,
 * every enumerated value an event carries) is written there once, keyed by the engine's vocabulary ids.
 */
import zhGlossary from '../../locales/zh-TW/glossary.json';
import enGlossary from '../../locales/en/glossary.json';

export type ReportLanguage = 'zh-TW' | 'en';
type Glossary = typeof zhGlossary;
/** A group of words keyed by vocabulary id (roles, positions, events, isolationMethods, …). */
export type GlossaryGroup = keyof Glossary;
export interface Words {
  zh: string;
  en: string;
}

// The English file has the same keys (i18n-resources.test.ts), plus English-only plural forms.
const GLOSSARY: Record<ReportLanguage, Glossary> = { 'zh-TW': zhGlossary, en: enGlossary as Glossary };

export const glossaryFor = (lang: ReportLanguage): Glossary => GLOSSARY[lang];

/** Does the glossary have a word for this id in this group? */
export const hasTerm = (group: GlossaryGroup, id: string): boolean => Object.hasOwn(GLOSSARY['zh-TW'][group], id);

/** The word for a vocabulary id; an id the glossary does not know (free text) is shown as written. */
export function term(group: GlossaryGroup, id: string, lang: ReportLanguage): string {
  const table = GLOSSARY[lang][group] as Record<string, string>;
  return Object.hasOwn(table, id) ? table[id] : id;
}

/** Both languages of a word, for the engine's bilingual `{ zh, en }` values. */
export const termWords = (group: GlossaryGroup, id: string): Words => ({ zh: term(group, id, 'zh-TW'), en: term(group, id, 'en') });

/** i18next's `{{name}}` interpolation, without i18next. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

const pluralRules: Record<ReportLanguage, Intl.PluralRules> = { 'zh-TW': new Intl.PluralRules('zh-TW'), en: new Intl.PluralRules('en') };

/**
 * A template from a group, interpolated; with `count`, i18next's plural keys (`key_one`, `key_other`)
 * chosen by the language's plural rules, as i18next does.
 */
export function phrase(group: GlossaryGroup, key: string, lang: ReportLanguage, params: Record<string, string | number> = {}): string {
  const table = GLOSSARY[lang][group] as Record<string, string>;
  let template = table[key];
  if (typeof params.count === 'number') template = table[`${key}_${pluralRules[lang].select(params.count)}`] ?? table[`${key}_other`] ?? template;
  return template === undefined ? key : interpolate(template, params);
}

type PluralFree<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;
/** Every dotted key of a resource table (plural forms as their base key): a misspelt key fails the typecheck. */
type ResourceKey<T> = {
  [K in keyof T & string]: T[K] extends string ? PluralFree<K> : `${K}.${ResourceKey<T[K]>}`;
}[keyof T & string];

/**
 * The engine's lookup for one namespace of resources (e.g. report.json): `text(lang, 'overview.agency')`,
 * with `{{params}}` and i18next's plural keys when `count` is given. No i18next in Node.
 */
export function resourceText<T extends object>(tables: Record<ReportLanguage, T>) {
  return (lang: ReportLanguage, key: ResourceKey<T>, params: Record<string, string | number> = {}): string => {
    const path = key.split('.');
    const last = path.pop() as string;
    let node: unknown = tables[lang];
    for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
    const table = (node ?? {}) as Record<string, string | undefined>;
    let template = table[last];
    if (typeof params.count === 'number') template = table[`${last}_${pluralRules[lang].select(params.count)}`] ?? table[`${last}_other`] ?? template;
    return template === undefined ? key : interpolate(template, params);
  };
}
