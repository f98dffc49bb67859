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
  title: { zh: '一個月內完成結報', en: 'Closure report within one month' },
  trigger: 'incident.aware',
  doneBy: ['closure.submitted'],
  limit: { kind: 'one-month' },
  applies: { school: false },
  scored: true,
  weight: 5,
  remedy: {
    tier: 'short',
    timely: { zh: '知悉後一個月內於通報應變網站完成結報（第三十一點第五款）。', en: 'File the closure report on the reporting website within one month of awareness (P31(5)).' },
    correct: { zh: '結報應於通報應變網站辦理（第三十一點第五款）。', en: 'File the closure report on the reporting website (P31(5)).' },
  },
});
