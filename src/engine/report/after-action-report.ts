/**
 * The after-action report and improvement plan (檢討報告及改善計畫): one document model, rendered as
 * Markdown here (the `report` command and the review's export) and as HTML by the review's print view,
 * so the two always say the same thing.
 *
 * Pure: the score, the standard, the integrity result and the review date are given by the caller.
 */
import type { DrillEvent, DrillRecord } from '../record/schema';
import type { IntegrityResult } from '../integrity/hash-chain';
import { markdownText, stripBidi } from './text-safety';
import { OBLIGATION_BY_ID } from '../rules/obligations';
import type { Standard } from '../scoring/standard';
import { notReachedCount, type ObligationResult, type ScoreResult } from '../scoring/types';
import { taipeiCell } from './action-log-csv';
import {
  describeEvent,
  durationText,
  lateText,
  obligationTitle,
  positionName,
  roleName,
  say,
  statusName,
  taipeiMoment,
  verdictText,
  type ReportLanguage,
} from './event-text';
import { phrase, term } from '../text/glossary';
import { reportText as text } from './report-text';
import { improvementPlan, strengths, type PlanItem, type Strength } from './improvement-plan';
import { redrillDue } from '../rules/redrill';
import { notesForObligation, readReviewNotes, type ReviewNote } from './review-notes';
import { notesIn, reasonsIn } from '../scoring/types';
import { pointLabel } from '../rules/point-label';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** nowrap: indexes of short columns kept on one line in print (dates, statuses, points). */
  | { kind: 'table'; head: string[]; rows: string[][]; nowrap?: number[] };

export interface ReportInput {
  record: DrillRecord & { participants?: unknown; mode?: unknown; reviewNotes?: unknown };
  score: ScoreResult;
  standard: Standard;
  /** YYYY-MM-DD (Taipei): plan items are due counted from it. */
  reviewDate: string;
  integrity?: IntegrityResult;
}

/** Everything the report says, before it is put into words. */
export interface AfterActionReport {
  input: ReportInput;
  redrillDue: string | null;
  strengths: Strength[];
  areas: ObligationResult[];
  plan: PlanItem[];
  notes: ReviewNote[];
}

export function buildAfterActionReport(input: ReportInput): AfterActionReport {
  return {
    input,
    redrillDue: redrillDue(input.record.events, input.score.verdict),
    strengths: strengths(input.score),
    areas: input.score.obligations.filter((o) => o.status === 'late' || o.status === 'missed' || o.status === 'violated'),
    plan: improvementPlan(input.score, input.reviewDate),
    notes: readReviewNotes(input.record),
  };
}

/** The report's words (src/locales/{zh-TW,en}/report.json); domain words come from the glossary. */
const listSep = (lang: ReportLanguage) => phrase('eventDetails', 'list', lang);
const partsSep = (lang: ReportLanguage) => phrase('eventDetails', 'parts', lang);

const fmt = (iso: string | null | undefined): string => (iso ? taipeiCell(iso).slice(0, 16) : '—');

function firstAndLast(events: readonly DrillEvent[], field: 'at' | 'wall'): [string, string] | null {
  // No copies of the event list: a record can hold 589,429 events (issue 10's memory budget).
  const first = events.find((e) => typeof e[field] === 'string');
  const last = events.findLast((e) => typeof e[field] === 'string');
  if (first === undefined || last === undefined) return null;
  return [first[field] as string, last[field] as string];
}

/** "name (detail): item, item" in the report's language (used for people, agencies and obligations with their points). */
function captioned(name: string | undefined, post: string | undefined, roles: string[], lang: ReportLanguage): string {
  const who = post ? text(lang, 'caption.post', { who: name ?? '—', post }) : (name ?? '—');
  return roles.length > 0 ? text(lang, 'caption.items', { who, items: roles.join(listSep(lang)) }) : who;
}

function participantsOf(record: ReportInput['record'], lang: ReportLanguage): string[] {
  if (Array.isArray(record.participants) && record.participants.length > 0) {
    return record.participants.map((p: unknown) => {
      const o = (p ?? {}) as { name?: unknown; position?: unknown; roles?: unknown };
      return captioned(
        typeof o.name === 'string' ? o.name : undefined,
        typeof o.position === 'string' ? positionName(o.position, lang) : undefined,
        Array.isArray(o.roles) ? o.roles.map((r) => roleName(String(r), lang)) : [],
        lang,
      );
    });
  }
  // No participant list: the team as formed.
  const team = record.events.find((e) => e.type === 'team.formed');
  const members = (team?.data as { members?: Array<{ name?: string; role: string; position: string }> } | undefined)?.members ?? [];
  return members.map((m) => captioned(m.name, positionName(m.position, lang), [roleName(m.role, lang)], lang));
}

function obligationRows(list: readonly ObligationResult[], lang: ReportLanguage, notes: readonly ReviewNote[]): string[][] {
  return list.map((o) => {
    const ob = OBLIGATION_BY_ID[o.id];
    const oNotes = notesForObligation(notes, o.id).map((n) => text(lang, 'obligations.note', { text: n.text }));
    return [
      pointLabel(ob.points.join(', '), lang),
      obligationTitle(o.id, lang),
      o.due ? taipeiMoment(o.due) : '—',
      o.doneAt ? taipeiMoment(o.doneAt) : '—',
      o.lateByMinutes > 0 ? lateText(o, lang) : '—',
      statusName(o.status, lang),
      [...reasonsIn(o, lang), ...notesIn(o, lang), ...oNotes].join(partsSep(lang)) || '—',
    ];
  });
}

/** The report as blocks, in one language. */
export function reportBlocks(report: AfterActionReport, lang: ReportLanguage): Block[] {
  const { record, score, standard, reviewDate, integrity } = report.input;
  const w = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) => text(lang, key, params);
  const blocks: Block[] = [];
  // Every text is stripped of bidi controls here, so the print view (HTML) and Markdown both show what the record holds (issue 10).
  const push = (b: Block) => blocks.push(stripBlock(b));

  push({ kind: 'heading', level: 1, text: w('title') });

  // 1. Overview
  push({ kind: 'heading', level: 2, text: w('overview.heading') });
  const scenarioTitle = typeof record.scenario.title === 'string' && record.scenario.title ? record.scenario.title : record.scenario.id;
  const sim = firstAndLast(record.events, 'at');
  const wall = firstAndLast(record.events, 'wall');
  const aware = record.events.find((e) => e.type === 'incident.aware');
  const mode = record.mode === 'live' || record.mode === 'tabletop' ? term('drillModes', record.mode, lang) : '—';
  const overview: string[][] = [
    [w('overview.agency'), captioned(record.agency.name, term('agencyTypes', record.agency.type, lang), [], lang)],
    [w('overview.scenario'), `${scenarioTitle} (${record.scenario.id})`],
    [w('overview.referenceLevel'), phrase('levels', 'title', lang, { n: record.scenario.referenceLevel })],
    [w('overview.mode'), mode],
    [w('overview.awareness'), fmt(aware?.at)],
    [w('overview.simulated'), sim ? `${fmt(sim[0])} – ${fmt(sim[1])}` : '—'],
    [w('overview.heldOn'), wall ? `${fmt(wall[0])} – ${fmt(wall[1])}` : '—'],
    [w('overview.reviewDate'), reviewDate],
  ];
  push({ kind: 'table', head: [w('item'), w('detail')], rows: overview, nowrap: [0] });
  const people = participantsOf(record, lang);
  push({ kind: 'heading', level: 3, text: w('overview.participants') });
  push(people.length > 0 ? { kind: 'list', items: people } : { kind: 'paragraph', text: w('overview.noParticipants') });

  // 2. Result
  push({ kind: 'heading', level: 2, text: w('result.heading') });
  const result = verdictText(score.verdict, notReachedCount(score), lang);
  const summary: string[][] = [
    [w('result.score'), `${formatScore(score.score)} / 100`],
    [w('result.result'), result],
    [
      w('result.standard'),
      w('result.standardText', {
        min: standard.minScore,
        critical: standard.critical.map((id) => obligationTitle(id, lang)).join(listSep(lang)),
        noViolations: standard.noViolations ? w('result.noViolations') : '',
      }),
    ],
  ];
  if (report.redrillDue) {
    summary.push([w('result.redrill'), w('result.redrillBy', { date: report.redrillDue })]);
  }
  if (integrity) summary.push([w('result.integrity'), integrityText(integrity, lang)]);
  push({ kind: 'table', head: [w('item'), w('detail')], rows: summary, nowrap: [0] });

  // 3. Obligations
  const head = ['point', 'obligation', 'limit', 'done', 'lateBy', 'status', 'reasons'].map((k) => w(`obligations.${k as 'point'}`));
  push({ kind: 'heading', level: 2, text: w('obligations.heading') });
  push({ kind: 'table', head, rows: obligationRows(score.obligations, lang, report.notes), nowrap: [2, 3, 4, 5] });
  push({ kind: 'heading', level: 3, text: w('obligations.doit') });
  push(score.doit.length > 0 ? { kind: 'table', head, rows: obligationRows(score.doit, lang, report.notes), nowrap: [2, 3, 4, 5] } : { kind: 'paragraph', text: '—' });

  // 4. Strengths
  push({ kind: 'heading', level: 2, text: w('strengths.heading') });
  push(
    report.strengths.length > 0
      ? {
          kind: 'list',
          items: report.strengths.map((s) => {
            const title = captioned(obligationTitle(s.obligation, lang), pointLabel(s.points.join(', '), lang), [], lang);
            const margin = s.marginMinutes !== null && s.marginMinutes > 0 ? w('strengths.margin', { duration: durationText(s.marginMinutes, lang) }) : '';
            return `${title}${margin}`;
          }),
        }
      : { kind: 'paragraph', text: w('strengths.none') },
  );

  // 5. Areas for improvement
  push({ kind: 'heading', level: 2, text: w('areas.heading') });
  push(
    report.areas.length > 0
      ? {
          kind: 'list',
          items: report.areas.map((o) => {
            const late = o.status === 'late' ? w('areas.late', { duration: lateText(o, lang) }) : '';
            const why = o.reasons.length > 0 ? w('areas.why', { reasons: (lang === 'en' ? o.reasons : reasonsIn(o, 'zh-TW')).join(partsSep(lang)) }) : '';
            return `${obligationTitle(o.id, lang)} — ${statusName(o.status, lang)}${late}${why}`;
          }),
        }
      : { kind: 'paragraph', text: w('areas.none') },
  );

  // 6. Improvement plan
  push({ kind: 'heading', level: 2, text: w('plan.heading') });
  push(
    report.plan.length > 0
      ? {
          kind: 'table',
          head: [w('plan.index'), w('plan.obligation'), w('plan.status'), w('plan.owner'), w('plan.tier'), w('plan.due'), w('plan.action')],
          rows: report.plan.map((item, i) => [
            String(i + 1),
            captioned(obligationTitle(item.obligation, lang), pointLabel(item.points.join(', '), lang), [], lang),
            statusName(item.status, lang),
            roleName(item.owner, lang),
            w(`tiers.${item.tier}`),
            item.due,
            say(item.action, lang),
          ]),
          nowrap: [0, 2, 5],
        }
      : { kind: 'paragraph', text: w('plan.none') },
  );
  push({
    kind: 'paragraph',
    text: w('plan.dueNote'),
  });

  // 7. Hot-wash notes
  push({ kind: 'heading', level: 2, text: w('notes.heading') });
  if (report.notes.length === 0) push({ kind: 'paragraph', text: w('notes.none') });
  else {
    push({
      kind: 'list',
      items: report.notes.map((n) => {
        let target: string;
        if (n.target.kind === 'obligation') target = obligationTitle(n.target.id, lang);
        else {
          const seq = n.target.seq;
          const e = record.events.find((x) => x.seq === seq);
          target = `#${seq} ${e ? `${fmt(e.at)} ${describeEvent(e, lang)}` : ''}`.trim();
        }
        return `${target} — ${n.text}${n.author ? ` (${n.author})` : ''}`;
      }),
    });
  }
  return blocks;
}

function stripBlock(b: Block): Block {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return { ...b, text: stripBidi(b.text) };
    case 'list':
      return { ...b, items: b.items.map(stripBidi) };
    case 'table':
      return { ...b, head: b.head.map(stripBidi), rows: b.rows.map((r) => r.map(stripBidi)) };
  }
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export function integrityText(result: IntegrityResult, lang: ReportLanguage): string {
  const w = (key: Parameters<typeof text>[1], params?: Record<string, string | number>) => text(lang, key, params);
  const signed = { signer: result.signer ?? '', signedAt: result.signedAt ?? '', keyId: result.keyId ?? '', head: result.head ?? '' };
  switch (result.status) {
    case 'verified':
      return w('integrity.verified', signed);
    case 'signed':
      return w('integrity.signed', signed);
    case 'self-sealed':
      return w('integrity.selfSealed', signed);
    case 'unsealed':
      return w('integrity.unsealed');
    case 'unknown':
      return w('integrity.unknown', { reason: result.reason ?? w('integrity.unknownAlgorithm') });
    case 'broken':
      if (result.brokenKind === 'removed-event' || result.brokenKind === 'removed') {
        return w('integrity.removed', { count: result.removedCount ?? 1, seq: result.brokenAtSeq ?? '' });
      }
      if (result.brokenKind === 'signature') return w('integrity.signature', { reason: result.reason ?? '' });
      if (result.brokenAtSeq !== undefined) return w('integrity.editedAt', { seq: result.brokenAtSeq });
      if (result.brokenKind === 'envelope') return w('integrity.envelope');
      return w('integrity.broken', { reason: result.reason ?? w('integrity.mismatch') });
  }
}

const mdCell = (s: string): string => markdownText(s).replace(/\r?\n/g, '<br>');

export function blocksToMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${markdownText(b.text.replace(/\r?\n/g, ' '))}`);
        break;
      case 'paragraph':
        out.push(markdownText(b.text));
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${markdownText(i.replace(/\r?\n/g, ' '))}`).join('\n'));
        break;
      case 'table':
        out.push(
          [`| ${b.head.map(mdCell).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n'),
        );
        break;
    }
  }
  return out.join('\n\n') + '\n';
}

/** The after-action report and improvement plan as Markdown. */
export function reportMarkdown(input: ReportInput, lang: ReportLanguage): string {
  return blocksToMarkdown(reportBlocks(buildAfterActionReport(input), lang));
}

