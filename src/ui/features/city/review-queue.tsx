/** DoIT's level-review queue (P15, P16): review-level across agencies, open first by due time; reported vs what the evidence suggests. */
import { memo, useId, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { agencyTypeName } from '@/engine/city/city-report';
import type { QueueRow } from '@/engine/city/review-queue';
import { term } from '@/engine/text/glossary';
import { parseIsoMs } from '@/engine/time/taipei';
import { shortTaipei } from '@/ui/lib/time-format';
import { inDomOrder, placeRows, rowDomId } from './row-order';
import './strings';

/** One agency's queue row; the page keeps the row object while what it shows holds, so it re-renders only then. */
const QueueRowView = memo(function QueueRowView({ r, lang, action, idPrefix }: { r: QueueRow; lang: 'zh-TW' | 'en'; action?: ReactNode; idPrefix: string }) {
  const { t } = useTranslation(['city', 'common', 'glossary']);
  const level = (n: number) => t('glossary:levels.n', { n });
  return (
    <tr role="row" id={rowDomId(idPrefix, r.key)} data-agency={r.key}>
      <th scope="row" role="rowheader">
        {r.name}
        <span className="city-agency-meta">{agencyTypeName(r.type, lang)}</span>
      </th>
      <td role="cell" className="nowrap">{r.dueMs === null ? '—' : shortTaipei(r.dueMs)}</td>
      <td role="cell">
        <span className={`badge status-${r.status}`}>{t(`glossary:statuses.${r.status}`)}</span>
      </td>
      <td role="cell">
        <strong>{level(r.reportedLevel)}</strong>
        <span className="city-agency-meta">{t('queue.reportedAt', { time: shortTaipei(parseIsoMs(r.reportedAt)) })}</span>
        <span className={`badge city-accuracy-${r.comparison}`}>{t(`queue.${r.comparison}`)}</span>
      </td>
      <td role="cell">
        <span className="city-line">{t('queue.reference', { level: level(r.referenceLevel) })}</span>
        <span className="city-line">{r.wizardLevel === null ? t('queue.noWizard') : t('queue.wizard', { level: level(r.wizardLevel) })}</span>
        {r.wizardReasons.map((w, i) => (
          <span key={i} className="city-agency-meta">
            {lang === 'en' ? w.en : w.zh}
          </span>
        ))}
      </td>
      <td role="cell" className="city-keep">{r.reviewedLevel === null ? <span className="empty">{t('queue.notReviewed')}</span> : level(r.reviewedLevel)}</td>
      <td role="cell" className="city-content">
        {[r.content.description, r.content.scope, r.content.category && term('incidentCategories', r.content.category, lang), r.content.reporter].filter(Boolean).map((x, i) => (
          <span key={i} className="city-line">
            {x}
          </span>
        ))}
        {r.content.supportNeeded !== undefined && <span className="city-line">{t('queue.support', { what: r.content.supportNeeded || '—' })}</span>}
      </td>
      {action !== undefined && (
        <td role="cell" className="city-queue-action">
          {action}
        </td>
      )}
    </tr>
  );
});

/**
 * `review` (DoIT on the drill server) gives each row its review control, in the row's last column;
 * the records screen has none (a record is what was done).
 */
export const ReviewQueue = memo(function ReviewQueue({ rows, review }: { rows: readonly QueueRow[]; review?: (r: QueueRow) => ReactNode }) {
  const { t, i18n } = useTranslation(['city', 'common', 'glossary']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const idPrefix = useId();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // WARNING: on the records screen (no review control) the rows keep one DOM order (by agency key)
  // and are shown in the queue's by CSS order, as the board's rows are (row-order.ts): a report or
  // a review moved rows in the DOM, and each moved row was rebuilt by the browser (bench:city). With
  // DoIT's review controls they stay in the queue's order in the DOM, so that Tab follows the screen.
  const fixed = review === undefined;
  const domRows = useMemo(() => (fixed ? inDomOrder(rows) : rows), [rows, fixed]);
  const order = rows.map((r) => r.key).join('\n');
  useLayoutEffect(() => {
    if (fixed && bodyRef.current) placeRows(bodyRef.current, order.split('\n'), 2);
  }, [order, fixed]);
  return (
    <section className="city-queue" aria-labelledby="city-queue-title">
      <h2 id="city-queue-title">{t('sections.queue')}</h2>
      <p className="lead">{t('queue.lead')}</p>
      {rows.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <div className="city-table-scroll">
          {/* WARNING: a table in CSS grid rows (city.css), so that each row is skipped from layout and
              paint while off screen; the roles keep it a table for assistive technology whatever
              the display. */}
          <table role="table" className={`data-table city-queue-table${review ? ' city-queue-with-review' : ' city-queue-fixed'}`} aria-labelledby="city-queue-title" aria-rowcount={fixed ? rows.length + 1 : undefined}>
            <thead role="rowgroup">
              <tr role="row" aria-rowindex={fixed ? 1 : undefined}>
                {(['agency', 'due', 'status', 'reported', 'suggested', 'reviewed', 'content'] as const).map((k) => (
                  <th key={k} scope="col" role="columnheader">
                    {t(`queue.columns.${k}`)}
                  </th>
                ))}
                {review && (
                  <th scope="col" role="columnheader">
                    {t('queue.columns.review')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody role="rowgroup" ref={bodyRef}>
              {domRows.map((r) => (
                <QueueRowView key={r.key} r={r} lang={lang} action={review ? (review(r) ?? null) : undefined} idPrefix={idPrefix} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="city-hint">{t('queue.apart')}</p>
    </section>
  );
});
