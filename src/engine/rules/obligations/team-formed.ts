/**
 * P18 — team-formed. procedure.md: "form the response team" · limit: T0 + 3 h (L1/2), T0 + 1 h
 * (L3/4), by the level in force when it was formed.
 */
import { byBand, obligation } from './types';

export const teamFormed = obligation({
  id: 'team-formed',
  points: ['P18'],
  who: 'agency',
  trigger: 'incident.aware',
  doneBy: ['team.formed'],
  // P18: L1/2 within three hours, L3/4 within one hour of awareness.
  limit: { kind: 'hours-from-aware', byLevel: byBand(3, 1) },
  applies: { school: false },
  scored: true,
  weight: 15,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'team-formed'.
  remedy: { tier: 'short' },
});
