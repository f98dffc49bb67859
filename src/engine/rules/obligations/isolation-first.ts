/**
 * P25(1) — isolation-first. procedure.md: "the first containment step is isolation: cut or isolate
 * network links, shut services, restrict connections or privileges, or limited patching" · limit:
 * first action; by the recovery limit (drill).
 */
import { say } from '../../base/reason-ref';
import { ev } from './shared';
import { obligation } from './types';

export const isolationFirst = obligation({
  id: 'isolation-first',
  points: ['P25(1)'],
  who: 'response-execution',
  trigger: 'incident.aware',
  doneBy: ['action.isolated'],
  limit: { kind: 'recovery-limit' },
  applies: { school: true, only: ['not-equipment-failure'] },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'isolation-first'.
  remedy: { tier: 'medium' },
  // Judged on the first containment step of any kind: it must be the isolation.
  done: (ctx) => ctx.firstOf(['action.isolated', 'media.imaged', 'system.rebuilt', 'service.switched', 'service.minimal', 'recovery.completed']),
  check: (_ctx, { done: first }) => ({
    violations: first && first.type !== 'action.isolated' ? [say('isolation-first.not-isolation', { event: ev(first) })] : [],
  }),
});
