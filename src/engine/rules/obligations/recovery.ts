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
  title: { zh: '完成損害控制或復原', en: 'Damage control or recovery' },
  trigger: 'incident.aware',
  doneBy: ['recovery.completed'],
  // P21: L1/2 within 72 hours, L3/4 within 36 hours of awareness.
  limit: { kind: 'hours-from-aware', byLevel: byBand(72, 36) },
  applies: { school: false },
  scored: true,
  weight: 15,
  remedy: {
    tier: 'long',
    timely: { zh: '檢討備份、備援與復原能力，使損害控制或復原可於時限內（第一、二級七十二小時；第三、四級三十六小時）完成（第二十一點）。', en: 'Review backups, standby systems and recovery capability so damage control or recovery completes within the limit (L1/2 72 h, L3/4 36 h) (P21).' },
    correct: { zh: '完成損害控制或復原後應於通報應變網站登錄（第二十一點）。', en: 'Record completed damage control or recovery on the reporting website (P21).' },
  },
  check: (ctx, { done }) => ({
    violations: done && ctx.data(done).registeredOnWebsite !== true ? [say('recovery.not-registered')] : [],
  }),
});
