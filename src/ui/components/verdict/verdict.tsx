/**
 * A drill's verdict in words (drill-record.md "Score and standard"): pass, fail or incomplete, and
 * for an incomplete drill how many of the agency's obligations are not yet due (issue 12 item 9).
 * Shown wherever a score is shown: the console's end banner and deadline board (with the
 * walkthrough), the review summary, the compare page.
 */
import { useTranslation } from 'react-i18next';
import type { Verdict as VerdictId } from '@/engine/record/vocabulary';

/** The status colour a verdict borrows: pass like met, fail like missed, incomplete like not yet due. */
const VERDICT_CLASS: Record<VerdictId, string> = { pass: 'status-met', fail: 'status-missed', incomplete: 'status-not-reached' };

export interface VerdictProps {
  verdict: VerdictId;
  /** The agency's obligations not reached (notReachedCount), said with an incomplete verdict. */
  notReached: number;
  /** Show as a coloured badge (the review and compare tables); plain text otherwise. */
  badge?: boolean;
}

export function Verdict({ verdict, notReached, badge = false }: VerdictProps) {
  const { t } = useTranslation(['common', 'glossary']);
  const words = verdict === 'incomplete' ? t('glossary:verdicts.incompleteWith', { count: notReached }) : t(`glossary:verdicts.${verdict}`);
  return <span className={`verdict verdict-${verdict}${badge ? ` badge ${VERDICT_CLASS[verdict]}` : ''}`}>{words}</span>;
}
