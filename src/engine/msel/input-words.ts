/**
 * The words the importer recognises in a facilitator's spreadsheet (src/locales/input/msel-import.json):
 * zh-TW and English side by side, because a sheet may mix them whatever the app's language. They are
 * matching data, so they live with the other words, not in code (issue 14 item 1).
 */
import type { ActorRole } from '../record/vocabulary';
import type { SENDERS } from '../scenario/schema';
import INPUT from '../../locales/input/msel-import.json';

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]): string => words.map(escape).join('|');

/** A header marked as English ("Title (en)", "標題（英文）") or Chinese. */
export const HEADER_EN = new RegExp(`\\(\\s*en\\s*\\)|（\\s*en\\s*）|${alternation([...INPUT.headerLanguage.en.zh, ...INPUT.headerLanguage.en.en])}`, 'i');
export const HEADER_ZH = new RegExp(`\\(\\s*zh\\s*\\)|（\\s*zh\\s*）|${alternation([...INPUT.headerLanguage.zh.zh, ...INPUT.headerLanguage.zh.en])}`, 'i');
/** The language words stripped from a header before it is matched. */
export const HEADER_LANGUAGE_WORDS = new RegExp(alternation([...INPUT.headerLanguage.en.en, ...INPUT.headerLanguage.en.zh, ...INPUT.headerLanguage.zh.zh, ...INPUT.headerLanguage.zh.en]), 'gi');

/** A level written as "3", "L3", "第3級". */
export const LEVEL = new RegExp(`^(?:l|${escape(INPUT.level.prefix)})?\\s*([1-4])\\s*(?:${escape(INPUT.level.suffix)})?$`, 'i');

/** A duration's unit words, to h/m/d. */
export const DURATION_UNITS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(INPUT.durationUnits.hours, 'g'), 'h'],
  [new RegExp(INPUT.durationUnits.minutes, 'g'), 'm'],
  [new RegExp(INPUT.durationUnits.days, 'g'), 'd'],
];

const CHANNEL_BY_WORD = new Map<string, string>();
for (const [channel, words] of Object.entries(INPUT.channel)) for (const w of [...words.zh, ...words.en]) CHANNEL_BY_WORD.set(w.toLowerCase(), channel);
/** The channel a delivery method names ("電話", "e-mail", …), if it names one. */
export const channelWord = (text: string): string | undefined => CHANNEL_BY_WORD.get(text.trim().toLowerCase());

/** Sender patterns, in order: the first that matches names the sender. */
export const SENDER_PATTERNS = Object.entries(INPUT.senderPatterns).map(([sender, source]) => [new RegExp(source, 'i'), sender as (typeof SENDERS)[number]] as const);

/** Short names of roles people write in a sheet ("指揮官", "窗口"). */
export const roleWord = (text: string): ActorRole | undefined => (INPUT.role as Record<string, ActorRole>)[text];

/** A condition written in words: "unless …" / "除非 …", "if …" / "若 …". */
export const CONDITION = new RegExp(`^(${INPUT.condition.unless}|${INPUT.condition.if})\\s*[:：]?\\s*(.+)$`, 'i');
export const CONDITION_UNLESS = new RegExp(`^(${INPUT.condition.unless})$`, 'i');

/** A facts sheet's header row ("key / value", "欄位 / 值"). */
export const FACTS_HEADER_ROW = new RegExp(`^(${INPUT.factsHeaderRow.words})\\b|^key\\s*\\/|^${INPUT.factsHeaderRow.prefix}`, 'i');
