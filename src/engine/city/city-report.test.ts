import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../record/record-builder';
import type { DrillRecord } from '../record/schema';
import type { CityEntry } from './board';
import { cityCsv, cityReportBlocks, cityReportMarkdown } from './city-report';
import { cityEntries } from './entries';
import { compareRedrill, orderComparisons, readRedrillLink, redrillFor, redrillRecord } from './redrill';
import { cityExerciseTag, readCityExercise, reportNeedsNoFlags } from './exercise-tag';
import { agencyResult, cityResults, citySummary, exerciseHistory, parseCitySummary } from './results';

const T0 = '2026-03-02T09:00:00+08:00';

/** What a city exercise of the first hours sets out to exercise (scenario.scope): reporting and the team. */
const FIRST_HOURS = ['report-approval', 'level-assessment', 'report-1h', 'review-level', 'team-formed', 'team-roles'] as const;

/** A passing L3 drill of the first hours whose report and team come at the given offsets; ended at `endAt`. */
function drill(name: string, opts: { report?: string | null; team?: string | null; level?: 1 | 2 | 3 | 4; reported?: 1 | 2 | 3 | 4; endAt?: string; t0?: string } = {}): DrillRecord {
  const level = opts.level ?? 3;
  const b = recordBuilder({ level, t0: opts.t0 ?? T0, agency: { name }, scenario: { scope: [...FIRST_HOURS] } }).on('5m', 'level.approved', { level: opts.reported ?? level, by: 'ciso' }, 'ciso');
  if (opts.report !== null) b.on(opts.report ?? '30m', 'report.submitted', { level: opts.reported ?? level }, 'reporting-contact');
  if (opts.team !== null)
    b.team(opts.team ?? '40m', [
      ['commander', 'ciso'],
      ['reporting-contact', 'security-officer'],
      ['intel-planning', 'it-unit-head'],
      ['response-execution', 'affected-unit-head'],
    ]);
  b.on('45m', 'level.reviewed', { level }, 'doit-reviewer');
  b.on(opts.endAt ?? '2h', 'drill.ended');
  return b.build();
}
const entry = (record: DrillRecord, type: CityEntry['type'] = 'agency'): CityEntry => ({ key: `${record.agency.name}.json`, name: record.agency.name, type, record });
const EXERCISE = { id: 'city-2026', title: '115 年府級演練', startAt: T0 };

describe('after-exercise results', () => {
  it('re-drill is due three calendar months after the Taipei day the drill ended, clamped at month end', () => {
    const failing = (endAt: string) => agencyResult(entry(drill('甲局', { report: null, team: null, endAt }))).redrillDue;
    expect(failing('2026-05-31T23:59:59+08:00')).toBe('2026-08-31');
    // 23:59:59 on 31 May in Taipei is still 31 May; one second later is 1 June
    expect(failing('2026-06-01T00:00:00+08:00')).toBe('2026-09-01');
    // 31 May at 16:00 UTC is 1 June in Taipei
    expect(failing('2026-05-31T16:00:00Z')).toBe('2026-09-01');
    expect(failing('2026-11-30T10:00:00+08:00')).toBe('2027-02-28');
    expect(failing('2027-11-30T10:00:00+08:00')).toBe('2028-02-29');
    expect(agencyResult(entry(drill('乙局'))).redrillDue).toBeNull();
  });

  it('bins time-to-report at the limit: exactly 60 min is within the hour, one second later is not', () => {
    const r = cityResults(EXERCISE, [entry(drill('甲局', { report: '1h' })), entry(drill('乙局', { report: '1h0m1s' })), entry(drill('丙局', { report: '10m' })), entry(drill('丁局', { report: null }))]);
    const bins = Object.fromEntries(r.timeToReport.bins.map((b) => [`${b.fromMin}-${b.toMin}`, b.count]));
    expect(bins['45-60']).toBe(1);
    expect(bins['60-90']).toBe(1);
    expect(bins['0-15']).toBe(1);
    expect(r.timeToReport).toMatchObject({ none: 1, withinLimit: 2, median: 60, max: 60 + 1 / 60 });
    expect(r.counts).toEqual({ pass: 2, fail: 2, incomplete: 0 });
  });

  it('counts level accuracy from the first report against the reference level', () => {
    const r = cityResults(EXERCISE, [entry(drill('甲局')), entry(drill('乙局', { reported: 4 })), entry(drill('丙局', { reported: 2 })), entry(drill('丁局', { report: null }))]);
    expect(r.levelAccuracy).toEqual({ exact: 1, over: 1, under: 1, none: 1 });
  });

  it('summarises for later comparison and reads a summary back, refusing a broken one by path', () => {
    const s = citySummary(cityResults(EXERCISE, [entry(drill('甲局')), entry(drill('乙局', { report: null }))]));
    expect(s).toMatchObject({ agencies: 2, pass: 1, fail: 1, levelExactShare: 0.5, medianReportMin: 30 });
    expect(parseCitySummary(JSON.parse(JSON.stringify(s)), 'a.json')).toEqual({ ok: true, summary: s });
    expect(parseCitySummary({ ...s, pass: -1 }, 'a.json')).toEqual({ ok: false, message: 'a.json: $.pass: must be a whole number ≥ 0' });
    const older = { ...s, id: 'city-2025', title: '114 年府級演練', startAt: '2025-03-03T09:00:00+08:00' };
    expect(exerciseHistory(s, [older]).map((x) => x.id)).toEqual(['city-2025', 'city-2026']);
  });
});

describe('re-drills', () => {
  it('links a re-drill to the failing agency’s city result and compares both', () => {
    const original = agencyResult(entry(drill('甲局', { report: '1h30m', endAt: '2026-03-02T12:00:00+08:00' })));
    expect(original.verdict).toBe('fail');
    const link = redrillFor(original, EXERCISE)!;
    expect(link).toMatchObject({ exerciseId: 'city-2026', agency: '甲局', dueBy: '2026-06-02', shortfalls: ['report-1h'] });
    expect(redrillFor(agencyResult(entry(drill('乙局'))), EXERCISE)).toBeNull();

    const start = redrillRecord(original.record, link, '2026-05-04T09:00:00+08:00');
    expect(readRedrillLink(start)).toEqual(link);
    const played = { ...drill('甲局', { t0: '2026-05-04T09:00:00+08:00' }), redrillOf: link } as DrillRecord;
    const cmp = compareRedrill(original, played);
    expect(cmp).toMatchObject({ before: { verdict: 'fail' }, after: { verdict: 'pass' }, heldOn: '2026-05-04', heldInTime: true });
    expect(cmp.rows.find((r) => r.id === 'report-1h')).toMatchObject({ before: 'late', after: 'met', improved: true });
    // held the day after the due date: late
    const tooLate = { ...drill('甲局', { t0: '2026-06-03T09:00:00+08:00' }), redrillOf: link } as DrillRecord;
    expect(compareRedrill(original, tooLate).heldInTime).toBe(false);
  });

  it('orders comparisons by the agency’s place in the results, then the day held, whatever order they came in', () => {
    const results = cityResults(EXERCISE, [entry(drill('甲局', { report: '1h30m' })), entry(drill('乙局', { report: '1h30m' }))]);
    const [a, b] = results.agencies;
    const played = (r: typeof a, t0: string) => compareRedrill(r, { ...drill(r.name, { t0 }), redrillOf: redrillFor(r, EXERCISE) } as DrillRecord);
    const b1 = played(b, '2026-05-04T09:00:00+08:00');
    const a2 = played(a, '2026-05-20T09:00:00+08:00');
    const a1 = played(a, '2026-05-05T09:00:00+08:00');
    expect(orderComparisons(results, [b1, a2, a1])).toEqual([a1, a2, b1]);
  });

  it('a re-drill record is of the same city exercise as the drill it re-drills', () => {
    const tag = cityExerciseTag({ id: 'city-2026', title: '115 年府級演練', startAt: T0, scenarios: { kind: 'one', scenarioId: 'ransomware-core' } }, 3);
    const original = agencyResult(entry({ ...drill('甲局', { report: null }), cityExercise: tag } as DrillRecord));
    const start = redrillRecord(original.record, redrillFor(original, EXERCISE)!, '2026-05-04T09:00:00+08:00');
    expect(readCityExercise(start)).toEqual(tag);
  });

  it('a folder of records needs no flags for the city report only when every record names its exercise', () => {
    const tag = cityExerciseTag({ id: 'city-2026', title: '115 年府級演練', startAt: T0, scenarios: { kind: 'one', scenarioId: 'ransomware-core' } }, 0);
    const opened = (name: string, record: DrillRecord) => ({ source: `${name}.json`, record });
    const tagged = (name: string) => opened(name, { ...drill(name), cityExercise: tag } as DrillRecord);
    expect(reportNeedsNoFlags([tagged('甲局'), tagged('乙局')])).toBe(true);
    // One drill made before records named their exercise, or one whose tag is unusable.
    expect(reportNeedsNoFlags([tagged('甲局'), opened('乙局', drill('乙局'))])).toBe(false);
    expect(reportNeedsNoFlags([tagged('甲局'), opened('乙局', { ...drill('乙局'), cityExercise: { ...tag, startAt: 'not a time' } } as DrillRecord)])).toBe(false);
    // None names one: the command needs the flags (it would take the folder's name).
    expect(reportNeedsNoFlags([opened('甲局', drill('甲局'))])).toBe(false);
  });

  it('keeps re-drills apart from the exercise’s entries and names agencies without a record', () => {
    const link = redrillFor(agencyResult(entry(drill('甲局', { report: null }))), EXERCISE)!;
    const out = cityEntries(
      [
        { source: 'a.json', record: drill('甲局') },
        { source: 'a2.json', record: drill('甲局') },
        { source: 'r.json', record: { ...drill('甲局'), redrillOf: link } as DrillRecord },
        { source: 'x.json', record: drill('不在名單局') },
      ],
      [
        { name: '甲局', type: 'agency', oversight: ['superior'], reportsToCentral: false, contact: '' },
        { name: '乙國小', type: 'school', oversight: ['superior'], reportsToCentral: false, contact: '' },
      ],
    );
    expect(out.entries.map((e) => e.name)).toEqual(['甲局', '不在名單局']);
    expect(out.redrills.map((r) => r.source)).toEqual(['r.json']);
    expect(out.duplicates.map((r) => r.source)).toEqual(['a2.json']);
    expect(out.withoutRecord.map((a) => a.name)).toEqual(['乙國小']);
    expect(out.offList.map((r) => r.source)).toEqual(['x.json']);
  });
});

describe('city report', () => {
  const results = cityResults(EXERCISE, [entry(drill('臺北市政府甲局')), entry(drill('=HYPERLINK("x")', { report: null, endAt: '2026-05-31T18:00:00+08:00' })), entry(drill('乙國小'), 'school')]);

  it('Markdown names every agency with score, verdict and re-drill date, the distributions and level accuracy', () => {
    const md = cityReportMarkdown({ results }, 'zh-TW');
    expect(md).toContain('# 府級資安事件通報應變演練 成果報告');
    expect(md).toContain('| 通過／未通過／未完成 | 2 / 1 / 0 |');
    expect(md).toMatch(/\| =HYPERLINK\("x"\) \| 一般機關 \| \d+(\.\d)? \| 未通過 \| 2026-08-31 \|/);
    expect(md).toContain('- =HYPERLINK("x")：2026-08-31 前再演練');
    expect(md).toContain('| 0–15 分 | 0 |');
    expect(md).toContain('| 與參考等級相同 | 2 |');
    expect(md).toContain('| 未通報等級 | 1 |');
    const en = cityReportMarkdown({ results }, 'en');
    expect(en).toContain('| Pass / fail / incomplete | 2 / 1 / 0 |');
    expect(en).toContain('drill again by 2026-08-31');
  });

  it('English shortfalls use English brackets; the obligations table lets its point column wrap on A4', () => {
    const failing = cityReportMarkdown({ results }, 'en').split('\n').find((l) => l.startsWith('| =HYPERLINK'))!;
    expect(failing).toMatch(/Report within one hour \((Missed|Late)\)/);
    expect(failing).not.toMatch(/[（）]/);
    const table = cityReportBlocks({ results }, 'zh-TW').find((b) => b.kind === 'table' && b.head[0] === '點次');
    expect(table?.kind === 'table' && table.rows.some((r) => r[0].includes('、'))).toBe(true); // an obligation citing several points
    expect(table?.kind === 'table' && table.nowrap).not.toContain(0);
  });

  it('states lateness to the second, as the board does: the shortfall, the CSV cell and the times to report', () => {
    const late = cityResults(EXERCISE, [entry(drill('甲局', { report: '1h0m2s' })), entry(drill('乙局', { report: '10m' }))]);
    const md = cityReportMarkdown({ results: late }, 'zh-TW');
    expect(md).toMatch(/\| 甲局 \| 一般機關 \| [\d.]+ \| 未通過 \| [\d-]+ \| 一小時內完成通報（逾時 2 秒完成） \|/);
    expect(md).toContain('最長 1 小時 2 秒；');
    const en = cityReportMarkdown({ results: late }, 'en');
    expect(en).toContain('Report within one hour (Late by 2 s)');
    expect(en).toContain('longest 1 h 2 s;');
    const report1h = 5 + 2; // agency, type, score, verdict, re-drill; then the obligations in AGENCY_SCORED order (report-1h is the third)
    expect(cityCsv(late, 'zh-TW').split('\r\n')[1].split(',')[report1h]).toBe('逾時完成（逾時 2 秒）');
    expect(cityCsv(late, 'en').split('\r\n')[1].split(',')[report1h]).toBe('Late by 2 s');
    expect(cityCsv(late, 'en').split('\r\n')[2].split(',')[report1h]).toBe('Met');
  });

  it('names the scenario(s) the agencies played, with the agency types of each when there are several', () => {
    const one = cityReportMarkdown({ results }, 'en');
    expect(one).toMatch(/\| Scenario \| .+ \([\w-]+\) \|/);
    const school = { ...drill('乙國小'), scenario: { ...drill('乙國小').scenario, id: 'school-x', title: '學校情境' } } as DrillRecord;
    const two = cityReportMarkdown({ results: cityResults(EXERCISE, [entry(drill('甲局')), entry(school, 'school')]) }, 'zh-TW');
    // In the order of the scenarios' ids; a scenario without a title is named by its id.
    expect(two).toContain('| 情境 | 學校情境 (school-x)：學校；test-scenario (test-scenario)：一般機關 |');
  });

  it('CSV of agency × obligation: BOM, CRLF, one column per scored obligation, formulas neutralised, quotes doubled', () => {
    const csv = cityCsv(results, 'zh-TW');
    expect(csv.startsWith('\uFEFF機關,類型,分數,結果,再演練期限,等級判斷及資通安全長核可,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[0].split(',')).toHaveLength(5 + 24 + 1);
    expect(lines[2].startsWith(`"'=HYPERLINK(""x"")",一般機關,`)).toBe(true);
    expect(lines[2]).toContain(',未通過,2026-08-31,');
    expect(csv).not.toMatch(/\n(?!\r?$)[^\r]*\n/); // no bare LF row breaks
  });
});
