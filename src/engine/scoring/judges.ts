/**
 * The shared judge: one status per obligation, read from its module's declaration
 * (rules/obligations/<id>.ts) point by point, drill-record.md "Rules by obligation".
 *
 * Order of precedence: not-applicable (school, then the declared conditions, then the module's
 * own), then violated (it "takes precedence over timing"), then met / late by `at` against the
 * limit, then missed / not-reached by the evaluation time (a limit is passed only when the
 * evaluation time is strictly after it).
 *
 * Reasons are `{code, params}` (base/reason-ref.ts); both languages are rendered here from
 * src/locales/{zh-TW,en}/reasons.json. `reasons` (the contract's field) is the English.
 */
import { say, type ReasonRef } from '../base/reason-ref';
import type { DrillEvent } from '../record/schema';
import type { Level, ObligationId } from '../record/vocabulary';
import { OBLIGATION_BY_ID } from '../rules/obligations';
import type { Condition, Findings, Judged, LimitRule, ObligationRule } from '../rules/obligations/types';
import { isLevel } from '../rules/level-in-force';
import { endOfDayOneMonthAfter, endOfTaipeiDay, formatTaipei, HOUR_MS, MINUTE_MS } from '../time/taipei';
import type { ScoringContext } from './context';
import { renderReasons } from './reason-text';
import type { ObligationResult } from './types';

const iso = (ms: number | null): string | null => (ms === null ? null : formatTaipei(ms));

/** Both languages of a list of reasons, and the reasons as data. */
const rendered = (list: readonly ReasonRef[]) => ({ reasons: renderReasons(list, 'en'), reasonsZh: renderReasons(list, 'zh-TW'), reasonCodes: list as ReasonRef[] });

function notApplicable(id: ObligationId, reason: ReasonRef): ObligationResult {
  return { id, status: 'not-applicable', due: null, doneAt: null, lateByMinutes: 0, ...rendered([reason]), doneSeq: null, trigger: null };
}

/** What the timing part of the judge works on. */
interface Outcome {
  due: number | null;
  done: DrillEvent | undefined;
  doneMs?: number;
  trigger: number | null;
  violations: readonly ReasonRef[];
  notes: readonly ReasonRef[];
  pending: readonly ReasonRef[];
  lateReasons: readonly ReasonRef[];
  owed: boolean;
}

/** Violated first, then timing. */
function judgeTimed(ctx: ScoringContext, id: ObligationId, o: Outcome): ObligationResult {
  // Written out rather than spread from a shared base: this runs for every obligation each time a
  // live drill is scored (after every event), and spreading objects of many shapes was most of it.
  const due = iso(o.due);
  const doneSeq = o.done?.seq ?? null;
  const trigger = iso(o.trigger);
  const notes = o.notes;
  const result = (status: ObligationResult['status'], doneAt: string | null, lateByMinutes: number, reasons: readonly ReasonRef[]): ObligationResult =>
    notes.length === 0
      ? { id, due, doneSeq, trigger, status, doneAt, lateByMinutes, reasons: renderReasons(reasons, 'en'), reasonsZh: renderReasons(reasons, 'zh-TW'), reasonCodes: reasons as ReasonRef[] }
      : {
          id,
          due,
          doneSeq,
          trigger,
          notes: renderReasons(notes, 'en'),
          notesZh: renderReasons(notes, 'zh-TW'),
          noteCodes: notes as ReasonRef[],
          status,
          doneAt,
          lateByMinutes,
          reasons: renderReasons(reasons, 'en'),
          reasonsZh: renderReasons(reasons, 'zh-TW'),
          reasonCodes: reasons as ReasonRef[],
        };
  if (o.done !== undefined) {
    const doneMs = o.doneMs ?? ctx.ms(o.done);
    const doneAt = formatTaipei(doneMs);
    if (o.violations.length > 0) return result('violated', doneAt, 0, o.violations);
    if (o.due === null || doneMs <= o.due) return result('met', doneAt, 0, []);
    // Whole minutes late, rounded up: one second late is one minute late.
    const lateByMinutes = Math.ceil((doneMs - o.due) / MINUTE_MS);
    const late = say('timing.late', { doneAt: { time: doneMs }, minutes: lateByMinutes, due: { time: o.due } });
    return result('late', doneAt, lateByMinutes, [late, ...o.lateReasons]);
  }
  if (o.violations.length > 0) return result('violated', null, 0, o.violations);
  if (o.owed) return result('missed', null, 0, o.pending);
  if (o.due !== null && ctx.evalMs > o.due) return result('missed', null, 0, [...o.pending, say('timing.missed', { due: { time: o.due } })]);
  const why = o.due === null ? say('timing.no-limit-yet') : say('timing.not-reached', { due: { time: o.due }, now: { time: ctx.evalMs } });
  return result('not-reached', null, 0, [...o.pending, why]);
}

// --- the declared parts -------------------------------------------------------------------

/** The level in force when done, or at the evaluation time when not done (drill-record.md). */
const levelFor = (ctx: ScoringContext, done: DrillEvent | undefined): Level => (done ? ctx.levelWhen(done) : ctx.levelAtEvaluation);

/** The first event of a type, when the trigger is an event (not awareness): the trigger event itself. */
function triggerEvent(ctx: ScoringContext, rule: ObligationRule): DrillEvent | undefined {
  return rule.trigger === 'incident.aware' || rule.trigger === 'outage.ended' ? undefined : ctx.first(rule.trigger);
}

/** When the window opens: T0; the trigger event; for P14 the report's date, else T0. The module gives report-backfill's outage end. */
function triggerMs(ctx: ScoringContext, rule: ObligationRule): number | null {
  if (rule.trigger === 'incident.aware') return ctx.t0Ms;
  if (rule.trigger === 'outage.ended') return null;
  const e = ctx.first(rule.trigger);
  if (e !== undefined) return ctx.ms(e);
  // P14: "of T0 when none" — the three days count from T0's date until there is a report.
  return rule.trigger === 'report.submitted' ? ctx.t0Ms : null;
}

/** The first of `doneBy` (after the trigger event where the window opens on one; none while it has not happened). */
function defaultDone(ctx: ScoringContext, rule: ObligationRule): DrillEvent | undefined {
  if (rule.trigger === 'incident.aware') return ctx.firstOf(rule.doneBy);
  const opened = triggerEvent(ctx, rule);
  if (opened === undefined) return undefined;
  return ctx.firstOf(rule.doneBy, (e) => e.seq > opened.seq);
}

/** The limit, epoch ms, for the judged event (null: no limit). */
function limitOf(ctx: ScoringContext, limit: LimitRule, done: DrillEvent | undefined, trigger: number | null): number | null {
  switch (limit.kind) {
    case 'hours-from-aware':
      return ctx.t0Ms + limit.byLevel[levelFor(ctx, done)] * HOUR_MS;
    case 'hours-from-report': {
      // Settled point 7: by the level of the first report.submitted, counted from it; 8 h when it has none.
      const report = ctx.first('report.submitted');
      if (report === undefined || trigger === null) return null;
      const level = ctx.data(report).level;
      return trigger + (isLevel(level) ? limit.byLevel[level] : 8) * HOUR_MS;
    }
    case 'end-of-day-plus':
      return endOfTaipeiDay(trigger ?? ctx.t0Ms, limit.plusDays);
    case 'one-month':
    case 'closure-limit':
      return endOfDayOneMonthAfter(ctx.t0Ms);
    case 'recovery-limit': {
      // Settled point 15: recovery's very `due` (its level in force when done, or at the evaluation time).
      const recovery = OBLIGATION_BY_ID.recovery;
      return limitOf(ctx, recovery.limit, ctx.first('recovery.completed'), null);
    }
    case 'before-report': {
      // P10: before the first report (website or phone); with none, report-1h's limit decides (settled point 8).
      const report = ctx.firstAnyReport;
      return report !== undefined ? ctx.ms(report) : limitOf(ctx, OBLIGATION_BY_ID['report-1h'].limit, undefined, ctx.t0Ms);
    }
    case 'with':
      // No limit of its own once done; the other obligation's limit while not done.
      return done !== undefined ? null : limitOf(ctx, OBLIGATION_BY_ID[limit.obligation].limit, undefined, ctx.t0Ms);
    case 'evaluation-time':
    case 'none':
      return null;
  }
}

/** A declared condition (rules/obligations/types.ts), or the reason it does not hold. */
function unmet(ctx: ScoringContext, condition: Condition): ReasonRef | null {
  switch (condition) {
    case 'not-equipment-failure':
      return ctx.isEquipmentFailure ? say('applies.not-equipment-failure') : null;
    case 'major': {
      const level = ctx.levelAtEvaluation;
      return level < 3 ? say('applies.major', { level }) : null;
    }
    case 'major-or-designated': {
      const level = ctx.levelAtEvaluation;
      return level < 3 && ctx.first('incident.designated') === undefined ? say('applies.major-or-designated', { level }) : null;
    }
    case 'personal-data':
      return ctx.record.scenario.personalData !== true ? say('applies.personal-data') : null;
    case 'affected-agencies':
      return (ctx.record.scenario.affectedAgencies ?? []).some((a) => a.trim() !== '') ? null : say('applies.affected-agencies');
    case 'reports-to-central':
      return ctx.agency.reportsToCentral !== true ? say('applies.reports-to-central') : null;
    case 'website-report':
      return ctx.first('report.submitted') === undefined ? say('applies.website-report') : null;
  }
}

/** Judges one obligation from its declaration and its own content rules. */
export function judgeObligation(ctx: ScoringContext, id: ObligationId): ObligationResult {
  const rule: ObligationRule = OBLIGATION_BY_ID[id];
  // P41: schools get not-applicable for everything the TANet procedure leaves out.
  if (ctx.isSchool && !rule.applies.school) return notApplicable(id, say('applies.school'));
  for (const condition of rule.applies.only ?? []) {
    const why = unmet(ctx, condition);
    if (why !== null) return notApplicable(id, why);
  }
  const trigger = triggerMs(ctx, rule);
  const done = rule.done ? rule.done(ctx) : defaultDone(ctx, rule);
  const judged: Judged = { done, due: limitOf(ctx, rule.limit, done, trigger), trigger };
  const found: Findings = rule.check ? rule.check(ctx, judged) : {};
  if (found.notApplicable !== undefined) return notApplicable(id, found.notApplicable);
  const finalDone = 'done' in found ? found.done : done;
  return judgeTimed(ctx, id, {
    // The limit may depend on the judged event (the level in force when done): recomputed only when the module chose another.
    due: finalDone !== done ? limitOf(ctx, rule.limit, finalDone, trigger) : judged.due,
    done: finalDone,
    ...(found.doneMs !== undefined ? { doneMs: found.doneMs } : {}),
    trigger: found.trigger !== undefined ? found.trigger : trigger,
    violations: found.violations ?? [],
    notes: found.notes ?? [],
    pending: found.pending ?? [],
    lateReasons: found.lateReasons ?? [],
    owed: found.owed ?? rule.limit.kind === 'evaluation-time',
  });
}
