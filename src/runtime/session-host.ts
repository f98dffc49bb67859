/**
 * The engine's DrillSession (src/engine/drill/drill-session.ts) adapted to a runtime: the
 * authority's live session (in the window holding the drill, or on the drill server) and a
 * replica's model of the same log (events applied as data). The runtime adds nothing to the rules:
 * every command goes to the session, which accepts it (mistakes included) or refuses the
 * impossible with its { code, zh, en } reason. Pure TypeScript: no React, DOM or storage.
 */
import { runtimeWords } from './runtime-text';
import { deriveSnapshot, incidentFold, snapshotHolds, type DerivedSnapshot } from '@/engine/drill/derived-snapshot';
import { createDrillSession, type DrillSession, type SessionHeader } from '@/engine/drill/drill-session';
import type { ScheduledInject } from '@/engine/drill/inject';
import type { Refusable } from '@/engine/base/reason';
import type { DrillClockState } from '@/engine/clock/drill-clock';
import type { DrillEvent } from '@/engine/record/schema';
import type { ActorRole } from '@/engine/record/vocabulary';
import { parseScenario } from '@/engine/scenario/parse';
import { toScheduledInjects } from '@/engine/scenario/normalize';
import { parseIsoMs } from '@/engine/time/taipei';
import { toDrillRecord, type DrillHeader } from './drill-header';
import type { ClockView, CommandResult, RuntimeCommand } from './protocol';

/**
 * What every view of a drill reads besides the record: the engine's derived snapshot
 * (derived-snapshot.ts: incident summary, injects, inboxes, desk actions, score, next deadline),
 * computed once per event and once per crossed limit.
 */
export type DrillSnapshot = DerivedSnapshot;

/** The engine's drill session as a runtime drives it (the authority window, or the drill server). */
export interface SessionHost<Snapshot = DrillSnapshot> {
  /** Every event of the log, in seq order. */
  events(): readonly DrillEvent[];
  clock(): ClockView;
  /** The clock state to persist (StoredDrill.clock). */
  clockState(): unknown;
  /** The same object until an event is accepted or a limit is crossed. */
  snapshot(): Snapshot;
  /** Validates and runs a command; the events it wrote, or the engine's refusal. */
  run(command: RuntimeCommand, wallIso: string): CommandResult;
  /** Advances the running clock by real elapsed ms; the events that fired on the way. */
  tick(realElapsedMs: number, wallIso: string): DrillEvent[];
}

/** A replica's model of the log, kept up to date event by event. */
export interface ReplicaModel<Snapshot = DrillSnapshot> {
  /** Applies the next event; false when it cannot (the runtime then rebuilds from the whole log). */
  apply(event: DrillEvent): boolean;
  /** The snapshot at the clock's moment: the same object until an event or a crossed limit. */
  snapshot(clock: ClockView): Snapshot;
}

export interface SessionFactory<Snapshot = DrillSnapshot> {
  /**
   * The authority's live session, resumed from the log with the clock paused; with `keepRunning`
   * (a takeover while the drill runs: issue 10) the clock keeps running as `clock` says.
   */
  authority(header: DrillHeader, events: readonly DrillEvent[], clock: unknown, keepRunning?: boolean): SessionHost<Snapshot>;
  /** A replica's read-only model of the same log. */
  replica(header: DrillHeader, events: readonly DrillEvent[]): ReplicaModel<Snapshot>;
  /** The clock a drill starts with before any stored state (paused at T0). */
  initialClock(header: DrillHeader): ClockView;
}

const injectCache = new Map<string, ScheduledInject[]>();

/** The header's scenario injects (parsed once per scenario text). */
export function injectsOf(header: DrillHeader): ScheduledInject[] {
  const text = header.scenarioSource?.text;
  if (typeof text !== 'string') return [];
  const cached = injectCache.get(text);
  if (cached) return cached;
  const parsed = parseScenario(text, header.scenarioSource.fileName ?? `${header.scenarioSource.id}.yaml`);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.source} ${e.path}: ${e.message}`).join('\n'));
  const injects = toScheduledInjects(parsed.scenario);
  injectCache.set(text, injects);
  return injects;
}

export function sessionHeaderOf(header: DrillHeader): SessionHeader {
  return {
    agency: header.agency,
    scenario: header.scenario,
    participants: header.participants.map((p) => ({ name: p.name, roles: [...p.roles], position: p.position, ...(p.vendor ? { vendor: true } : {}) })),
    mode: header.mode,
    ...(header.standard ? { standard: header.standard as SessionHeader['standard'] } : {}),
  };
}

function clockStateOf(stored: unknown, header: DrillHeader, keepRunning = false): DrillClockState {
  const s = stored as Partial<DrillClockState> | undefined;
  const base = initialClock(header);
  if (!s || typeof s.simNowMs !== 'number' || !Number.isFinite(s.simNowMs)) return base;
  return {
    simNowMs: s.simNowMs,
    // A takeover keeps a running clock running (issue 10); a reload resumes paused.
    running: keepRunning && s.running === true,
    speed: typeof s.speed === 'number' && s.speed >= 1 && s.speed <= 3600 ? s.speed : base.speed,
    ...(typeof s.carryMs === 'number' && s.carryMs >= 0 && s.carryMs < 1 ? { carryMs: s.carryMs } : {}),
  };
}

function initialClock(header: DrillHeader): ClockView {
  return { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 };
}

function buildSession(header: DrillHeader, events: readonly DrillEvent[], clock: DrillClockState): DrillSession {
  return createDrillSession({
    header: sessionHeaderOf(header),
    injects: injectsOf(header),
    t0Ms: parseIsoMs(header.t0),
    events,
    clock,
  });
}

/** A clock control's answer (the engine's Refusable) as the one result type. */
const done = (res: Refusable): CommandResult => (res.ok ? { ok: true, events: [] } : res);

/**
 * The facilitator acts under the roster's facilitator name, and plays DoIT and ACS when no
 * participant holds those roles (the engine accepts that as the facilitator playing them).
 */
function withActorName(session: DrillSession, actor: { role: ActorRole; name?: string }): { role: ActorRole; name?: string } {
  if (actor.name) return actor;
  const people = session.header.participants;
  const facilitator = people.find((p) => p.roles.includes('facilitator'))?.name;
  if (!facilitator) return actor;
  if (actor.role === 'facilitator') return { ...actor, name: facilitator };
  const held = people.some((p) => p.roles.includes(actor.role));
  if (!held && (actor.role === 'acs' || actor.role === 'doit-reviewer' || actor.role === 'vendor')) return { ...actor, name: facilitator };
  return actor;
}

export function runCommand(session: DrillSession, command: RuntimeCommand, wallIso: string): CommandResult {
  switch (command.kind) {
    case 'action': {
      const { type, actor, data } = command.action;
      return (session.dispatch({ type, actor: withActorName(session, actor), ...(data ? { data } : {}), wallIso }));
    }
    case 'start':
      return (session.start(wallIso));
    case 'play':
      return done(session.resume());
    case 'pause':
      session.pause();
      return { ok: true, events: [] };
    case 'set-speed':
      return done(session.setSpeed(command.speed));
    case 'set-auto-pause':
      session.setAutoPause({ injects: command.injects, limits: command.limits });
      return { ok: true, events: [] };
    case 'jump-by':
      return (session.jumpBy(command.ms, wallIso));
    case 'jump-next-inject':
      return (session.jumpToNextInject(wallIso));
    case 'jump-next-deadline':
      return (session.jumpToNextDeadline(wallIso));
    case 'deliver-now':
      return (session.deliverNow(command.injectId, wallIso));
    case 'skip':
      return (session.skip(command.injectId, wallIso));
    case 'unskip':
      return (session.unskip(command.injectId, wallIso));
    case 'compose':
      return (session.composeAdHoc(command.inject, wallIso));
    case 'end':
      return (session.end(wallIso));
    default:
      return { ok: false, reason: { code: 'unknown-command', ...runtimeWords('unknownCommand', { command: JSON.stringify(command) }) } };
  }
}

export function sessionFactory(): SessionFactory<DrillSnapshot> {
  return {
    initialClock,
    authority(header, events, clock, keepRunning): SessionHost<DrillSnapshot> {
      const state = clockStateOf(clock, header, keepRunning);
      const session = buildSession(header, events, state);
      // The engine restores a clock paused; a takeover of a running drill resumes it (issue 10).
      if (state.running) session.resume();
      const clockView = (): ClockView => {
        const s = session.clock.state();
        const autoPause = session.autoPause();
        // Only when set, so the clock of a drill without it reads as before.
        return { simNowMs: s.simNowMs, running: s.running, speed: s.speed, ...(autoPause.injects || autoPause.limits ? { autoPause } : {}) };
      };
      return {
        events: () => session.events() as unknown as DrillEvent[],
        clock: clockView,
        clockState: () => session.clock.toJSON(),
        snapshot: () => session.derived(),
        run: (command, wallIso) => runCommand(session, command, wallIso),
        tick: (elapsed, wallIso) => {
          const res = session.advance(elapsed, wallIso);
          return res.ok ? res.events : [];
        },
      };
    },
    replica(header, events) {
      // Events as data: the authority accepted them, so the replica folds them into the machine's
      // state and derives the snapshot, with no second session and no command validation.
      const basis = { injects: injectsOf(header), scriptedT0Ms: parseIsoMs(header.t0), participants: header.participants };
      const log: DrillEvent[] = [...events];
      const incident = incidentFold(header.scenario, header.participants, log);
      let cached: { length: number; snapshot: DrillSnapshot } | null = null;
      return {
        apply(event) {
          if (event.seq !== (log.at(-1)?.seq ?? 0) + 1) return false;
          log.push(event);
          incident.step(event);
          return true;
        },
        snapshot(clock) {
          if (!cached || cached.length !== log.length || !snapshotHolds(cached.snapshot, clock.simNowMs)) {
            // Never before the last event: a clock heard before the event arrived lags behind it.
            const atMs = Math.max(clock.simNowMs, log.length ? parseIsoMs(log[log.length - 1].at) : -Infinity);
            cached = { length: log.length, snapshot: deriveSnapshot(basis, toDrillRecord(header, log), atMs, incident.snapshot()) };
          }
          return cached.snapshot;
        },
      };
    },
  };
}
