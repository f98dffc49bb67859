/**
 * The review's charts (recharts, loaded only with the review chunk): the scored timeline and the
 * score breakdown. Both draw series built by src/engine/report/review-series.ts.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DrillEvent } from '@/engine/record/schema';
import type { ObligationStatus } from '@/engine/record/vocabulary';
import { describeEvent } from '@/engine/report/event-text';
import { buildScoredTimeline, type BreakdownBar, type ObligationWindow } from '@/engine/report/review-series';
import type { ScoreResult } from '@/engine/scoring/types';
import { formatTaipei } from '@/engine/time/taipei';
import { tickText, taipeiText } from './review-format';
import './strings';

export const STATUS_COLOURS: Record<ObligationStatus, string> = {
  met: '#1f7a3a',
  late: '#c77700',
  missed: '#b3261e',
  violated: '#7b1fa2',
  'not-reached': '#5b6b80',
  'not-applicable': '#9aa3ad',
};
const ACTION_COLOUR = '#0b4f8a';
const INJECT_COLOUR = '#b35c00';

type Lang = 'zh-TW' | 'en';

interface ActionPoint {
  kind: 'action' | 'inject';
  x: number;
  y: number;
  seq: number;
  at: string;
  /** The actor's role. Not `role`: recharts spreads a point's fields onto its SVG shape as attributes. */
  actorRole: string;
  text: string;
}
interface WindowPoint {
  kind: 'window' | 'done';
  x: number;
  y: number;
  window: ObligationWindow;
}

function ticksOf([a, b]: [number, number], count = 8): number[] {
  const span = b - a;
  const steps = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
  const step = steps.find((s) => span / s <= count) ?? steps[steps.length - 1];
  const first = Math.ceil(a / step) * step;
  const out: number[] = [];
  for (let t = first; t <= b; t += step) out.push(t);
  return out;
}

function TimelineTip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> }) {
  const { t } = useTranslation(['review', 'common']);
  const p = payload?.[0]?.payload as ActionPoint | WindowPoint | undefined;
  if (!active || !p) return null;
  if (p.kind === 'action' || p.kind === 'inject') {
    return (
      <div className="chart-tip" role="status">
        <strong>
          #{p.seq} {taipeiText(p.at, true)}
        </strong>
        <div>{p.kind === 'inject' ? t('timeline.inject') : t(`common:roles.${p.actorRole}`)}</div>
        <div>{p.text}</div>
      </div>
    );
  }
  const w = (p as WindowPoint).window;
  return (
    <div className="chart-tip" role="status">
      <strong>{t(`common:obligations.${w.id}`)}</strong>
      <div>
        <span className={`badge status-${w.status}`}>{t(`common:statuses.${w.status}`)}</span>
      </div>
      <div>
        {t('timeline.trigger')}: {taipeiText(formatTaipei(w.triggerMs), true)}
      </div>
      <div>
        {t('timeline.due')}: {w.dueMs === null ? '—' : taipeiText(formatTaipei(w.dueMs), true)}
        {w.clipped ? ` (${t('timeline.clipped')})` : ''}
      </div>
      <div>
        {t('timeline.done')}: {w.doneMs === null ? t('timeline.notDone') : `${taipeiText(formatTaipei(w.doneMs), true)}${w.doneSeq ? ` (#${w.doneSeq})` : ''}`}
      </div>
    </div>
  );
}

/** The scored timeline: role lanes with actions and injects above, obligation windows below, one time axis. */
const SPANS: Array<{ key: string; ms?: number }> = [
  { key: 'all' },
  { key: 'h6', ms: 6 * 3_600_000 },
  { key: 'd3', ms: 3 * 86_400_000 },
];

export function TimelineChart({ events, score, lang }: { events: readonly DrillEvent[]; score: ScoreResult; lang: Lang }) {
  const { t } = useTranslation(['review', 'common']);
  const spanId = useId();
  const [span, setSpan] = useState('all');
  const spanMs = SPANS.find((s) => s.key === span)?.ms;
  const timeline = useMemo(() => buildScoredTimeline({ events: [...events] }, score, spanMs === undefined ? {} : { spanMs }), [events, score, spanMs]);
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const laneCount = timeline.lanes.length + 1; // + the injects row at the top
  const actions: ActionPoint[] = timeline.actions.map((a) => ({
    kind: 'action',
    x: a.ms,
    y: a.lane + 1,
    seq: a.seq,
    at: a.at,
    actorRole: a.role,
    text: describeEvent(bySeq.get(a.seq) ?? { type: a.type }, lang),
  }));
  const injects: ActionPoint[] = timeline.injects.map((i) => ({ kind: 'inject', x: i.ms, y: 0, seq: i.seq, at: i.at, actorRole: 'facilitator', text: i.title }));
  const ticks = ticksOf(timeline.domain);
  const xAxis = (
    <XAxis
      type="number"
      dataKey="x"
      domain={timeline.domain}
      ticks={ticks}
      tickFormatter={(v: number) => tickText(v, timeline.t0Ms)}
      allowDataOverflow
      name={t('columns.time')}
    />
  );
  const laneLabel = (v: number) => (v === 0 ? t('timeline.inject') : t(`common:roles.${timeline.lanes[v - 1]}`));
  const windowsHeight = 40 + timeline.windows.length * 32;
  const statusesShown = [...new Set(timeline.windows.map((w) => w.status))];

  return (
    <div className="timeline-chart">
      <p className="timeline-span">
        <label htmlFor={spanId}>{t('timeline.span')}</label>{' '}
        <select id={spanId} value={span} onChange={(e) => setSpan(e.target.value)}>
          {SPANS.map((s) => (
            <option key={s.key} value={s.key}>
              {t(`timeline.spans.${s.key}`)}
            </option>
          ))}
        </select>
      </p>
      <h3>{t('timeline.actions')}</h3>
      <div className="chart-box" role="img" aria-label={t('timeline.actions')}>
        <ResponsiveContainer width="100%" height={50 + laneCount * 34} initialDimension={{ width: 1000, height: 50 + laneCount * 34 }}>
          <ScatterChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {xAxis}
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, laneCount - 0.5]}
              ticks={Array.from({ length: laneCount }, (_, i) => i)}
              tickFormatter={laneLabel}
              reversed
              width={250}
              interval={0}
            />
            {timeline.injects.map((i) => (
              <ReferenceLine key={`inj-${i.seq}`} x={i.ms} stroke={INJECT_COLOUR} strokeDasharray="4 3" />
            ))}
            <ReferenceLine x={timeline.t0Ms} stroke="#b3261e" label={{ value: 'T0', position: 'insideTopLeft', fill: '#b3261e' }} />
            <Tooltip content={<TimelineTip />} cursor={{ strokeDasharray: '3 3' }} />
            <Scatter name={t('timeline.inject')} data={injects} fill={INJECT_COLOUR} shape="triangle" isAnimationActive={false} />
            <Scatter name={t('timeline.actions')} data={actions} fill={ACTION_COLOUR} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>

      <h3>{t('timeline.windows')}</h3>
      <div className="chart-box" role="img" aria-label={t('timeline.windows')}>
        <ResponsiveContainer width="100%" height={windowsHeight} initialDimension={{ width: 1000, height: windowsHeight }}>
          <ScatterChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {xAxis}
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, timeline.windows.length - 0.5]}
              ticks={timeline.windows.map((w) => w.row)}
              tickFormatter={(v: number) => {
                const w = timeline.windows[v];
                return w ? t(`common:obligations.${w.id}`) : '';
              }}
              reversed
              width={250}
              interval={0}
            />
            <Tooltip content={<TimelineTip />} />
            {timeline.windows.map((w) => (
              <Scatter
                key={w.id}
                data={[
                  { kind: 'window', x: w.fromMs, y: w.row, window: w },
                  { kind: 'window', x: w.toMs, y: w.row, window: w },
                ]}
                fill={STATUS_COLOURS[w.status]}
                line={{ stroke: STATUS_COLOURS[w.status], strokeWidth: 10 }}
                shape={() => <g />}
                isAnimationActive={false}
                legendType="none"
              />
            ))}
            <Scatter
              data={timeline.windows
                .filter((w) => w.doneMs !== null && w.doneMs <= timeline.domain[1])
                .map((w) => ({ kind: 'done', x: w.doneMs!, y: w.row, window: w }))}
              fill="#1b1f24"
              shape="diamond"
              isAnimationActive={false}
              legendType="none"
            />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend" aria-label={t('timeline.legend')}>
        {statusesShown.map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
            {t(`common:statuses.${s}`)}
          </li>
        ))}
        <li>
          <span className="swatch diamond" aria-hidden="true" />
          {t('timeline.done')}
        </li>
        <li>
          <span className="swatch inject" aria-hidden="true" />
          {t('timeline.inject')}
        </li>
      </ul>
    </div>
  );
}

/** The score breakdown: each counted obligation's earned and lost points, stacked to its weight. */
export function BreakdownChart({ bars }: { bars: readonly BreakdownBar[] }) {
  const { t } = useTranslation(['review', 'common']);
  const data = bars.map((b) => ({ ...b, name: t(`common:obligations.${b.id}`), statusName: t(`common:statuses.${b.status}`) }));
  const height = 40 + data.length * 28;
  return (
    <div className="chart-box" role="img" aria-label={t('sections.breakdown')}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 900, height }}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals />
          <YAxis type="category" dataKey="name" width={220} interval={0} />
          <Tooltip
            formatter={(value, name) => [String(value), String(name)]}
            labelFormatter={(label, payload) => {
              const p = payload?.[0]?.payload as { statusName?: string } | undefined;
              return `${String(label)}${p?.statusName ? ` — ${p.statusName}` : ''}`;
            }}
          />
          <Legend />
          <Bar dataKey="earned" name={t('breakdown.earned')} stackId="w" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.id} fill={STATUS_COLOURS[d.status]} />
            ))}
          </Bar>
          <Bar dataKey="lost" name={t('breakdown.lost')} stackId="w" fill="#e1e5ea" stroke="#9aa3ad" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
