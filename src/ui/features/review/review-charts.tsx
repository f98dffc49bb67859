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
  useXAxisScale,
} from 'recharts';
import type { DrillEvent } from '@/engine/record/schema';
import type { ActorRole, ObligationStatus } from '@/engine/record/vocabulary';
import { describeEvent } from '@/engine/report/event-text';
import {
  buildScoredTimeline,
  defaultTimelineSpan,
  sinceT0Text,
  TIMELINE_SPANS,
  timelineTickLabel,
  timelineTicks,
  type BreakdownBar,
  type ObligationWindow,
  type TimelineSpan,
  type TimelineTicks,
} from '@/engine/report/review-series';
import type { ScoreResult } from '@/engine/scoring/types';
import { formatTaipei, parseIsoMs } from '@/engine/time/taipei';
import { useUiStore } from '@/ui/stores/ui-store';
import { taipeiText } from './review-format';
import './strings';

export const STATUS_COLOURS: Record<ObligationStatus, string> = {
  met: '#1f7a3a',
  late: '#c77700',
  missed: '#b3261e',
  violated: '#7b1fa2',
  'not-reached': '#5b6b80',
  'not-applicable': '#9aa3ad',
};
/** The statuses as text on white (4.5:1, the badges' colours): the window's status named beside it, not colour alone. */
const STATUS_TEXT: Record<ObligationStatus, string> = {
  met: '#1f7a3a',
  late: '#9a5b00',
  missed: '#b3261e',
  violated: '#7b1fa2',
  'not-reached': '#3d4a5c',
  'not-applicable': '#5a6370',
};
const ACTION_COLOUR = '#0b4f8a';
/** The walkthrough's current step (issue 12 item 8): a colour no series uses. */
const STEP_COLOUR = '#d81b60';

/** The walkthrough's current step, marked on the scored timeline as the user steps. */
export interface TimelineStep {
  seq: number;
  at: string;
}
const INJECT_COLOUR = '#b35c00';
const T0_COLOUR = '#b3261e';
const SOFT_INK = '#4a5563';

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
  stack: number;
  stackSize: number;
}
interface WindowPoint {
  kind: 'window' | 'done';
  x: number;
  y: number;
  window: ObligationWindow;
}

/** Sizes in px, a third larger in projector mode (the text is sized in rem and grows with it). */
interface Geometry {
  lane: number;
  marker: number;
  row: number;
  bar: number;
  minBar: number;
  axis: number;
  labels: number;
  statuses: number;
  /** Lane and row names, in px: recharts measures them to wrap, so the size is given, not left to CSS. */
  font: number;
}
function geometryFor(projector: boolean, lang: Lang): Geometry {
  const k = projector ? 1.375 : 1;
  const px = (n: number) => Math.round(n * k);
  return { lane: px(56), marker: px(13), row: px(36), bar: px(16), minBar: px(6), axis: px(52), labels: px(lang === 'en' ? 280 : 224), statuses: px(lang === 'en' ? 110 : 90), font: px(15) };
}

/**
 * Where the k-th of n same-moment markers of a lane goes: up to as many rows as the lane holds, centred,
 * then further columns to the right (a stack starts at its first action; the rest came after it).
 */
function stackOffset(stack: number, stackSize: number, g: Geometry): [number, number] {
  const pitch = g.marker + 3;
  const rows = Math.max(1, Math.floor((g.lane - 8) / pitch));
  const used = Math.min(stackSize, rows);
  return [Math.floor(stack / rows) * pitch, ((stack % rows) - (used - 1) / 2) * pitch];
}

interface ShapeProps<P> {
  cx?: number;
  cy?: number;
  payload?: P;
}

function Marker({ cx = 0, cy = 0, payload, g }: ShapeProps<ActionPoint> & { g: Geometry }) {
  if (!payload) return <g />;
  const [dx, dy] = stackOffset(payload.stack, payload.stackSize, g);
  const [x, y, r] = [cx + dx, cy + dy, g.marker / 2];
  if (payload.kind === 'inject') {
    return <path className="timeline-marker" d={`M${x},${y - r - 1}L${x + r + 1},${y + r}L${x - r - 1},${y + r}Z`} fill={INJECT_COLOUR} stroke="#fff" strokeWidth={1.5} />;
  }
  return <circle className="timeline-marker" cx={x} cy={y} r={r} fill={ACTION_COLOUR} stroke="#fff" strokeWidth={1.5} />;
}

/** An obligation's window from trigger to limit, never thinner than g.minBar (a one-hour limit in a month); a chevron where the limit lies beyond the span. */
function WindowBar({ cx = 0, cy = 0, payload, g }: ShapeProps<WindowPoint> & { g: Geometry }) {
  const scale = useXAxisScale();
  if (!payload) return <g />;
  const w = payload.window;
  const end = scale?.(w.toMs) ?? cx;
  const width = Math.max(end - cx, g.minBar);
  const h = g.bar;
  return (
    <g className="timeline-window">
      <rect x={cx} y={cy - h / 2} width={width} height={h} rx={2} fill={STATUS_COLOURS[w.status]} />
      {w.clipped && width > h && (
        <path d={`M${cx + width - h * 0.75},${cy - h * 0.3}l${h * 0.3},${h * 0.3}l${-h * 0.3},${h * 0.3}`} fill="none" stroke="#fff" strokeWidth={2} />
      )}
    </g>
  );
}

function DoneMark({ cx = 0, cy = 0, g }: ShapeProps<WindowPoint> & { g: Geometry }) {
  const r = g.bar / 2 + 3;
  return <path className="timeline-marker" d={`M${cx},${cy - r}L${cx + r * 0.7},${cy}L${cx},${cy + r}L${cx - r * 0.7},${cy}Z`} fill="#1b1f24" stroke="#fff" strokeWidth={1.5} />;
}

/** A two-line time tick: T+hh:mm over the clock, or the date over the weekday. */
function TimeTick({ x = 0, y = 0, payload, t0Ms, mode, lang, top }: { x?: number; y?: number; payload?: { value: number }; t0Ms: number; mode: TimelineTicks['mode']; lang: Lang; top?: boolean }) {
  if (!payload) return <g />;
  const [main, sub] = timelineTickLabel(payload.value, t0Ms, mode, lang);
  return (
    <text x={x} y={y} textAnchor="middle" className="timeline-tick">
      <tspan x={x} dy={top ? '-1.6em' : '1.1em'} fontWeight={600} fill="#1b1f24">
        {main}
      </tspan>
      <tspan x={x} dy="1.2em" fill={SOFT_INK} className="timeline-tick-sub">
        {sub}
      </tspan>
    </text>
  );
}

let measureCtx: OffscreenCanvasRenderingContext2D | null | undefined;
/** The text's width in px in the page's sans font (a canvas measure; a rough estimate where there is no canvas, as in jsdom). */
function textWidth(text: string, font: number): number {
  if (measureCtx === undefined) measureCtx = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  if (!measureCtx) return text.length * font * 0.6;
  measureCtx.font = `${font}px ${getComputedStyle(document.body).fontFamily}`;
  return measureCtx.measureText(text).width;
}

/** Up to two lines no wider than maxWidth, broken between words (English) or characters (Chinese); the rest ends in "…". */
function wrapLines(text: string, font: number, maxWidth: number): string[] {
  if (textWidth(text, font) <= maxWidth) return [text];
  const parts = text.includes(' ') ? text.split(' ') : [...text];
  const sep = text.includes(' ') ? ' ' : '';
  let first = parts[0];
  let i = 1;
  while (i < parts.length && textWidth(first + sep + parts[i], font) <= maxWidth) first += sep + parts[i++];
  let second = parts.slice(i).join(sep);
  while (second.length > 1 && textWidth(second, font) > maxWidth) second = `${second.slice(0, -2)}…`;
  return second ? [first, second] : [first];
}

/**
 * A lane's or row's name in ink, wrapped to two lines at wrapAt px (English role and obligation names
 * are long). Not `width` and `fill`: recharts gives each tick the axis's width and its grey.
 */
function LaneTick({ x = 0, y = 0, payload, text, wrapAt, font, colour = '#1b1f24', anchor = 'end' }: { x?: number; y?: number; payload?: { value: number }; text: (v: number) => string; wrapAt: number; font: number; colour?: string; anchor?: 'start' | 'end' }) {
  if (!payload) return <g />;
  const lines = wrapLines(text(payload.value), font, wrapAt);
  const tx = anchor === 'end' ? x : x + 4;
  return (
    <text x={tx} y={y} textAnchor={anchor} fill={colour} style={{ fontSize: font }} className="timeline-lane">
      {lines.map((line, i) => (
        <tspan key={i} x={tx} dy={i === 0 ? `${0.35 - (lines.length - 1) * 0.575}em` : '1.15em'}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The window's status named at the right end of its row, in its colour. */
function StatusTick({ payload, windows, name, ...rest }: { x?: number; y?: number; payload?: { value: number }; wrapAt: number; font: number; windows: readonly ObligationWindow[]; name: (s: ObligationStatus) => string }) {
  const w = payload ? windows[payload.value] : undefined;
  if (!w) return <g />;
  return <LaneTick {...rest} payload={payload} anchor="start" colour={STATUS_TEXT[w.status]} text={() => name(w.status)} />;
}

function TimelineTip({ active, payload, t0Ms }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; t0Ms: number }) {
  const { t } = useTranslation(['review', 'common', 'glossary']);
  const p = payload?.[0]?.payload as ActionPoint | WindowPoint | undefined;
  if (!active || !p) return null;
  const when = (ms: number) => `${taipeiText(formatTaipei(ms), true)} (${sinceT0Text(ms, t0Ms)})`;
  if (p.kind === 'action' || p.kind === 'inject') {
    return (
      <div className="chart-tip" role="status">
        <strong>
          #{p.seq} {when(p.x)}
        </strong>
        <div>{p.kind === 'inject' ? t('timeline.inject') : t(`glossary:roles.${p.actorRole as ActorRole}`)}</div>
        <div>{p.text}</div>
      </div>
    );
  }
  const w = (p as WindowPoint).window;
  return (
    <div className="chart-tip" role="status">
      <strong>{t(`glossary:obligations.${w.id}`)}</strong>
      <div>
        <span className={`badge status-${w.status}`}>{t(`glossary:statuses.${w.status}`)}</span>
      </div>
      <div>
        {t('timeline.trigger')}: {when(w.triggerMs)}
      </div>
      <div>
        {t('timeline.due')}: {w.dueMs === null ? '—' : when(w.dueMs)}
        {w.clipped ? ` (${t('timeline.clipped')})` : ''}
      </div>
      <div>
        {t('timeline.done')}: {w.doneMs === null ? t('timeline.notDone') : `${when(w.doneMs)}${w.doneSeq ? ` #${w.doneSeq}` : ''}`}
      </div>
    </div>
  );
}

const SPAN_KEYS = Object.keys(TIMELINE_SPANS) as TimelineSpan[];

/** The scored timeline: role lanes with actions and injects above, obligation windows below, one time axis. */
export function TimelineChart({ events, score, lang, step }: { events: readonly DrillEvent[]; score: ScoreResult; lang: Lang; step?: TimelineStep }) {
  const { t } = useTranslation(['review', 'common', 'glossary']);
  const spanId = useId();
  const descId = useId();
  const projector = useUiStore((s) => s.projector);
  const g = geometryFor(projector, lang);
  const full = useMemo(() => buildScoredTimeline({ events: [...events] }, score), [events, score]);
  // Opens on the span the data suggests (a month-long drill: its first three days, where the response is).
  const [span, setSpan] = useState<TimelineSpan>(() => defaultTimelineSpan(full));
  const spanMs = TIMELINE_SPANS[span];
  const timeline = useMemo(
    () => (spanMs === undefined ? full : buildScoredTimeline({ events: [...events] }, score, { spanMs })),
    [full, events, score, spanMs],
  );
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
    stack: a.stack,
    stackSize: a.stackSize,
  }));
  const injects: ActionPoint[] = timeline.injects.map((i) => ({ kind: 'inject', x: i.ms, y: 0, seq: i.seq, at: i.at, actorRole: 'facilitator', text: i.title, stack: i.stack, stackSize: i.stackSize }));
  const { mode, ticks } = timelineTicks(timeline.domain, timeline.t0Ms);
  const xAxis = (orientation: 'top' | 'bottom', id: string | number = 0) => (
    <XAxis
      xAxisId={id}
      orientation={orientation}
      type="number"
      dataKey="x"
      domain={timeline.domain}
      ticks={ticks}
      interval={0}
      tick={<TimeTick t0Ms={timeline.t0Ms} mode={mode} lang={lang} top={orientation === 'top'} />}
      height={g.axis}
      // The top axis draws no series: without this recharts finds no domain and leaves it out.
      allowDataOverflow={orientation === 'top'}
      name={t('columns.time')}
    />
  );
  const laneLabel = (v: number) => (v === 0 ? t('timeline.inject') : t(`glossary:roles.${timeline.lanes[v - 1]}`));
  const windowLabel = (v: number) => {
    const w = timeline.windows[v];
    return w ? t(`glossary:obligations.${w.id}`) : '';
  };
  const margin = { top: 8, right: 16, bottom: 4, left: 8 };
  const actionsHeight = g.axis + margin.top + margin.bottom + laneCount * g.lane;
  const windowsHeight = 2 * g.axis + margin.top + margin.bottom + Math.max(1, timeline.windows.length) * g.row;
  const statusCounts = new Map<ObligationStatus, number>();
  for (const s of Object.keys(STATUS_COLOURS) as ObligationStatus[]) {
    const n = timeline.windows.filter((w) => w.status === s).length;
    if (n > 0) statusCounts.set(s, n);
  }
  const list = (items: string[]) => items.join(lang === 'en' ? ', ' : '、');
  const when = (ms: number) => taipeiText(formatTaipei(ms));
  const stepMs = step ? parseIsoMs(step.at) : null;
  const stepShown = stepMs !== null && stepMs >= timeline.domain[0] && stepMs <= timeline.domain[1];
  // One line on both charts at the step's moment; drawn only inside the span shown (the description says so otherwise).
  const stepLine = (label: boolean) =>
    stepShown ? (
      <ReferenceLine
        x={stepMs}
        className="walk-step-line"
        stroke={STEP_COLOUR}
        strokeWidth={2.5}
        {...(label ? { label: { value: `#${step!.seq}`, position: 'insideTopRight', fill: STEP_COLOUR, fontWeight: 700 } } : {})}
      />
    ) : null;
  const describedBy = (id: string) => [`${descId}-${id}`, ...(step ? [`${descId}-step`] : [])].join(' ');

  return (
    <div className="timeline-chart">
      <p className="timeline-span">
        <label htmlFor={spanId}>{t('timeline.span')}</label>{' '}
        <select id={spanId} value={span} onChange={(e) => setSpan(e.target.value as TimelineSpan)}>
          {SPAN_KEYS.map((key) => (
            <option key={key} value={key}>
              {t(`timeline.spans.${key}`)}
            </option>
          ))}
        </select>
        {timeline.later.count > 0 && (
          <span className="timeline-later">
            {t('timeline.later', { count: timeline.later.count, last: when(timeline.later.lastMs ?? timeline.domain[1]) })}{' '}
            <button type="button" className="link-button" onClick={() => setSpan('all')}>
              {t('timeline.showAll')}
            </button>
          </span>
        )}
      </p>
      <ul className="chart-legend" aria-label={t('timeline.legend')}>
        <li>
          <svg className="legend-icon" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="8" cy="8" r="6" fill={ACTION_COLOUR} />
          </svg>
          {t('timeline.action')}
        </li>
        <li>
          <svg className="legend-icon" viewBox="0 0 16 16" aria-hidden="true">
            <line x1="8" y1="0" x2="8" y2="16" stroke={INJECT_COLOUR} strokeWidth="2" strokeDasharray="3 2" />
            <path d="M8,2L14,13L2,13Z" fill={INJECT_COLOUR} />
          </svg>
          {t('timeline.inject')}
        </li>
        <li>
          <svg className="legend-icon" viewBox="0 0 16 16" aria-hidden="true">
            <line x1="8" y1="0" x2="8" y2="16" stroke={T0_COLOUR} strokeWidth="2" />
          </svg>
          {t('timeline.t0')}
        </li>
        {[...statusCounts.keys()].map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
            {t(`glossary:statuses.${s}`)}
          </li>
        ))}
        <li>
          <svg className="legend-icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8,1L13,8L8,15L3,8Z" fill="#1b1f24" />
          </svg>
          {t('timeline.done')}
        </li>
        {timeline.windows.some((w) => w.clipped) && (
          <li>
            <svg className="legend-icon wide" viewBox="0 0 28 16" aria-hidden="true">
              <rect x="0" y="3" width="28" height="10" rx="2" fill={STATUS_COLOURS.met} />
              <path d="M19,5l3,3l-3,3" fill="none" stroke="#fff" strokeWidth="2" />
            </svg>
            {t('timeline.clippedLegend')}
          </li>
        )}
      </ul>

      <h3>{t('timeline.actions')}</h3>
      <div
        className="chart-box"
        role="img"
        aria-label={t('timeline.actions')}
        aria-describedby={describedBy('actions')}
      >
        <ResponsiveContainer width="100%" height={actionsHeight} initialDimension={{ width: 1000, height: actionsHeight }}>
          {/* The right margin matches the windows' status column, so both charts share one time axis on screen. */}
          <ScatterChart margin={{ ...margin, right: margin.right + g.statuses }}>
            <CartesianGrid strokeDasharray="3 3" />
            {xAxis('bottom')}
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, laneCount - 0.5]}
              ticks={Array.from({ length: laneCount }, (_, i) => i)}
              tick={<LaneTick text={laneLabel} wrapAt={g.labels - 20} font={g.font} />}
              reversed
              width={g.labels}
              interval={0}
            />
            {timeline.injects.map((i) => (
              <ReferenceLine key={`inj-${i.seq}`} x={i.ms} stroke={INJECT_COLOUR} strokeDasharray="4 3" strokeWidth={1.5} />
            ))}
            <ReferenceLine x={timeline.t0Ms} stroke={T0_COLOUR} strokeWidth={2} label={{ value: 'T0', position: 'insideBottomLeft', fill: T0_COLOUR, fontWeight: 700 }} />
            {stepLine(true)}
            <Tooltip content={<TimelineTip t0Ms={timeline.t0Ms} />} cursor={{ strokeDasharray: '3 3' }} />
            <Scatter name={t('timeline.inject')} data={injects} shape={(p: unknown) => <Marker {...(p as ShapeProps<ActionPoint>)} g={g} />} isAnimationActive={false} />
            <Scatter name={t('timeline.actions')} data={actions} shape={(p: unknown) => <Marker {...(p as ShapeProps<ActionPoint>)} g={g} />} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p id={`${descId}-actions`} className="visually-hidden">
        {t('timeline.actionsDesc', {
          lanes: timeline.lanes.length,
          actions: timeline.actions.length,
          injects: timeline.injects.length,
          from: when(timeline.domain[0]),
          to: when(timeline.domain[1]),
        })}
      </p>

      <h3>{t('timeline.windows')}</h3>
      <div className="chart-box" role="img" aria-label={t('timeline.windows')} aria-describedby={describedBy('windows')}>
        <ResponsiveContainer width="100%" height={windowsHeight} initialDimension={{ width: 1000, height: windowsHeight }}>
          <ScatterChart margin={margin}>
            <CartesianGrid strokeDasharray="3 3" />
            {xAxis('top', 'top')}
            {xAxis('bottom')}
            <YAxis
              type="number"
              dataKey="y"
              domain={[-0.5, timeline.windows.length - 0.5]}
              ticks={timeline.windows.map((w) => w.row)}
              tick={<LaneTick text={windowLabel} wrapAt={g.labels - 20} font={g.font} />}
              reversed
              width={g.labels}
              interval={0}
            />
            <YAxis
              yAxisId="status"
              orientation="right"
              type="number"
              dataKey="y"
              domain={[-0.5, timeline.windows.length - 0.5]}
              ticks={timeline.windows.map((w) => w.row)}
              tick={<StatusTick wrapAt={g.statuses - 12} font={g.font} windows={timeline.windows} name={(s) => t(`glossary:statuses.${s}`)} />}
              reversed
              width={g.statuses}
              interval={0}
            />
            <ReferenceLine x={timeline.t0Ms} stroke={T0_COLOUR} strokeWidth={2} />
            {stepLine(false)}
            <Tooltip content={<TimelineTip t0Ms={timeline.t0Ms} />} />
            <Scatter
              data={timeline.windows.map((w): WindowPoint => ({ kind: 'window', x: w.fromMs, y: w.row, window: w }))}
              shape={(p: unknown) => <WindowBar {...(p as ShapeProps<WindowPoint>)} g={g} />}
              isAnimationActive={false}
              legendType="none"
            />
            <Scatter
              data={timeline.windows
                .filter((w) => w.doneMs !== null && w.doneMs <= timeline.domain[1])
                .map((w): WindowPoint => ({ kind: 'done', x: w.doneMs!, y: w.row, window: w }))}
              shape={(p: unknown) => <DoneMark {...(p as ShapeProps<WindowPoint>)} g={g} />}
              yAxisId="status"
              isAnimationActive={false}
              legendType="none"
            />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p id={`${descId}-windows`} className="visually-hidden">
        {t('timeline.windowsDesc', {
          count: timeline.windows.length,
          statuses: list([...statusCounts].map(([s, n]) => `${t(`glossary:statuses.${s}`)} ${n}`)),
        })}
      </p>
      {step && stepMs !== null && (
        <p id={`${descId}-step`} className="timeline-step" data-testid="timeline-step">
          <span className="swatch" style={{ background: STEP_COLOUR }} aria-hidden="true" />{' '}
          {t(stepShown ? 'timeline.step' : 'timeline.stepOutside', { seq: step.seq, at: when(stepMs) })}
        </p>
      )}
    </div>
  );
}

/** The score breakdown: each counted obligation's earned and lost points, stacked to its weight. */
export function BreakdownChart({ bars }: { bars: readonly BreakdownBar[] }) {
  const { t } = useTranslation(['review', 'common', 'glossary']);
  const data = bars.map((b) => ({ ...b, name: t(`glossary:obligations.${b.id}`), statusName: t(`glossary:statuses.${b.status}`) }));
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
