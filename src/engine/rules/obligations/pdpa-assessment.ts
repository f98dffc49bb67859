/**
 * P23(2) — pdpa-assessment. procedure.md: "L3/4 only, where personal data leaked: assess how to
 * notify the data subjects under Personal Data Protection Act art. 12 (that act requires notice
 * after investigation, so a decision not to notify needs a reason)" · limit: by the recovery limit (drill).
 */
import { say } from '../../base/reason-ref';
import { obligation } from './types';

export const pdpaAssessment = obligation({
  id: 'pdpa-assessment',
  points: ['P23(2)'],
  who: 'agency',
  title: { zh: '評估通知個資當事人', en: 'Assess notifying data subjects' },
  trigger: 'incident.aware',
  doneBy: ['pdpa.assessed'],
  limit: { kind: 'recovery-limit' },
  applies: { school: true, only: ['personal-data', 'major'] },
  scored: true,
  weight: 4,
  remedy: {
    tier: 'short',
    timely: { zh: '涉及個資外洩時，評估依個人資料保護法第十二條通知當事人（第二十三點第二款）。', en: 'Where personal data leaked, assess notifying data subjects under PDPA art. 12 (P23(2)).' },
    correct: { zh: '決定不通知當事人時應敘明理由（第二十三點第二款）。', en: 'A decision not to notify data subjects needs a reason (P23(2)).' },
  },
  check: (ctx, { done }) => {
    const d = done ? ctx.data(done) : undefined;
    // Settled point 12: a missing notifySubjects means false (not notifying), which needs a reason.
    return { violations: d && d.notifySubjects !== true && String(d.reason ?? '').trim() === '' ? [say('pdpa-assessment.no-reason')] : [] };
  },
});
