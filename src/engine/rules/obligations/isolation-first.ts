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
  title: { zh: '優先採取隔離機制', en: 'Isolate first' },
  trigger: 'incident.aware',
  doneBy: ['action.isolated'],
  limit: { kind: 'recovery-limit' },
  applies: { school: true, only: ['not-equipment-failure'] },
  scored: true,
  weight: 5,
  remedy: {
    tier: 'medium',
    timely: { zh: '訂定隔離作業程序（斷網、關閉服務、限制連線或權限），作為第一步處置（第二十五點第一款）。', en: 'Write an isolation playbook (disconnect, shut services, restrict connections or privileges) as the first containment step (P25(1)).' },
    correct: { zh: '處置第一步應為隔離，而非直接重建或復原（第二十五點第一款）。', en: 'The first containment step is isolation, not rebuilding or restoring (P25(1)).' },
  },
  // Judged on the first containment step of any kind: it must be the isolation.
  done: (ctx) => ctx.firstOf(['action.isolated', 'media.imaged', 'system.rebuilt', 'service.switched', 'service.minimal', 'recovery.completed']),
  check: (_ctx, { done: first }) => ({
    violations: first && first.type !== 'action.isolated' ? [say('isolation-first.not-isolation', { event: ev(first) })] : [],
  }),
});
