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
import { endOfDayOneMonthAfter, endOfTaipeiDay, formatTaipei, HOUR_MS, MINUTE_MS } from '../time/taipei';
import type { ObligationResult } from './types';
import { isLevel, type ScoringContext } from './context';

type Judge = (ctx: ScoringContext) => ObligationResult;

const iso = (ms: number | null): string | null => (ms === null ? null : formatTaipei(ms));
const describe = (e: DrillEvent): string => `${e.type} (seq ${e.seq}, ${e.at})`;

interface Outcome {
  due: number | null;
  done?: DrillEvent;
  /** Override of the done moment (e.g. the last of several notifications). */
  doneMs?: number;
  violations?: string[];
  notes?: string[];
  trigger?: number | null;
  /** Why it is not done, added to missed / not-reached. */
  pending?: string[];
}

function notApplicable(id: ObligationId, reason: string): ObligationResult {
  return { id, status: 'not-applicable', due: null, doneAt: null, lateByMinutes: 0, reasons: [reason], doneSeq: null, trigger: null };
}

/** The common shape: violated first, then timing. */
function judgeTimed(ctx: ScoringContext, id: ObligationId, o: Outcome): ObligationResult {
  const base = {
    id,
    due: iso(o.due),
    doneSeq: o.done?.seq ?? null,
    trigger: o.trigger === undefined ? iso(ctx.t0Ms) : iso(o.trigger),
    ...(o.notes && o.notes.length > 0 ? { notes: o.notes } : {}),
  };
  if (o.done !== undefined) {
    const doneMs = o.doneMs ?? ctx.ms(o.done);
    const doneAt = formatTaipei(doneMs);
    if (o.violations && o.violations.length > 0) return { ...base, status: 'violated', doneAt, lateByMinutes: 0, reasons: o.violations };
    if (o.due === null || doneMs <= o.due) return { ...base, status: 'met', doneAt, lateByMinutes: 0, reasons: [] };
    // Whole minutes late, rounded up: one second late is one minute late.
    const lateByMinutes = Math.ceil((doneMs - o.due) / MINUTE_MS);
    return { ...base, status: 'late', doneAt, lateByMinutes, reasons: [`done at ${doneAt}, ${lateByMinutes} min after the limit ${formatTaipei(o.due)}`] };
  }
  if (o.violations && o.violations.length > 0) return { ...base, status: 'violated', doneAt: null, lateByMinutes: 0, reasons: o.violations };
  const pending = o.pending ?? [];
  if (o.due !== null && ctx.evalMs > o.due) {
    return { ...base, status: 'missed', doneAt: null, lateByMinutes: 0, reasons: [...pending, `not done by the limit ${formatTaipei(o.due)}`] };
  }
  return {
    ...base,
    status: 'not-reached',
    doneAt: null,
    lateByMinutes: 0,
    reasons: [...pending, o.due === null ? 'not done; it has no limit yet' : `not done yet; the limit ${formatTaipei(o.due)} had not passed at ${formatTaipei(ctx.evalMs)}`],
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

const SCHOOL_REASON = 'schools follow the TANet procedure (P41): only P6–P9, P12–P14, P23(2) and P24–P26 of this procedure apply';
const EQUIPMENT_REASON = 'not applicable to an equipment failure (scenario.category equipment-failure)';

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Recipients the agency must name: the given ones, each oversight body, and DoIT unless the agency is DoIT. */
function requiredRecipients(ctx: ScoringContext, own: string[]): string[] {
  return [...own, ...ctx.oversight, ...(ctx.isDoit ? [] : ['doit'])];
}

function missingRecipients(ctx: ScoringContext, e: DrillEvent, own: string[]): string[] {
  const to = new Set(list(ctx.data(e).to));
  const missing = requiredRecipients(ctx, own).filter((r) => !to.has(r));
  return missing.length === 0 ? [] : [`${e.type} (seq ${e.seq}) was not sent to: ${missing.join(', ')}`];
}

function schoolOr(ctx: ScoringContext, id: ObligationId, judge: Judge): ObligationResult {
  if (ctx.isSchool && !OBLIGATION_BY_ID[id].applies.school) return notApplicable(id, SCHOOL_REASON);
  return judge(ctx);
}

// --- the judges ---------------------------------------------------------------------------

const judges: Record<string, Judge> = {
  // P10: the CISO approves the level before the report is filed.
  'report-approval': (ctx) => {
    const report = ctx.firstAnyReport;
    const approval = ctx.first('level.approved');
    if (report !== undefined) {
      if (approval === undefined || approval.seq > report.seq) {
        return judgeTimed(ctx, 'report-approval', {
          due: ctx.ms(report),
          done: approval,
          violations: [`the first report, ${describe(report)}, came before any level.approved`],
        });
      }
      return judgeTimed(ctx, 'report-approval', { due: ctx.ms(report), done: approval });
    }
    return judgeTimed(ctx, 'report-approval', { due: approval ? null : reportLimit(ctx), done: approval });
  },

  // P10, P15: the level reported is the incident's level; under-reporting is violated.
  'level-assessment': (ctx) => {
    const report = ctx.firstLeveledReport;
    if (report === undefined) return judgeTimed(ctx, 'level-assessment', { due: reportLimit(ctx), pending: ['no report with a level'] });
    const reported = ctx.data(report).level as Level;
    const reference = ctx.record.scenario.referenceLevel;
    if (reported < reference) {
      return judgeTimed(ctx, 'level-assessment', {
        due: null,
        done: report,
        violations: [`reported level ${reported} in ${describe(report)}, lower than the scenario's reference level ${reference} (under-reporting)`],
      });
    }
    const notes = reported > reference ? [`reported level ${reported}, higher than the reference level ${reference} (over-report)`] : [];
    return judgeTimed(ctx, 'level-assessment', { due: null, done: report, notes });
  },

  // P10: report on the website within one hour; P11: a phone report to ACS during an outage counts.
  'report-1h': (ctx) => {
    const due = hoursFromAware(ctx, 'report-1h', ctx.levelAtEvaluation);
    const report = ctx.firstCountingReport;
    const violations: string[] = [];
    if (report !== undefined && report.actor.role !== 'reporting-contact') {
      violations.push(`filed by ${report.actor.role}, not the reporting contact (P6, P10)`);
    }
    const pending: string[] = [];
    const phoned = ctx.all('report.phoned').filter((e) => ctx.isPhoneToAcs(e) && ctx.outagesAt(e.seq).length === 0);
    if (report === undefined && phoned.length > 0) pending.push(`the phone report ${describe(phoned[0])} was made with no outage in progress and does not count`);
    return judgeTimed(ctx, 'report-1h', { due, done: report, violations, pending });
  },

  // P11: an outage in the first hour, before any website report: tell ACS by phone within the hour.
  'report-fallback': (ctx) => {
    const end = hoursFromAware(ctx, 'report-fallback', ctx.levelAtEvaluation);
    const firstWebsite = ctx.first('report.submitted');
    const relevant = ctx.outages.filter(
      (o) => o.startMs <= end && (o.endMs === null || o.endMs > ctx.t0Ms) && (firstWebsite === undefined || firstWebsite.seq > o.startSeq),
    );
    if (relevant.length === 0) {
      return notApplicable('report-fallback', ctx.outages.length === 0 ? 'no outage during the drill' : 'no outage in the first hour before a website report was filed');
    }
    const phone = ctx.firstOf(['report.phoned'], (e) => ctx.isPhoneToAcs(e) && ctx.outagesAt(e.seq).length > 0);
    const violations: string[] = [];
    if (phone !== undefined && String(ctx.data(phone).reason ?? '').trim() === '') {
      violations.push(`the phone report ${describe(phone)} does not say why it could not be filed online (P11)`);
    }
    return judgeTimed(ctx, 'report-fallback', { due: end, done: phone, violations });
  },

  // P11: once the cause is removed, file on the website as well. Limit: the evaluation time.
  'report-backfill': (ctx) => {
    const phone = ctx.firstOf(['report.phoned'], (e) => ctx.isPhoneToAcs(e) && ctx.outagesAt(e.seq).length > 0);
    if (phone === undefined) return notApplicable('report-backfill', 'no phone report was made during an outage');
    const outages = ctx.outagesAt(phone.seq);
    const open = outages.filter((o) => o.endSeq === null);
    if (open.length > 0) {
      return judgeTimed(ctx, 'report-backfill', { due: ctx.evalMs, trigger: null, pending: ['the outage has not ended'] });
    }
    const endSeq = Math.max(...outages.map((o) => o.endSeq as number));
    const endMs = Math.max(...outages.map((o) => o.endMs as number));
    const backfill = ctx.first('report.submitted', endSeq);
    return judgeTimed(ctx, 'report-backfill', {
      due: ctx.evalMs,
      done: backfill,
      trigger: endMs,
      pending: [`no report.submitted after the outage ended at ${formatTaipei(endMs)}`],
    });
  },

  // P12: each affected agency's contact, by phone or TaipeiON, within the hour.
  'notify-agencies-1h': (ctx) => {
    const agencies = (ctx.record.scenario.affectedAgencies ?? []).filter((a) => a.trim() !== '');
    if (agencies.length === 0) return notApplicable('notify-agencies-1h', 'the scenario affects no other agency');
    const due = hoursFromAware(ctx, 'notify-agencies-1h', ctx.levelAtEvaluation);
    const notices = ctx.all('agency.notified');
    const permitted = (e: DrillEvent): boolean => ['phone', 'taipeion'].includes(String(ctx.data(e).channel ?? '').toLowerCase());
    const notes: string[] = [];
    const late: string[] = [];
    const missing: string[] = [];
    let lastMs = -Infinity;
    let last: DrillEvent | undefined;
    for (const name of agencies) {
      const forIt = notices.filter((e) => String(ctx.data(e).agency ?? '').trim() === name.trim());
      const ok = forIt.find(permitted);
      for (const e of forIt) {
        if (!permitted(e) && (ok === undefined || e.seq < ok.seq)) notes.push(`${name} was told by ${String(ctx.data(e).channel ?? 'an unnamed channel')} (seq ${e.seq}), which is not phone or TaipeiON and does not count`);
      }
      if (ok === undefined) {
        missing.push(name);
        continue;
      }
      const ms = ctx.ms(ok);
      if (ms > due) late.push(`${name} was notified at ${ok.at}, after the limit`);
      if (ms > lastMs) {
        lastMs = ms;
        last = ok;
      }
    }
    if (missing.length > 0) {
      return judgeTimed(ctx, 'notify-agencies-1h', { due, notes, pending: missing.map((n) => `${n} was not notified by phone or TaipeiON`) });
    }
    const result = judgeTimed(ctx, 'notify-agencies-1h', { due, done: last, doneMs: lastMs, notes });
    if (result.status === 'late') result.reasons = [...result.reasons, ...late];
    return result;
  },

  // P14: agencies reporting to a central body copy DoIT within 3 days, the report's date being day 1.
  'copy-doit-3d': (ctx) => {
    if (ctx.agency.reportsToCentral !== true) return notApplicable('copy-doit-3d', 'the agency reports to DoIT, not to a central-government body');
    const report = ctx.first('report.submitted');
    const day1 = report ? ctx.ms(report) : ctx.t0Ms;
    return judgeTimed(ctx, 'copy-doit-3d', { due: endOfTaipeiDay(day1, 2), done: ctx.first('doit.copied'), trigger: day1 });
  },

  // P15: the reviewer reviews the level within 8 h (reported L1/2) or 2 h (reported L3/4) of the report.
  'review-level': (ctx) => {
    const report = ctx.first('report.submitted');
    if (report === undefined) return notApplicable('review-level', 'no report on the reporting website yet');
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

  // P19, Att.3: the first team.formed against Att.3; a team.adjusted accepts it as formed.
  'team-roles': (ctx) => {
    const team = ctx.first('team.formed');
    if (team === undefined) {
      if (ctx.isSchool) return judgeTimed(ctx, 'team-roles', { due: null, pending: ['no team.formed'] });
      return judgeTimed(ctx, 'team-roles', { due: hoursFromAware(ctx, 'team-formed', ctx.levelAtEvaluation), pending: ['no team.formed'] });
    }
    const level = ctx.levelWhen(team);
    const members = Array.isArray(ctx.data(team).members) ? (ctx.data(team).members as Parameters<typeof checkTeam>[0]['members']) : [];
    const issues = checkTeam({ agency: ctx.agency, level, members }).map((i) => `${i.message.en} [${i.cite}]`);
    const adjusted = ctx.first('team.adjusted');
    if (issues.length > 0 && adjusted !== undefined) {
      const why = String(ctx.data(adjusted).reason ?? '').trim();
      return judgeTimed(ctx, 'team-roles', {
        due: null,
        done: team,
        notes: [...issues, `accepted as formed by team.adjusted (seq ${adjusted.seq}, P19)${why ? `: ${why}` : ''}`],
      });
    }
    return judgeTimed(ctx, 'team-roles', { due: null, done: team, violations: issues, notes: [`judged at level ${level} (${levelBand(level)})`] });
  },

  // P20: after initial damage control, chaired by the commander, covering overview and scope.
  'response-meeting': (ctx) => {
    const contained = ctx.first('containment.initial');
    const meeting = contained ? ctx.first('meeting.held', contained.seq) : undefined;
    const violations: string[] = [];
    if (meeting !== undefined) {
      const d = ctx.data(meeting);
      if (d.chair !== 'commander') violations.push(`chaired by ${String(d.chair ?? 'nobody named')}, not the incident commander`);
      const topics = list(d.topics);
      const lacking = ['overview', 'scope'].filter((t) => !topics.includes(t));
      if (lacking.length > 0) violations.push(`the meeting's topics lack ${lacking.join(' and ')}`);
    }
    const pending = contained === undefined ? ['no containment.initial; meetings before initial damage control do not count'] : ['no meeting.held after containment.initial'];
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
    const violations = done && ctx.data(done).registeredOnWebsite !== true ? ['the recovery was not registered on the reporting website (registeredOnWebsite is not true)'] : [];
    return judgeTimed(ctx, 'recovery', { due: hoursFromAware(ctx, 'recovery', levelFor(ctx, done)), done, violations });
  },

  // P22(2): decide whether to announce; by the recovery limit (drill).
  'announcement-decision': (ctx) => {
    const done = ctx.first('announcement.decided');
    const violations = done && typeof ctx.data(done).public !== 'boolean' ? ['the decision does not say whether to announce publicly (data.public is missing)'] : [];
    return judgeTimed(ctx, 'announcement-decision', { due: recoveryLimit(ctx), done, violations });
  },

  // P23(1): L3/4 only; after recovery, to commander, team, oversight bodies and DoIT.
  'effectiveness-report': (ctx) => {
    const level = ctx.levelAtEvaluation;
    if (level < 3) return notApplicable('effectiveness-report', `applies at level 3 or 4 only; the level in force at the evaluation time is ${level}`);
    const done = ctx.first('effectiveness.reported');
    const violations: string[] = [];
    if (done !== undefined) {
      const recovered = ctx.first('recovery.completed');
      if (recovered === undefined || recovered.seq > done.seq) violations.push(`reported (seq ${done.seq}) before recovery.completed`);
      violations.push(...missingRecipients(ctx, done, ['commander', 'team']));
    }
    return judgeTimed(ctx, 'effectiveness-report', { due: recoveryLimit(ctx), done, violations });
  },

  // P23(2): L3/4, personal data leaked: assess notifying the data subjects; not notifying needs a reason.
  'pdpa-assessment': (ctx) => {
    if (ctx.record.scenario.personalData !== true) return notApplicable('pdpa-assessment', 'no personal data is involved in the scenario');
    const level = ctx.levelAtEvaluation;
    if (level < 3) return notApplicable('pdpa-assessment', `applies at level 3 or 4 only; the level in force at the evaluation time is ${level}`);
    const done = ctx.first('pdpa.assessed');
    const violations: string[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      if (typeof d.notifySubjects !== 'boolean') violations.push('the assessment does not say whether the data subjects will be notified (data.notifySubjects is missing)');
      else if (d.notifySubjects === false && String(d.reason ?? '').trim() === '') violations.push('decided not to notify the data subjects without giving a reason');
    }
    return judgeTimed(ctx, 'pdpa-assessment', { due: recoveryLimit(ctx), done, violations });
  },

  // P25(1): the first containment step is isolation.
  'isolation-first': (ctx) => {
    if (ctx.isEquipmentFailure) return notApplicable('isolation-first', EQUIPMENT_REASON);
    const first = ctx.firstOf(['action.isolated', 'media.imaged', 'system.rebuilt', 'service.switched', 'service.minimal', 'recovery.completed']);
    const violations = first && first.type !== 'action.isolated' ? [`the first containment step was ${describe(first)}, not action.isolated`] : [];
    return judgeTimed(ctx, 'isolation-first', { due: recoveryLimit(ctx), done: first, violations });
  },

  // P25(2)–(4): preserve evidence, by what backup there is.
  'evidence-preserved': (ctx) => {
    const backup = ctx.record.scenario.backup ?? 'none';
    const rebuilds = ctx.all('system.rebuilt');
    const tests = ctx.all('system.tested');
    const imaged = ctx.first('media.imaged');
    const violations: string[] = [];
    const imagedBeforeFirstRebuild = (): void => {
      if (rebuilds.length > 0 && (imaged === undefined || imaged.seq > rebuilds[0].seq)) {
        violations.push(`the system was rebuilt (seq ${rebuilds[0].seq}) before the victim's storage was imaged`);
      }
    };
    let done: DrillEvent | undefined;
    let pending: string[] = [];
    if (backup === 'none') {
      // P25(2): image first, rebuild on clean media, test before service.
      imagedBeforeFirstRebuild();
      for (const r of rebuilds) if (ctx.data(r).cleanMedia !== true) violations.push(`the system was rebuilt (seq ${r.seq}) without clean media`);
      const recovered = ctx.first('recovery.completed');
      if (recovered !== undefined) {
        const lastRebuild = [...rebuilds].reverse().find((r) => r.seq < recovered.seq);
        if (lastRebuild !== undefined && !tests.some((t) => t.seq > lastRebuild.seq && t.seq < recovered.seq)) {
          violations.push(`no system.tested between the rebuild (seq ${lastRebuild.seq}) and recovery.completed (seq ${recovered.seq})`);
        }
      }
      done = imaged;
      pending = ['no media.imaged'];
    } else if (backup === 'available') {
      // P25(3): switch to the standby, rebuild only after root cause or a full image, test, then switch back.
      const switches = ctx.all('service.switched');
      for (const r of rebuilds) {
        const basis = ctx.firstOf(['rootcause.completed', 'media.imaged'], (e) => e.seq < r.seq);
        if (basis === undefined) violations.push(`the system was rebuilt (seq ${r.seq}) before root-cause analysis or a full image`);
      }
      for (const s of switches) {
        if (ctx.data(s).to !== 'primary') continue;
        const lastRebuild = [...rebuilds].reverse().find((r) => r.seq < s.seq);
        const tested = tests.some((t) => t.seq < s.seq && (lastRebuild === undefined || t.seq > lastRebuild.seq));
        if (!tested) violations.push(`service switched back to primary (seq ${s.seq}) before a system.tested${lastRebuild ? ` after the rebuild (seq ${lastRebuild.seq})` : ''}`);
      }
      done = switches.find((s) => ctx.data(s).to === 'backup');
      pending = ['no service.switched to backup'];
    } else {
      // P25(4): standby also compromised: keep minimal service while preserving evidence.
      imagedBeforeFirstRebuild();
      const minimal = ctx.first('service.minimal');
      if (minimal !== undefined && imaged !== undefined) done = minimal.seq > imaged.seq ? minimal : imaged;
      pending = [...(minimal ? [] : ['no service.minimal']), ...(imaged ? [] : ['no media.imaged'])];
    }
    return judgeTimed(ctx, 'evidence-preserved', { due: recoveryLimit(ctx), done, violations, pending, notes: [`backup: ${backup}`] });
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
        violations: wrong.map((e) => `evidence submitted to ${dest(e) || 'an unnamed platform'} (seq ${e.seq}), not a permitted platform (P27: forensic-exchange, viruscheck)`),
      });
    }
    const required = ['forensic-exchange', ...(ctx.record.scenario.malware === true ? ['viruscheck'] : [])];
    const firsts = required.map((r) => subs.find((e) => dest(e) === r));
    const missing = required.filter((_, i) => firsts[i] === undefined);
    if (missing.length > 0) return judgeTimed(ctx, 'evidence-submission', { due, pending: missing.map((m) => `nothing submitted to ${m}`) });
    const last = firsts.reduce((a, b) => ((b as DrillEvent).seq > (a as DrillEvent).seq ? b : a)) as DrillEvent;
    return judgeTimed(ctx, 'evidence-submission', { due, done: last });
  },

  // P28: investigated by a vendor, an external expert or DoIT, with malware analysis where malware was found.
  'root-cause': (ctx) => {
    if (ctx.isEquipmentFailure) return notApplicable('root-cause', EQUIPMENT_REASON);
    const done = ctx.first('rootcause.completed');
    const violations: string[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      if (!['vendor', 'external-expert', 'doit'].includes(String(d.by ?? ''))) violations.push(`the root cause was investigated by ${String(d.by ?? 'nobody named')}, not a vendor, an external expert or DoIT`);
      if (ctx.record.scenario.malware === true && d.malwareAnalysis !== true) violations.push('no malware analysis although malware was found');
    }
    return judgeTimed(ctx, 'root-cause', { due: closureLimit(ctx), done, violations });
  },

  // P29: short- and medium-term items (medium within 6 months), long-term within 2 years as needed.
  'improvement-plan': (ctx) => {
    const done = ctx.first('improvement.planned');
    const violations: string[] = [];
    if (done !== undefined) {
      const d = ctx.data(done);
      const items = (k: string): Array<Record<string, unknown>> => (Array.isArray(d[k]) ? (d[k] as Array<Record<string, unknown>>) : []);
      if (items('short').length === 0) violations.push('the plan has no short-term item');
      if (items('medium').length === 0) violations.push('the plan has no medium-term item');
      const overdue = (k: string, max: number): void => {
        items(k).forEach((it, i) => {
          const m = it?.dueMonths;
          if (typeof m !== 'number' || m > max) violations.push(`${k}-term item ${i + 1}${it?.item ? ` (${String(it.item)})` : ''} is due in ${typeof m === 'number' ? `${m} months` : 'no stated months'}, not within ${max} months`);
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
      return notApplicable('progress-reports', `applies at level 3 or 4 or when the incident is designated; the level in force at the evaluation time is ${level} and no incident.designated`);
    }
    const plan = ctx.first('improvement.planned');
    const done = plan ? ctx.first('progress.reported', plan.seq) : undefined;
    const pending = plan === undefined ? ['no improvement.planned; progress reports before the plan do not count'] : ['no progress.reported after improvement.planned'];
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
    const violations = done && lacking.length > 0 ? [`the records were not signed by: ${lacking.join(', ')}`] : [];
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
