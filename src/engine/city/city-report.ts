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
import { lateText, obligationTitle, spanText, statusName, type ReportLanguage, type Words } from '../report/event-text';
import type { ObligationResult } from '../scoring/types';
import type { CityAgency } from './exercise';
import type { RedrillComparison } from './redrill';
import type { CityResults, CitySummary, Distribution, LevelAccuracy } from './results';
import { AGENCY_TYPES, type Verdict } from '../record/vocabulary';
import { phrase, term } from '../text/glossary';
import { cityReportText, cityText } from './city-text';

type CityKey = Parameters<typeof cityText>[1];
type Params = Record<string, string | number>;

export interface CityReportInput {
  results: CityResults;
  /** This exercise and earlier ones, in time order (results.ts exerciseHistory). */
  history?: readonly CitySummary[];
  redrills?: readonly RedrillComparison[];
  withoutRecord?: readonly CityAgency[];
  offList?: readonly string[];
}

/** Level accuracy in words (city-report.json `accuracy`), both languages for the page's table. */
export const ACCURACY_NAMES: Record<LevelAccuracy, Words> = Object.fromEntries(
  (['exact', 'over', 'under', 'none'] as const).map((k) => [k, { zh: cityText('zh-TW', `accuracy.${k}`), en: cityText('en', `accuracy.${k}`) }]),
) as Record<LevelAccuracy, Words>;

export const verdictName = (v: Verdict, lang: ReportLanguage) => term('verdicts', v, lang);
export const agencyTypeName = (t: string, lang: ReportLanguage) => term('agencyTypes', t, lang);
const fmt = (iso: string) => taipeiCell(iso).slice(0, 16);
/** Minutes from T0 (ms / 60,000, exact) in words, to the second: a report 60 min 2 s after T0 is not "1 h". */
export const minutesText = (m: number | null, lang: ReportLanguage) => (m === null ? '—' : spanText(Math.round(m * 60_000), lang));
const mins = minutesText;

/** "0–15 分" / "over 120 min": a bin's label. */
export function binLabel(fromMin: number, toMin: number | null, lang: ReportLanguage): string {
  return toMin === null ? cityText(lang, 'bins.over', { from: fromMin }) : cityText(lang, 'bins.range', { from: fromMin, to: toMin });
}

function distributionBlocks(d: Distribution, lang: ReportLanguage): Block[] {
  const w = (key: CityKey, params?: Params) => cityText(lang, key, params);
  return [
    {
      kind: 'table',
      head: [w('distribution.range'), w('distribution.agencies')],
      rows: [...d.bins.map((b) => [binLabel(b.fromMin, b.toMin, lang), String(b.count)]), [w('distribution.notDone'), String(d.none)]],
      nowrap: [0, 1],
    },
    {
      kind: 'paragraph',
      text: w('distribution.summary', { median: mins(d.median, lang), p90: mins(d.p90, lang), max: mins(d.max, lang), limit: d.limitMin, within: d.withinLimit }),
    },
  ];
}

/**
 * The scenario(s) the agencies played, from their records (so the server, DoIT's page and a folder
 * of records say the same): `title (id)`; with several, each followed by the agency types that played it.
 */
export function scenariosText(results: Pick<CityResults, 'agencies'>, lang: ReportLanguage): string {
  const played = new Map<string, { title: string; types: Set<string> }>();
  for (const a of results.agencies) {
    const s = a.record.scenario;
    const seen = played.get(s.id) ?? { title: s.title?.trim() || s.id, types: new Set<string>() };
    seen.types.add(a.type);
    played.set(s.id, seen);
  }
  if (played.size === 0) return '—';
  const named = [...played].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (named.length === 1) return `${named[0][1].title} (${named[0][0]})`;
  return named
    .map(([id, p]) =>
      cityReportText(lang, 'overview.scenarioFor', {
        scenario: `${p.title} (${id})`,
        types: AGENCY_TYPES.filter((t) => p.types.has(t)).map((t) => agencyTypeName(t, lang)).join(phrase('eventDetails', 'list', lang)),
      }),
    )
    .join(cityReportText(lang, 'overview.scenarioSep'));
}

/** An agency's shortfalls in words (a late one by how late, to the second), or — when it has none: the report's and DoIT's page's. */
export function shortfallsText(shortfalls: readonly ObligationResult[], lang: ReportLanguage): string {
  const w = (key: Parameters<typeof cityReportText>[1], params?: Params) => cityReportText(lang, key, params);
  return (
    shortfalls
      .map((o) => (o.status === 'late' ? w('byAgency.shortfallLate', { obligation: obligationTitle(o.id, lang), duration: lateText(o, lang) }) : w('byAgency.shortfall', { obligation: obligationTitle(o.id, lang), status: statusName(o.status, lang) })))
      .join(phrase('eventDetails', 'list', lang)) || '—'
  );
}

export function cityReportBlocks(input: CityReportInput, lang: ReportLanguage): Block[] {
  const { results } = input;
  const w = (key: Parameters<typeof cityReportText>[1], params?: Params) => cityReportText(lang, key, params);
  const listSep = phrase('eventDetails', 'list', lang);
  const blocks: Block[] = [];
  const push = (b: Block) => blocks.push(b);
  const n = results.agencies.length;
  const standard = resolveStandard({});

  push({ kind: 'heading', level: 1, text: w('title') });
  push({ kind: 'heading', level: 2, text: w('overview.heading') });
  push({
    kind: 'table',
    head: [w('item'), w('detail')],
    rows: [
      [w('overview.exercise'), `${results.exercise.title} (${results.exercise.id})`],
      [w('overview.scenario'), scenariosText(results, lang)],
      [w('overview.start'), fmt(results.exercise.startAt)],
      [w('overview.agencies'), String(n)],
      [w('overview.counts'), `${results.counts.pass} / ${results.counts.fail} / ${results.counts.incomplete}`],
      [w('overview.mean'), results.meanScore === null ? '—' : formatScore(results.meanScore)],
      [
        w('overview.standard'),
        w('overview.standardText', { min: standard.minScore, critical: standard.critical.map((id) => obligationTitle(id, lang)).join(listSep) }),
      ],
    ],
    nowrap: [0],
  });

  push({ kind: 'heading', level: 2, text: w('byAgency.heading') });
  const sorted = [...results.agencies].sort((a, b) => a.score.score - b.score.score || a.name.localeCompare(b.name, 'zh-Hant-TW'));
  push({
    kind: 'table',
    head: (['agency', 'type', 'score', 'verdict', 'redrill', 'shortfalls'] as const).map((k) => w(`byAgency.${k}`)),
    rows: sorted.map((a) => [
      a.name,
      agencyTypeName(a.type, lang),
      formatScore(a.score.score),
      verdictName(a.verdict, lang),
      a.redrillDue ?? '—',
      shortfallsText(a.shortfalls, lang),
    ]),
    nowrap: [2, 3, 4],
  });

  push({ kind: 'heading', level: 2, text: w('redrill.heading') });
  const failing = sorted.filter((a) => a.verdict === 'fail');
  push(
    failing.length > 0
      ? { kind: 'list', items: failing.map((a) => w('redrill.item', { agency: a.name, due: a.redrillDue ?? '—', score: formatScore(a.score.score) })) }
      : { kind: 'paragraph', text: w('redrill.none') },
  );
  push({
    kind: 'paragraph',
    text: w('redrill.rule'),
  });

  push({ kind: 'heading', level: 2, text: w('timeToReport') });
  distributionBlocks(results.timeToReport, lang).forEach(push);
  push({ kind: 'heading', level: 2, text: w('timeToTeam') });
  distributionBlocks(results.timeToTeam, lang).forEach(push);

  push({ kind: 'heading', level: 2, text: w('accuracy.heading') });
  push({
    kind: 'table',
    head: [w('accuracy.first'), w('accuracy.agencies')],
    rows: (['exact', 'over', 'under', 'none'] as const).map((k) => [cityText(lang, `accuracy.${k}`), String(results.levelAccuracy[k])]),
    nowrap: [1],
  });

  push({ kind: 'heading', level: 2, text: w('reviews.heading') });
  const reviewRows = (Object.entries(results.reviews) as Array<[string, number]>).filter(([, c]) => c > 0);
  push(
    reviewRows.length > 0
      ? { kind: 'table', head: [w('reviews.status'), w('reviews.agencies')], rows: reviewRows.map(([s, c]) => [statusName(s, lang), String(c)]), nowrap: [1] }
      : { kind: 'paragraph', text: '—' },
  );

  push({ kind: 'heading', level: 2, text: w('obligations.heading') });
  const shown = ['met', 'late', 'violated', 'missed', 'not-reached', 'not-applicable'] as const;
  push({
    kind: 'table',
    head: [w('obligations.point'), w('obligations.obligation'), ...shown.map((s) => statusName(s, lang))],
    rows: results.byObligation.map((o) => [pointLabel(OBLIGATION_BY_ID[o.id].points.join(', '), lang), obligationTitle(o.id, lang), ...shown.map((s) => String(o.counts[s]))]),
    // The points may wrap: one obligation can cite three (P22(2), P25(2), P25(3)), too wide for A4 on one line.
    nowrap: [2, 3, 4, 5, 6, 7],
  });

  const history = input.history ?? [];
  push({ kind: 'heading', level: 2, text: w('history.heading') });
  if (history.length <= 1) push({ kind: 'paragraph', text: w('history.none') });
  else {
    push({
      kind: 'table',
      head: (['exercise', 'date', 'agencies', 'passRate', 'mean', 'medianReport', 'medianTeam', 'levelExact'] as const).map((k) => w(`history.${k}`)),
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
  push({ kind: 'heading', level: 2, text: w('redrills.heading') });
  if (redrills.length === 0) push({ kind: 'paragraph', text: w('redrills.none') });
  for (const r of redrills) {
    push({ kind: 'heading', level: 3, text: r.agency });
    push({
      kind: 'paragraph',
      text: w('redrills.summary', {
        before: formatScore(r.before.score),
        beforeVerdict: verdictName(r.before.verdict, lang),
        after: formatScore(r.after.score),
        afterVerdict: verdictName(r.after.verdict, lang),
        due: r.link.dueBy,
        held: r.heldOn ?? '—',
        late: r.heldInTime === false ? w('redrills.late') : '',
      }),
    });
    const changed = r.rows.filter((x) => x.before !== x.after);
    if (changed.length > 0) {
      push({
        kind: 'table',
        head: [w('redrills.obligation'), w('redrills.city'), w('redrills.redrill')],
        rows: changed.map((x) => [obligationTitle(x.id, lang), statusName(x.before, lang), statusName(x.after, lang)]),
        nowrap: [1, 2],
      });
    }
  }

  const missing = input.withoutRecord ?? [];
  const off = input.offList ?? [];
  if (missing.length > 0 || off.length > 0) {
    push({ kind: 'heading', level: 2, text: w('check.heading') });
    if (missing.length > 0) push({ kind: 'paragraph', text: w('check.missing', { list: missing.map((a) => a.name).join(listSep) }) });
    if (off.length > 0) push({ kind: 'paragraph', text: w('check.off', { list: off.join(listSep) }) });
  }
  return blocks;
}

export function cityReportMarkdown(input: CityReportInput, lang: ReportLanguage): string {
  return blocksToMarkdown(cityReportBlocks(input, lang));
}

/** Agency × obligation for Excel: one row per agency, one column per scored obligation (then DoIT's review apart). */
export function cityCsv(results: CityResults, lang: ReportLanguage): string {
  const head = [
    ...(['agency', 'type', 'score', 'verdict', 'redrill'] as const).map((k) => cityText(lang, `csv.${k}`)),
    ...AGENCY_SCORED.map((o) => obligationTitle(o.id, lang)),
    cityText(lang, 'csv.review'),
  ];
  const rows = [csvRow(head)];
  for (const a of results.agencies) {
    const byId = new Map(a.score.obligations.map((o) => [o.id, o]));
    // A late obligation says how late, to the second (lateText), as the board's cell and the report do.
    const cell = (o: ObligationResult | undefined) =>
      o === undefined ? statusName('not-applicable', lang) : o.status === 'late' ? cityText(lang, 'csv.late', { status: statusName(o.status, lang), duration: lateText(o, lang) }) : statusName(o.status, lang);
    rows.push(
      csvRow([
        a.name,
        agencyTypeName(a.type, lang),
        formatScore(a.score.score),
        verdictName(a.verdict, lang),
        a.redrillDue ?? '',
        ...AGENCY_SCORED.map((o) => cell(byId.get(o.id))),
        a.review ? cell(a.review) : '',
      ]),
    );
  }
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}
