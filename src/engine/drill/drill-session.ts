/**
 * The drill session: the facade the facilitator console and the desks drive. Pure and
 * deterministic: every method takes the real time it needs (`wallIso`, `realElapsedMs`) as input.
 *
 * It owns one drill clock, one event log and one incident machine actor:
 * - `dispatch` checks a command with the machine's rules, appends it to the log at the clock's now
 *   and sends it to the machine;
 * - `advance` moves the clock and delivers scheduled injects at their exact offsets from T0 (also
 *   when one tick crosses many of them: the clock's agenda fires each at its own moment), checking
 *   each inject's condition at that moment and applying its world changes;
 * - everything else (inject status, inbox, snapshot) is derived from the log (house style 3).
 *
 * Persisting a session = persisting its record (+ the clock state): createDrillSession({ events,
 * clock }) rebuilds it (src/runtime/session-host.ts does so after a reload).
 */
import { createActor, type Actor as XActor } from 'xstate';
import { createDrillClock, restoreDrillClock, type Agenda, type DrillClock, type DrillClockState } from '../clock/drill-clock';
import { createEventLog, type EventLog, type LogEntry, type RecordHeader } from '../log/event-log';
import { incidentMachine, movesMachine, refusalNow, summarizeIncident, whyNot, type IncidentSummary } from '../machine/incident-machine';
import { FACILITATOR_PLAYS, type DrillMachineEvent } from '../machine/drill-rules';
import type { Agency, DrillEvent, DrillRecord, RecordStandard, ScenarioFacts } from '../record/schema';
import type { ActorRole, Level, Position } from '../record/vocabulary';
import { RECORD_FORMAT } from '../record/schema';
import { nextDeadline } from '../scoring/score';
import { formatTaipei, parseIsoMs } from '../time/taipei';
import {
  availableActionsOf,
  deriveLimits,
  deriveSnapshot,
  inboxOf,
  injectStatesOf,
  snapshotHolds,
  type AvailableAction,
  type DerivedLimits,
  type DerivedSnapshot,
  type InboxEntry,
  type InjectState,
  type Scorer,
} from './derived-snapshot';
import type { Bilingual } from '../base/bilingual';
import type { Reason } from '../base/reason';
import { engineReason, engineText, engineWords } from '../text/engine-text';
import type { ReportLanguage } from '../text/glossary';
import { conditionHolds, type HappenedEvent, type ScheduledInject, type WorldChange } from './inject';

export type { AvailableAction, InboxEntry, InjectState, Scorer } from './derived-snapshot';

export interface SessionParticipant {
  name: string;
  roles: ActorRole[];
  position?: Position;
  vendor?: boolean;
}

export interface SessionHeader {
  agency: Agency;
  scenario: ScenarioFacts;
  participants: SessionParticipant[];
  mode: 'tabletop' | 'live';
  standard?: RecordStandard;
}

export interface CreateDrillSessionOptions {
  header: SessionHeader;
  injects: readonly ScheduledInject[];
  /** T0, the simulated moment of awareness. */
  t0Ms: number;
  /** Where a new drill's clock starts (default T0). Before T0, injects with negative offsets can run first. */
  startMs?: number;
  speed?: number;
  /** A persisted clock (restores paused). */
  clock?: DrillClockState;
  /** A persisted log (restore): replayed through the machine. */
  events?: readonly DrillEvent[];
  /** Finds deadlines for jumpToNextDeadline; default `defaultScorer` (scoring/score.ts). */
  scorer?: Scorer;
}

export interface DrillCommand {
  type: string;
  actor: { role: ActorRole; name?: string };
  data?: Record<string, unknown>;
  /** Real time of the action (ISO with offset); recorded as the event's `wall`. */
  wallIso?: string;
}

/**
 * The one answer to an action or a facilitator's control, from the engine to the desk: the events
 * it wrote (the last as `event`) and problems met on the way (an inject's world change refused), or
 * the reason it was refused. The runtime carries it as it is (protocol.ts `CommandResult`).
 */
export type DrillResult = { ok: true; event?: DrillEvent; events: DrillEvent[]; problems?: Reason[] } | { ok: false; reason: Reason };

/** An accepted action always writes its event. */
export type DispatchResult = Extract<DrillResult, { ok: true }> & { event: DrillEvent } | { ok: false; reason: Reason };


/** An inject the facilitator composes during the drill. Delivered at once unless `offsetMs` lies ahead. */
export interface AdHocInjectInput {
  to: ActorRole;
  channel: ScheduledInject['channel'];
  title?: Bilingual;
  message: Bilingual;
  sender: string;
  offsetMs?: number;
  world?: WorldChange[];
  /** What the facilitator expects the recipient to do (MSEL "expected action"), for the debrief. */
  expected?: ScheduledInject['expected'];
}

export interface SessionSnapshot {
  record: DrillRecord;
  clock: DrillClockState;
  machine: IncidentSummary;
  injects: InjectState[];
  t0Ms: number;
  started: boolean;
  ended: boolean;
}

/** Where the live clock stops by itself (the facilitator's choice): at each inject's moment, at each limit. */
export interface AutoPause {
  injects: boolean;
  limits: boolean;
}

export interface DrillSession {
  readonly header: SessionHeader;
  readonly t0Ms: number;
  readonly clock: DrillClock;
  /** Logs drill.started (with T0) at the clock's now, fires what is due, and starts the clock. */
  start(wallIso?: string): DrillResult;
  /** Logs drill.ended and stops the clock. */
  end(wallIso?: string): DrillResult;
  dispatch(command: DrillCommand): DispatchResult;
  advance(realElapsedMs: number, wallIso?: string): DrillResult;
  pause(): void;
  resume(): { ok: true } | { ok: false; reason: Reason };
  /**
   * At 3600× a whole reporting hour goes by in one real second: with auto-pause the live clock
   * (`advance`) stops exactly at the next inject's moment (after delivering it) or the next open
   * limit, whichever comes first. Jumps are the facilitator's own choice and do not stop.
   */
  setAutoPause(options: AutoPause): void;
  autoPause(): AutoPause;
  setSpeed(speed: number): { ok: true } | { ok: false; reason: Reason };
  deliverNow(injectId: string, wallIso?: string): DrillResult;
  skip(injectId: string, wallIso?: string): DrillResult;
  /** Undoes the facilitator's skip while the inject's moment is still ahead (inject.unskipped). */
  unskip(injectId: string, wallIso?: string): DrillResult;
  composeAdHoc(inject: AdHocInjectInput, wallIso?: string): DrillResult;
  jumpToNextInject(wallIso?: string): DrillResult;
  jumpToNextDeadline(wallIso?: string): DrillResult;
  jumpBy(ms: number, wallIso?: string): DrillResult;
  jumpTo(ms: number, wallIso?: string): DrillResult;
  now(): number;
  events(): readonly LogEntry[];
  record(): DrillRecord;
  snapshot(): SessionSnapshot;
  summary(): IncidentSummary;
  injectStates(): InjectState[];
  /** The derived snapshot at the clock's now (derived-snapshot.ts): recomputed per log change and per crossed limit. */
  derived(): DerivedSnapshot;
  inbox(role: ActorRole): InboxEntry[];
  availableActions(role: ActorRole): AvailableAction[];
}

/** A level as the sentence writes it: zh-TW in Chinese numerals (第三級), English in digits. */
const levelNumeral = (level: Level) => (lang: ReportLanguage): string => engineText(lang, `session.numerals.${level}`);

/** The outcome of a review in words, from the level in force before it (null: no level yet). */
export function reviewOutcome(before: Level | null, after: Level): Bilingual {
  const levels = (lang: ReportLanguage) => ({ before: before === null ? '' : levelNumeral(before)(lang), after: levelNumeral(after)(lang) });
  if (before === null || before === after) return engineWords('session.keepsLevel', levels);
  return engineWords(after > before ? 'session.raisesLevel' : 'session.lowersLevel', levels);
}

/** A scripted review as the held reviewer seat's task (P15, P16). */
export function reviewTaskMessage(scriptedLevel: Level): Bilingual {
  return engineWords('session.reviewTask', (lang) => ({ level: levelNumeral(scriptedLevel)(lang) }));
}

const refuse = (why: Reason): { ok: false; reason: Reason } => ({ ok: false, reason: why });

function checkHeader(header: SessionHeader): void {
  const fail = (path: string, what: string): never => {
    throw new TypeError(`createDrillSession: header.${path}: ${what}`);
  };
  if (!header || typeof header !== 'object') fail('', 'missing');
  if (!header.agency || typeof header.agency.name !== 'string') fail('agency', 'missing or without a name');
  if (!header.scenario || typeof header.scenario.id !== 'string') fail('scenario', 'missing or without an id');
  if (![1, 2, 3, 4].includes(header.scenario.referenceLevel)) fail('scenario.referenceLevel', 'must be 1, 2, 3 or 4');
  if (!Array.isArray(header.participants)) fail('participants', 'must be a list of { name, roles }');
  const seen = new Set<string>();
  header.participants.forEach((p, i) => {
    if (typeof p?.name !== 'string' || p.name.trim() === '') fail(`participants[${i}].name`, 'must be a non-empty name');
    if (seen.has(p.name)) fail(`participants[${i}].name`, `"${p.name}" is listed twice`);
    seen.add(p.name);
    if (!Array.isArray(p.roles)) fail(`participants[${i}].roles`, 'must be a list of roles');
  });
  if (header.mode !== 'tabletop' && header.mode !== 'live') fail('mode', `must be "tabletop" or "live" (got ${JSON.stringify(header.mode)})`);
}

export function createDrillSession(options: CreateDrillSessionOptions): DrillSession {
  const { header } = options;
  checkHeader(header);
  if (!Number.isFinite(options.t0Ms)) throw new TypeError(`createDrillSession: t0Ms must be a finite number of ms (got ${options.t0Ms})`);
  // T0: the scripted moment of awareness, until the agency declares awareness in play (then that moment).
  let t0Ms = Math.floor(options.t0Ms);
  const scheduled: ScheduledInject[] = [];
  const byId = new Map<string, ScheduledInject>();
  const addInject = (inj: ScheduledInject, path: string): void => {
    if (typeof inj?.id !== 'string' || inj.id === '') throw new TypeError(`createDrillSession: ${path}.id: must be a non-empty id`);
    if (byId.has(inj.id)) throw new TypeError(`createDrillSession: ${path}.id: "${inj.id}" is used twice`);
    if (!Number.isFinite(inj.offsetMs)) throw new TypeError(`createDrillSession: ${path}.offsetMs: must be a finite number of ms`);
    scheduled.push(inj);
    byId.set(inj.id, inj);
  };
  options.injects.forEach((inj, i) => addInject(inj, `injects[${i}]`));

  const facilitatorName = header.participants.find((p) => p.roles.includes('facilitator'))?.name;
  const facilitator = { role: 'facilitator' as const, ...(facilitatorName ? { name: facilitatorName } : {}) };
  const needNames = header.participants.length > 0;

  const actor: XActor<typeof incidentMachine> = createActor(incidentMachine, {
    input: { referenceLevel: header.scenario.referenceLevel, participants: header.participants },
  });
  actor.start();

  // Indexes over the log (derived; rebuilt by replay on restore).
  const happened = new Set<string>();
  // The events themselves, for conditions that look at an event's data (agency.notified by e-mail).
  const happenedEvents: HappenedEvent[] = [];
  const injectDone = new Map<string, { status: 'delivered' | 'skipped'; seq: number; at: string; skippedBy?: 'facilitator' | 'condition' }>();
  let adHocCount = 0;

  const index = (e: LogEntry): void => {
    happened.add(e.type);
    happenedEvents.push({ type: e.type, data: e.data });
    const id = typeof e.data.injectId === 'string' ? e.data.injectId : undefined;
    if (e.type === 'inject.delivered' && id) injectDone.set(id, { status: 'delivered', seq: e.seq, at: e.at });
    if (e.type === 'inject.skipped' && id) injectDone.set(id, { status: 'skipped', seq: e.seq, at: e.at, skippedBy: e.data.reason === 'condition' ? 'condition' : 'facilitator' });
    // A skip undone before the inject's moment: it is upcoming again.
    if (e.type === 'inject.unskipped' && id) injectDone.delete(id);
    if (e.type === 'inject.composed') {
      adHocCount += 1;
      const inj = e.data.inject as ScheduledInject | undefined;
      if (inj && typeof inj.id === 'string' && !byId.has(inj.id)) addInject(inj, `events[seq ${e.seq}].data.inject`);
    }
  };
  const toMachineEvent = (type: string, actorOf: DrillCommand['actor'], data: Record<string, unknown>, at: number): DrillMachineEvent => ({
    type,
    actor: actorOf,
    data,
    at,
  });

  // Restore: replay the log through the machine. A record this session wrote never has a refused event.
  const prior = options.events ?? [];
  let lastMs = -Infinity;
  prior.forEach((e, i) => {
    const at = parseIsoMs(e.at);
    // Awareness an agency declared in play is the schedule's event to the machine, as when it was written.
    const checkAs = e.type === 'incident.aware' ? { role: 'facilitator' as const } : (e.actor as DrillCommand['actor']);
    const ev = toMachineEvent(e.type, checkAs, (e.data ?? {}) as Record<string, unknown>, at);
    const why = whyNot(actor.getSnapshot(), ev);
    if (why) throw new TypeError(`createDrillSession: events[${i}] (seq ${e.seq}, ${e.type}): cannot be replayed: ${why.en}`);
    actor.send(ev);
    lastMs = Math.max(lastMs, at);
  });
  const theLog: EventLog = createEventLog(prior);
  // The log is the truth: awareness in it (scripted or declared in play) is T0.
  const loggedAware = prior.find((e) => e.type === 'incident.aware');
  if (loggedAware) t0Ms = parseIsoMs(loggedAware.at);
  for (const e of theLog.entries()) index(e);

  const clock: DrillClock = options.clock
    ? restoreDrillClock(options.clock, 'createDrillSession: clock')
    : createDrillClock({ startMs: prior.length > 0 ? lastMs : (options.startMs ?? t0Ms), speed: options.speed ?? 1 });
  // The clock never stands before the log's last entry.
  if (clock.now() < lastMs) clock.jumpTo(lastMs);

  let autoPause: AutoPause = { injects: false, limits: false };
  /**
   * The derived snapshot (derived-snapshot.ts), computed once per log change and once per crossed
   * limit: the limit just past the snapshot's `validUntilMs` is on the clock's agenda (below).
   */
  let derivedCache: { length: number; snapshot: DerivedSnapshot } | null = null;
  const basis = { injects: options.injects, scriptedT0Ms: options.t0Ms, participants: header.participants, ...(options.scorer ? { scorer: options.scorer } : {}) };
  const derivedNow = (): DerivedSnapshot => {
    const length = theLog.size();
    const now = clock.now();
    if (!derivedCache || derivedCache.length !== length || !snapshotHolds(derivedCache.snapshot, now)) {
      derivedCache = { length, snapshot: deriveSnapshot(basis, liveRecord(), now, actor.getSnapshot()) };
    }
    return derivedCache.snapshot;
  };
  /**
   * The score and until when it holds, for the clock (its agenda stops at each limit): the full
   * snapshot's when that one is current, else derived alone (deriveLimits), once per log change and
   * once per crossed limit, so a session whose views nobody reads (the drill server) skips them.
   */
  let limitsCache: { length: number; limits: DerivedLimits } | null = null;
  const limitsNow = (): DerivedLimits => {
    const length = theLog.size();
    const now = clock.now();
    if (derivedCache && derivedCache.length === length && snapshotHolds(derivedCache.snapshot, now)) return derivedCache.snapshot;
    if (!limitsCache || limitsCache.length !== length || !snapshotHolds(limitsCache.limits, now)) {
      limitsCache = { length, limits: deriveLimits(basis, liveRecord(), now, ended()) };
    }
    return limitsCache.limits;
  };
  /** The earliest open limit strictly after `nowMs` (the auto-pause stop, "jump to the next deadline"). */
  const nextLimitAfter = (nowMs: number): number | null => {
    if (!happened.has('incident.aware')) return null;
    const score = limitsNow().score;
    return score ? (nextDeadline(score, nowMs)?.dueMs ?? null) : null;
  };

  // Lifecycle from the machine's snapshot.
  const started = () => actor.getSnapshot().context.startedAtMs !== null;
  const ended = () => actor.getSnapshot().context.endedAtMs !== null;

  /** Checks with the machine's rules, appends at the clock's now, then tells the machine. */
  const write = (
    type: string,
    who: DrillCommand['actor'],
    data: Record<string, unknown>,
    wallIso?: string,
    checkAs?: DrillCommand['actor'],
  ): { ok: true; entry: LogEntry } | { ok: false; reason: Reason } => {
    const at = clock.now();
    const ev = toMachineEvent(type, checkAs ?? who, data, at);
    // The machine's rules say what is possible (refusalNow: whyNot's answer, one pass of the guards).
    const why = refusalNow(actor.getSnapshot(), ev);
    if (why) return refuse(why);
    const appended = theLog.append({ at, ...(wallIso ? { wall: wallIso } : {}), actor: who, type, data });
    if (!appended.ok) return appended;
    // An event no state names (a note, a meeting) leaves the machine as it is (movesMachine).
    if (movesMachine(type)) actor.send(ev);
    index(appended.entry);
    return { ok: true, entry: appended.entry };
  };

  const dueOf = (inj: ScheduledInject) => t0Ms + inj.offsetMs;
  const upcoming = (): ScheduledInject[] =>
    scheduled
      .filter((inj) => !injectDone.has(inj.id))
      .map((inj, i) => ({ inj, i }))
      .sort((a, b) => dueOf(a.inj) - dueOf(b.inj) || a.i - b.i)
      .map((x) => x.inj);

  const injectTitle = (inj: ScheduledInject) => inj.title?.zh ?? inj.id;

  /** Someone in the roster holds DoIT's reviewer seat: scripted reviews become their task (P15). */
  const reviewerHeld = header.participants.some((p) => p.roles.includes('doit-reviewer'));

  /** The world events an inject's changes make (P11 outages, P15 review, P31(4) designation). */
  const applyWorld = (inj: ScheduledInject, wallIso: string | undefined, written: DrillEvent[], problems: Reason[]): void => {
    for (const w of inj.world ?? []) {
      let res: ReturnType<typeof write>;
      // A held reviewer seat reviews for itself: the inject was their task (deliver), nothing is recorded for them.
      if (w.kind === 'level.review' && reviewerHeld) continue;
      switch (w.kind) {
        case 'outage.start':
          res = write('outage.started', facilitator, { what: w.what, injectId: inj.id }, wallIso);
          break;
        case 'outage.end':
          res = write('outage.ended', facilitator, { what: w.what, injectId: inj.id }, wallIso);
          break;
        case 'level.review':
          res = write('level.reviewed', { ...facilitator, role: 'doit-reviewer' }, { level: w.level, injectId: inj.id }, wallIso);
          break;
        case 'incident.designate':
          res = write('incident.designated', w.by === 'doit' ? { ...facilitator, role: 'doit-reviewer' } : facilitator, { by: w.by, injectId: inj.id }, wallIso);
          break;
        default:
          res = refuse(engineReason('unknown-world-change', 'session.unknownWorldChange', { change: JSON.stringify(w) }));
      }
      if (res.ok) written.push(res.entry);
      else problems.push(res.reason);
    }
  };

  /**
   * An inject's text with the log's facts: {{levelInForce}} and, for a review, {{reviewOutcome}}
   * ("keeps level 3" or "changes the level from 2 to 3", by the level in force before the review).
   */
  const fillFromLog = (text: Bilingual, reviewLevel: Level | undefined): Bilingual => {
    if (!text.zh.includes('{{') && !text.en.includes('{{')) return text;
    const inForce = summarizeIncident(actor.getSnapshot()).levelInForce;
    const vars: Record<string, Bilingual> = {
      levelInForce: { zh: levelNumeral(inForce ?? header.scenario.referenceLevel)('zh-TW'), en: levelNumeral(inForce ?? header.scenario.referenceLevel)('en') },
    };
    if (reviewLevel !== undefined) vars.reviewOutcome = reviewOutcome(inForce, reviewLevel);
    const fill = (s: string, lang: 'zh' | 'en') => s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k]?.[lang] ?? m);
    return { zh: fill(text.zh, 'zh'), en: fill(text.en, 'en') };
  };

  const deliver = (inj: ScheduledInject, wallIso: string | undefined, written: DrillEvent[], problems: Reason[], force: boolean): void => {
    // Conditions are judged at the delivery moment, on what the log holds by then.
    if (!force && !conditionHolds(inj.condition, happenedEvents)) {
      const res = write('inject.skipped', facilitator, { injectId: inj.id, title: injectTitle(inj), reason: 'condition', condition: inj.condition ?? {} }, wallIso);
      if (res.ok) written.push(res.entry);
      else problems.push(res.reason);
      return;
    }
    const review = inj.world?.find((w): w is Extract<WorldChange, { kind: 'level.review' }> => w.kind === 'level.review');
    // With a held reviewer seat a scripted review goes to the reviewer's desk as a task, recorded in their
    // name only when they act (P15). Otherwise its text is filled in from the log, so it never says
    // "keeps level 3" after a level-2 report.
    const reviewTask = review !== undefined && reviewerHeld;
    const message = reviewTask ? reviewTaskMessage(review.level) : fillFromLog(inj.message, review?.level);
    const res = write(
      'inject.delivered',
      facilitator,
      {
        injectId: inj.id,
        title: injectTitle(inj),
        to: reviewTask ? 'doit-reviewer' : inj.to,
        channel: inj.channel,
        sender: inj.sender,
        ...(reviewTask ? { reviewTask: true, scriptedLevel: review.level } : {}),
        ...(inj.adHoc || message !== inj.message ? { message } : {}),
        ...(inj.adHoc ? { adHoc: true } : {}),
      },
      wallIso,
    );
    if (!res.ok) {
      problems.push(res.reason);
      return;
    }
    written.push(res.entry);
    applyWorld(inj, wallIso, written, problems);
  };

  /** The clock's agenda: T0 (awareness) and the scheduled injects, in time order. */
  const agenda = (wallIso: string | undefined, written: DrillEvent[], problems: Reason[]): Agenda => {
    const next = (): { ms: number; fire: () => void } | null => {
      if (!started() || ended()) return null;
      const first = upcoming()[0];
      const awareDue = happened.has('incident.aware') ? null : t0Ms;
      // At the same moment awareness comes first: an inject at offset 0 reaches an aware agency.
      if (awareDue !== null && (first === undefined || awareDue <= dueOf(first))) {
        return {
          ms: awareDue,
          fire: () => {
            const res = write('incident.aware', facilitator, {}, wallIso);
            if (res.ok) written.push(res.entry);
            else throw new Error(`drill session: incident.aware refused: ${res.reason.en}`);
          },
        };
      }
      // A limit passing changes the score (an open obligation is missed one moment after it): the
      // snapshot is derived again there. At the same moment an inject comes first.
      const limitMs = awareDue === null ? limitsNow().validUntilMs : null;
      const limitNext = limitMs === null ? null : limitMs + 1;
      if (first === undefined || (limitNext !== null && limitNext < dueOf(first))) {
        return limitNext === null ? null : { ms: limitNext, fire: () => undefined };
      }
      return { ms: dueOf(first), fire: () => deliver(first, wallIso, written, problems, false) };
    };
    return {
      nextDueAt: () => next()?.ms ?? null,
      // Only what is due at this moment: a limit just passed may reveal a later inject, not due yet.
      fire: (atMs) => {
        const due = next();
        if (due && due.ms <= atMs) due.fire();
      },
    };
  };

  const run = (move: (a: Agenda) => ReturnType<DrillClock['advanceTo']>, wallIso?: string): DrillResult => {
    const written: DrillEvent[] = [];
    const problems: Reason[] = [];
    const res = move(agenda(wallIso, written, problems));
    if (!res.ok) return res;
    return { ok: true, ...(written.length ? { event: written[written.length - 1] } : {}), events: written, problems };
  };

  const notRunning = (): Reason | null => {
    if (!started()) return engineReason('not-started', 'session.notStarted');
    if (ended()) return engineReason('drill-ended', 'session.ended');
    return null;
  };

  const recordHeader = (): RecordHeader => {
    const { agency, scenario, standard, participants, mode } = header;
    return { agency, scenario, ...(standard ? { standard } : {}), participants, mode };
  };
  const currentRecord = (): DrillRecord => theLog.toRecord(recordHeader());
  /** The record over the log's own (frozen) entries, without a copy: what the derivation reads. */
  const liveRecord = (): DrillRecord => ({ format: RECORD_FORMAT, ...recordHeader(), events: theLog.entries() as DrillEvent[] }) as DrillRecord;

  const session: DrillSession = {
    header,
    get t0Ms() {
      return t0Ms;
    },
    clock,
    start(wallIso) {
      if (started()) return refuse(engineReason('already-started', 'rules.alreadyStarted'));
      const res = write('drill.started', facilitator, { t0: formatTaipei(t0Ms), mode: header.mode }, wallIso);
      if (!res.ok) return res;
      const fired = run((a) => clock.advanceTo(clock.now(), a), wallIso);
      clock.resume();
      if (!fired.ok) return fired;
      return { ok: true, event: fired.event ?? res.entry, events: [res.entry, ...fired.events], problems: fired.problems };
    },
    end(wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      const res = write('drill.ended', facilitator, {}, wallIso);
      if (!res.ok) return res;
      clock.pause();
      return { ok: true, event: res.entry, events: [res.entry], problems: [] };
    },
    dispatch(command) {
      const { type, actor: who, wallIso } = command;
      if (type === 'drill.started' || type === 'drill.ended') {
        if (who?.role !== 'facilitator') return refuse(engineReason('facilitator-only', 'rules.facilitatorOnly'));
        const res = type === 'drill.started' ? session.start(wallIso) : session.end(wallIso);
        return res.ok ? { ok: true, event: res.events[0], events: res.events } : res;
      }
      // Before T0 the agency may declare awareness itself (acting on a pre-awareness inject): that moment
      // becomes T0, and the log keeps the scripted T0 beside it (issue 12; the scenario's own debrief asks).
      if (type === 'incident.aware' && who?.role !== 'facilitator' && started() && !ended() && !happened.has('incident.aware')) {
        if (needNames && !who?.name) return refuse(engineReason('actor-name-required', 'session.actorNameRequired'));
        const scriptedT0 = formatTaipei(t0Ms);
        const actorOf = { role: who.role, ...(who.name ? { name: who.name } : {}) };
        // The machine's rules treat awareness as the schedule's; the log names who declared it.
        const res = write('incident.aware', actorOf, { ...(command.data ?? {}), declared: true, scriptedT0 }, wallIso, facilitator);
        if (!res.ok) return res;
        t0Ms = parseIsoMs(res.entry.at);
        return { ok: true, event: res.entry, events: [res.entry] };
      }
      if (type === 'incident.aware' || type.startsWith('inject.')) {
        return refuse(engineReason('scheduled-by-session', 'session.scheduledBySession'));
      }
      // A role the facilitator plays (ACS, DoIT, the vendor) needs no name when no participant holds it.
      const playedByFacilitator = FACILITATOR_PLAYS.includes(who?.role) && !header.participants.some((p) => p.roles.includes(who.role));
      if (needNames && !who?.name && !playedByFacilitator) {
        return refuse(engineReason('actor-name-required', 'session.actorNameRequired'));
      }
      if (!started()) return refuse(engineReason('not-started', 'session.notStarted'));
      const res = write(type, { role: who.role, ...(who.name ? { name: who.name } : {}) }, command.data ?? {}, wallIso);
      return res.ok ? { ok: true, event: res.entry, events: [res.entry] } : res;
    },
    advance(realElapsedMs, wallIso) {
      if (!started() || ended()) return { ok: true, events: [], problems: [] };
      if (!clock.isRunning() || (!autoPause.injects && !autoPause.limits) || !(realElapsedMs >= 0)) return run((a) => clock.tick(realElapsedMs, a), wallIso);
      const now = clock.now();
      // Where this tick would take the clock (the clock's own arithmetic, carry included).
      const reach = now + Math.floor(Math.round((realElapsedMs * clock.speed() + (clock.state().carryMs ?? 0)) * 1e6) / 1e6);
      const stops: number[] = [];
      if (autoPause.injects) {
        const next = upcoming()[0];
        if (next && dueOf(next) > now) stops.push(dueOf(next));
      }
      if (autoPause.limits) {
        const limit = nextLimitAfter(now);
        if (limit !== null) stops.push(limit);
      }
      const stopAt = stops.length ? Math.min(...stops) : null;
      if (stopAt === null || stopAt > reach) return run((a) => clock.tick(realElapsedMs, a), wallIso);
      // Delivers what is due up to and at the stop (the inject itself), then stops there.
      const res = run((a) => clock.advanceTo(stopAt, a), wallIso);
      clock.pause();
      return res;
    },
    setAutoPause(opts) {
      autoPause = { injects: opts.injects === true, limits: opts.limits === true };
    },
    autoPause: () => ({ ...autoPause }),
    pause: () => clock.pause(),
    resume() {
      const why = notRunning();
      if (why) return refuse(why);
      clock.resume();
      return { ok: true };
    },
    setSpeed: (speed) => clock.setSpeed(speed),
    deliverNow(injectId, wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      const inj = byId.get(injectId);
      if (!inj) return refuse(engineReason('unknown-inject', 'session.unknownInject', { id: injectId }));
      if (injectDone.has(injectId)) return refuse(engineReason('inject-done', 'session.injectDone', { id: injectId, status: injectDone.get(injectId)!.status }));
      const written: DrillEvent[] = [];
      const problems: Reason[] = [];
      // Anything due before now fires first, so the log stays in schedule order.
      const before = run((a) => clock.advanceTo(clock.now(), a), wallIso);
      if (before.ok) written.push(...before.events);
      // The facilitator's choice overrides the condition.
      if (!injectDone.has(injectId)) deliver(inj, wallIso, written, problems, true);
      return { ok: true, ...(written.length ? { event: written[written.length - 1] } : {}), events: written, problems };
    },
    skip(injectId, wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      const inj = byId.get(injectId);
      if (!inj) return refuse(engineReason('unknown-inject', 'session.unknownInject', { id: injectId }));
      if (injectDone.has(injectId)) return refuse(engineReason('inject-done', 'session.injectDone', { id: injectId, status: injectDone.get(injectId)!.status }));
      const res = write('inject.skipped', facilitator, { injectId, title: injectTitle(inj), reason: 'facilitator' }, wallIso);
      return res.ok ? { ok: true, event: res.entry, events: [res.entry], problems: [] } : res;
    },
    unskip(injectId, wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      const inj = byId.get(injectId);
      if (!inj) return refuse(engineReason('unknown-inject', 'session.unknownInject', { id: injectId }));
      const done = injectDone.get(injectId);
      if (done?.status !== 'skipped' || done.skippedBy !== 'facilitator') return refuse(engineReason('inject-not-skipped', 'session.injectNotSkipped', { id: injectId }));
      // Once its moment has passed the skip stands: undoing it then would deliver it late, which is another inject.
      if (dueOf(inj) <= clock.now()) return refuse(engineReason('inject-time-passed', 'session.injectTimePassed', { id: injectId }));
      const res = write('inject.unskipped', facilitator, { injectId, title: injectTitle(inj) }, wallIso);
      return res.ok ? { ok: true, event: res.entry, events: [res.entry], problems: [] } : res;
    },
    composeAdHoc(input, wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      if (!input || typeof input.message?.zh !== 'string') return refuse(engineReason('bad-inject', 'session.badInject'));
      const offsetMs = input.offsetMs ?? clock.now() - t0Ms;
      if (t0Ms + offsetMs < clock.now()) return refuse(engineReason('inject-in-past', 'session.injectInPast'));
      let n = adHocCount + 1;
      while (byId.has(`adhoc-${n}`)) n += 1;
      const inject: ScheduledInject = {
        id: `adhoc-${n}`,
        offsetMs,
        // A title the facilitator left blank in one language stays blank there (never the other language's).
        title: input.title ?? { zh: input.message.zh.slice(0, 30), en: input.message.en.slice(0, 30) },
        message: input.message,
        sender: input.sender,
        to: input.to,
        channel: input.channel,
        expected: input.expected ?? [],
        ...(input.world ? { world: input.world } : {}),
        adHoc: true,
      };
      // Recorded, so a restored session knows the inject (the log is the truth).
      const composed = write('inject.composed', facilitator, { injectId: inject.id, inject: inject as unknown as Record<string, unknown> }, wallIso);
      if (!composed.ok) return composed;
      const fired = run((a) => clock.advanceTo(clock.now(), a), wallIso);
      if (!fired.ok) return fired;
      return { ok: true, event: fired.event ?? composed.entry, events: [composed.entry, ...fired.events], problems: fired.problems };
    },
    jumpToNextInject(wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      const next = upcoming()[0];
      if (!next) return refuse(engineReason('no-upcoming-inject', 'session.noUpcomingInject'));
      return run((a) => clock.advanceTo(Math.max(clock.now(), dueOf(next)), a), wallIso);
    },
    jumpToNextDeadline(wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      // Limits count from T0; before it there is no deadline to go to (use jumpToNextInject or jumpBy).
      if (!happened.has('incident.aware')) return refuse(engineReason('before-awareness', 'session.beforeAwareness'));
      // The earliest limit after now of an obligation not yet done (scoring/score.ts nextDeadline).
      const next = nextLimitAfter(clock.now());
      if (next === null) return refuse(engineReason('no-pending-deadline', 'session.noPendingDeadline'));
      return run((a) => clock.advanceTo(next, a), wallIso);
    },
    jumpBy(ms, wallIso) {
      if (!Number.isFinite(ms) || ms < 0) return refuse(engineReason('clock-backwards', 'session.jumpBackwards', { ms }));
      return session.jumpTo(clock.now() + ms, wallIso);
    },
    jumpTo(ms, wallIso) {
      const why = notRunning();
      if (why) return refuse(why);
      return run((a) => clock.advanceTo(ms, a), wallIso);
    },
    now: () => clock.now(),
    events: () => theLog.entries(),
    record: currentRecord,
    summary: () => summarizeIncident(actor.getSnapshot()),
    injectStates: () => injectStatesOf(byId, theLog.entries(), t0Ms),
    snapshot() {
      return {
        record: currentRecord(),
        clock: clock.state(),
        machine: session.summary(),
        injects: session.injectStates(),
        t0Ms,
        started: started(),
        ended: ended(),
      };
    },
    derived: derivedNow,
    inbox: (role) => inboxOf(byId, theLog.entries(), role),
    availableActions: (role) => availableActionsOf(actor.getSnapshot(), header, happened, role, clock.now()),
  };
  return session;
}
