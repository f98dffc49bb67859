/**
 * One derived snapshot (issue 14 item 4): one pure function turns the record and a moment into
 * what every view of a live drill shows — the incident summary, each role's inbox, what each desk
 * can do, the score and the next deadline.
 *
 * WHY once per event and once per crossed deadline, not per clock tick: between two events the
 * score only changes when the moment passes a limit (a not-reached obligation becomes missed one
 * second after its limit: drill-record.md "Time is exact"). `validUntilMs` says until when a
 * snapshot holds; the authority puts that moment on the clock's agenda (drill-session.ts) and a
 * replica recomputes when its clock passes it.
 *
 * The incident machine's state is folded event by event (`incidentFold`), so a replica applies
 * events as data: no second session, no command validation.
 */
import { createActor } from 'xstate';
import { incidentMachine, summarizeIncident, whyNot, type IncidentSnapshot, type IncidentSummary } from '../machine/incident-machine';
import type { DrillMachineEvent } from '../machine/drill-rules';
import type { DrillRecord } from '../record/schema';
import { ACTOR_ROLES, type ActorRole } from '../record/vocabulary';
import { nextDeadline, scoreRecord, type NextDeadline } from '../scoring/score';
import type { ScoreResult } from '../scoring/types';
import { formatTaipei, parseIsoMs } from '../time/taipei';
import { DESK_ACTIONS } from './desk-actions';
import type { Bilingual } from '../base/bilingual';
import type { Reason } from '../base/reason';
import type { ScheduledInject } from './inject';

export type InjectStatus = 'upcoming' | 'delivered' | 'skipped';

export interface InjectState {
  inject: ScheduledInject;
  dueMs: number;
  due: string;
  status: InjectStatus;
  /** seq of the inject.delivered / inject.skipped entry. */
  seq?: number;
  /** Who skipped it: the facilitator (undoable until its moment) or its condition. */
  skippedBy?: 'facilitator' | 'condition';
  at?: string;
}

export interface InboxEntry {
  inject: ScheduledInject;
  seq: number;
  at: string;
  /** A review delivered as the reviewer's task (P15): recorded in their name only when they act. */
  reviewTask?: boolean;
}

export interface AvailableAction {
  type: string;
  label: Bilingual;
  point?: string;
  /** False when the action is impossible right now (see `reason`). */
  enabled: boolean;
  reason?: Reason;
}


/** What the drill shows at a moment, derived from the record alone (plus the scenario's injects). */
export interface DerivedSnapshot {
  /** The moment it was derived at (epoch ms, simulated). */
  atMs: number;
  machine: IncidentSummary;
  /** Every inject (scenario and ad hoc) with its status: upcoming, delivered, skipped. */
  injects: InjectState[];
  /** T0: awareness in the log, or the scripted moment before it. */
  t0Ms: number;
  started: boolean;
  ended: boolean;
  /** Injects delivered to each role, oldest first. */
  inbox: Record<ActorRole, InboxEntry[]>;
  /** What each role's desk can do now (disabled ones carry the engine's reason). */
  availableActions: Record<ActorRole, AvailableAction[]>;
  /** scoreRecord as at the moment (the live deadline board), or null before awareness. */
  score: ScoreResult | null;
  /** The earliest limit after the moment of an obligation not yet done. */
  nextDeadline: NextDeadline | null;
  /**
   * The snapshot holds for every moment up to and including this one (the next limit: one moment
   * later an open obligation is missed); null: until the next event.
   */
  validUntilMs: number | null;
  /** The facilitator's name in the roster, if set up. */
  facilitatorName?: string;
}

/** Scores a record at a moment. Default: scoreRecord with evaluateAt. */
export type Scorer = (record: DrillRecord, evaluateAtMs: number) => ScoreResult;

const defaultScorer: Scorer = (record, evaluateAtMs) => scoreRecord(record, { evaluateAt: evaluateAtMs });

/** What a drill is besides its record: the scenario's scheduled injects and its scripted T0. */
export interface DrillBasis {
  injects: readonly ScheduledInject[];
  /** The scripted T0 (the scenario's moment of awareness); awareness in the log overrides it. */
  scriptedT0Ms: number;
  /** The roster at setup (the record's `participants`): who holds which role. */
  participants: readonly { name: string; roles: readonly ActorRole[] }[];
  /** Default `defaultScorer`. */
  scorer?: Scorer;
}

/** A logged event, as the log holds it (LogEntry) or a record carries it (DrillEvent). */
export interface LoggedEvent {
  seq: number;
  at: string;
  type: string;
  actor: { role: string; name?: string };
  data?: Record<string, unknown>;
}

/**
 * A logged event as the machine receives it. Awareness an agency declared in play is the
 * schedule's event to the machine, as when it was written (drill-session.ts).
 */
function machineEventOf(e: Omit<LoggedEvent, 'seq'>): DrillMachineEvent {
  const actor = e.type === 'incident.aware' ? { role: 'facilitator' as const } : (e.actor as DrillMachineEvent['actor']);
  return { type: e.type, actor, data: (e.data ?? {}) as Record<string, unknown>, at: parseIsoMs(e.at) };
}

/** The incident machine folded over logged events, one at a time. */
interface IncidentFold {
  /** Applies the next logged event (one the authority accepted: data, not a command). */
  step(e: Omit<LoggedEvent, 'seq'>): void;
  snapshot(): IncidentSnapshot;
}

/**
 * The machine for the scenario's reference level and the roster, folded over `events`.
 * WHY an actor and not XState's pure `transition`: the same fold, about eight times faster per
 * event (a replica opening a 2,000-event drill folds them all).
 */
export function incidentFold(scenario: Pick<DrillRecord['scenario'], 'referenceLevel'>, roster: DrillBasis['participants'], events: readonly Omit<LoggedEvent, 'seq'>[] = []): IncidentFold {
  const participants = roster.map((p) => ({ name: p.name, roles: [...p.roles] }));
  const actor = createActor(incidentMachine, { input: { referenceLevel: scenario.referenceLevel, participants } });
  actor.start();
  for (const e of events) actor.send(machineEventOf(e));
  return { step: (e) => actor.send(machineEventOf(e)), snapshot: () => actor.getSnapshot() };
}

/** The machine after every event of the record. */
export function incidentOf(record: Pick<DrillRecord, 'scenario' | 'events'>, roster: DrillBasis['participants']): IncidentSnapshot {
  return incidentFold(record.scenario, roster, record.events).snapshot();
}

/** T0: awareness in the log (scripted or declared in play), else the scripted moment. */
function t0Of(events: readonly Pick<LoggedEvent, 'type' | 'at'>[], scriptedT0Ms: number): number {
  const aware = events.find((e) => e.type === 'incident.aware');
  return aware ? parseIsoMs(aware.at) : Math.floor(scriptedT0Ms);
}

/** The scenario's injects and those the facilitator composed in the log, by id. */
function injectsById(injects: readonly ScheduledInject[], events: readonly Pick<LoggedEvent, 'type' | 'data'>[]): Map<string, ScheduledInject> {
  const byId = new Map<string, ScheduledInject>();
  for (const inj of injects) byId.set(inj.id, inj);
  for (const e of events) {
    if (e.type !== 'inject.composed') continue;
    const inj = e.data?.inject as ScheduledInject | undefined;
    if (inj && typeof inj.id === 'string' && !byId.has(inj.id)) byId.set(inj.id, inj);
  }
  return byId;
}

/** Every inject with its status by the log, in time order (ties: schedule order). */
export function injectStatesOf(byId: ReadonlyMap<string, ScheduledInject>, events: readonly LoggedEvent[], t0Ms: number): InjectState[] {
  const done = new Map<string, { status: 'delivered' | 'skipped'; seq: number; at: string; skippedBy?: 'facilitator' | 'condition' }>();
  for (const e of events) {
    const data = e.data ?? {};
    const id = typeof data.injectId === 'string' ? data.injectId : undefined;
    if (!id) continue;
    if (e.type === 'inject.delivered') done.set(id, { status: 'delivered', seq: e.seq, at: e.at });
    if (e.type === 'inject.skipped') done.set(id, { status: 'skipped', seq: e.seq, at: e.at, skippedBy: data.reason === 'condition' ? 'condition' : 'facilitator' });
    // A skip undone before the inject's moment: it is upcoming again.
    if (e.type === 'inject.unskipped') done.delete(id);
  }
  return [...byId.values()]
    .map((inject) => {
      const d = done.get(inject.id);
      const dueMs = t0Ms + inject.offsetMs;
      return {
        inject,
        dueMs,
        due: formatTaipei(dueMs),
        status: (d?.status ?? 'upcoming') as InjectStatus,
        ...(d ? { seq: d.seq, at: d.at } : {}),
        ...(d?.skippedBy ? { skippedBy: d.skippedBy } : {}),
      };
    })
    .sort((a, b) => a.dueMs - b.dueMs);
}

/** The injects delivered to a role, as written in the log (to whom, with which text). */
export function inboxOf(byId: ReadonlyMap<string, ScheduledInject>, events: readonly LoggedEvent[], role: ActorRole): InboxEntry[] {
  const out: InboxEntry[] = [];
  for (const e of events) {
    if (e.type !== 'inject.delivered') continue;
    const data = e.data ?? {};
    const inj = byId.get(String(data.injectId));
    // A review task goes to the reviewer; a filled-in text replaces the scenario's.
    const to = typeof data.to === 'string' ? data.to : inj?.to;
    if (!inj || to !== role) continue;
    const message = data.message as Bilingual | undefined;
    const delivered = message && typeof message.zh === 'string' ? { ...inj, to: role, message } : inj;
    out.push({ inject: delivered, seq: e.seq, at: e.at, ...(data.reviewTask === true ? { reviewTask: true } : {}) });
  }
  return out;
}

/** What a role's desk offers now, each marked possible or impossible with the machine's reason. */
export function availableActionsOf(incident: IncidentSnapshot, record: Pick<DrillRecord, 'scenario' | 'agency'>, happened: ReadonlySet<string>, role: ActorRole, atMs: number): AvailableAction[] {
  // Lifecycle from the machine: nothing is offered before the start or after the end.
  if (incident.context.startedAtMs === null || incident.context.endedAtMs !== null) return [];
  const summary = summarizeIncident(incident);
  const facts = { summary, scenario: record.scenario, agency: record.agency, happened };
  return DESK_ACTIONS.filter((a) => a.roles.includes(role) && (a.when ? a.when(facts) : true)).map((a) => {
    // A probe: could this kind of action happen now (the machine's snapshot.can)? recovery.completed
    // is offered as "registered on the website", the way the procedure wants it.
    const probe: DrillMachineEvent = { type: a.type, actor: { role }, data: a.type === 'recovery.completed' ? { registeredOnWebsite: true } : {}, at: atMs, probe: true };
    const why = whyNot(incident, probe);
    return { type: a.type, label: a.label, ...(a.point ? { point: a.point } : {}), enabled: why === null, ...(why ? { reason: why } : {}) };
  });
}

/** The score as at a moment (the live board), or null before awareness (nothing to judge yet). */
function scoreAt(record: DrillRecord, atMs: number, scorer: Scorer = defaultScorer): ScoreResult | null {
  const aware = record.events.find((e) => e.type === 'incident.aware');
  if (!aware) return null;
  try {
    return scorer(record, Math.max(atMs, parseIsoMs(aware.at)));
  } catch {
    return null;
  }
}

/**
 * The one derivation: record + moment → summary, injects, inboxes, desk actions, score, next
 * deadline. `incident` is the machine after the record's events when the caller already holds it
 * (the authority's session, a replica's fold); otherwise the record is replayed.
 */
export function deriveSnapshot(basis: DrillBasis, record: DrillRecord, atMs: number, incident: IncidentSnapshot = incidentOf(record, basis.participants)): DerivedSnapshot {
  const events = record.events;
  const happened = new Set(events.map((e) => e.type));
  const t0Ms = t0Of(events, basis.scriptedT0Ms);
  const byId = injectsById(basis.injects, events);
  const inbox = {} as Record<ActorRole, InboxEntry[]>;
  const availableActions = {} as Record<ActorRole, AvailableAction[]>;
  for (const role of ACTOR_ROLES) {
    inbox[role] = inboxOf(byId, events, role);
    availableActions[role] = availableActionsOf(incident, record, happened, role, atMs);
  }
  // Lifecycle from the machine's snapshot.
  const ended = incident.context.endedAtMs !== null;
  const { score, validUntilMs } = deriveLimits(basis, record, atMs, ended);
  const next = score ? nextDeadline(score, Math.max(atMs, t0Ms)) : null;
  const facilitatorName = basis.participants.find((p) => p.roles.includes('facilitator'))?.name;
  return {
    atMs,
    machine: summarizeIncident(incident),
    injects: injectStatesOf(byId, events, t0Ms),
    t0Ms,
    started: incident.context.startedAtMs !== null,
    ended,
    inbox,
    availableActions,
    score,
    nextDeadline: next,
    validUntilMs,
    ...(facilitatorName ? { facilitatorName } : {}),
  };
}

/** What the clock's agenda needs of a derivation: the score and until when it holds. */
export interface DerivedLimits {
  score: ScoreResult | null;
  validUntilMs: number | null;
}

/**
 * The score and `validUntilMs` alone, exactly as deriveSnapshot gives them (it calls this), without
 * the inboxes, desk actions and inject states: what a drill session's clock needs to stop at each
 * limit, so the authority (the drill server) does not derive the views it never shows (issue 9).
 */
export function deriveLimits(basis: Pick<DrillBasis, 'scriptedT0Ms' | 'scorer'>, record: DrillRecord, atMs: number, ended: boolean): DerivedLimits {
  const score = scoreAt(record, atMs, basis.scorer);
  const t0Ms = t0Of(record.events, basis.scriptedT0Ms);
  // After the end nothing changes with time; before awareness nothing is judged.
  return { score, validUntilMs: ended || !score ? null : (openLimitFrom(score, Math.max(atMs, t0Ms)) ?? null) };
}

/**
 * The earliest limit at or after `atMs` of an obligation not yet done: derived exactly at a limit,
 * the snapshot holds at that moment (still on time) and not one moment later.
 */
function openLimitFrom(score: ScoreResult, atMs: number): number | null {
  let best: number | null = null;
  for (const o of [...score.obligations, ...score.doit]) {
    if (o.doneAt !== null || o.due === null || o.status === 'not-applicable') continue;
    const dueMs = parseIsoMs(o.due);
    if (dueMs >= atMs && (best === null || dueMs < best)) best = dueMs;
  }
  return best;
}

/** Whether a snapshot derived earlier still holds at `atMs` (no limit passed since). */
export function snapshotHolds(snapshot: Pick<DerivedSnapshot, 'validUntilMs'>, atMs: number): boolean {
  return snapshot.validUntilMs === null || atMs <= snapshot.validUntilMs;
}
