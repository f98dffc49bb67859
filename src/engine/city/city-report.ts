/**
 * The city report (府級演練成果報告): Markdown for the command line and the app's export (the app
 * prints the same blocks on A4), and the agency × obligation CSV for Excel (UTF-8 with BOM, CRLF,
 * RFC 4180, formulas neutralised: report/action-log-csv.ts's csvRow).
 */
import { AGENCY_SCORED, OBLIGATION_BY_ID } from '../rules/obligations';
import { pointLabel } from '../rules/point-label';
import { resolveStandard } from '../scoring/standard';
import { CSV_BOM, csvRow, taipeiCell } from '../report/action-log-csv';
import { blocksToMarkdown, formatScore, type Block } from '../report/after-action-report';
import { durationText, obligationTitle, statusName, type ReportLanguage, type Words } from '../report/event-text';
import type { CityAgency } from './exercise';
import type { RedrillComparison } from './redrill';
import type { CityResults, CitySummary, Distribution, LevelAccuracy } from './results';
import type { Verdict } from '../record/vocabulary';
import { term } from '../text/glossary';

export interface CityReportInput {
  results: CityResults;
  /** This exercise and earlier ones, in time order (results.ts exerciseHistory). */
  history?: readonly CitySummary[];
  redrills?: readonly RedrillComparison[];
  withoutRecord?: readonly CityAgency[];
  offList?: readonly string[];
}

const T = (zh: string, en: string): Words => ({ zh, en });
export const ACCURACY_NAMES: Record<LevelAccuracy, Words> = {
  exact: T('與參考等級相同', 'Same as the reference level'),
  over: T('高於參考等級（高報）', 'Above the reference level (over-reported)'),
  under: T('低於參考等級（低報）', 'Below the reference level (under-reported)'),
  none: T('未通報等級', 'No level reported'),
};

const say = (w: Words | undefined, lang: ReportLanguage, fallback = '') => (w ? (lang === 'en' ? w.en : w.zh) : fallback);
export const verdictName = (v: Verdict, lang: ReportLanguage) => term('verdicts', v, lang);
export const agencyTypeName = (t: string, lang: ReportLanguage) => term('agencyTypes', t, lang);
const fmt = (iso: string) => taipeiCell(iso).slice(0, 16);
const mins = (m: number | null, lang: ReportLanguage) => (m === null ? '—' : durationText(Math.round(m), lang));

/** "0–15 分" / "over 120 min": a bin's label. */
export function binLabel(fromMin: number, toMin: number | null, lang: ReportLanguage): string {
  if (toMin === null) return lang === 'en' ? `over ${fromMin} min` : `超過 ${fromMin} 分`;
  return lang === 'en' ? `${fromMin}–${toMin} min` : `${fromMin}–${toMin} 分`;
}

function distributionBlocks(d: Distribution, lang: ReportLanguage, w: (zh: string, en: string) => string): Block[] {
  return [
    {
      kind: 'table',
      head: [w('區間', 'Range'), w('機關數', 'Agencies')],
      rows: [...d.bins.map((b) => [binLabel(b.fromMin, b.toMin, lang), String(b.count)]), [w('未完成', 'Not done'), String(d.none)]],
      nowrap: [0, 1],
    },
    {
      kind: 'paragraph',
      text: w(
        `中位數 ${mins(d.median, lang)}；第 90 百分位 ${mins(d.p90, lang)}；最長 ${mins(d.max, lang)}；${d.limitMin} 分內完成 ${d.withinLimit} 個機關。`,
        `Median ${mins(d.median, lang)}; 90th percentile ${mins(d.p90, lang)}; longest ${mins(d.max, lang)}; ${d.withinLimit} agencies within ${d.limitMin} min.`,
      ),
    },
  ];
}

export function cityReportBlocks(input: CityReportInput, lang: ReportLanguage): Block[] {
  const { results } = input;
  const w = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const blocks: Block[] = [];
  const push = (b: Block) => blocks.push(b);
  const n = results.agencies.length;
  const standard = resolveStandard({});

  push({ kind: 'heading', level: 1, text: w('府級資安事件通報應變演練 成果報告', 'City-level cyber incident response drill: results report') });
  push({ kind: 'heading', level: 2, text: w('一、演練概要', '1. Overview') });
  push({
    kind: 'table',
    head: [w('項目', 'Item'), w('內容', 'Detail')],
    rows: [
      [w('演練', 'Exercise'), `${results.exercise.title} (${results.exercise.id})`],
      [w('開始時間（模擬）', 'Start (simulated)'), fmt(results.exercise.startAt)],
      [w('參演機關', 'Agencies'), String(n)],
      [w('通過／未通過／未完成', 'Pass / fail / incomplete'), `${results.counts.pass} / ${results.counts.fail} / ${results.counts.incomplete}`],
      [w('平均分數', 'Mean score'), results.meanScore === null ? '—' : formatScore(results.meanScore)],
      [
        w('預設標準', 'Default standard'),
        w(
          `至少 ${standard.minScore} 分；${standard.critical.map((id) => obligationTitle(id, lang)).join('、')}須如期完成；不得有不符規定事項（第三十九點第三款，資訊局得另定；各機關紀錄另定者從其所定）`,
          `at least ${standard.minScore}; ${standard.critical.map((id) => obligationTitle(id, lang)).join(', ')} met; nothing violated (P39(3): DoIT may set another; a record's own standard applies to it)`,
        ),
      ],
    ],
    nowrap: [0],
  });

  push({ kind: 'heading', level: 2, text: w('二、各機關結果', '2. Result by agency') });
  const sorted = [...results.agencies].sort((a, b) => a.score.score - b.score.score || a.name.localeCompare(b.name, 'zh-Hant-TW'));
  push({
    kind: 'table',
    head: [w('機關', 'Agency'), w('類型', 'Type'), w('分數', 'Score'), w('結果', 'Verdict'), w('再演練期限', 'Re-drill due'), w('待改進事項', 'Shortfalls')],
    rows: sorted.map((a) => [
      a.name,
      agencyTypeName(a.type, lang),
      formatScore(a.score.score),
      verdictName(a.verdict, lang),
      a.redrillDue ?? '—',
      a.shortfalls.map((o) => `${obligationTitle(o.id, lang)}（${statusName(o.status, lang)}）`).join(w('、', ', ')) || '—',
    ]),
    nowrap: [2, 3, 4],
  });

  push({ kind: 'heading', level: 2, text: w('三、應再演練之機關（第三十九點第三款）', '3. Agencies to drill again (P39(3))') });
  const failing = sorted.filter((a) => a.verdict === 'fail');
  push(
    failing.length > 0
      ? { kind: 'list', items: failing.map((a) => w(`${a.name}：${a.redrillDue} 前再演練（${formatScore(a.score.score)} 分）`, `${a.name}: drill again by ${a.redrillDue} (score ${formatScore(a.score.score)})`)) }
      : { kind: 'paragraph', text: w('無未通過之機關。', 'No agency failed.') },
  );
  push({
    kind: 'paragraph',
    text: w('再演練期限為各機關演練結束日（臺北時間）起算三個月之同日；該月無此日者，為該月末日。', 'A re-drill is due three calendar months after the day (Taipei) the agency’s drill ended; where that month has no such day, its last day.'),
  });

  push({ kind: 'heading', level: 2, text: w('四、通報時間分布（知悉至通報）', '4. Time to report (awareness to report)') });
  distributionBlocks(results.timeToReport, lang, w).forEach(push);
  push({ kind: 'heading', level: 2, text: w('五、成立小組時間分布（知悉至組成通報應變小組）', '5. Time to form the team (awareness to team formed)') });
  distributionBlocks(results.timeToTeam, lang, w).forEach(push);

  push({ kind: 'heading', level: 2, text: w('六、等級判定正確性', '6. Level accuracy') });
  push({
    kind: 'table',
    head: [w('首次通報等級', 'First reported level'), w('機關數', 'Agencies')],
    rows: (['exact', 'over', 'under', 'none'] as const).map((k) => [say(ACCURACY_NAMES[k], lang), String(results.levelAccuracy[k])]),
    nowrap: [1],
  });

  push({ kind: 'heading', level: 2, text: w('七、資訊局等級審核（不計入機關分數）', "7. DoIT's level reviews (not in the agencies' scores)") });
  const reviewRows = (Object.entries(results.reviews) as Array<[string, number]>).filter(([, c]) => c > 0);
  push(
    reviewRows.length > 0
      ? { kind: 'table', head: [w('評定', 'Status'), w('機關數', 'Agencies')], rows: reviewRows.map(([s, c]) => [statusName(s, lang), String(c)]), nowrap: [1] }
      : { kind: 'paragraph', text: '—' },
  );

  push({ kind: 'heading', level: 2, text: w('八、各應辦事項評定統計', '8. Obligations across agencies') });
  const shown = ['met', 'late', 'violated', 'missed', 'not-reached', 'not-applicable'] as const;
  push({
    kind: 'table',
    head: [w('點次', 'Point'), w('應辦事項', 'Obligation'), ...shown.map((s) => statusName(s, lang))],
    rows: results.byObligation.map((o) => [pointLabel(OBLIGATION_BY_ID[o.id].points.join(', '), lang), obligationTitle(o.id, lang), ...shown.map((s) => String(o.counts[s]))]),
    nowrap: [0, 2, 3, 4, 5, 6, 7],
  });

  const history = input.history ?? [];
  push({ kind: 'heading', level: 2, text: w('九、與歷次府級演練比較', '9. Compared with earlier city exercises') });
  if (history.length <= 1) push({ kind: 'paragraph', text: w('無先前演練資料。', 'No earlier exercise on file.') });
  else {
    push({
      kind: 'table',
      head: [w('演練', 'Exercise'), w('日期', 'Date'), w('機關', 'Agencies'), w('通過率', 'Pass rate'), w('平均分數', 'Mean score'), w('通報時間中位數', 'Median time to report'), w('成立小組時間中位數', 'Median time to team'), w('等級正確率', 'Level exact')],
      rows: history.map((s) => [
        s.title,
        taipeiCell(s.startAt).slice(0, 10),
        String(s.agencies),
        s.agencies > 0 ? `${Math.round((s.pass / s.agencies) * 100)}%` : '—',
        s.meanScore === null ? '—' : formatScore(s.meanScore),
        mins(s.medianReportMin, lang),
        mins(s.medianTeamMin, lang),
        s.levelExactShare === null ? '—' : `${Math.round(s.levelExactShare * 100)}%`,
      ]),
      nowrap: [1, 2, 3, 4],
    });
  }

  const redrills = input.redrills ?? [];
  push({ kind: 'heading', level: 2, text: w('十、再演練結果', '10. Re-drills') });
  if (redrills.length === 0) push({ kind: 'paragraph', text: w('尚無再演練紀錄。', 'No re-drill on file yet.') });
  for (const r of redrills) {
    push({ kind: 'heading', level: 3, text: r.agency });
    push({
      kind: 'paragraph',
      text: w(
        `府級演練 ${formatScore(r.before.score)} 分（${verdictName(r.before.verdict, lang)}）→ 再演練 ${formatScore(r.after.score)} 分（${verdictName(r.after.verdict, lang)}）；期限 ${r.link.dueBy}，${r.heldOn ?? '—'} 辦理${r.heldInTime === false ? '（逾期）' : ''}。`,
        `City drill ${formatScore(r.before.score)} (${verdictName(r.before.verdict, lang)}) → re-drill ${formatScore(r.after.score)} (${verdictName(r.after.verdict, lang)}); due ${r.link.dueBy}, held ${r.heldOn ?? '—'}${r.heldInTime === false ? ' (late)' : ''}.`,
      ),
    });
    const changed = r.rows.filter((x) => x.before !== x.after);
    if (changed.length > 0) {
      push({
        kind: 'table',
        head: [w('應辦事項', 'Obligation'), w('府級演練', 'City drill'), w('再演練', 'Re-drill')],
        rows: changed.map((x) => [obligationTitle(x.id, lang), statusName(x.before, lang), statusName(x.after, lang)]),
        nowrap: [1, 2],
      });
    }
  }

  const missing = input.withoutRecord ?? [];
  const off = input.offList ?? [];
  if (missing.length > 0 || off.length > 0) {
    push({ kind: 'heading', level: 2, text: w('十一、紀錄核對', '11. Records checked against the list') });
    if (missing.length > 0) push({ kind: 'paragraph', text: w(`名單上未繳交紀錄之機關：${missing.map((a) => a.name).join('、')}`, `Agencies on the list with no record: ${missing.map((a) => a.name).join(', ')}`) });
    if (off.length > 0) push({ kind: 'paragraph', text: w(`不在名單上之紀錄：${off.join('、')}`, `Records of agencies not on the list: ${off.join(', ')}`) });
  }
  return blocks;
}

export function cityReportMarkdown(input: CityReportInput, lang: ReportLanguage): string {
  return blocksToMarkdown(cityReportBlocks(input, lang));
}

/** Agency × obligation for Excel: one row per agency, one column per scored obligation (then DoIT's review apart). */
export function cityCsv(results: CityResults, lang: ReportLanguage): string {
  const en = lang === 'en';
  const head = [
    en ? 'agency' : '機關',
    en ? 'type' : '類型',
    en ? 'score' : '分數',
    en ? 'verdict' : '結果',
    en ? 're-drill due' : '再演練期限',
    ...AGENCY_SCORED.map((o) => obligationTitle(o.id, lang)),
    en ? 'Level review (DoIT)' : '等級審核（資訊局）',
  ];
  const rows = [csvRow(head)];
  for (const a of results.agencies) {
    const byId = new Map(a.score.obligations.map((o) => [o.id, o.status]));
    rows.push(
      csvRow([
        a.name,
        agencyTypeName(a.type, lang),
        formatScore(a.score.score),
        verdictName(a.verdict, lang),
        a.redrillDue ?? '',
        ...AGENCY_SCORED.map((o) => statusName(byId.get(o.id) ?? 'not-applicable', lang)),
        a.review ? statusName(a.review.status, lang) : '',
      ]),
    );
  }
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}
