/**
 * P32 — records-signed. procedure.md: "the records of reporting and response are signed off by the
 * responsible officer and the CISO" · limit: by the closure limit (drill).
 */
import { say } from '../../base/reason-ref';
import { list } from './shared';
import { obligation } from './types';

export const recordsSigned = obligation({
  id: 'records-signed',
  points: ['P32'],
  who: 'agency',
  title: { zh: '紀錄簽核', en: 'Records signed off' },
  trigger: 'incident.aware',
  doneBy: ['records.signed'],
  limit: { kind: 'closure-limit' },
  applies: { school: false },
  scored: true,
  weight: 2,
  remedy: {
    tier: 'short',
    timely: { zh: '通報及應變紀錄應陳權責主管及資通安全長簽核（第三十二點）。', en: 'Have the responsible officer and the CISO sign off the reporting and response records (P32).' },
    correct: { zh: '紀錄須經權責主管及資通安全長兩者簽核（第三十二點）。', en: "Records need both the responsible officer's and the CISO's sign-off (P32)." },
  },
  check: (ctx, { done }) => {
    const by = done ? list(ctx.data(done).by) : [];
    const lacking = ['responsible', 'ciso'].filter((r) => !by.includes(r));
    return { violations: done && lacking.length > 0 ? [say('records-signed.unsigned', { signers: { values: lacking, of: 'signer' } })] : [] };
  },
});
