import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../record/record-builder';
import { scoreRecord } from '../scoring/score';
import { resolveStandard } from '../scoring/standard';
import { parseIsoMs } from '../time/taipei';
import { boardAtStep, buildComparison, buildScoreBreakdown, buildScoredTimeline } from './review-series';

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
    expect(timeline.injects).toEqual([{ seq: 3, ms: min(5), at: '2026-03-02T09:05:00+08:00', title: '勒索訊息出現' }]);
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
    expect(boardAtStep(record, 0)).toMatchObject({ step: 0, score: null, rows: [] });
  });

  it('replays what the board showed at each step: report-1h open with 20 minutes left at 09:40 before filing, met after', () => {
    // Step 3 is level.approved at 09:10: the report is due at 10:00, 50 minutes left.
    const at10 = boardAtStep(record, 3);
    expect(at10.event.type).toBe('level.approved');
    expect(at10.rows.find((r) => r.id === 'report-1h')).toEqual({ id: 'report-1h', status: 'not-reached', due: '2026-03-02T10:00:00+08:00', doneAt: null, minutesLeft: 50 });
    const at40 = boardAtStep(record, 4);
    expect(at40.rows.find((r) => r.id === 'report-1h')).toMatchObject({ status: 'met', minutesLeft: null });
    // The team is not formed at 10:30 in the full log's past: at step 4 (09:40) it is still open with 20 minutes.
    expect(at40.rows.find((r) => r.id === 'team-formed')).toMatchObject({ status: 'not-reached', minutesLeft: 20 });
    // At the team step (10:30) it has become late.
    expect(boardAtStep(record, 5).rows.find((r) => r.id === 'team-formed')).toMatchObject({ status: 'late' });
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
