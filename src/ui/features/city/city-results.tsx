/**
 * After the exercise: each agency's score and verdict, the failing ones with their re-drill date
 * (P39(3)) and a re-drill record to start from, distributions (lazy recharts), level accuracy,
 * DoIT's reviews apart, earlier exercises, re-drill comparisons, exports and the A4 report.
 */
import { lazy, memo, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCURACY_NAMES, agencyTypeName, cityCsv, cityReportMarkdown, minutesText, shortfallsText, verdictName, type CityReportInput } from '@/engine/city/city-report';
import { redrillFor, redrillRecord, type RedrillComparison } from '@/engine/city/redrill';
import { citySummary, type AgencyResult, type CitySummary, type Distribution } from '@/engine/city/results';
import { formatScore, type Block } from '@/engine/report/after-action-report';
import { parseIsoMs, formatTaipei } from '@/engine/time/taipei';
import { downloadText } from '@/ui/lib/download';
import { ReportDocument } from '@/ui/components/report-document/report-document';
import type { ObligationStatus } from '@/engine/record/vocabulary';
import './strings';

const DistributionChart = lazy(() => import('./city-charts'));

/**
 * Renders `children` once its place comes within half a screen of the window (or at once without
 * IntersectionObserver). WARNING: the charts are loaded and drawn only when about to be seen: drawn
 * below the live board while its clock runs (recharts measures its words in the page), they took a
 * frame of 60-90 ms whenever their lazy chunk arrived, the first seconds after the records opened
 * (bench:city).
 */
function WhenNear({ className, children }: { className: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '50% 0px' },
    );
    seen.observe(el);
    return () => seen.disconnect();
  }, [near]);
  return (
    <div ref={ref} className={className}>
      {near ? children : <p aria-busy="true">…</p>}
    </div>
  );
}

interface CityResultsProps {
  input: CityReportInput;
  blocks: readonly Block[];
  fileStem: string;
  /**
   * How a failing agency gets its re-drill. Without it (records screen) DoIT picks a T0 and downloads
   * a re-drill record; on the drill server the page gives it here (a new drill on the server).
   */
  redrillAction?: (a: AgencyResult) => ReactNode;
  /** Shown under the failing agencies (the server's answer to a re-drill given). */
  redrillNote?: ReactNode;
  /** Earlier exercises' summaries opened here (the records screen opens them with the records). */
  onEarlier?: (files: FileList) => void;
  /** Under the export buttons (on the drill server: how to make the same report on the command line). */
  exportNote?: string;
  /** What was wrong with summaries opened here (file, JSON path, what). */
  earlierErrors?: readonly string[];
}

export const CityResultsView = memo(function CityResultsView({ input, blocks, fileStem, redrillAction, redrillNote, onEarlier, earlierErrors = [], exportNote }: CityResultsProps) {
  const earlierId = useId();
  const { t, i18n } = useTranslation(['city', 'common', 'glossary']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const { results } = input;
  const byScore = [...results.agencies].sort((a, b) => a.score.score - b.score.score || a.name.localeCompare(b.name, 'zh-Hant-TW'));
  const failing = byScore.filter((a) => a.verdict === 'fail');
  const [redrillT0, setRedrillT0] = useState<Record<string, string>>({});
  // To the second, as the report says it (a report 60 min 2 s after T0 is not "1 h").
  const mins = (m: number | null) => minutesText(m, lang);
  const history: readonly CitySummary[] = input.history ?? [];
  const redrills: readonly RedrillComparison[] = input.redrills ?? [];

  const describe = (title: string, d: Distribution) =>
    `${t('results.chartDescribed', { title, bins: d.bins.map((b) => `${b.toMin === null ? `>${b.fromMin}` : `${b.fromMin}–${b.toMin}`}: ${b.count}`).join(', '), none: d.none })} ${t('results.median', { median: mins(d.median), limit: d.limitMin, within: d.withinLimit, none: d.none })}`;

  return (
    <section className="city-results" aria-labelledby="city-results-title">
      <h2 id="city-results-title">{t('sections.results')}</h2>
      <p className="city-counts">
        {t('results.counts', { pass: results.counts.pass, fail: results.counts.fail, incomplete: results.counts.incomplete, total: results.agencies.length, mean: results.meanScore === null ? '—' : formatScore(results.meanScore) })}
      </p>

      <h3>{t('results.agencies')}</h3>
      {/* WARNING: a table in CSS grid rows (city.css), each row skipped from layout and paint while
          off screen, as the queue's are; the roles keep it a table whatever the display. Laid out
          as a table, its hundred rows were laid out at once whenever the section came near the
          window (the queue above emptied as the board's clock went back: a 6 ms layout, bench:city). */}
      <table role="table" className="data-table city-agencies-table">
        <thead role="rowgroup">
          <tr role="row">
            {(['agency', 'type', 'score', 'verdict', 'redrill', 'shortfalls'] as const).map((k) => (
              <th key={k} scope="col" role="columnheader">
                {t(`results.columns.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {byScore.map((a) => (
              <tr key={a.key} role="row">
                <th scope="row" role="rowheader">{a.name}</th>
                <td role="cell">{agencyTypeName(a.type, lang)}</td>
                <td role="cell" className="num">{formatScore(a.score.score)}</td>
                <td role="cell">
                  <span className={`badge verdict-${a.verdict}`}>{verdictName(a.verdict, lang)}</span>
                </td>
                <td role="cell" className="nowrap">{a.redrillDue ?? '—'}</td>
                <td role="cell">{shortfallsText(a.shortfalls, lang)}</td>
              </tr>
            ))}
        </tbody>
      </table>

      <h3>{t('results.failing')}</h3>
      {failing.length === 0 ? (
        <p className="empty">{t('results.noneFailing')}</p>
      ) : (
        <ul className="city-failing">
          {failing.map((a) => {
            const link = redrillFor(a, results.exercise);
            const t0 = redrillT0[a.key] ?? `${a.redrillDue}T09:00`;
            return (
              <li key={a.key}>
                <strong>{a.name}</strong> — {t('results.redrillDue', { date: a.redrillDue })}
                {redrillAction ? (
                  <span className="city-redrill-make">{redrillAction(a)}</span>
                ) : link && (
                  <span className="city-redrill-make">
                    <label>
                      <span>{t('results.redrillStart')}</span>
                      <input type="datetime-local" value={t0} max={`${a.redrillDue}T23:59`} onChange={(e) => setRedrillT0((all) => ({ ...all, [a.key]: e.target.value }))} />
                    </label>
                    <button
                      type="button"
                      onClick={() => {
                        const record = redrillRecord(a.record, link, `${t0.length === 16 ? `${t0}:00` : t0}+08:00`);
                        downloadText(`redrill-${a.key.replace(/\.json$/i, '')}.json`, JSON.stringify(record, null, 2) + '\n');
                      }}
                    >
                      {t('results.makeRedrill', { agency: a.name })}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {redrillNote}

      <h3>{t('results.distributions')}</h3>
      <WhenNear className="city-charts">
        <Suspense fallback={<p aria-busy="true">…</p>}>
          <DistributionChart title={t('results.timeToReport')} data={results.timeToReport} lang={lang} description={describe(t('results.timeToReport'), results.timeToReport)} />
          <DistributionChart title={t('results.timeToTeam')} data={results.timeToTeam} lang={lang} description={describe(t('results.timeToTeam'), results.timeToTeam)} />
        </Suspense>
      </WhenNear>

      <div className="city-two">
        <div>
          <h3 id="city-accuracy">{t('results.accuracy')}</h3>
          <table className="data-table" aria-labelledby="city-accuracy">
            <tbody>
              {(['exact', 'over', 'under', 'none'] as const).map((k) => (
                <tr key={k}>
                  <th scope="row">{lang === 'en' ? ACCURACY_NAMES[k].en : ACCURACY_NAMES[k].zh}</th>
                  <td className="num">{results.levelAccuracy[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3 id="city-reviews">{t('results.reviews')}</h3>
          <table className="data-table" aria-labelledby="city-reviews">
            <tbody>
              {Object.entries(results.reviews)
                .filter(([, n]) => n > 0)
                .map(([s, n]) => (
                  <tr key={s}>
                    <th scope="row">
                      <span className={`badge status-${s}`}>{t(`glossary:statuses.${s as ObligationStatus}`)}</span>
                    </th>
                    <td className="num">{n}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </div>

      <h3>{t('results.history')}</h3>
      {onEarlier && (
        <p className="city-open-field">
          <label htmlFor={earlierId}>{t('open.earlier')}</label>
          <input
            id={earlierId}
            type="file"
            accept=".json,application/json"
            multiple
            onChange={(e) => {
              if (e.target.files) onEarlier(e.target.files);
              e.target.value = '';
            }}
          />
        </p>
      )}
      {earlierErrors.length > 0 && (
        <ul role="alert" className="review-errors city-errors">
          {earlierErrors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {history.length <= 1 ? (
        <p className="empty">{t('results.noHistory')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              {(['exercise', 'date', 'agencies', 'passRate', 'mean', 'report', 'team', 'exact'] as const).map((k) => (
                <th key={k} scope="col">
                  {t(`results.historyColumns.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {history.map((s) => (
              <tr key={s.id} aria-current={s.id === results.exercise.id ? 'true' : undefined}>
                <th scope="row">{s.title}</th>
                <td>{formatTaipei(parseIsoMs(s.startAt)).slice(0, 10)}</td>
                <td className="num">{s.agencies}</td>
                <td className="num">{s.agencies > 0 ? `${Math.round((s.pass / s.agencies) * 100)}%` : '—'}</td>
                <td className="num">{s.meanScore === null ? '—' : formatScore(s.meanScore)}</td>
                <td>{mins(s.medianReportMin)}</td>
                <td>{mins(s.medianTeamMin)}</td>
                <td className="num">{s.levelExactShare === null ? '—' : `${Math.round(s.levelExactShare * 100)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('results.redrills')}</h3>
      {redrills.length === 0 ? (
        <p className="empty">{redrillAction ? t('results.noRedrillsLive') : t('results.noRedrills')}</p>
      ) : (
        <ul className="city-redrills">
          {redrills.map((r) => (
            <li key={r.agency}>
              <strong>{r.agency}</strong>{' '}
              {t('results.redrillCompare', {
                before: formatScore(r.before.score),
                beforeVerdict: verdictName(r.before.verdict, lang),
                after: formatScore(r.after.score),
                afterVerdict: verdictName(r.after.verdict, lang),
                due: r.link.dueBy,
                held: r.heldOn ?? '—',
              })}
              {r.heldInTime === false ? t('results.heldLate') : ''}
              <ul>
                {r.rows
                  .filter((x) => x.before !== x.after)
                  .map((x) => (
                    <li key={x.id}>{t('results.redrillChange', { obligation: t(`glossary:obligations.${x.id}`), before: t(`glossary:statuses.${x.before}`), after: t(`glossary:statuses.${x.after}`) })}</li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('results.exports')}</h3>
      <div className="page-actions city-exports">
        <button type="button" onClick={() => downloadText(`${fileStem}.md`, cityReportMarkdown(input, lang), 'text/markdown;charset=utf-8')}>
          {t('results.exportMd')}
        </button>
        <button type="button" onClick={() => downloadText(`${fileStem}.csv`, cityCsv(results, lang), 'text/csv;charset=utf-8')}>
          {t('results.exportCsv')}
        </button>
        <button type="button" onClick={() => downloadText(`${fileStem}-summary.json`, JSON.stringify(citySummary(results), null, 2) + '\n')}>
          {t('results.exportSummary')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('results.print')}
        </button>
      </div>
      {exportNote && <p className="city-hint city-cli">{exportNote}</p>}
      <section className="city-report" aria-label={t('results.report')}>
        <ReportDocument blocks={blocks} lang={lang} titleLevel={3} className="city-report-document" />
      </section>
    </section>
  );
});
