/**
 * A reason as data: a code naming a sentence in `src/locales/{zh-TW,en}/reasons.json` and the
 * values it needs. Judges return these; both languages are rendered from the resources
 * (scoring/reason-text.ts), so a sentence is written once per language and never in code.
 */
import type { Bilingual } from './bilingual';

type Resources = typeof import('../../locales/en/reasons.json');
/** Every dotted key of a resource tree whose leaves are sentences. */
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
/** A sentence of reasons.json: a misspelt or missing code fails the typecheck. */
export type ReasonCode = Exclude<Leaves<Resources>, `format.${string}`>;
/**
 * The enumerated values a reason may list (recipients, signers, topics…): shown raw in English (the
 * contract's reasons), named in zh-TW by the glossary (scoring/reason-text.ts maps each to its group).
 */
export type ValueKind = 'recipient' | 'signer' | 'topic' | 'destination' | 'backup' | 'tier';

/**
 * A value a sentence takes. Plain strings and numbers are the same in both languages; the others
 * are rendered per language (an event by its type or its zh-TW title, a role by its id or its zh-TW
 * name, a moment in ISO or as a Taipei date and minute).
 */
export type ReasonParam =
  | string
  | number
  | ReasonRef
  | { event: { type: string; seq: number; at: string } }
  | { role: string }
  /** Epoch ms, shown in English as ISO with +08:00. */
  | { time: number }
  /** An event's own `at` text, shown in English as written. */
  | { at: string }
  | { values: readonly string[]; of: ValueKind; join?: 'and' }
  | { value: string; of: ValueKind }
  /** Words another rules table already holds in both languages (Att.3's team messages). */
  | { text: Bilingual };

export interface ReasonRef {
  code: ReasonCode;
  params?: Readonly<Record<string, ReasonParam>>;
}

export const say = (code: ReasonCode, params?: Record<string, ReasonParam>): ReasonRef => (params === undefined ? { code } : { code, params });
