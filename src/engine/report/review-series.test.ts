import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../record/record-builder';
import { scoreRecord } from '../scoring/score';
import { resolveStandard } from '../scoring/standard';
import { parseIsoMs } from '../time/taipei';
import {
  boardAtStep,
  buildComparison,
  buildScoreBreakdown,
  buildScoredTimeline,
  defaultTimelineSpan,
  sinceT0Text,
  TIMELINE_SPANS,
  timelineTickLabel,
  timelineTicks,
} from './review-series';

const drill = () =>
  recordBuilder({ level: 3, aware: false })
    .on('-5m', 'drill.started', {}, 'facilitator')
    .on('0s', 'incident.aware', {}, 'facilitator')
    .on('5m', 'inject.delivered', { injectId: 'i1', title: '勒索訊息出現' }, 'facilitator')
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
    .on('40m', 'report.submitted', { level: 3 }, 'reporting-contact')
    .team('1h30m', [
      ['commander', 'ciso'],
      ['reporting-contact', 'security-officer'],
      ['intel-planning', 'it-unit-head'],
      ['response-execution', 'affected-unit-head'],
    ])
    .on('2h', 'evidence.submitted', { destination: 'virustotal' }, 'intel-planning')
    .on('4h', 'drill.ended')
    .build();

const T0 = parseIsoMs('2026-03-02T09:00:00+08:00');
const min = (m: number) => T0 + m * 60_000;

describe('buildScoredTimeline', () => {
  const record = drill();
  const timeline = buildScoredTimeline(record, scoreRecord(record));

  it('has one lane per role that acted, in the vocabulary order, and keeps injects apart', () => {
    expect(timeline.lanes).toEqual(['facilitator', 'commander', 'reporting-contact', 'intel-planning', 'ciso']);
    expect(timeline.injects).toEqual([{ seq: 3, ms: min(5), at: '2026-03-02T09:05:00+08:00', title: '勒索訊息出現', stack: 0, stackSize: 1 }]);
    expect(timeline.actions.map((a) => a.type)).not.toContain('inject.delivered');
    const report = timeline.actions.find((a) => a.type === 'report.submitted')!;
    expect(report).toMatchObject({ seq: 5, ms: min(40), lane: 2, role: 'reporting-contact' });
  });

  it('runs the domain from the first event to the evaluation time', () => {
    expect(timeline.domain).toEqual([min(-5), min(240)]);
    expect(timeline.t0Ms).toBe(T0);
  });

  it('draws each judged obligation from trigger to limit with its status; far limits are clipped', () => {
    const byId = Object.fromEntries(timeline.windows.map((w) => [w.id, w]));
    expect(byId['report-1h']).toMatchObject({ status: 'met', triggerMs: T0, dueMs: min(60), doneMs: min(40), fromMs: T0, toMs: min(60), clipped: false });
    expect(byId['team-formed']).toMatchObject({ status: 'late', dueMs: min(60), doneMs: min(90), doneSeq: 6 });
    expect(byId['evidence-submission']).toMatchObject({ status: 'violated', toMs: min(240), clipped: true });
    // not-applicable obligations are not drawn; rows are consecutive.
    expect(timeline.windows.some((w) => w.status === 'not-applicable')).toBe(false);
    expect(timeline.windows.map((w) => w.row)).toEqual(timeline.windows.map((_, i) => i));
    // DoIT's review-level is drawn and marked as the reviewer's.
    expect(byId['review-level']).toMatchObject({ reviewer: true, triggerMs: min(40) });
  });
});

describe('buildScoredTimeline zoomed', () => {
  it('keeps only the first span after T0, clipping windows at its end', () => {
    const record = drill();
    const zoomed = buildScoredTimeline(record, scoreRecord(record), { spanMs: 60 * 60_000 });
    expect(zoomed.domain).toEqual([min(-5), min(60)]);
    expect(zoomed.actions.every((a) => a.ms <= min(60))).toBe(true);
    expect(zoomed.actions.map((a) => a.type)).not.toContain('team.formed');
    const team = zoomed.windows.find((w) => w.id === 'team-formed')!;
    expect(team).toMatchObject({ toMs: min(60), clipped: false, doneMs: min(90) });
    expect(zoomed.windows.find((w) => w.id === 'evidence-submission')).toMatchObject({ toMs: min(60), clipped: true });
  });
});

describe('buildScoredTimeline for the debrief', () => {
  it('orders the windows by trigger, then limit (or when done), then the procedure', () => {
    const record = drill();
    const { windows } = buildScoredTimeline(record, scoreRecord(record));
    const closes = (w: (typeof windows)[number]) => w.dueMs ?? w.doneMs ?? Infinity;
    for (let i = 1; i < windows.length; i++) {
      const [a, b] = [windows[i - 1], windows[i]];
      expect(a.triggerMs <= b.triggerMs).toBe(true);
      if (a.triggerMs === b.triggerMs) expect(closes(a) <= closes(b)).toBe(true);
    }
    const ids = windows.map((w) => w.id);
    // DoIT's level review starts at the report (09:40): after every window that starts at T0.
    expect(windows.slice(0, ids.indexOf('review-level')).every((w) => w.triggerMs === T0)).toBe(true);
    // The level check has no limit: it sits where the level was approved (09:10), before the one-hour limits.
    expect(ids.indexOf('level-assessment')).toBeLessThan(ids.indexOf('report-1h'));
    // Same trigger and limit (10:00): the procedure's order.
    expect(ids.indexOf('report-1h')).toBeLessThan(ids.indexOf('team-formed'));
  });

  it('stacks a lane\'s actions at nearly the same moment, and only within the lane', () => {
    const record = recordBuilder({ level: 3 })
      .on('1m', 'level.assessed', { level: 3 }, 'reporting-contact')
      .on('2m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('3m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('4m', 'agency.notified', {}, 'reporting-contact')
      .on('3h', 'doit.phoned', {}, 'reporting-contact')
      .on('10h', 'drill.ended')
      .build();
    const score = scoreRecord(record);
    const stacks = (t: ReturnType<typeof buildScoredTimeline>) =>
      t.actions.filter((a) => a.role === 'reporting-contact').map((a) => [a.type, a.stack, a.stackSize]);
    // 10 h drawn: 1.2% is 7.2 min, so 09:01, 09:03 and 09:04 are one stack; 12:00 stands alone.
    expect(stacks(buildScoredTimeline(record, score))).toEqual([
      ['level.assessed', 0, 3],
      ['report.submitted', 1, 3],
      ['agency.notified', 2, 3],
      ['doit.phoned', 0, 1],
    ]);
    // The CISO's approval at 09:02 is in its own lane: not stacked with the reporting contact.
    expect(buildScoredTimeline(record, score).actions.find((a) => a.role === 'ciso')).toMatchObject({ stack: 0, stackSize: 1 });
    // Stacks are measured against the drawn span: zoomed to 3 h (2.16 min), 09:03 is still with 09:01, 09:04 is not.
    expect(stacks(buildScoredTimeline(record, score, { spanMs: 3 * 3_600_000 }))).toEqual([
      ['level.assessed', 0, 2],
      ['report.submitted', 1, 2],
      ['agency.notified', 0, 1],
      ['doit.phoned', 0, 1],
    ]);
    // Actions stay in seq order.
    expect(buildScoredTimeline(record, score).actions.map((a) => a.seq)).toEqual([...buildScoredTimeline(record, score).actions.map((a) => a.seq)].sort((a, b) => a - b));
  });

  it('counts what lies after a zoomed span', () => {
    const record = drill();
    const score = scoreRecord(record);
    expect(buildScoredTimeline(record, score).later).toEqual({ count: 0, lastMs: null });
    // After the first hour: team.formed (1h30m), evidence (2h), drill.ended (4h).
    expect(buildScoredTimeline(record, score, { spanMs: 60 * 60_000 }).later).toEqual({ count: 3, lastMs: min(240) });
  });
});

describe('defaultTimelineSpan', () => {
  const monthLong = (lateActions: number) => {
    let b = recordBuilder({ level: 3 })
      .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('50m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('2h', 'action.isolated', {}, 'response-execution')
      .on('1d', 'containment.initial', {}, 'response-execution');
    for (let i = 0; i < lateActions; i++) b = b.on(`${5 + i}d`, 'progress.reported', {}, 'response-execution');
    return b.on('30d', 'drill.ended').build();
  };
  const spanOf = (record: ReturnType<typeof drill>) => defaultTimelineSpan(buildScoredTimeline(record, scoreRecord(record)));

  it('opens a month-long drill on its first three days when most actions are there', () => {
    // drill.started, aware, 4 actions early; 1 late + drill.ended: 6 of 8 early.
    expect(spanOf(monthLong(1))).toBe('d3');
  });

  it('shows the whole drill when it is short, or when the actions are spread over it', () => {
    expect(spanOf(drill())).toBe('all');
    // 6 early, 6 late + drill.ended: under two thirds early.
    expect(spanOf(monthLong(6))).toBe('all');
  });

  it('names the spans in milliseconds', () => {
    expect(TIMELINE_SPANS).toEqual({ all: undefined, h6: 6 * 3_600_000, d3: 3 * 86_400_000 });
  });
});

describe('timelineTicks', () => {
  it('counts short spans from T0 so the limits fall on ticks', () => {
    const { mode, ticks } = timelineTicks([min(-5), min(240)], T0);
    expect(mode).toBe('relative');
    expect(ticks).toEqual([0, 60, 120, 180, 240].map(min));
    expect(timelineTicks([T0, min(90)], T0).ticks).toEqual([0, 15, 30, 45, 60, 75, 90].map(min));
  });

  it('steps up to 12 h over three days, still from T0', () => {
    const { mode, ticks } = timelineTicks([min(-5), min(3 * 1440)], T0);
    expect(mode).toBe('relative');
    expect(ticks.slice(0, 3)).toEqual([T0, min(720), min(1440)]);
    expect(ticks).toHaveLength(7);
  });

  it('puts a month on Taipei midnights, a week apart', () => {
    const start = min(-5);
    const end = parseIsoMs('2026-04-03T10:00:00+08:00');
    const { mode, ticks } = timelineTicks([start, end], T0);
    expect(mode).toBe('calendar');
    expect(ticks[0]).toBe(parseIsoMs('2026-03-03T00:00:00+08:00'));
    expect(ticks[1]).toBe(parseIsoMs('2026-03-10T00:00:00+08:00'));
    expect(ticks.every((t) => t >= start && t <= end)).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });
});

describe('tick labels', () => {
  it('reads T+hh:mm over the clock for short spans', () => {
    expect(sinceT0Text(min(90), T0)).toBe('T+01:30');
    expect(sinceT0Text(min(54 * 60), T0)).toBe('T+54:00');
    expect(sinceT0Text(min(-5), T0)).toBe('T−00:05');
    expect(timelineTickLabel(min(60), T0, 'relative', 'zh-TW')).toEqual(['T+01:00', '10:00']);
    expect(timelineTickLabel(min(1440), T0, 'relative', 'en')).toEqual(['T+24:00', '3/3 09:00']);
  });

  it('reads the date over the weekday for long spans', () => {
    const thu = parseIsoMs('2026-03-05T00:00:00+08:00');
    expect(timelineTickLabel(thu, T0, 'calendar', 'zh-TW')).toEqual(['3/5', '週四']);
    expect(timelineTickLabel(thu, T0, 'calendar', 'en')).toEqual(['3/5', 'Thu']);
  });
});

describe('buildScoreBreakdown', () => {
  it('earned over possible is the score; late earns half; not-reached is left out', () => {
    const record = drill();
    const score = scoreRecord(record);
    const { bars, earned, possible } = buildScoreBreakdown(score, resolveStandard(record));
    expect(Math.round((earned / possible) * 1000) / 10).toBe(score.score);
    const team = bars.find((b) => b.id === 'team-formed')!;
    expect(team).toMatchObject({ status: 'late', weight: 15, earned: 7.5, lost: 7.5 });
    expect(bars.find((b) => b.id === 'report-1h')).toMatchObject({ status: 'met', earned: 15, lost: 0 });
    expect(bars.every((b) => b.status !== 'not-reached' && b.status !== 'not-applicable')).toBe(true);
  });
});

describe('boardAtStep (walkthrough)', () => {
  const record = drill();

  it('shows nothing before awareness', () => {
    expect(boardAtStep(record, 0)).toMatchObject({ step: 0, score: null });
  });

  it('replays what the board showed at each step: report-1h open with 20 minutes left at 09:40 before filing, met after', () => {
    // Step 3 is level.approved at 09:10: the report is due at 10:00, 50 minutes left.
    const at10 = boardAtStep(record, 3);
    expect(at10.event.type).toBe('level.approved');
    const row = (b: ReturnType<typeof boardAtStep>, id: string) => b.score?.obligations.find((o) => o.id === id);
    const minutesLeft = (b: ReturnType<typeof boardAtStep>, id: string) => {
      const o = row(b, id);
      return o?.doneAt === null && o.due !== null ? Math.floor((parseIsoMs(o.due) - parseIsoMs(b.event.at)) / 60_000) : null;
    };
    expect(row(at10, 'report-1h')).toMatchObject({ id: 'report-1h', status: 'not-reached', due: '2026-03-02T10:00:00+08:00', doneAt: null });
    expect(minutesLeft(at10, 'report-1h')).toBe(50);
    const at40 = boardAtStep(record, 4);
    expect(row(at40, 'report-1h')).toMatchObject({ status: 'met' });
    expect(minutesLeft(at40, 'report-1h')).toBeNull();
    // The team is not formed at 10:30 in the full log's past: at step 4 (09:40) it is still open with 20 minutes.
    expect(row(at40, 'team-formed')).toMatchObject({ status: 'not-reached' });
    expect(minutesLeft(at40, 'team-formed')).toBe(20);
    // At the team step (10:30) it has become late.
    expect(row(boardAtStep(record, 5), 'team-formed')).toMatchObject({ status: 'late' });
  });

  it('agrees with scoring the whole record at the last step', () => {
    const last = boardAtStep(record, record.events.length - 1);
    expect(last.score).toEqual(scoreRecord(record));
    expect(() => boardAtStep(record, record.events.length)).toThrow(RangeError);
  });
});

describe('buildComparison', () => {
  it('orders drills by date and lines up each obligation status across them', () => {
    const a = drill();
    const b = recordBuilder({ level: 3, t0: '2025-09-01T09:00:00+08:00' })
      .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('1h30m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('3h', 'drill.ended')
      .build();
    const table = buildComparison([
      { key: 'a.json', record: a, score: scoreRecord(a) },
      { key: 'b.json', record: b, score: scoreRecord(b) },
    ]);
    expect(table.drills.map((d) => [d.key, d.date])).toEqual([
      ['b.json', '2025-09-01'],
      ['a.json', '2026-03-02'],
    ]);
    expect(table.rows.find((r) => r.id === 'report-1h')?.statuses).toEqual(['late', 'met']);
    expect(table.drills[1].score).toBe(scoreRecord(a).score);
    expect(table.mixedAgencies).toBe(false);
  });
});
