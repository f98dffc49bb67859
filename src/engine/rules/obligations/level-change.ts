/**
 * P17 — level-change. procedure.md: "a change of level is requested on the reporting website" ·
 * limit: —. Recorded, not scored.
 */
import { obligation } from './types';

export const levelChange = obligation({
  id: 'level-change',
  points: ['P17'],
  who: 'reporting-contact',
  title: { zh: '等級變更申請', en: 'Level change requested' },
  trigger: 'incident.aware',
  doneBy: ['level.change.requested'],
  limit: { kind: 'none' },
  applies: { school: false },
  scored: false,
  weight: 0,
  remedy: {
    tier: 'short',
    timely: { zh: '等級變更應於通報應變網站申請（第十七點）。', en: 'Request a level change on the reporting website (P17).' },
    correct: { zh: '等級變更應於通報應變網站申請（第十七點）。', en: 'Request a level change on the reporting website (P17).' },
  },
});
