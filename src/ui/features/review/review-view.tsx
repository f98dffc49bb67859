import { useDocumentTitle } from '@/ui/lib/document-title';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillRecord } from '@/engine/record/schema';
import { OBLIGATION_BY_ID } from '@/engine/rules/obligations';
import { scoreRecord } from '@/engine/scoring/score';
import { resolveStandard } from '@/engine/scoring/standard';
import type { ObligationResult } from '@/engine/scoring/types';
import { sealRecord, type IntegrityResult } from '@/engine/integrity/hash-chain';
import { stripBidi, stripBidiDeep } from '@/engine/report/text-safety';
import { useRecordIntegrity } from './use-record-integrity';
import { ReportDocument } from '@/ui/components/report-document/report-document';
import { whatIf, whatIfBlocks, type WhatIfAssumptions } from '@/engine/report/what-if';
import { WhatIfPanel } from './what-if';
import { blocksToMarkdown, buildAfterActionReport, formatScore, reportBlocks } from '@/engine/report/after-action-report';
import { actionLogCsv } from '@/engine/report/action-log-csv';
import { lateText, taipeiMoment } from '@/engine/report/event-text';
import { redrillDue } from '@/engine/rules/redrill';
import { withReviewNotes, type ReviewNote } from '@/engine/report/review-notes';
import { buildScoreBreakdown } from '@/engine/report/review-series';
import { downloadText } from '@/ui/lib/download';
import { pointLabel } from '@/engine/rules/point-label';
// recharts is the review's largest chunk: the charts load after the summary is on screen (issue 12 item 10).
const TimelineChart = lazy(() => import('./review-charts').then((m) => ({ default: m.TimelineChart })));
const BreakdownChart = lazy(() => import('./review-charts').then((m) => ({ default: m.BreakdownChart })));
import { NotesFor } from './review-notes';
import { Walkthrough } from './walkthrough';
import { fileStem, nowIso, taipeiText, todayTaipei } from './review-format';
import './strings';
import './review.css';
import { notesIn, notReachedCount, reasonsIn } from '@/engine/scoring/types';
import { Verdict } from '@/ui/components/verdict/verdict';

export type RecordOrigin = { kind: 'drill'; drillId: string } | { kind: 'file'; fileName: string };

export interface ReviewViewProps {
  record: DrillRecord;
  origin: RecordOrigin;
  notes: readonly ReviewNote[];
  onAddNote: (note: ReviewNote) => void;
  onDeleteNote: (id: string) => void;
  /** For records from this computer: the integrity badge says "local record" instead of "unverified". */
  live?: boolean;
  /** The drill's own title (saved drills) or the file's name: the tab's and so the printed PDF's title. */
  drillTitle?: string;
}

/**
 * What the export holds: the record with its notes. Only a drill saved on this computer is sealed
 * now (self-sealed: its own log). A record opened from a file is never re-sealed (issue 10): it keeps
 * its integrity block exactly as it came, intact, broken or unknown, and one without a block is
 * exported without one (the badge says "not sealed"), so review never launders an edit
 * (docs/drill-record.md, "Extension: integrity"). A drill server's drill comes signed by the server
 * and is exported with that signature.
 */
export function exportRecord(record: DrillRecord, notes: readonly ReviewNote[], origin: RecordOrigin['kind'], sealedAt: string): DrillRecord {
  const withNotes = withReviewNotes(record, notes) as DrillRecord;
  if (origin === 'file') return withNotes;
  // A drill on the drill server: the record came signed by the server; a self-seal here would
  // replace DoIT's signature with none. The notes are outside what it signs, so it stays valid.
  if ((record as { integrity?: { signature?: unknown } }).integrity?.signature) return withNotes;
  return sealRecord(withNotes, sealedAt) as DrillRecord;
}

export function IntegrityBadge({ integrity }: { integrity: IntegrityResult | null }) {
  const { t } = useTranslation(['review', 'glossary']);
  let cls = 'status-not-reached';
  let label: string;
  let detail: string;
  const claims = { signer: integrity?.signer ?? '', at: integrity?.signedAt ? taipeiText(integrity.signedAt) : '', keyId: integrity?.keyId ?? '' };
  if (integrity === null) {
    label = t('integrity.local');
    detail = t('integrity.localDetail');
  } else if (integrity.status === 'verified') {
    cls = 'status-met';
    label = t('integrity.verified');
    detail = t('integrity.verifiedDetail', claims);
  } else if (integrity.status === 'signed') {
    cls = 'status-not-applicable';
    label = t('integrity.signed');
    detail = t('integrity.signedDetail', claims);
  } else if (integrity.status === 'self-sealed') {
    cls = 'status-not-applicable';
    label = t('integrity.selfSealed');
    detail = t('integrity.selfSealedDetail');
  } else if (integrity.status === 'unsealed') {
    cls = 'status-not-applicable';
    label = t('integrity.unsealed');
    detail = t('integrity.unsealedDetail');
  } else if (integrity.status === 'unknown') {
    cls = 'status-not-applicable';
    label = t('integrity.unknown');
    detail = t('integrity.unknownDetail', { reason: stripBidi(integrity.reason ?? '') });
  } else {
    cls = 'status-missed';
    label =
      integrity.brokenKind === 'removed-event' || integrity.brokenKind === 'removed'
        ? t('integrity.brokenRemoved', { seq: integrity.brokenAtSeq, count: integrity.removedCount ?? 1 })
        : integrity.brokenKind === 'signature'
          ? t('integrity.brokenSignature')
          : integrity.brokenAtSeq !== undefined
            ? t('integrity.broken', { seq: integrity.brokenAtSeq })
            : integrity.brokenKind === 'envelope'
              ? t('integrity.brokenEnvelope')
              : t('integrity.brokenOther');
    detail = t('integrity.brokenDetail');
  }
  return (
    <p className="integrity" role="status" aria-label={t('integrity.aria', { status: label })}>
      <span className="integrity-label">{t('integrity.label')}</span> <span className={`badge ${cls}`}>{label}</span>{' '}
      <span className="integrity-detail">{stripBidi(detail)}</span>
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
  const { t, i18n } = useTranslation(['review', 'common', 'glossary']);
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
          const title = t(`glossary:obligations.${o.id}`);
          return (
            <tr key={o.id} className={`row-${o.status}`}>
              <td>{pointLabel(OBLIGATION_BY_ID[o.id].points.join(', '), lang)}</td>
              <th scope="row">{title}</th>
              <td>{o.due ? taipeiMoment(o.due) : '—'}</td>
              <td>{o.doneAt ? taipeiMoment(o.doneAt) : '—'}</td>
              <td>{o.lateByMinutes > 0 ? lateText(o, lang) : '—'}</td>
              <td>
                <span className={`badge status-${o.status}`}>{t(`glossary:statuses.${o.status}`)}</span>
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

export function ReviewView({ record: asRead, origin, notes, onAddNote, onDeleteNote, live, drillTitle }: ReviewViewProps) {
  const { t, i18n } = useTranslation(['review', 'common', 'glossary']);
  // Shown without bidi controls (issue 10); the seal is checked and the export written on the record as read.
  const record = useMemo(() => stripBidiDeep(asRead), [asRead]);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  // The PDF a browser prints takes the tab's title: it names the drill.
  useDocumentTitle([t('print.title', { title: drillTitle ?? record.agency.name })]);

  const standard = useMemo(() => resolveStandard(record), [record]);
  const score = useMemo(() => scoreRecord(record), [record]);
  const integrity = useRecordIntegrity(asRead, origin.kind === 'file');
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
  // The walkthrough's step, shared with the scored timeline so the chart marks it (issue 12 item 8).
  const [walkStep, setWalkStep] = useState(0);
  const walkEvent = record.events[Math.min(walkStep, record.events.length - 1)];
  const [whatIfAssumptions, setWhatIfAssumptions] = useState<WhatIfAssumptions | null>(null);
  const whatIfResult = useMemo(() => (whatIfAssumptions ? whatIf(record, score, whatIfAssumptions, standard) : null), [record, score, whatIfAssumptions, standard]);
  // A what-if shown on screen goes into the report as an appendix marked hypothetical.
  const blocks = useMemo(
    () => [...reportBlocks(report, lang), ...(whatIfResult ? whatIfBlocks(whatIfResult, standard, lang) : [])],
    [report, lang, whatIfResult, standard],
  );
  const due = redrillDue(record.events, score.verdict);
  const aware = record.events.find((e) => e.type === 'incident.aware');
  const stem = fileStem(record.agency.name, aware?.at);
  const title = typeof record.scenario.title === 'string' && record.scenario.title ? record.scenario.title : record.scenario.id;

  const exportJson = () => {
    const out = exportRecord(asRead, notes, origin.kind, nowIso());
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
            <Verdict verdict={score.verdict} notReached={notReachedCount(score)} badge />
          </div>
          <div>
            <p>
              {t('summary.standard', {
                min: standard.minScore,
                critical: standard.critical.map((id) => t(`glossary:obligations.${id}`)).join(lang === 'en' ? ', ' : '、'),
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

      {/* Printed too (review.css): the A4 report carries the scored timeline chart. */}
      <section id="review-timeline" className="card review-screen review-print-too" aria-labelledby="review-timeline-title">
        <h2 id="review-timeline-title">{t('sections.timeline')}</h2>
        <p className="lead">{t('timeline.lead')}</p>
        <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
          <TimelineChart events={record.events} score={score} lang={lang} {...(walkEvent ? { step: { seq: walkEvent.seq, at: walkEvent.at } } : {})} />
        </Suspense>
      </section>

      <section id="review-breakdown" className="card review-screen" aria-labelledby="review-breakdown-title">
        <h2 id="review-breakdown-title">{t('sections.breakdown')}</h2>
        <p className="lead">{t('breakdown.lead')}</p>
        <p>
          {t('breakdown.total', { earned: formatScore(breakdown.earned), possible: formatScore(breakdown.possible), score: formatScore(score.score) })}
        </p>
        <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
          <BreakdownChart bars={breakdown.bars} />
        </Suspense>
      </section>

      <section id="review-walkthrough" className="card review-screen" aria-labelledby="review-walkthrough-title">
        <h2 id="review-walkthrough-title">{t('sections.walkthrough')}</h2>
        <p className="lead">{t('walk.lead')}</p>
        <Walkthrough record={record} notes={notes} onAddNote={onAddNote} onDeleteNote={onDeleteNote} step={walkStep} onStep={setWalkStep} />
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
        <ReportDocument blocks={blocks} lang={lang} titleLevel={2} titleClassName="report-title" />
        <SignatureBlock />
      </section>
    </div>
  );
}

/** Who signs the report (P32: the responsible staff and the CISO; the facilitator for the drill). */
function SignatureBlock() {
  const { t } = useTranslation(['review', 'glossary']);
  return (
    <section className="report-signatures" aria-labelledby="report-signatures-title">
      <h3 id="report-signatures-title">{t('print.signatures')}</h3>
      <table className="report-table signature-table">
        <thead>
          <tr>
            <th scope="col">{t('print.signer')}</th>
            <th scope="col">{t('print.sign')}</th>
            <th scope="col">{t('print.date')}</th>
          </tr>
        </thead>
        <tbody>
          {(['responsible', 'ciso', 'facilitator'] as const).map((who) => (
            <tr key={who}>
              <th scope="row">{who === 'facilitator' ? t('glossary:roles.facilitator') : t(`glossary:signers.${who}`)}</th>
              <td className="sign-line" />
              <td className="sign-line" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
