import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillRecord } from '@/engine/record/schema';
import { OBLIGATION_BY_ID } from '@/engine/rules/obligations';
import { scoreRecord } from '@/engine/scoring/score';
import { resolveStandard } from '@/engine/scoring/standard';
import type { ObligationResult } from '@/engine/scoring/types';
import { sealRecord, verifyRecord, type IntegrityResult } from '@/engine/integrity/hash-chain';
import { whatIf, whatIfBlocks, type WhatIfAssumptions } from '@/engine/report/what-if';
import { WhatIfPanel } from './what-if';
import { blocksToMarkdown, buildAfterActionReport, formatScore, reportBlocks, type Block } from '@/engine/report/after-action-report';
import { actionLogCsv } from '@/engine/report/action-log-csv';
import { durationText } from '@/engine/report/event-text';
import { redrillDue } from '@/engine/report/improvement-plan';
import { withReviewNotes, type ReviewNote } from '@/engine/report/review-notes';
import { buildScoreBreakdown } from '@/engine/report/review-series';
import { downloadText } from '@/ui/lib/download';
import { pointLabel } from '@/engine/rules/point-label';
import { BreakdownChart, TimelineChart } from './review-charts';
import { NotesFor } from './review-notes';
import { Walkthrough } from './walkthrough';
import { fileStem, nowIso, taipeiText, todayTaipei } from './review-format';
import './strings';
import './review.css';
import { notesIn, reasonsIn } from '@/engine/scoring/types';

export type RecordOrigin = { kind: 'drill'; drillId: string } | { kind: 'file'; fileName: string };

export interface ReviewViewProps {
  record: DrillRecord;
  origin: RecordOrigin;
  notes: readonly ReviewNote[];
  onAddNote: (note: ReviewNote) => void;
  onDeleteNote: (id: string) => void;
  /** For records from this computer: the integrity badge says "local record" instead of "unverified". */
  live?: boolean;
}

/**
 * What the export holds: the record with its notes. A saved drill, or a file that carries no chain,
 * is sealed now; a verified file keeps its chain; a broken one keeps its broken chain, so review
 * never launders an edit (docs/drill-record.md, "Extension: integrity").
 */
export function exportRecord(record: DrillRecord, notes: readonly ReviewNote[], integrity: IntegrityResult | null, sealedAt: string): DrillRecord {
  const withNotes = withReviewNotes(record, notes) as DrillRecord;
  if (integrity !== null && integrity.status !== 'unverified') return withNotes;
  return sealRecord(withNotes, sealedAt) as DrillRecord;
}

function IntegrityBadge({ integrity }: { integrity: IntegrityResult | null }) {
  const { t } = useTranslation('review');
  let cls = 'status-not-reached';
  let label: string;
  let detail: string;
  if (integrity === null) {
    label = t('integrity.local');
    detail = t('integrity.localDetail');
  } else if (integrity.status === 'verified') {
    cls = 'status-met';
    label = t('integrity.verified');
    detail = t('integrity.verifiedDetail');
  } else if (integrity.status === 'unverified') {
    cls = 'status-not-applicable';
    label = t('integrity.unverified');
    detail = t('integrity.unverifiedDetail');
  } else {
    cls = 'status-missed';
    label =
      integrity.brokenAtSeq !== undefined
        ? t('integrity.broken', { seq: integrity.brokenAtSeq })
        : integrity.brokenKind === 'envelope'
          ? t('integrity.brokenEnvelope')
          : t('integrity.brokenOther');
    detail = t('integrity.brokenDetail');
  }
  return (
    <p className="integrity" role="status" aria-label={t('integrity.aria', { status: label })}>
      <span className="integrity-label">{t('integrity.label')}</span> <span className={`badge ${cls}`}>{label}</span>{' '}
      <span className="integrity-detail">{detail}</span>
    </p>
  );
}

function ObligationTable({
  rows,
  notes,
  onAddNote,
  onDeleteNote,
  caption,
}: {
  rows: readonly ObligationResult[];
  notes: readonly ReviewNote[];
  onAddNote: (n: ReviewNote) => void;
  onDeleteNote: (id: string) => void;
  caption: string;
}) {
  const { t, i18n } = useTranslation(['review', 'common']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  return (
    <table className="data-table obligation-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.point')}</th>
          <th scope="col">{t('columns.obligation')}</th>
          <th scope="col">{t('columns.limit')}</th>
          <th scope="col">{t('columns.done')}</th>
          <th scope="col">{t('columns.lateBy')}</th>
          <th scope="col">{t('columns.status')}</th>
          <th scope="col">{t('columns.reasons')}</th>
          <th scope="col">{t('columns.notes')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => {
          const title = t(`common:obligations.${o.id}`);
          return (
            <tr key={o.id} className={`row-${o.status}`}>
              <td>{pointLabel(OBLIGATION_BY_ID[o.id].points.join(', '), lang)}</td>
              <th scope="row">{title}</th>
              <td>{taipeiText(o.due)}</td>
              <td>{taipeiText(o.doneAt)}</td>
              <td>{o.lateByMinutes > 0 ? durationText(o.lateByMinutes, lang) : '—'}</td>
              <td>
                <span className={`badge status-${o.status}`}>{t(`common:statuses.${o.status}`)}</span>
              </td>
              <td className="reasons">
                {[...reasonsIn(o, lang), ...notesIn(o, lang)].map((r, i) => (
                  <div key={i}>{r}</div>
                ))}
              </td>
              <td>
                <NotesFor target={{ kind: 'obligation', id: o.id }} targetLabel={title} notes={notes} onAdd={onAddNote} onDelete={onDeleteNote} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The report's blocks as HTML: the print-ready A4 page (same content as the Markdown export). */
export function ReportDocument({ blocks, lang }: { blocks: readonly Block[]; lang: 'zh-TW' | 'en' }) {
  return (
    <article className="report-document" lang={lang === 'en' ? 'en' : 'zh-Hant-TW'}>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading':
            // The report's own title sits under the section heading, so its levels shift by one.
            return b.level === 1 ? (
              <h2 key={i} className="report-title">
                {b.text}
              </h2>
            ) : b.level === 2 ? (
              <h3 key={i}>{b.text}</h3>
            ) : (
              <h4 key={i}>{b.text}</h4>
            );
          case 'paragraph':
            return <p key={i}>{b.text}</p>;
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{item}</li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <table key={i} className="report-table">
                <thead>
                  <tr>
                    {b.head.map((h, j) => (
                      <th key={j} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k} className={b.nowrap?.includes(k) ? 'nowrap' : undefined}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </article>
  );
}

export function ReviewView({ record, origin, notes, onAddNote, onDeleteNote, live }: ReviewViewProps) {
  const { t, i18n } = useTranslation(['review', 'common']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';

  const standard = useMemo(() => resolveStandard(record), [record]);
  const score = useMemo(() => scoreRecord(record), [record]);
  const integrity = useMemo(() => (origin.kind === 'drill' ? null : verifyRecord(record)), [record, origin.kind]);
  const breakdown = useMemo(() => buildScoreBreakdown(score, standard), [score, standard]);
  const reviewDate = todayTaipei();
  const report = useMemo(
    () =>
      buildAfterActionReport({
        record: withReviewNotes(record, notes) as DrillRecord,
        score,
        standard,
        reviewDate,
        ...(integrity ? { integrity } : {}),
      }),
    [record, notes, score, standard, reviewDate, integrity],
  );
  const [whatIfAssumptions, setWhatIfAssumptions] = useState<WhatIfAssumptions | null>(null);
  const whatIfResult = useMemo(() => (whatIfAssumptions ? whatIf(record, score, whatIfAssumptions, standard) : null), [record, score, whatIfAssumptions, standard]);
  // A what-if shown on screen goes into the report as an appendix marked hypothetical.
  const blocks = useMemo(
    () => [...reportBlocks(report, lang), ...(whatIfResult ? whatIfBlocks(whatIfResult, standard, lang) : [])],
    [report, lang, whatIfResult, standard],
  );
  const due = redrillDue(record.events, score.passed);
  const aware = record.events.find((e) => e.type === 'incident.aware');
  const stem = fileStem(record.agency.name, aware?.at);
  const title = typeof record.scenario.title === 'string' && record.scenario.title ? record.scenario.title : record.scenario.id;

  const exportJson = () => {
    const out = exportRecord(record, notes, integrity, nowIso());
    downloadText(`${stem}.drill.json`, JSON.stringify(out, null, 2) + '\n', 'application/json');
  };
  const exportCsv = () => downloadText(`${stem}.log.${lang}.csv`, actionLogCsv(withReviewNotes(record, notes), lang), 'text/csv;charset=utf-8');
  const exportMd = () => downloadText(`${stem}.report.${lang}.md`, blocksToMarkdown(blocks), 'text/markdown;charset=utf-8');

  return (
    <div className="review">
      <div className="page-head review-screen">
        <div>
          <h1 id="review-title">{t('title')}</h1>
          <p className="review-subtitle">
            {record.agency.name} · {title}
          </p>
        </div>
        <nav className="review-toc" aria-label={t('title')}>
          {(['summary', 'whatif', 'obligations', 'timeline', 'breakdown', 'walkthrough', 'exports', 'report'] as const).map((s) => (
            <a key={s} href={`#review-${s}`} onClick={(e) => {
              e.preventDefault();
              // The hash is the route: scroll to the section and move focus there, so Tab goes on from it.
              const section = document.getElementById(`review-${s}`);
              section?.setAttribute('tabindex', '-1');
              section?.focus();
            }}>
              {t(`sections.${s}`)}
            </a>
          ))}
        </nav>
      </div>
      {live && <p className="review-screen lead">{t('running')}</p>}

      <section id="review-summary" className="card review-screen" aria-labelledby="review-summary-title">
        <h2 id="review-summary-title">{t('sections.summary')}</h2>
        <div className="summary-grid">
          <div className="score-box">
            <span className="score-label">{t('summary.score')}</span>
            <span className="score-value" aria-label={`${t('summary.score')} ${formatScore(score.score)}`}>
              {formatScore(score.score)}
            </span>
            <span className={`badge ${score.passed ? 'status-met' : 'status-missed'}`}>{score.passed ? t('summary.passed') : t('summary.failed')}</span>
          </div>
          <div>
            <p>
              {t('summary.standard', {
                min: standard.minScore,
                critical: standard.critical.map((id) => t(`common:obligations.${id}`)).join(lang === 'en' ? ', ' : '、'),
                noViolations: standard.noViolations ? t('summary.noViolations') : '',
              })}
            </p>
            {due && <p className="redrill">{t('summary.redrill', { date: due })}</p>}
            <IntegrityBadge integrity={integrity} />
          </div>
        </div>
        <h3>{t('summary.doit')}</h3>
        <ObligationTable rows={score.doit} notes={notes} onAddNote={onAddNote} onDeleteNote={onDeleteNote} caption={t('summary.doit')} />
      </section>

      <WhatIfPanel inForce={standard} assumptions={whatIfAssumptions} onChange={setWhatIfAssumptions} result={whatIfResult} referenceLevel={record.scenario.referenceLevel} />

      <section id="review-obligations" className="review-screen" aria-labelledby="review-obligations-title">
        <h2 id="review-obligations-title">{t('sections.obligations')}</h2>
        <p className="lead">{origin.kind === 'drill' ? t('notes.storedLocal') : t('notes.storedFile')}</p>
        <ObligationTable rows={score.obligations} notes={notes} onAddNote={onAddNote} onDeleteNote={onDeleteNote} caption={t('sections.obligations')} />
      </section>

      <section id="review-timeline" className="card review-screen" aria-labelledby="review-timeline-title">
        <h2 id="review-timeline-title">{t('sections.timeline')}</h2>
        <p className="lead">{t('timeline.lead')}</p>
        <TimelineChart events={record.events} score={score} lang={lang} />
      </section>

      <section id="review-breakdown" className="card review-screen" aria-labelledby="review-breakdown-title">
        <h2 id="review-breakdown-title">{t('sections.breakdown')}</h2>
        <p className="lead">{t('breakdown.lead')}</p>
        <p>
          {t('breakdown.total', { earned: formatScore(breakdown.earned), possible: formatScore(breakdown.possible), score: formatScore(score.score) })}
        </p>
        <BreakdownChart bars={breakdown.bars} />
      </section>

      <section id="review-walkthrough" className="card review-screen" aria-labelledby="review-walkthrough-title">
        <h2 id="review-walkthrough-title">{t('sections.walkthrough')}</h2>
        <p className="lead">{t('walk.lead')}</p>
        <Walkthrough record={record} notes={notes} onAddNote={onAddNote} onDeleteNote={onDeleteNote} />
      </section>

      <section id="review-exports" className="card review-screen" aria-labelledby="review-exports-title">
        <h2 id="review-exports-title">{t('sections.exports')}</h2>
        <p className="lead">{t('exports.lead')}</p>
        <div className="row-actions">
          <button type="button" className="primary" onClick={exportJson}>
            {t('exports.json')}
          </button>
          <button type="button" onClick={exportCsv}>
            {t('exports.csv')}
          </button>
          <button type="button" onClick={exportMd}>
            {t('exports.markdown')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('exports.print')}
          </button>
        </div>
      </section>

      <section id="review-report" className="card review-report" aria-labelledby="review-report-title">
        <h2 id="review-report-title" className="review-screen">
          {t('sections.report')}
        </h2>
        <ReportDocument blocks={blocks} lang={lang} />
      </section>
    </div>
  );
}
