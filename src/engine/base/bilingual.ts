/**
 * Text in both languages (zh-TW first, the users' language; English second). The bottom of the
 * engine: every folder may import base/, base/ imports nothing of the engine.
 */
export interface Bilingual {
  zh: string;
  en: string;
}
