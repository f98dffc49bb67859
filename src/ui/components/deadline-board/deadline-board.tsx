/**
 * The deadline board: every applicable obligation with its limit, a countdown (or the time over)
 * in words and its status in words as well as colour. One component for the console's live board
 * and the review walkthrough's board at a step of the log, so the walkthrough shows exactly what
 * the console showed at that moment.
 */
import { memo, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { notReachedCount, reasonsIn, type ScoreResult } from '@/engine/scoring/types';
import { duration, shortTaipei } from '@/ui/lib/time-format';
import { Verdict } from '../verdict/verdict';
import { deadlineBoard } from './deadline-board-model';
import './strings';
import './deadline-board.css';

export interface DeadlineBoardProps {
  /** The engine's score at the moment; null before awareness (T0). */
  score: ScoreResult | null;
  /** The simulated moment the board stands at (epoch ms). */
  nowMs: number;
  /** The drill had ended by then: limits not reached stay unreached, nothing counts down. */
  ended: boolean;
  /** The heading, when the page names the board otherwise ("the board at that moment"). */
  heading?: string;
  /** The heading's level in the page's outline. */
  headingLevel?: 2 | 3;
  className?: string;
  /** The board scrolls within itself (the projected console): a tab stop, so the keyboard can scroll it. */
  scrollable?: boolean;
}

export const DeadlineBoard = memo(function DeadlineBoard({ score, nowMs, ended, heading, headingLevel = 2, className = '', scrollable = false }: DeadlineBoardProps) {
  const { t, i18n } = useTranslation(['deadline-board', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const titleId = useId();
  const rows = useMemo(() => deadlineBoard(score, nowMs, ended), [score, nowMs, ended]);
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section className={`deadline-board ${className}`.trim()} aria-labelledby={titleId} {...(scrollable ? { tabIndex: 0 } : {})}>
      <div className="panel-head">
        <Heading id={titleId}>{heading ?? t('heading')}</Heading>
        {score !== null && (
          <p className={`score-now ${score.verdict}`}>
            {t('score')} <strong>{score.score}</strong> · {t('verdictNow')} <Verdict verdict={score.verdict} notReached={notReachedCount(score)} />
          </p>
        )}
      </div>
      <p className="help">{t('help')}</p>
      {rows.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <table className="data-table board">
          <thead>
            <tr>
              <th scope="col">{t('obligation')}</th>
              <th scope="col">{t('limit')}</th>
              <th scope="col">{t('countdown')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`row-${r.status}`}>
                <th scope="row">
                  {tc(`glossary:obligations.${r.id}`)}
                  {r.reviewer && t('doit')}
                </th>
                <td className="num">{r.dueMs === null ? t('noLimit') : shortTaipei(r.dueMs)}</td>
                <td className="num countdown">
                  {r.remainingMs !== null
                    ? r.remainingMs >= 0
                      ? t('left', { time: duration(r.remainingMs, i18n.language) })
                      : t('over', { time: duration(r.remainingMs, i18n.language) })
                    : r.doneMs !== null
                      ? t('doneAt', { time: shortTaipei(r.doneMs) })
                      : t('noLimit')}
                </td>
                <td>
                  <span className={`badge status-${r.status}`}>{tc(`glossary:statuses.${r.status}`)}</span>
                  {r.why && reasonsIn(r.why, i18n.language).length > 0 && <span className="board-why" title={reasonsIn(r.why, i18n.language).join(' ')}>{reasonsIn(r.why, i18n.language).join(' ')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
