/**
 * Compare drills (P39(3): DoIT holds an agency to its standard across drills): several records of
 * one agency side by side — score, pass or fail, and each obligation's status, columns by drill date.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatScore } from '@/engine/report/after-action-report';
import { buildComparison } from '@/engine/report/review-series';
import { scoreRecord } from '@/engine/scoring/score';
import { resolveStandard } from '@/engine/scoring/standard';
import { Verdict } from '@/ui/components/verdict/verdict';
import { RecordOpener, type OpenedRecord } from './record-opener';
import './strings';
import './review.css';

export default function ComparePage() {
  const { t } = useTranslation(['review', 'common', 'glossary']);
  const [opened, setOpened] = useState<OpenedRecord[]>([]);
  const table = useMemo(
    () => buildComparison(opened.map((o, i) => ({ key: `${i + 1}. ${o.fileName}`, record: o.record, score: scoreRecord(o.record) }))),
    [opened],
  );
  const passMark = opened.length > 0 ? resolveStandard(opened[0].record).minScore : 80;
  const chartData = table.drills.map((d) => ({ name: `${d.date}`, score: d.score }));

  return (
    <section className="page review-page compare-page" aria-labelledby="compare-title">
      <div className="page-head">
        <h1 id="compare-title">{t('compare.title')}</h1>
        {opened.length > 0 && (
          <button type="button" onClick={() => setOpened([])}>
            {t('compare.clear')}
          </button>
        )}
      </div>
      <p className="lead">{t('compare.lead')}</p>
      <RecordOpener multiple label={t('compare.choose')} onOpened={(more) => setOpened((all) => [...all, ...more])} />
      {table.drills.length === 0 ? (
        <p className="empty">{t('compare.none')}</p>
      ) : (
        <>
          {table.mixedAgencies && <p role="note">{t('compare.mixed')}</p>}
          <h2>{t('compare.scores')}</h2>
          <div className="chart-box card" role="img" aria-label={t('compare.scores')}>
            <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 800, height: 260 }}>
              <LineChart data={chartData} margin={{ top: 12, right: 24, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" />
                <YAxis domain={[0, 100]} />
                <Tooltip />
                <ReferenceLine y={passMark} stroke="#b3261e" strokeDasharray="4 3" label={{ value: `${t('compare.passMark')} ${passMark}`, position: 'insideBottomRight' }} />
                <Line type="monotone" dataKey="score" name={t('summary.score')} stroke="#0b4f8a" strokeWidth={3} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <table className="data-table compare-table">
            <caption className="visually-hidden">{t('compare.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.obligation')}</th>
                {table.drills.map((d) => (
                  <th scope="col" key={d.key}>
                    <div>{d.date}</div>
                    <div className="compare-sub">{d.scenario}</div>
                    <div className="compare-sub">{d.key}</div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('summary.score')}</th>
                {table.drills.map((d) => (
                  <td key={d.key} className="num">
                    <strong>{formatScore(d.score)}</strong>
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t('summary.result')}</th>
                {table.drills.map((d) => (
                  <td key={d.key} className="status-cell">
                    <Verdict verdict={d.verdict} notReached={d.notReached} badge />
                  </td>
                ))}
              </tr>
              {table.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{t(`glossary:obligations.${r.id}`)}</th>
                  {r.statuses.map((s, i) => (
                    <td key={i} className="status-cell">
                      <span className={`badge status-${s}`}>{t(`glossary:statuses.${s}`)}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
