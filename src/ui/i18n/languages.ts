/** The languages and the shape of a string table, apart from the i18next instance so the tables can name their type without importing it back (no cycle). */
export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type StringTable = { [key: string]: string | StringTable };
export interface FeatureStrings {
  'zh-TW': StringTable;
  en: StringTable;
}
