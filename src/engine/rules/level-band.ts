/** The two bands the procedure sets its limits by (P18, P21, Att.3). The level wizard is rules/levels.ts. */
import type { Level } from '../record/vocabulary';

/** L1/2 or L3/4. Levels 3 and 4 are major incidents (重大資通安全事件). */
export type LevelBand = 'L1/2' | 'L3/4';
export const levelBand = (level: Level): LevelBand => (level >= 3 ? 'L3/4' : 'L1/2');
