/**
 * P17 — level-change. procedure.md: "a change of level is requested on the reporting website" ·
 * limit: —. Recorded, not scored.
 */
import { obligation } from './types';

export const levelChange = obligation({
  id: 'level-change',
  points: ['P17'],
  who: 'reporting-contact',
  trigger: 'incident.aware',
  doneBy: ['level.change.requested'],
  limit: { kind: 'none' },
  applies: { school: false },
  scored: false,
  weight: 0,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'level-change'.
  remedy: { tier: 'short' },
});
