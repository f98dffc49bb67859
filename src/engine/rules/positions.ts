/**
 * The Att.3 posts in words (procedure.md "Response team roles (Att.3)"): the glossary's `positions`
 * (src/locales/{zh-TW,en}/glossary.json), the one home of these words. The team check's reasons and the
 * reports both use it.
 */
import { POSITIONS, type Position } from '../record/vocabulary';
import { termWords, type Words } from '../text/glossary';

export const POSITION_NAMES: Record<Position, Words> = Object.fromEntries(POSITIONS.map((p) => [p, termWords('positions', p)])) as Record<Position, Words>;
