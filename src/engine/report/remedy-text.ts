/**
 * The improvement plan's lines (P29) in both languages, from src/locales/{zh-TW,en}/remedies.json:
 * per obligation, `timely` (what to change when it was done late or not at all) and `correct` (when
 * it was done the wrong way). Each obligation module declares its remedy's tier beside its point;
 * the words live with every other word. Typed `Record<ObligationId, …>`: an obligation without its
 * lines in either language is a compile error.
 */
import zhRemedies from '../../locales/zh-TW/remedies.json';
import enRemedies from '../../locales/en/remedies.json';
import type { Bilingual } from '../base/bilingual';
import type { ObligationId } from '../record/vocabulary';

interface RemedyLines {
  timely: string;
  correct: string;
}

const ZH: Record<ObligationId, RemedyLines> = zhRemedies;
const EN: Record<ObligationId, RemedyLines> = enRemedies;

/** The plan's line for an obligation: `correct` when it was violated, else `timely`. */
export function remedyLine(id: ObligationId, kind: keyof RemedyLines): Bilingual {
  return { zh: ZH[id][kind], en: EN[id][kind] };
}
