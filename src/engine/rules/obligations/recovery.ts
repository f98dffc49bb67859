/**
 * P21 — recovery. procedure.md: "complete damage control or recovery and record it on the
 * reporting website" · limit: T0 + 72 h (L1/2), T0 + 36 h (L3/4), by the level in force when done.
 */
import { say } from '../../base/reason-ref';
import { byBand, obligation } from './types';

export const recovery = obligation({
  id: 'recovery',
  points: ['P21'],
  who: 'response-execution',
  trigger: 'incident.aware',
  doneBy: ['recovery.completed'],
  // P21: L1/2 within 72 hours, L3/4 within 36 hours of awareness.
  limit: { kind: 'hours-from-aware', byLevel: byBand(72, 36) },
  applies: { school: false },
  scored: true,
  weight: 15,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'recovery'.
  remedy: { tier: 'long' },
  check: (ctx, { done }) => ({
    violations: done && ctx.data(done).registeredOnWebsite !== true ? [say('recovery.not-registered')] : [],
  }),
});
