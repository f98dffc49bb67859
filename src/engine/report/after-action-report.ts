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
  obligationTitle,
  positionName,
  roleName,
  say,
  statusName,
  verdictText,
  type ReportLanguage,
  type Words,
} from './event-text';
import { term } from '../text/glossary';
import { improvementPlan, redrillDue, strengths, type PlanItem, type Strength, type Tier } from './improvement-plan';
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
    redrillDue: redrillDue(input.record.events, input.score.passed),
    strengths: strengths(input.score),
    areas: input.score.obligations.filter((o) => o.status === 'late' || o.status === 'missed' || o.status === 'violated'),
    plan: improvementPlan(input.score, input.reviewDate),
    notes: readReviewNotes(input.record),
  };
}

const T = (zh: string, en: string): Words => ({ zh, en });
const TIER_NAMES: Record<Tier, Words> = {
  short: T('短期（立即改善）', 'Short term (immediate fix)'),
  medium: T('中期（3–6 個月內）', 'Medium term (within 3–6 months)'),
  long: T('長期（2 年內）', 'Long term (within 2 years)'),
};

const fmt = (iso: string | null | undefined): string => (iso ? taipeiCell(iso).slice(0, 16) : '—');

function firstAndLast(events: readonly DrillEvent[], field: 'at' | 'wall'): [string, string] | null {
  const values = events.map((e) => e[field]).filter((v): v is string => typeof v === 'string');
  if (values.length === 0) return null;
  return [values[0], values[values.length - 1]];
}

/** "name (detail): item, item" in the report's language (used for people, agencies and obligations with their points). */
function captioned(name: string | undefined, post: string | undefined, roles: string[], lang: ReportLanguage): string {
  const en = lang === 'en';
  const who = `${name ?? '—'}${post ? (en ? ` (${post})` : `（${post}）`) : ''}`;
  return roles.length > 0 ? `${who}${en ? ': ' : '：'}${roles.join(en ? ', ' : '、')}` : who;
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
    const oNotes = notesForObligation(notes, o.id).map((n) => (lang === 'en' ? `Note: ${n.text}` : `註記：${n.text}`));
    return [
      pointLabel(ob.points.join(', '), lang),
      obligationTitle(o.id, lang),
      fmt(o.due),
      fmt(o.doneAt),
      o.lateByMinutes > 0 ? durationText(o.lateByMinutes, lang) : '—',
      statusName(o.status, lang),
      [...reasonsIn(o, lang), ...notesIn(o, lang), ...oNotes].join(lang === 'en' ? '; ' : '；') || '—',
    ];
  });
}

/** The report as blocks, in one language. */
export function reportBlocks(report: AfterActionReport, lang: ReportLanguage): Block[] {
  const { record, score, standard, reviewDate, integrity } = report.input;
  const w = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const blocks: Block[] = [];
  // Every text is stripped of bidi controls here, so the print view (HTML) and Markdown both show what the record holds (issue 10).
  const push = (b: Block) => blocks.push(stripBlock(b));

  push({ kind: 'heading', level: 1, text: w('資安事件通報應變演練 檢討報告及改善計畫', 'Cyber incident response drill: after-action report and improvement plan') });

  // 1. Overview
  push({ kind: 'heading', level: 2, text: w('一、演練概要', '1. Overview') });
  const scenarioTitle = typeof record.scenario.title === 'string' && record.scenario.title ? record.scenario.title : record.scenario.id;
  const sim = firstAndLast(record.events, 'at');
  const wall = firstAndLast(record.events, 'wall');
  const aware = record.events.find((e) => e.type === 'incident.aware');
  const mode = record.mode === 'live' ? w('實際作業演練', 'Live-operations drill') : record.mode === 'tabletop' ? w('兵棋推演', 'Tabletop exercise') : '—';
  const overview: string[][] = [
    [w('機關', 'Agency'), captioned(record.agency.name, term('agencyTypes', record.agency.type, lang), [], lang)],
    [w('情境', 'Scenario'), `${scenarioTitle} (${record.scenario.id})`],
    [w('情境參考等級', 'Reference level'), w(`第${record.scenario.referenceLevel}級`, `Level ${record.scenario.referenceLevel}`)],
    [w('演練方式', 'Mode'), mode],
    [w('知悉時間（T0，模擬）', 'Awareness (T0, simulated)'), fmt(aware?.at)],
    [w('模擬期間', 'Simulated period'), sim ? `${fmt(sim[0])} – ${fmt(sim[1])}` : '—'],
    [w('演練實施時間', 'Held on (real time)'), wall ? `${fmt(wall[0])} – ${fmt(wall[1])}` : '—'],
    [w('檢討日期', 'Review date'), reviewDate],
  ];
  push({ kind: 'table', head: [w('項目', 'Item'), w('內容', 'Detail')], rows: overview, nowrap: [0] });
  const people = participantsOf(record, lang);
  push({ kind: 'heading', level: 3, text: w('參與人員', 'Participants') });
  push(people.length > 0 ? { kind: 'list', items: people } : { kind: 'paragraph', text: w('紀錄未列參與人員。', 'The record lists no participants.') });

  // 2. Result
  push({ kind: 'heading', level: 2, text: w('二、評分結果', '2. Result') });
  const result = verdictText(score.verdict, notReachedCount(score), lang);
  const summary: string[][] = [
    [w('分數', 'Score'), `${formatScore(score.score)} / 100`],
    [w('結果', 'Result'), result],
    [
      w('適用標準', 'Standard in force'),
      w(
        `至少 ${standard.minScore} 分；${standard.critical.map((id) => obligationTitle(id, lang)).join('、')}須如期完成${standard.noViolations ? '；不得有不符規定事項' : ''}（第三十九點第三款，資訊局所定標準）`,
        `at least ${standard.minScore}; ${standard.critical.map((id) => obligationTitle(id, lang)).join(', ')} met${standard.noViolations ? '; nothing violated' : ''} (P39(3), DoIT's standard)`,
      ),
    ],
  ];
  if (report.redrillDue) {
    summary.push([w('再演練期限', 'Re-drill due'), w(`${report.redrillDue} 前（演練後三個月內，第三十九點第三款）`, `by ${report.redrillDue} (within three months of the drill, P39(3))`)]);
  }
  if (integrity) summary.push([w('紀錄完整性', 'Record integrity'), integrityText(integrity, lang)]);
  push({ kind: 'table', head: [w('項目', 'Item'), w('內容', 'Detail')], rows: summary, nowrap: [0] });

  // 3. Obligations
  const head = [w('點次', 'Point'), w('應辦事項', 'Obligation'), w('期限', 'Limit'), w('完成時間', 'Done'), w('逾時', 'Late by'), w('評定', 'Status'), w('原因', 'Reasons')];
  push({ kind: 'heading', level: 2, text: w('三、應辦事項評定', '3. Obligations rated') });
  push({ kind: 'table', head, rows: obligationRows(score.obligations, lang, report.notes), nowrap: [2, 3, 4, 5] });
  push({ kind: 'heading', level: 3, text: w('資訊局等級審核（不計入機關分數）', "DoIT's level review (not in the agency's score)") });
  push(score.doit.length > 0 ? { kind: 'table', head, rows: obligationRows(score.doit, lang, report.notes), nowrap: [2, 3, 4, 5] } : { kind: 'paragraph', text: '—' });

  // 4. Strengths
  push({ kind: 'heading', level: 2, text: w('四、優點', '4. Strengths') });
  push(
    report.strengths.length > 0
      ? {
          kind: 'list',
          items: report.strengths.map((s) => {
            const title = captioned(obligationTitle(s.obligation, lang), pointLabel(s.points.join(', '), lang), [], lang);
            const margin = s.marginMinutes !== null && s.marginMinutes > 0 ? w(`，提前 ${durationText(s.marginMinutes, lang)}完成`, `, done ${durationText(s.marginMinutes, lang)} before the limit`) : '';
            return `${title}${margin}`;
          }),
        }
      : { kind: 'paragraph', text: w('本次演練沒有如期完成之應辦事項。', 'No obligation was met on time in this drill.') },
  );

  // 5. Areas for improvement
  push({ kind: 'heading', level: 2, text: w('五、待改進事項', '5. Areas for improvement') });
  push(
    report.areas.length > 0
      ? {
          kind: 'list',
          items: report.areas.map((o) => {
            const late = o.status === 'late' ? w(`（逾時 ${durationText(o.lateByMinutes, lang)}）`, ` (late by ${durationText(o.lateByMinutes, lang)})`) : '';
            const why = o.reasons.length > 0 ? w(`：${reasonsIn(o, 'zh-TW').join('；')}`, `: ${o.reasons.join('; ')}`) : '';
            return `${obligationTitle(o.id, lang)} — ${statusName(o.status, lang)}${late}${why}`;
          }),
        }
      : { kind: 'paragraph', text: w('無逾時、逾期或不符規定之應辦事項。', 'Nothing was late, missed or violated.') },
  );

  // 6. Improvement plan
  push({ kind: 'heading', level: 2, text: w('六、改善計畫（第二十九點）', '6. Improvement plan (P29)') });
  push(
    report.plan.length > 0
      ? {
          kind: 'table',
          head: [w('項次', '#'), w('應辦事項（點次）', 'Obligation (point)'), w('評定', 'Status'), w('負責角色', 'Owner'), w('期程', 'Tier'), w('完成期限', 'Due'), w('改善措施', 'Action')],
          rows: report.plan.map((item, i) => [
            String(i + 1),
            captioned(obligationTitle(item.obligation, lang), pointLabel(item.points.join(', '), lang), [], lang),
            statusName(item.status, lang),
            roleName(item.owner, lang),
            say(TIER_NAMES[item.tier], lang),
            item.due,
            say(item.action, lang),
          ]),
          nowrap: [0, 2, 5],
        }
      : { kind: 'paragraph', text: w('本次演練無須列入改善計畫之事項。', 'Nothing needs to go into the improvement plan.') },
  );
  push({
    kind: 'paragraph',
    text: w(
      '期程完成期限自檢討日期起算：短期 1 個月、中期 6 個月、長期 24 個月。',
      'Due dates count from the review date: short term 1 month, medium term 6 months, long term 24 months.',
    ),
  });

  // 7. Hot-wash notes
  push({ kind: 'heading', level: 2, text: w('七、檢討座談會紀錄', '7. Debrief (hot-wash) notes') });
  if (report.notes.length === 0) push({ kind: 'paragraph', text: w('無。', 'None.') });
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
  const en = lang === 'en';
  switch (result.status) {
    case 'verified':
      return en
        ? `verified: signed by ${result.signer} at ${result.signedAt} (key ${result.keyId}); hash chain intact (head ${result.head})`
        : `已驗證：由 ${result.signer} 於 ${result.signedAt} 簽章（金鑰 ${result.keyId}），雜湊鏈完整（head ${result.head}）`;
    case 'signed':
      return en
        ? `signed by ${result.signer} at ${result.signedAt} (key ${result.keyId}), signature not checked against a trusted key: cannot verify; hash chain intact (head ${result.head})`
        : `由 ${result.signer} 於 ${result.signedAt} 簽章（金鑰 ${result.keyId}），未以受信任金鑰核對：無法驗證；雜湊鏈完整（head ${result.head}）`;
    case 'self-sealed':
      return en
        ? `self-sealed: hash chain intact (head ${result.head}) but not signed by a drill server, so not verified by DoIT`
        : `自行封存：雜湊鏈完整（head ${result.head}），但未經演練伺服器簽章，非資訊局驗證`;
    case 'unsealed':
      return en ? 'not sealed: the record carries no hash chain' : '未封存：紀錄未附雜湊鏈';
    case 'unknown':
      return en ? `cannot verify: ${result.reason ?? 'unknown integrity algorithm'}` : `無法驗證：${result.reason ?? '未知的完整性演算法'}`;
    case 'broken':
      if (result.brokenKind === 'removed-event' || result.brokenKind === 'removed') {
        const n = result.removedCount ?? 1;
        return en ? `BROKEN: ${n} event(s) removed at seq ${result.brokenAtSeq} after sealing` : `雜湊鏈中斷：序號 ${result.brokenAtSeq} 起 ${n} 筆事件於封存後遭刪除`;
      }
      if (result.brokenKind === 'signature') return en ? `BROKEN: the signature does not match (${result.reason ?? ''})` : '簽章不符：封存資料或簽章遭修改';
      if (result.brokenAtSeq !== undefined) return en ? `BROKEN at seq ${result.brokenAtSeq}: edited after sealing` : `雜湊鏈於序號 ${result.brokenAtSeq} 中斷：封存後遭修改`;
      if (result.brokenKind === 'envelope') return en ? 'BROKEN: agency or scenario facts edited after sealing' : '雜湊鏈中斷：機關或情境資料於封存後遭修改';
      return en ? `BROKEN: ${result.reason ?? 'the chain does not match'}` : `雜湊鏈中斷：${result.reason ?? '不相符'}`;
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

