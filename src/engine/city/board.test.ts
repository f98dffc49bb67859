import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../record/record-builder';
import type { DrillRecord } from '../record/schema';
import { parseIsoMs } from '../time/taipei';
import { arrangeBoard, BOARD_COLUMNS, cellReason, createBoardScorer, scoreBoard, type BoardRow, type CityEntry } from './board';
import { reviewQueue } from './review-queue';

const T0 = '2026-03-02T09:00:00+08:00';
const t0 = parseIsoMs(T0);
const at = (offset: string) => t0 + durationMs(offset);
function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)(h|m|s)/g)) total += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000 }[m[2] as 'h' | 'm' | 's'];
  return total;
}
const entry = (name: string, record: DrillRecord, type: CityEntry['type'] = 'agency'): CityEntry => ({ key: `${name}.json`, name, type, record });
const cell = (row: BoardRow, id: string) => row.cells.find((c) => c.id === id)!;

/** Reports at `reportAt` (level 3, approved first), forms the team at `teamAt`. */
function agency(reportAt: string | null, teamAt: string | null = null, level: 1 | 2 | 3 | 4 = 3) {
  const b = recordBuilder({ level, t0: T0 }).on('5m', 'level.approved', { level, by: 'ciso' }, 'ciso');
  if (reportAt) b.on(reportAt, 'report.submitted', { level }, 'reporting-contact');
  if (teamAt)
    b.team(teamAt, [
      ['commander', 'ciso'],
      ['reporting-contact', 'security-officer'],
      ['intel-planning', 'it-unit-head'],
      ['response-execution', 'affected-unit-head'],
    ]);
  return b.build();
}

describe('city board: cells at the shared simulated now', () => {
  it('has the 24 scored obligations of the agency and DoIT’s review-level apart', () => {
    expect(BOARD_COLUMNS).toHaveLength(25);
    expect(BOARD_COLUMNS[BOARD_COLUMNS.length - 1]).toBe('review-level');
    const [row] = scoreBoard([entry('甲局', agency('40m'))], at('2h'));
    expect(row.cells.map((c) => c.id)).toEqual(BOARD_COLUMNS);
    expect(cell(row, 'review-level').reviewer).toBe(true);
  });

  it('a report-1h limit exactly met is met; at the limit with no report it is still open; one second later it is overdue', () => {
    const onTime = scoreBoard([entry('甲局', agency('1h'))], at('2h'))[0];
    expect(cell(onTime, 'report-1h').status).toBe('met');
    const late = scoreBoard([entry('乙局', agency('1h0m1s'))], at('2h'))[0];
    expect(cell(late, 'report-1h').status).toBe('late');

    const none = entry('丙局', agency(null));
    const atLimit = scoreBoard([none], at('1h'))[0];
    expect(cell(atLimit, 'report-1h')).toMatchObject({ status: 'not-reached', open: true, overdue: false });
    const oneSecondLate = scoreBoard([none], at('1h0m1s'))[0];
    expect(cell(oneSecondLate, 'report-1h')).toMatchObject({ status: 'missed', open: false, overdue: true });
    expect(oneSecondLate.overdue).toBeGreaterThanOrEqual(1);
  });

  it('ignores what has not happened yet as at now', () => {
    const r = entry('甲局', agency('40m'));
    expect(cell(scoreBoard([r], at('30m'))[0], 'report-1h').status).toBe('not-reached');
    expect(cell(scoreBoard([r], at('40m'))[0], 'report-1h').status).toBe('met');
  });

  it('puts agencies with overdue cells first, then sorts by the nearest deadline, by type, or by name', () => {
    const now = at('1h30m');
    const rows = scoreBoard(
      [
        entry('丁國小', agency('10m', '20m'), 'school'),
        entry('甲局', agency('20m', '30m')),
        entry('乙局', agency(null)), // report and team overdue at 1 h 30 min (L3: team within 1 h)
        entry('丙局', agency('50m')), // team overdue (L3: 1 h)
      ],
      now,
    );
    const overdueFirst = arrangeBoard(rows, { sort: 'overdue' }, now).map((r) => r.name);
    expect(overdueFirst.slice(0, 2)).toEqual(['乙局', '丙局']);
    expect(arrangeBoard(rows, { sort: 'overdue', types: ['school'] }, now).map((r) => r.name)).toEqual(['丁國小']);
    expect(arrangeBoard(rows, { sort: 'type' }, now)[0].type).toBe('agency');
    expect(arrangeBoard(rows, { sort: 'type' }, now).map((r) => r.type).at(-1)).toBe('school');
    // nearest deadline: an agency whose next open limit is sooner comes first; none last
    const byDeadline = arrangeBoard(rows, { sort: 'deadline' }, now);
    const dues = byDeadline.map((r) => r.nearestDueMs ?? Infinity);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  it('filters by the nearest deadline: only agencies with an open limit within the window', () => {
    const now = at('30m');
    const rows = scoreBoard([entry('甲局', agency(null)), entry('乙局', agency('10m', '20m'))], now);
    // 甲局's report-1h is due in 30 min; 乙局 has nothing due before hours later
    const soon = arrangeBoard(rows, { sort: 'deadline', dueWithinMs: 30 * 60_000 }, now).map((r) => r.name);
    expect(soon).toEqual(['甲局']);
    expect(arrangeBoard(rows, { sort: 'deadline', dueWithinMs: 30 * 60_000 - 1 }, now)).toEqual([]);
  });

  it('gives each cell its reason in zh-TW and English: status, limit, time left or overdue, scoring’s reasons', () => {
    const r = entry('乙局', agency(null));
    const open = cell(scoreBoard([r], at('40m'))[0], 'report-1h');
    expect(cellReason(open, at('40m'), 'zh-TW')).toBe('未屆期限：期限 03-02 10:00，尚餘 20 分');
    expect(cellReason(open, at('40m'), 'en')).toBe('Not yet due: limit 03-02 10:00, 20 min left');
    const missed = cell(scoreBoard([r], at('1h5m'))[0], 'report-1h');
    expect(cellReason(missed, at('1h5m'), 'zh-TW')).toMatch(/^逾期未辦：期限 03-02 10:00，已逾期 5 分/);
    const late = cell(scoreBoard([entry('丙局', agency('1h0m1s'))], at('2h'))[0], 'report-1h');
    expect(cellReason(late, at('2h'), 'en')).toBe('Late: limit 03-02 10:00, done 03-02 10:00:01, late by 1 s');
    // Time is exact: 2 s after the limit reads as 2 s, in both languages; a whole minute and more as minutes and seconds.
    const late2s = cell(scoreBoard([entry('丙局', agency('1h0m2s'))], at('2h'))[0], 'report-1h');
    expect(cellReason(late2s, at('2h'), 'zh-TW')).toBe('逾時完成：期限 03-02 10:00，03-02 10:00:02 完成，逾時 2 秒');
    const late65s = cell(scoreBoard([entry('丙局', agency('1h1m5s'))], at('2h'))[0], 'report-1h');
    expect(cellReason(late65s, at('2h'), 'en')).toBe('Late: limit 03-02 10:00, done 03-02 10:01:05, late by 1 min 5 s');
    const onTime = cell(scoreBoard([entry('丙局', agency('1h'))], at('2h'))[0], 'report-1h');
    expect(onTime.status).toBe('met');
    expect(cellReason(missed, at('1h5m'), 'en')).toMatch(/overdue by 5 min/);
    const justOver = cell(scoreBoard([r], at('1h0m1s'))[0], 'report-1h');
    expect(cellReason(justOver, at('1h0m1s'), 'zh-TW')).toMatch(/^逾期未辦：期限 03-02 10:00，已逾期 1 秒/);
    expect(cellReason(open, at('40m'), 'zh-TW')).toBe('未屆期限：期限 03-02 10:00，尚餘 20 分');
    // a violation says why, from scoring
    const wrongLevel = recordBuilder({ level: 3, t0: T0 }).on('5m', 'level.approved', { level: 2, by: 'ciso' }, 'ciso').on('30m', 'report.submitted', { level: 2 }, 'reporting-contact').build();
    const violated = cell(scoreBoard([entry('丁局', wrongLevel)], at('2h'))[0], 'level-assessment');
    expect(violated.status).toBe('violated');
    expect(cellReason(violated, at('2h'), 'zh-TW')).toMatch(/^不符規定：03-02 09:30 完成。.*低於情境參考等級第3級/);
  });
});

describe('reviewer queue', () => {
  it('lists review-level of every agency with a website report, open first, by due time (2 h for L3/4, 8 h for L1/2)', () => {
    const withImpact = recordBuilder({ level: 3, t0: T0 })
      .on('5m', 'level.approved', { level: 2, by: 'ciso' }, 'ciso')
      .on('30m', 'report.submitted', {
        level: 2,
        description: '勒索軟體加密檔案伺服器',
        impact: { c: { affected: false, asset: 'non-core', severity: 'minor' }, i: { affected: false, asset: 'non-core', severity: 'minor' }, a: { affected: true, system: 'core', restoredWithinTolerable: false } },
      }, 'reporting-contact')
      .build();
    const entries = [entry('甲局', agency('50m')), entry('乙局', withImpact), entry('丙局', agency(null)), entry('丁局', agency('10m', null, 1))];
    const now = at('1h');
    const q = reviewQueue(entries, now);
    expect(q.map((r) => r.name)).toEqual(['甲局', '丁局', '乙局'].sort((a, b) => {
      const due = { 甲局: at('2h50m'), 乙局: at('8h30m'), 丁局: at('8h10m') } as Record<string, number>;
      return due[a] - due[b];
    }));
    const yi = q.find((r) => r.name === '乙局')!;
    expect(yi).toMatchObject({ reportedLevel: 2, referenceLevel: 3, wizardLevel: 3, comparison: 'under', open: true, due: '2026-03-02T17:30:00+08:00' });
    expect(yi.content.description).toBe('勒索軟體加密檔案伺服器');
    expect(yi.wizardReasons[0].zh).toMatch(/^第3級/);
  });

  it('moves a reviewed agency after the open ones and shows the reviewed level', () => {
    const reviewed = recordBuilder({ level: 3, t0: T0 })
      .on('5m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('10m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('1h', 'level.reviewed', { level: 4 }, 'doit-reviewer')
      .build();
    const q = reviewQueue([entry('甲局', reviewed), entry('乙局', agency('40m'))], at('1h30m'));
    expect(q.map((r) => [r.name, r.open, r.reviewedLevel])).toEqual([
      ['乙局', true, null],
      ['甲局', false, 4],
    ]);
    // as at 59 min the review had not happened yet
    expect(reviewQueue([entry('甲局', reviewed)], at('59m'))[0]).toMatchObject({ open: true, reviewedLevel: null });
  });
});

describe('the live board’s scorer', () => {
  it('gives, forwards and backwards across every moment a status can change, what scoring afresh gives', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseDrillRecord } = await import('../record/parse');
        const dir = join(process.cwd(), 'test', 'fixtures', 'city', 'records');
    const entries = readdirSync(dir).map((n) => {
      const r = parseDrillRecord(readFileSync(join(dir, n), 'utf8'), n);
      if (!r.ok) throw new Error(n);
      return entry(r.record.agency.name, r.record, r.record.agency.type);
    });
    const scorer = createBoardScorer();
    // A not-yet-due obligation's reasons restate the evaluation time ('as at …'); the board never shows them (cellReason).
    const strip = (rows: BoardRow[]) => rows.map((r) => ({ ...r, result: undefined, cells: r.cells.map((c) => ({ ...c, result: c.status === 'not-reached' ? { ...c.result, reasons: [], reasonsZh: [], reasonCodes: [] } : c.result })) }));
    // Where a status can change: each event's moment and a millisecond either side, each limit and a
    // millisecond after it, and a ten-minute grid between them.
    const moments = new Set<number>([at('1h'), at('1h') + 1, at('3h'), at('3h') + 1]);
    for (let m = -5; m <= 200; m += 10) moments.add(t0 + m * 60_000);
    for (const e of entries.flatMap((x) => x.record.events)) {
      const t = Date.parse(e.at);
      if (t <= t0 + 200 * 60_000) for (const d of [-1, 0, 1]) moments.add(t + d);
    }
    const nows = [...moments].sort((a, b) => a - b);
    for (const now of [...nows, ...[...nows].reverse()]) {
      expect(strip(scorer(entries, now).rows)).toEqual(strip(scoreBoard(entries, now)));
    }
  });

  it('re-scores only the agencies whose statuses can change', () => {
    const scorer = createBoardScorer();
    const entries = [entry('甲局', agency('30m', '40m')), entry('乙局', agency(null))];
    const a = scorer(entries, at('50m')).rows;
    const b = scorer(entries, at('55m')).rows;
    expect(b[0]).toBe(a[0]); // nothing happens for 甲局 between 50 and 55 min
    expect(b[1]).toBe(a[1]);
    const c = scorer(entries, at('1h0m0s') + 1).rows; // 乙局's report-1h passes its limit
    expect(c[0]).toBe(a[0]);
    expect(c[1]).not.toBe(a[1]);
    expect(cell(c[1], 'report-1h').status).toBe('missed');
  });

  it('gives the same board again while no row changes, and a new one when a row does or while catching up', () => {
    const scorer = createBoardScorer();
    const entries = [entry('甲局', agency('30m', '40m')), entry('乙局', agency(null))];
    const a = scorer(entries, at('50m'));
    expect(scorer(entries, at('55m'))).toBe(a);
    const passed = scorer(entries, at('1h') + 1);
    expect(passed).not.toBe(a);
    expect(cell(passed.rows[1], 'report-1h').status).toBe('missed');
    // Told to yield before scoring anything: still catching up, so a new board each call.
    const back = scorer(entries, at('50m'), () => true);
    expect(back.pending).toBe(1);
    expect(scorer(entries, at('50m'), () => true)).not.toBe(back);
  });

  it('yields when told: the rest keep their last rows, counted as pending, and the next calls catch up in turn', () => {
    const scorer = createBoardScorer();
    const entries = ['甲', '乙', '丙', '丁'].map((n) => entry(`${n}局`, agency(null)));
    const before = scorer(entries, at('59m')).rows;
    let budget = 1; // score one agency per call
    const yieldAfterOne = () => budget-- <= 0;
    const first = scorer(entries, at('1h') + 1, yieldAfterOne);
    expect(first.pending).toBe(3);
    expect(first.rows.filter((r, i) => r !== before[i])).toHaveLength(1);
    expect(first.rows.filter((r) => cell(r, 'report-1h').status === 'missed')).toHaveLength(1);
    budget = 1;
    const second = scorer(entries, at('1h') + 1, yieldAfterOne);
    expect(second.pending).toBe(2);
    expect(scorer(entries, at('1h') + 1).pending).toBe(0);
    expect(scorer(entries, at('1h') + 1).rows.every((r) => cell(r, 'report-1h').status === 'missed')).toBe(true);
  });
});
