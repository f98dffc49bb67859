/**
 * Renders reasons (`{code, params}`, base/reason-ref.ts) in zh-TW or English from the resources
 * src/locales/{zh-TW,en}/reasons.json — the same files the UI's i18next reads — with no i18next
 * here, so the engine stays the same in Node and the browser. The English is the contract's
 * `reasons` (drill-record.md): vocabulary ids and ISO times, as the scoring command has always printed.
 */
import type { ReasonParam, ReasonRef, ValueKind } from '../base/reason-ref';
import en from '../../locales/en/reasons.json';
import zhTW from '../../locales/zh-TW/reasons.json';
import { eventTitle, roleName } from '../report/event-text';
import { formatTaipei, parseIsoMs } from '../time/taipei';
import { hasTerm, term, type GlossaryGroup } from '../text/glossary';

export type ReasonLanguage = 'zh-TW' | 'en';

type Tree = { readonly [key: string]: string | Tree };
const RESOURCES: Record<ReasonLanguage, Tree> = { en, 'zh-TW': zhTW };

function lookup(lang: ReasonLanguage, key: string): string | undefined {
  let node: string | Tree | undefined = RESOURCES[lang];
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A sentence split once into text and placeholder names (scoring renders ~50 per record: the board re-scores every minute). */
type Compiled = { texts: string[]; names: string[] };
const COMPILED: Record<ReasonLanguage, Map<string, Compiled>> = { en: new Map(), 'zh-TW': new Map() };

function compiled(lang: ReasonLanguage, key: string): Compiled {
  let c = COMPILED[lang].get(key);
  if (c === undefined) {
    const t = lookup(lang, key);
    if (t === undefined) throw new Error(`locales/${lang}/reasons.json: no sentence "${key}"`);
    const pieces = t.split(/\{\{\s*([\w-]+)\s*\}\}/);
    c = { texts: pieces.filter((_, i) => i % 2 === 0), names: pieces.filter((_, i) => i % 2 === 1) };
    COMPILED[lang].set(key, c);
  }
  return c;
}

/** The sentence `key` with its placeholders filled; an unknown placeholder is an error naming the sentence. */
function fill(lang: ReasonLanguage, key: string, value: (name: string) => string | undefined): string {
  const { texts, names } = compiled(lang, key);
  let out = texts[0];
  for (let i = 0; i < names.length; i++) {
    const v = value(names[i]);
    if (v === undefined) throw new Error(`reasons.json ${key}: no value for {{${names[i]}}}`);
    out += v + texts[i + 1];
  }
  return out;
}

/** Taipei date and minute for zh-TW sentences: 2026-03-02 10:00. */
const minute = (ms: number): string => formatTaipei(ms).slice(0, 16).replace('T', ' ');
/** Where the glossary (the one home of domain words) keeps each kind of value a reason lists. */
export const VALUE_GROUP: Record<ValueKind, GlossaryGroup> = {
  recipient: 'recipients',
  signer: 'signers',
  topic: 'meetingTopics',
  destination: 'destinations',
  backup: 'backupKinds',
  tier: 'tiers',
};
/** An enumerated value in a language: its id in English (the contract's reasons), its glossary word in zh-TW. */
const valueName = (lang: ReasonLanguage, of: ValueKind, id: string): string =>
  lang === 'en' || !hasTerm(VALUE_GROUP[of], id) ? id : term(VALUE_GROUP[of], id, 'zh-TW');

function param(p: ReasonParam, lang: ReasonLanguage): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return String(p);
  if ('code' in p) return renderReason(p, lang);
  if ('event' in p) {
    const { type, seq, at } = p.event;
    const parts: Record<string, () => string> = { type: () => type, title: () => eventTitle(type, lang), seq: () => String(seq), at: () => at, time: () => minute(parseIsoMs(at)) };
    return fill(lang, 'format.event', (name) => parts[name]?.());
  }
  if ('role' in p) return lang === 'en' ? p.role : roleName(p.role, lang);
  if ('time' in p) return lang === 'en' ? formatTaipei(p.time) : minute(p.time);
  if ('at' in p) return lang === 'en' ? p.at : minute(parseIsoMs(p.at));
  if ('values' in p) return p.values.map((v) => valueName(lang, p.of, v)).join(fill(lang, p.join === 'and' ? 'format.and' : 'format.list', () => undefined));
  if ('value' in p) return valueName(lang, p.of, p.value);
  return lang === 'en' ? p.text.en : p.text.zh;
}

/** One reason in a language. */
export function renderReason(ref: ReasonRef, lang: ReasonLanguage): string {
  const params = ref.params;
  return fill(lang, ref.code, (name) => {
    const v = params?.[name];
    return v === undefined ? undefined : param(v, lang);
  });
}

export const renderReasons = (list: readonly ReasonRef[], lang: ReasonLanguage): string[] => list.map((r) => renderReason(r, lang));
