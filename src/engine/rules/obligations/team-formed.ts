/**
 * P18 — team-formed. procedure.md: "form the response team" · limit: T0 + 3 h (L1/2), T0 + 1 h
 * (L3/4), by the level in force when it was formed.
 */
import { byBand, obligation } from './types';

export const teamFormed = obligation({
  id: 'team-formed',
  points: ['P18'],
  who: 'agency',
  title: { zh: '組成通報應變小組', en: 'Form the response team' },
  trigger: 'incident.aware',
  doneBy: ['team.formed'],
  // P18: L1/2 within three hours, L3/4 within one hour of awareness.
  limit: { kind: 'hours-from-aware', byLevel: byBand(3, 1) },
  applies: { school: false },
  scored: true,
  weight: 15,
  remedy: {
    tier: 'short',
    timely: { zh: '預先指定小組成員與召集方式，於時限內（第一、二級三小時；第三、四級一小時）組成通報應變小組（第十八點）。', en: 'Name the team members and how they are called in advance, and form the response team within the limit (L1/2 three hours, L3/4 one hour) (P18).' },
    correct: { zh: '依第十八點組成通報應變小組。', en: 'Form the response team as P18 requires.' },
  },
});
