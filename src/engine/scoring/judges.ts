/**
 * One judge per scored obligation: drill-record.md "Rules by obligation", point by point.
 * Each returns exactly one status. Order of precedence: not-applicable, then violated (it
 * "takes precedence over timing"), then met / late by `at` against the limit, then missed /
 * not-reached by the evaluation time (a limit is passed only when the evaluation time is strictly after it).
 */
import type { DrillEvent } from '../record/schema';
import type { Level, ObligationId } from '../record/vocabulary';
import { checkTeam } from '../rules/team';
import { OBLIGATION_BY_ID, levelBand } from '../rules/obligations';
import { endOfDayOneMonthAfter, endOfTaipeiDay, formatTaipei, HOUR_MS, MINUTE_MS, parseIsoMs } from '../time/taipei';
// Words only (event titles); event-text imports nothing from scoring.
import { eventTitle, roleName } from '../report/event-text';
import type { ObligationResult } from './types';
import { isLevel } from '../rules/level-in-force';
import type { ScoringContext } from './context';

type Judge = (ctx: ScoringContext) => ObligationResult;

const iso = (ms: number | null): string | null => (ms === null ? null : formatTaipei(ms));

/** A reason in both languages: `reasons` (the contract's field) carries the English, `reasonsZh` the zh-TW. */
export interface Text {
  en: string;
  zh: string;
}
const tx = (en: string, zh: string): Text => ({ en, zh });
const en = (list: readonly Text[]): string[] => list.map((r) => r.en);
const zh = (list: readonly Text[]): string[] => list.map((r) => r.zh);
/** Taipei time for zh-TW sentences: 2026-03-02 10:00. */
const zhTime = (ms: number): string => formatTaipei(ms).slice(0, 16).replace('T', ' ');
const describe = (e: DrillEvent): string => `${e.type} (seq ${e.seq}, ${e.at})`;
/** The event in zh-TW words: 「於通報應變網站通報」（序號 5，2026-03-02 09:40）. */
const describeZh = (e: DrillEvent): string => `「${eventTitle(e.type, 'zh-TW')}」（序號 ${e.seq}，${formatTaipei(parseIsoMs(e.at)).slice(0, 16).replace('T', ' ')}）`;

interface Outcome {
  due: number | null;
  done?: DrillEvent;
  /** Override of the done moment (e.g. the last of several notifications). */
  doneMs?: number;
  violations?: Text[];
  notes?: Text[];
  trigger?: number | null;
  /** Why it is not done, added to missed / not-reached. */
  pending?: Text[];
  /** Not done and already owed although it has no limit (settled point 5: report-backfill): missed, never late. */
  owed?: boolean;
}

function notApplicable(id: ObligationId, reason: Text): ObligationResult {
  return { id, status: 'not-applicable', due: null, doneAt: null, lateByMinutes: 0, reasons: [reason.en], reasonsZh: [reason.zh], doneSeq: null, trigger: null };
}

/** The common shape: violated first, then timing. */
function judgeTimed(ctx: ScoringContext, id: ObligationId, o: Outcome): ObligationResult {
  const base = {
    id,
    due: iso(o.due),
    doneSeq: o.done?.seq ?? null,
    trigger: o.trigger === undefined ? iso(ctx.t0Ms) : iso(o.trigger),
    ...(o.notes && o.notes.length > 0 ? { notes: en(o.notes), notesZh: zh(o.notes) } : {}),
  };
  const because = (list: readonly Text[]) => ({ reasons: en(list), reasonsZh: zh(list) });
  if (o.done !== undefined) {
    const doneMs = o.doneMs ?? ctx.ms(o.done);
    const doneAt = formatTaipei(doneMs);
    if (o.violations && o.violations.length > 0) return { ...base, status: 'violated', doneAt, lateByMinutes: 0, ...because(o.violations) };
    if (o.due === null || doneMs <= o.due) return { ...base, status: 'met', doneAt, lateByMinutes: 0, ...because([]) };
    // Whole minutes late, rounded up: one second late is one minute late.
    const lateByMinutes = Math.ceil((doneMs - o.due) / MINUTE_MS);
    return {
      ...base,
      status: 'late',
      doneAt,
      lateByMinutes,
      ...because([
        tx(`done at ${doneAt}, ${lateByMinutes} min after the limit ${formatTaipei(o.due)}`, `於 ${zhTime(doneMs)} 完成，逾期限 ${zhTime(o.due)} ${lateByMinutes} 分鐘`),
      ]),
    };
  }
  if (o.violations && o.violations.length > 0) return { ...base, status: 'violated', doneAt: null, lateByMinutes: 0, ...because(o.violations) };
  const pending = o.pending ?? [];
  if (o.owed === true) return { ...base, status: 'missed', doneAt: null, lateByMinutes: 0, ...because(pending) };
  if (o.due !== null && ctx.evalMs > o.due) {
    return {
      ...base,
      status: 'missed',
      doneAt: null,
      lateByMinutes: 0,
      ...because([...pending, tx(`not done by the limit ${formatTaipei(o.due)}`, `期限 ${zhTime(o.due)} 前未辦理`)]),
    };
  }
  return {
    ...base,
    status: 'not-reached',
    doneAt: null,
    lateByMinutes: 0,
    ...because([
      ...pending,
      o.due === null
        ? tx('not done; it has no limit yet', '尚未辦理；尚無期限')
        : tx(`not done yet; the limit ${formatTaipei(o.due)} had not passed at ${formatTaipei(ctx.evalMs)}`, `尚未辦理；至 ${zhTime(ctx.evalMs)} 止尚未屆期限 ${zhTime(o.due)}`),
    ]),
  };
}

// --- limits -------------------------------------------------------------------------------

function hoursFromAware(ctx: ScoringContext, id: ObligationId, level: Level): number {
  const limit = OBLIGATION_BY_ID[id].limit;
  if (limit.kind !== 'hours-from-aware') throw new Error(`${id}: not an hours-from-aware limit`);
  return ctx.t0Ms + limit.byLevel[level] * HOUR_MS;
}
/** The level in force when done, or at the evaluation time when not done (drill-record.md). */
const levelFor = (ctx: ScoringContext, done: DrillEvent | undefined): Level => (done ? ctx.levelWhen(done) : ctx.levelAtEvaluation);
const reportLimit = (ctx: ScoringContext): number => hoursFromAware(ctx, 'report-1h', ctx.levelAtEvaluation);
/**
 * drill-record.md: obligations "by the recovery limit" share recovery's limit — the very `due` of
 * recovery (its level in force when recovery.completed was done, or at the evaluation time).
 */
const recoveryLimit = (ctx: ScoringContext): number => {
  const recovered = ctx.first('recovery.completed');
  return hoursFromAware(ctx, 'recovery', levelFor(ctx, recovered));
};
const closureLimit = (ctx: ScoringContext): number => endOfDayOneMonthAfter(ctx.t0Ms);

// --- helpers ------------------------------------------------------------------------------

const SCHOOL_REASON = tx(
  'schools follow the TANet procedure (P41): only P6–P9, P12–P14, P23(2) and P24–P26 of this procedure apply',
  '學校依臺灣學術網路通報應變作業程序辦理（第四十一點）：本作業程序僅準用第六至九點、第十二至十四點、第二十三點第二款及第二十四至二十六點',
);
const EQUIPMENT_REASON = tx('not applicable to an equipment failure (scenario.category equipment-failure)', '設備故障不適用（情境類別為設備故障）');

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Recipients the agency must name: the given ones, each oversight body, and DoIT unless the agency is DoIT. */
function requiredRecipients(ctx: ScoringContext, own: string[]): string[] {
  return [...own, ...ctx.oversight, ...(ctx.isDoit ? [] : ['doit'])];
}

const RECIPIENT_ZH: Record<string, string> = { commander: '事件指揮官', team: '通報應變小組成員', superior: '上級機關', supervisory: '監督機關', doit: '資訊局' };

function missingRecipients(ctx: ScoringContext, e: DrillEvent, own: string[]): Text[] {
  const to = new Set(list(ctx.data(e).to));
  const missing = requiredRecipients(ctx, own).filter((r) => !to.has(r));
  return missing.length === 0
    ? []
    : [tx(`${e.type} (seq ${e.seq}) was not sent to: ${missing.join(', ')}`, `${describeZh(e)} 未送交：${missing.map((r) => RECIPIENT_ZH[r] ?? r).join('、')}`)];
}

function schoolOr(ctx: ScoringContext, id: ObligationId, judge: Judge): ObligationResult {
  if (ctx.isSchool && !OBLIGATION_BY_ID[id].applies.school) return notApplicable(id, SCHOOL_REASON);
  return judge(ctx);
}

const levelOnly = (level: Level): Text =>
  tx(`applies at level 3 or 4 only; the level in force at the evaluation time is ${level}`, `僅適用於第三、四級事件；目前為第${level}級`);

// --- the judges ---------------------------------------------------------------------------

const judges: Record<string, Judge> = {
  // P10: the CISO approves the level before the report is filed.
  'report-approval': (ctx) => {
    const report = ctx.firstAnyReport;
    const approval = ctx.approvals[0];
    // Settled point 8: a level.approved by anyone but `ciso` or `authorized` is kept, noted and ignored.
    const notes = ctx
      .all('level.approved')
      .filter((e) => !ctx.approvals.includes(e))
      .map((e) => {
        const by = ctx.data(e).by;
        const who = typeof by === 'string' && by !== '' ? by : 'no one named';
        return tx(
          `${describe(e)} is by ${who}, not ciso or authorized: not an approval (ignored)`,
          `${describeZh(e)}之核可者為${typeof by === 'string' && by !== '' ? by : '未載明'}，非資通安全長或其授權人員，不計為核可`,
        );
      });
    if (report !== undefined) {
      if (approval === undefined || approval.seq > report.seq) {
        return judgeTimed(ctx, 'report-approval', {
          due: ctx.ms(report),
          done: approval,
          notes,
          violations: [tx(`the first report, ${describe(report)}, came before any approval (level.approved by ciso or authorized)`, `首次通報（${describeZh(report)}）在資通安全長核可等級之前`)],
        });
      }
      return judgeTimed(ctx, 'report-approval', { due: ctx.ms(report), done: approval, notes });
    }
    // Settled point 8: with no report, report-1h's limit even when an approval exists: the obligation is to approve and then report.
    return judgeTimed(ctx, 'report-approval', {
      due: reportLimit(ctx),
      notes,
      pending: [approval ? tx(`approved (seq ${approval.seq}) but no report yet`, `已核可等級（序號 ${approval.seq}），尚未通報`) : tx('no approval and no report', '尚未核可等級亦未通報')],
    });
  },

  // P10, P15: the level reported is the incident's level; under-reporting is violated.
  'level-assessment': (ctx) => {
    const report = ctx.firstLeveledReport;
    if (report === undefined) return judgeTimed(ctx, 'level-assessment', { due: reportLimit(ctx), pending: [tx('no report with a level', '尚無載明等級之通報')] });
    const reported = ctx.data(report).level as Level;
    const reference = ctx.record.scenario.referenceLevel;
    if (reported < reference) {
      return judgeTimed(ctx, 'level-assessment', {
        due: null,
        done: report,
        violations: [
          tx(
            `reported level ${reported} in ${describe(report)}, lower than the scenario's reference level ${reference} (under-reporting)`,
            `${describeZh(report)}通報為第${reported}級，低於情境參考等級第${reference}級（低報）`,
          ),
        ],
      });
    }
    const notes = reported > reference ? [tx(`reported level ${reported}, higher than the reference level ${reference} (over-report)`, `通報為第${reported}級，高於參考等級第${reference}級（高報）`)] : [];
    return judgeTimed(ctx, 'level-assessment', { due: null, done: report, notes });
  },

  // P10: report on the website within one hour; P11: a phone report to ACS during an outage counts.
  'report-1h': (ctx) => {
    const due = hoursFromAware(ctx, 'report-1h', ctx.levelAtEvaluation);
    const report = ctx.firstCountingReport;
    const violations: Text[] = [];
    if (report !== undefined && report.actor.role !== 'reporting-contact') {
      violations.push(tx(`filed by ${report.actor.role}, not the reporting contact (P6, P10)`, `由${roleName(report.actor.role, 'zh-TW')}通報，而非通報窗口（第六點、第十點）`));
    }
    const pending: Text[] = [];
    const phoned = ctx.all('report.phoned').filter((e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) === undefined);
    if (report === undefined && phoned.length > 0) {
      pending.push(
        tx(
          `the phone report ${describe(phoned[0])} was made with no outage in progress and does not count`,
          `電話通報（${describeZh(phoned[0])}）時並無網路或電力中斷，不計為通報`,
        ),
      );
    }
    return judgeTimed(ctx, 'report-1h', { due, done: report, violations, pending });
  },

  // P11: an outage in the first hour, before any website report: tell ACS by phone within the hour.
  'report-fallback': (ctx) => {
    const end = hoursFromAware(ctx, 'report-fallback', ctx.levelAtEvaluation);
    const firstWebsite = ctx.first('report.submitted');
    // Settled point 4: an agency that could still file online within the hour owes no phone report.
    if (firstWebsite !== undefined && ctx.ms(firstWebsite) <= end) {
      return notApplicable(
        'report-fallback',
        tx(`a website report was filed by T0 + 1 h (${describe(firstWebsite)}), so no phone report is owed (P11)`, `已於知悉後一小時內於通報應變網站通報（${describeZh(firstWebsite)}），無須改以電話通報（第十一點）`),
      );
    }
    // Settled point 3: in progress between T0 and T0 + 1 h = started at or before T0 + 1 h (by at), not ended before incident.aware (by seq).
    const relevant = ctx.outages.filter(
      (o) => o.startMs <= end && (o.endSeq === null || o.endSeq > ctx.aware.seq) && (firstWebsite === undefined || firstWebsite.seq > o.startSeq),
    );
    if (relevant.length === 0) {
      return notApplicable(
        'report-fallback',
        ctx.outages.length === 0
          ? tx('no outage during the drill', '演練期間無網路或電力中斷')
          : tx('no outage in the first hour before a website report was filed', '知悉後一小時內、網站通報前未發生中斷'),
      );
    }
    // Settled point 16: done by the first phone report to ACS made while any outage is in progress; after T0 + 1 h it is late.
    const phone = ctx.firstOf(['report.phoned'], (e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) !== undefined);
    const violations: Text[] = [];
    if (phone !== undefined && String(ctx.data(phone).reason ?? '').trim() === '') {
      violations.push(tx(`the phone report ${describe(phone)} does not say why it could not be filed online (P11)`, `電話通報（${describeZh(phone)}）未說明無法依規定方式通報之事由（第十一點）`));
    }
    return judgeTimed(ctx, 'report-fallback', { due: end, done: phone, violations });
  },

  // P11: once the cause is removed, file on the website as well. Settled point 5: no time limit, never late.
  'report-backfill': (ctx) => {
    const phone = ctx.firstOf(['report.phoned'], (e) => ctx.isPhoneToAcs(e) && ctx.outageAt(e.seq) !== undefined);
    if (phone === undefined) return notApplicable('report-backfill', tx('no phone report was made during an outage', '中斷期間未以電話通報'));
    const outage = ctx.outageAt(phone.seq) as NonNullable<ReturnType<ScoringContext['outageAt']>>;
    if (outage.endSeq === null || outage.endMs === null) {
      return judgeTimed(ctx, 'report-backfill', { due: null, trigger: null, pending: [tx('the outage has not ended', '中斷事由尚未解除')] });
    }
    const backfill = ctx.first('report.submitted', outage.endSeq);
    return judgeTimed(ctx, 'report-backfill', {
      due: null,
      done: backfill,
      trigger: outage.endMs,
      owed: true,
      pending: [tx(`no report.submitted after the outage ended at ${formatTaipei(outage.endMs)}`, `中斷於 ${zhTime(outage.endMs)} 解除後，未於通報應變網站補行通報`)],
    });
  },

  // P12: each affected agency's contact, by phone or TaipeiON, within the hour.
  'notify-agencies-1h': (ctx) => {
    const agencies = (ctx.record.scenario.affectedAgencies ?? []).filter((a) => a.trim() !== '');
    if (agencies.length === 0) return notApplicable('notify-agencies-1h', tx('the scenario affects no other agency', '情境未涉及其他機關'));
    const due = hoursFromAware(ctx, 'notify-agencies-1h', ctx.levelAtEvaluation);
    const notices = ctx.all('agency.notified');
    const permitted = (e: DrillEvent): boolean => ['phone', 'taipeion'].includes(String(ctx.data(e).channel ?? '').toLowerCase());
    const notes: Text[] = [];
    const late: Text[] = [];
    const missing: string[] = [];
    let lastMs = -Infinity;
    let last: DrillEvent | undefined;
    for (const name of agencies) {
      const forIt = notices.filter((e) => String(ctx.data(e).agency ?? '').trim() === name.trim());
      const ok = forIt.find(permitted);
      for (const e of forIt) {
        if (!permitted(e) && (ok === undefined || e.seq < ok.seq)) {
          const channel = String(ctx.data(e).channel ?? '');
          notes.push(
            tx(
              `${name} was told by ${channel || 'an unnamed channel'} (seq ${e.seq}), which is not phone or TaipeiON and does not count`,
              `以 ${channel || '未載明之管道'} 告知${name}（序號 ${e.seq}），非電話或公務雲(TaipeiON)，不計為通知`,
            ),
          );
        }
      }
      if (ok === undefined) {
        missing.push(name);
        continue;
      }
      const ms = ctx.ms(ok);
      if (ms > due) late.push(tx(`${name} was notified at ${ok.at}, after the limit`, `${name}於 ${zhTime(ms)} 始獲通知，已逾期限`));
      if (ms > lastMs) {
        lastMs = ms;
        last = ok;
      }
    }
    if (missing.length > 0) {
      return judgeTimed(ctx, 'notify-agencies-1h', { due, notes, pending: missing.map((n) => tx(`${n} was not notified by phone or TaipeiON`, `未以電話或公務雲(TaipeiON)通知${n}`)) });
    }
    const result = judgeTimed(ctx, 'notify-agencies-1h', { due, done: last, doneMs: lastMs, notes });
    if (result.status === 'late') {
      result.reasons = [...result.reasons, ...en(late)];
      result.reasonsZh = [...(result.reasonsZh ?? []), ...zh(late)];
    }
    return result;
  },

  // P14: agencies reporting to a central body copy DoIT within 3 days, the report's date being day 1.
  'copy-doit-3d': (ctx) => {
    if (ctx.agency.reportsToCentral !== true) {
      return notApplicable('copy-doit-3d', tx('the agency reports to DoIT, not to a central-government body', '本機關之通報對象非中央機關，無須副知'));
    }
    const report = ctx.first('report.submitted');
    const day1 = report ? ctx.ms(report) : ctx.t0Ms;
    return judgeTimed(ctx, 'copy-doit-3d', { due: endOfTaipeiDay(day1, 2), done: ctx.first('doit.copied'), trigger: day1 });
  },

  // P15: the reviewer reviews the level within 8 h (reported L1/2) or 2 h (reported L3/4) of the report.
  'review-level': (ctx) => {
    const report = ctx.first('report.submitted');
    if (report === undefined) return notApplicable('review-level', tx('no report on the reporting website yet', '尚未於通報應變網站通報'));
    const level = ctx.data(report).level;
    const limit = OBLIGATION_BY_ID['review-level'].limit;
    const hours = limit.kind === 'hours-from-report' && isLevel(level) ? limit.byLevel[level] : 8;
    const due = ctx.ms(report) + hours * HOUR_MS;
    return judgeTimed(ctx, 'review-level', { due, done: ctx.first('level.reviewed', report.seq), trigger: ctx.ms(report) });
  },

  // P18: L1/2 within three hours, L3/4 within one hour; the level in force when formed.
  'team-formed': (ctx) => {
    const team = ctx.first('team.formed');
    return judgeTimed(ctx, 'team-formed', { due: hoursFromAware(ctx, 'team-formed', levelFor(ctx, team)), done: team });
  },

  // P19, Att.3: the first team.formed against Att.3; a team.adjusted accepts its composition as formed.
  'team-roles': (ctx) => {
    const team = ctx.first('team.formed');
    if (team === undefined) {
      // Settled point 10: a school's team-roles judges only P6 on the first team.formed; with none it does not apply.
      if (ctx.isSchool) return notApplicable('team-roles', tx('no team.formed: for a school team-roles judges only P6, on the first team formed', '未組成小組：學校僅就首次組成之小組判定第六點'));
      return judgeTimed(ctx, 'team-roles', { due: hoursFromAware(ctx, 'team-formed', ctx.levelAtEvaluation), pending: [tx('no team.formed', '尚未組成通報應變小組')] });
    }
    const level = ctx.levelWhen(team);
    const members = Array.isArray(ctx.data(team).members) ? (ctx.data(team).members as Parameters<typeof checkTeam>[0]['members']) : [];
    const text = (i: ReturnType<typeof checkTeam>[number]): Text => tx(`${i.message.en} [${i.cite}]`, `${i.message.zh}〔${i.cite}〕`);
    const issues = checkTeam({ agency: ctx.agency, level, members });
    // Settled point 9: only the commander's or the facilitator's team.adjusted counts, whenever it comes.
    const adjustments = ctx.all('team.adjusted');
    const adjusted = adjustments.find((e) => e.actor.role === 'commander' || e.actor.role === 'facilitator');
    const ignored = adjustments
      .filter((e) => e.actor.role !== 'commander' && e.actor.role !== 'facilitator')
      .map((e) =>
        tx(
          `team.adjusted (seq ${e.seq}) by ${e.actor.role} is ignored: only the commander or the facilitator adjusts the team`,
          `${roleName(e.actor.role, 'zh-TW')}之調整小組組成（序號 ${e.seq}）不計：僅事件指揮官或主持人得調整`,
        ),
      );
    if (issues.length > 0 && adjusted !== undefined) {
      // Settled point 9: the adjustment excuses Att.3's composition only, never the reporting-contact rule (P5–P6, P9).
      const why = String(ctx.data(adjusted).reason ?? '').trim();
      return judgeTimed(ctx, 'team-roles', {
        due: null,
        done: team,
        violations: issues.filter((i) => i.rule === 'reporting-contact').map(text),
        notes: [
          ...issues.filter((i) => i.rule !== 'reporting-contact').map(text),
          tx(`composition accepted as formed by team.adjusted (seq ${adjusted.seq}, P19)${why ? `: ${why}` : ''}`, `依第十九點調整小組組成（序號 ${adjusted.seq}）${why ? `：${why}` : ''}`),
          ...ignored,
        ],
      });
    }
    return judgeTimed(ctx, 'team-roles', {
      due: null,
      done: team,
      violations: issues.map(text),
      notes: [tx(`judged at level ${level} (${levelBand(level)})`, `依第${level}級事件判定`), ...ignored],
    });
  },

  // P20: after initial damage control, chaired by the commander, covering overview and scope.
  'response-meeting': (ctx) => {
    const contained = ctx.first('containment.initial');
    const meeting = contained ? ctx.first('meeting.held', contained.seq) : undefined;
    const violations: Text[] = [];
    if (meeting !== undefined) {
      const d = ctx.data(meeting);
      if (d.chair !== 'commander') violations.push(tx(`chaired by ${String(d.chair ?? 'nobody named')}, not the incident commander`, `會議由 ${String(d.chair ?? '未載明者')} 主持，而非事件指揮官`));
      const topics = list(d.topics);
      const lacking = ['overview', 'scope'].filter((t) => !topics.includes(t));
      const topicZh: Record<string, string> = { overview: '資通安全事件概況', scope: '評估受影響範圍' };
      if (lacking.length > 0) violations.push(tx(`the meeting's topics lack ${lacking.join(' and ')}`, `會議未討論：${lacking.map((t) => topicZh[t]).join('、')}`));
    }
    const pending =
      contained === undefined
        ? [tx('no containment.initial; meetings before initial damage control do not count', '尚未完成初步損害控制；之前召開之會議不計')]
        : [tx('no meeting.held after containment.initial', '初步損害控制後尚未召開應變會議')];
    return judgeTimed(ctx, 'response-meeting', {
      due: recoveryLimit(ctx),
      done: meeting,
      violations,
      pending,
      trigger: contained ? ctx.ms(contained) : null,
    });
  },

  // P21: L1/2 within 72 h, L3/4 within 36 h, recorded on the reporting website.
  recovery: (ctx) => {
    const done = ctx.first('recovery.completed');
    const violations =
      done && ctx.data(done).registeredOnWebsite !== true
        ? [tx('the recovery was not registered on the reporting website (registeredOnWebsite is not true)', '損害控制或復原未於通報應變網站登錄')]
        : [];
    return judgeTimed(ctx, 'recovery', { due: hoursFromAware(ctx, 'recovery', levelFor(ctx, done)), done, violations });
  },

  // P22(2): the commander decides whether to announce; by the recovery limit (drill).
  'announcement-decision': (ctx) => {
    const done = ctx.first('announcement.decided');
    // Settled point 13: the decision is the commander's; by any other role it is violated.
    const violations =
      done && done.actor.role !== 'commander'
        ? [tx(`decided by ${done.actor.role}, not the incident commander (P22(2))`, `由${roleName(done.actor.role, 'zh-TW')}決定，而非事件指揮官（第二十二點第二款）`)]
        : [];
    // Settled point 12: a missing `public` is a decision not to announce.
    const notes = done && typeof ctx.data(done).public !== 'boolean' ? [tx('no data.public: read as a decision not to announce', '未載明是否公告：視為決定不對外公告')] : [];
    return judgeTimed(ctx, 'announcement-decision', { due: recoveryLimit(ctx), done, violations, notes });
  },

  // P23(1): L3/4 only; after recovery, to commander, team, oversight bodies and DoIT.
  'effectiveness-report': (ctx) => {
    const level = ctx.levelAtEvaluation;
    if (level < 3) return notApplicable('effectiveness-report', levelOnly(level));
    const done = ctx.first('effectiveness.reported');
    const violations: Text[] = [];
    if (done !== undefined) {
      const recovered = ctx.first('recovery.completed');
      if (recovered === undefined || recovered.seq > done.seq) violations.push(tx(`reported (seq ${done.seq}) before recovery.completed`, `於完成復原前即回報成效（序號 ${done.seq}）`));
      violations.push(...missingRecipients(ctx, done, ['commander', 'team']));
    }
    return judgeTimed(ctx, 'effectiveness-report', { due: recoveryLimit(ctx), done, violations });
  },

  // P23(2): L3/4, personal data leaked: assess notifying the data subjects; not notifying needs a reason.
  'pdpa-assessment': (ctx) => {
    if (ctx.record.scenario.personalData !== true) return notApplicable('pdpa-assessment', tx('no personal data is involved in the scenario', '情境未涉及個人資料'));
    const level = ctx.levelAtEvaluation;
    if (level < 3) return notApplicable('pdpa-assessment', levelOnly(level));
    const done = ctx.first('pdpa.assessed');
    const violations: Text[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      // Settled point 12: a missing notifySubjects means false (not notifying), which needs a reason.
      if (d.notifySubjects !== true && String(d.reason ?? '').trim() === '') {
        violations.push(tx('decided not to notify the data subjects without giving a reason', '決定不通知當事人但未說明理由'));
      }
    }
    return judgeTimed(ctx, 'pdpa-assessment', { due: recoveryLimit(ctx), done, violations });
  },

  // P25(1): the first containment step is isolation.
  'isolation-first': (ctx) => {
    if (ctx.isEquipmentFailure) return notApplicable('isolation-first', EQUIPMENT_REASON);
    const first = ctx.firstOf(['action.isolated', 'media.imaged', 'system.rebuilt', 'service.switched', 'service.minimal', 'recovery.completed']);
    const violations =
      first && first.type !== 'action.isolated' ? [tx(`the first containment step was ${describe(first)}, not action.isolated`, `第一個處置步驟為${describeZh(first)}，而非隔離`)] : [];
    return judgeTimed(ctx, 'isolation-first', { due: recoveryLimit(ctx), done: first, violations });
  },

  // P25(2)–(4): preserve evidence, by what backup there is.
  'evidence-preserved': (ctx) => {
    const backup = ctx.record.scenario.backup ?? 'none';
    const rebuilds = ctx.all('system.rebuilt');
    const tests = ctx.all('system.tested');
    const imaged = ctx.first('media.imaged');
    const violations: Text[] = [];
    const imagedBeforeFirstRebuild = (): void => {
      if (rebuilds.length > 0 && (imaged === undefined || imaged.seq > rebuilds[0].seq)) {
        violations.push(tx(`the system was rebuilt (seq ${rebuilds[0].seq}) before the victim's storage was imaged`, `未先備份受害系統儲存媒介即重建系統（序號 ${rebuilds[0].seq}）`));
      }
    };
    let done: DrillEvent | undefined;
    let pending: Text[] = [];
    if (backup === 'none') {
      // P25(2): image first, rebuild on clean media, test before service.
      imagedBeforeFirstRebuild();
      for (const r of rebuilds) if (ctx.data(r).cleanMedia !== true) violations.push(tx(`the system was rebuilt (seq ${r.seq}) without clean media`, `重建系統未使用乾淨儲存媒介（序號 ${r.seq}）`));
      const recovered = ctx.first('recovery.completed');
      if (recovered !== undefined) {
        const lastRebuild = [...rebuilds].reverse().find((r) => r.seq < recovered.seq);
        if (lastRebuild !== undefined && !tests.some((t) => t.seq > lastRebuild.seq && t.seq < recovered.seq)) {
          violations.push(
            tx(
              `no system.tested between the rebuild (seq ${lastRebuild.seq}) and recovery.completed (seq ${recovered.seq})`,
              `重建（序號 ${lastRebuild.seq}）後未經系統測試即提供服務（序號 ${recovered.seq}）`,
            ),
          );
        }
      }
      done = imaged;
      pending = [tx('no media.imaged', '尚未備份受害系統儲存媒介')];
    } else if (backup === 'available') {
      // P25(3): switch to the standby, rebuild only after root cause or a full image, test, then switch back.
      const switches = ctx.all('service.switched');
      for (const r of rebuilds) {
        const basis = ctx.firstOf(['rootcause.completed', 'media.imaged'], (e) => e.seq < r.seq);
        if (basis === undefined) {
          violations.push(tx(`the system was rebuilt (seq ${r.seq}) before root-cause analysis or a full image`, `未完成根因分析或完整備份即重建系統（序號 ${r.seq}）`));
        }
      }
      // Settled point 11: a switch back to primary needs a system.tested after the last system.rebuilt before it.
      for (const s of switches) {
        if (ctx.data(s).to !== 'primary') continue;
        const lastRebuild = [...rebuilds].reverse().find((r) => r.seq < s.seq);
        if (lastRebuild === undefined) {
          violations.push(tx(`service switched back to primary (seq ${s.seq}) with no rebuild before it`, `未重建系統即切換回原系統（序號 ${s.seq}）`));
        } else if (!tests.some((t) => t.seq < s.seq && t.seq > lastRebuild.seq)) {
          violations.push(
            tx(
              `service switched back to primary (seq ${s.seq}) before a system.tested after the rebuild (seq ${lastRebuild.seq})`,
              `重建（序號 ${lastRebuild.seq}）後未經系統測試即切換回原系統（序號 ${s.seq}）`,
            ),
          );
        }
      }
      done = switches.find((s) => ctx.data(s).to === 'backup');
      pending = [tx('no service.switched to backup', '尚未將服務切換至備援系統')];
    } else {
      // P25(4): standby also compromised: keep minimal service while preserving evidence.
      imagedBeforeFirstRebuild();
      const minimal = ctx.first('service.minimal');
      if (minimal !== undefined && imaged !== undefined) done = minimal.seq > imaged.seq ? minimal : imaged;
      pending = [
        ...(minimal ? [] : [tx('no service.minimal', '尚未以最低限度維持對外運作')]),
        ...(imaged ? [] : [tx('no media.imaged', '尚未備份受害系統儲存媒介')]),
      ];
    }
    const backupZh: Record<string, string> = { none: '無備援', available: '有備援', compromised: '備援亦受害' };
    return judgeTimed(ctx, 'evidence-preserved', { due: recoveryLimit(ctx), done, violations, pending, notes: [tx(`backup: ${backup}`, `備援：${backupZh[backup] ?? backup}`)] });
  },

  // P27: evidence to the forensic exchange area, malware also to Virus Check; no other platform.
  'evidence-submission': (ctx) => {
    if (ctx.isEquipmentFailure) return notApplicable('evidence-submission', EQUIPMENT_REASON);
    const subs = ctx.all('evidence.submitted');
    const allowed = ['forensic-exchange', 'viruscheck'];
    const dest = (e: DrillEvent): string => String(ctx.data(e).destination ?? '');
    const wrong = subs.filter((e) => !allowed.includes(dest(e)));
    const due = closureLimit(ctx);
    if (wrong.length > 0) {
      return judgeTimed(ctx, 'evidence-submission', {
        due,
        done: wrong[0],
        violations: wrong.map((e) =>
          tx(
            `evidence submitted to ${dest(e) || 'an unnamed platform'} (seq ${e.seq}), not a permitted platform (P27: forensic-exchange, viruscheck)`,
            `跡證上傳至 ${dest(e) || '未載明之平臺'}（序號 ${e.seq}），非指定平臺（第二十七點：鑑識採證檔案交換區、Virus Check）`,
          ),
        ),
      });
    }
    const required = ['forensic-exchange', ...(ctx.record.scenario.malware === true ? ['viruscheck'] : [])];
    const firsts = required.map((r) => subs.find((e) => dest(e) === r));
    const missing = required.filter((_, i) => firsts[i] === undefined);
    const destZh: Record<string, string> = { 'forensic-exchange': '鑑識採證檔案交換區', viruscheck: 'Virus Check' };
    if (missing.length > 0) {
      return judgeTimed(ctx, 'evidence-submission', { due, pending: missing.map((m) => tx(`nothing submitted to ${m}`, `尚未送交${destZh[m] ?? m}`)) });
    }
    const last = firsts.reduce((a, b) => ((b as DrillEvent).seq > (a as DrillEvent).seq ? b : a)) as DrillEvent;
    return judgeTimed(ctx, 'evidence-submission', { due, done: last });
  },

  // P28: investigated by a vendor, an external expert or DoIT, with malware analysis where malware was found.
  'root-cause': (ctx) => {
    if (ctx.isEquipmentFailure) return notApplicable('root-cause', EQUIPMENT_REASON);
    const done = ctx.first('rootcause.completed');
    const violations: Text[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      if (!['vendor', 'external-expert', 'doit'].includes(String(d.by ?? ''))) {
        violations.push(
          tx(
            `the root cause was investigated by ${String(d.by ?? 'nobody named')}, not a vendor, an external expert or DoIT`,
            `根因調查由 ${String(d.by ?? '未載明者')} 進行，而非委外廠商、外部專家或資訊局`,
          ),
        );
      }
      if (ctx.record.scenario.malware === true && d.malwareAnalysis !== true) violations.push(tx('no malware analysis although malware was found', '發現惡意程式但未提出惡意程式分析'));
    }
    return judgeTimed(ctx, 'root-cause', { due: closureLimit(ctx), done, violations });
  },

  // P29: short- and medium-term items (medium within 6 months), long-term within 2 years as needed.
  'improvement-plan': (ctx) => {
    const done = ctx.first('improvement.planned');
    const violations: Text[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      const items = (k: string): Array<Record<string, unknown>> => (Array.isArray(d[k]) ? (d[k] as Array<Record<string, unknown>>) : []);
      if (items('short').length === 0) violations.push(tx('the plan has no short-term item', '改善策略缺少短期項目'));
      if (items('medium').length === 0) violations.push(tx('the plan has no medium-term item', '改善策略缺少中期項目'));
      const overdue = (k: string, max: number): void => {
        items(k).forEach((it, i) => {
          const m = it?.dueMonths;
          if (typeof m !== 'number' || m > max) {
            const tierZh = k === 'medium' ? '中期' : '長期';
            violations.push(
              tx(
                `${k}-term item ${i + 1}${it?.item ? ` (${String(it.item)})` : ''} is due in ${typeof m === 'number' ? `${m} months` : 'no stated months'}, not within ${max} months`,
                `${tierZh}第${i + 1}項${it?.item ? `（${String(it.item)}）` : ''}預定${typeof m === 'number' ? `${m}個月` : '未載明期程'}，超過${max}個月`,
              ),
            );
          }
        });
      };
      overdue('medium', 6);
      overdue('long', 24);
    }
    return judgeTimed(ctx, 'improvement-plan', { due: closureLimit(ctx), done, violations });
  },

  // P30: root cause and plan to the commander, the oversight bodies and DoIT.
  'root-cause-report': (ctx) => {
    const done = ctx.first('rootcause.submitted');
    return judgeTimed(ctx, 'root-cause-report', { due: closureLimit(ctx), done, violations: done ? missingRecipients(ctx, done, ['commander']) : [] });
  },

  // P31(4): L3/4 or designated: progress reports after the plan, to commander, oversight bodies and DoIT.
  'progress-reports': (ctx) => {
    const level = ctx.levelAtEvaluation;
    const designated = ctx.first('incident.designated');
    if (level < 3 && designated === undefined) {
      return notApplicable(
        'progress-reports',
        tx(
          `applies at level 3 or 4 or when the incident is designated; the level in force at the evaluation time is ${level} and no incident.designated`,
          `僅適用於第三、四級或經指定之事件；目前為第${level}級且未經指定`,
        ),
      );
    }
    const plan = ctx.first('improvement.planned');
    const done = plan ? ctx.first('progress.reported', plan.seq) : undefined;
    const pending =
      plan === undefined
        ? [tx('no improvement.planned; progress reports before the plan do not count', '尚未研擬改善策略；之前之回報不計')]
        : [tx('no progress.reported after improvement.planned', '研擬改善策略後尚未回報執行成效')];
    return judgeTimed(ctx, 'progress-reports', {
      due: closureLimit(ctx),
      done,
      pending,
      violations: done ? missingRecipients(ctx, done, ['commander']) : [],
      trigger: plan ? ctx.ms(plan) : null,
    });
  },

  // P31(5): closure report by the end of the day one calendar month after T0's date.
  'closure-1m': (ctx) => judgeTimed(ctx, 'closure-1m', { due: closureLimit(ctx), done: ctx.first('closure.submitted') }),

  // P32: signed by the responsible officer and the CISO.
  'records-signed': (ctx) => {
    const done = ctx.first('records.signed');
    const by = done ? list(ctx.data(done).by) : [];
    const lacking = ['responsible', 'ciso'].filter((r) => !by.includes(r));
    const signerZh: Record<string, string> = { responsible: '承辦之權責人員', ciso: '資通安全長' };
    const violations = done && lacking.length > 0 ? [tx(`the records were not signed by: ${lacking.join(', ')}`, `紀錄未經簽核：${lacking.map((r) => signerZh[r]).join('、')}`)] : [];
    return judgeTimed(ctx, 'records-signed', { due: closureLimit(ctx), done, violations });
  },

  // P34: share threat intelligence.
  'intel-shared': (ctx) => {
    if (ctx.isEquipmentFailure) return notApplicable('intel-shared', EQUIPMENT_REASON);
    return judgeTimed(ctx, 'intel-shared', { due: closureLimit(ctx), done: ctx.first('intel.shared') });
  },
};

/** Judges one obligation. Schools get not-applicable for everything P41 leaves out. */
export function judgeObligation(ctx: ScoringContext, id: ObligationId): ObligationResult {
  const judge = judges[id];
  if (judge === undefined) throw new Error(`no judge for obligation ${id}`);
  return schoolOr(ctx, id, judge);
}
