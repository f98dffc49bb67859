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
  trigger: 'incident.aware',
  doneBy: ['records.signed'],
  limit: { kind: 'closure-limit' },
  applies: { school: false },
  scored: true,
  weight: 2,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'records-signed'.
  remedy: { tier: 'short' },
  check: (ctx, { done }) => {
    const by = done ? list(ctx.data(done).by) : [];
    const lacking = ['responsible', 'ciso'].filter((r) => !by.includes(r));
    return { violations: done && lacking.length > 0 ? [say('records-signed.unsigned', { signers: { values: lacking, of: 'signer' } })] : [] };
  },
});
