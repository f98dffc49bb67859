/**
 * P31(5) — closure-1m. procedure.md: "as the tracking meeting decides, file the closure report (結報)
 * on the reporting website" · limit: end of the day one calendar month after T0's date (clamped to
 * the month's last day).
 */
import { obligation } from './types';

export const closure1m = obligation({
  id: 'closure-1m',
  points: ['P31(5)'],
  who: 'reporting-contact',
  trigger: 'incident.aware',
  doneBy: ['closure.submitted'],
  limit: { kind: 'one-month' },
  applies: { school: false },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'closure-1m'.
  remedy: { tier: 'short' },
});
