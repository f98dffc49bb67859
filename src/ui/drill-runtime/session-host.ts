/**
 * The engine's DrillSession (src/engine/drill/drill-session.ts) adapted to the runtime: the
 * authority's live session and a replica's read-only one, both rebuilt from the stored header and
 * log. The runtime adds nothing to the rules: every command goes to the session, which accepts it
 * (mistakes included) or refuses the impossible with its { code, zh, en } reason.
 */
import { runtimeWords } from './runtime-text';
import {
  createDrillSession,
  type AvailableAction,
  type DrillSession,
  type InboxEntry,
  type InjectState,
  type SessionHeader,
  type SessionResult,
} from '@/engine/drill/drill-session';
import type { ScheduledInject } from '@/engine/drill/inject';
import { reason } from '@/engine/drill/reason';
import type { DrillClockState } from '@/engine/clock/drill-clock';
import type { IncidentSummary } from '@/engine/machine/incident-machine';
import type { DrillEvent, DrillRecord } from '@/engine/record/schema';
import { ACTOR_ROLES, type ActorRole } from '@/engine/record/vocabulary';
import { parseScenario } from '@/engine/scenario/parse';
import { toScheduledInjects } from '@/engine/scenario/normalize';
import { scoreRecord } from '@/engine/scoring/score';
import type { ScoreResult } from '@/engine/scoring/types';
import { parseIsoMs } from '@/engine/time/taipei';
import type { DrillHeader } from '@/ui/persistence/drill-header';
import type { SessionFactory, SessionHost } from './drill-runtime';
import type { ClockView, CommandResult, RuntimeCommand } from './protocol';

/** What every view of a drill reads besides the record: the engine session's state, as data. */
export interface DrillSnapshot {
  clock: ClockView;
  machine: IncidentSummary;
  /** Every inject (scenario and ad hoc) with its status: upcoming, delivered, skipped. */
  injects: InjectState[];
  t0Ms: number;
  started: boolean;
  ended: boolean;
  /** Injects delivered to each role, oldest first. */
  inbox: Record<ActorRole, InboxEntry[]>;
  /** What each role's desk can do now (disabled ones carry the engine's reason). */
  availableActions: Record<ActorRole, AvailableAction[]>;
  /** The facilitator's name in the log (the roster's facilitator), if set up. */
  facilitatorName?: string;
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

/** The score at a simulated moment (the live deadline board), or null before awareness. */
export function scoreAt(record: DrillRecord, simNowMs: number): ScoreResult | null {
  if (!record.events.some((e) => e.type === 'incident.aware')) return null;
  const aware = record.events.find((e) => e.type === 'incident.aware')!;
  // Before T0 there is nothing to judge; at or after it, score as at now.
  const at = Math.max(simNowMs, parseIsoMs(aware.at));
  try {
    return scoreRecord(record, { evaluateAt: at });
  } catch {
    return null;
  }
}

const scorer = (record: DrillRecord, atMs: number): ScoreResult => scoreRecord(record, { evaluateAt: atMs });

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
    scorer,
  });
}

function snapshotOf(session: DrillSession, clock?: ClockView): DrillSnapshot {
  // Not session.snapshot(): it copies the whole record, which the hook builds once itself.
  const state = session.clock.state();
  const inbox = {} as Record<ActorRole, InboxEntry[]>;
  const availableActions = {} as Record<ActorRole, AvailableAction[]>;
  for (const role of ACTOR_ROLES) {
    inbox[role] = session.inbox(role);
    availableActions[role] = session.availableActions(role);
  }
  const events = session.events();
  const facilitatorName = session.header.participants.find((p) => p.roles.includes('facilitator'))?.name;
  return {
    clock: clock ?? { simNowMs: state.simNowMs, running: state.running, speed: state.speed },
    machine: session.summary(),
    injects: session.injectStates(),
    t0Ms: session.t0Ms,
    started: events.some((e) => e.type === 'drill.started'),
    ended: events.some((e) => e.type === 'drill.ended'),
    inbox,
    availableActions,
    ...(facilitatorName ? { facilitatorName } : {}),
  };
}

// Log entries are drill events (frozen, with data always present).
const asEvents = (entries: readonly unknown[]): DrillEvent[] => entries as DrillEvent[];

function resultOf(res: SessionResult | { ok: true } | { ok: false; reason: ReturnType<typeof reason> }): CommandResult {
  if (!res.ok) return res;
  if (!('events' in res)) return { ok: true, events: [] };
  const events = asEvents(res.events);
  return { ok: true, events, ...(events.length ? { event: events[events.length - 1] } : {}), ...(res.problems?.length ? { problems: res.problems } : {}) };
}

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
      return resultOf(session.dispatch({ type, actor: withActorName(session, actor), ...(data ? { data } : {}), wallIso }));
    }
    case 'start':
      return resultOf(session.start(wallIso));
    case 'play':
      return resultOf(session.resume());
    case 'pause':
      session.pause();
      return { ok: true, events: [] };
    case 'set-speed':
      return resultOf(session.setSpeed(command.speed));
    case 'set-auto-pause':
      session.setAutoPause({ injects: command.injects, limits: command.limits });
      return { ok: true, events: [] };
    case 'jump-by':
      return resultOf(session.jumpBy(command.ms, wallIso));
    case 'jump-next-inject':
      return resultOf(session.jumpToNextInject(wallIso));
    case 'jump-next-deadline':
      return resultOf(session.jumpToNextDeadline(wallIso));
    case 'deliver-now':
      return resultOf(session.deliverNow(command.injectId, wallIso));
    case 'skip':
      return resultOf(session.skip(command.injectId, wallIso));
    case 'unskip':
      return resultOf(session.unskip(command.injectId, wallIso));
    case 'compose':
      return resultOf(session.composeAdHoc(command.inject, wallIso));
    case 'end':
      return resultOf(session.end(wallIso));
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
        snapshot: () => snapshotOf(session),
        run: (command, wallIso) => runCommand(session, command, wallIso),
        tick: (elapsed, wallIso) => {
          const res = session.advance(elapsed, wallIso);
          return res.ok ? asEvents(res.events) : [];
        },
      };
    },
    replica(header, events) {
      const lastMs = events.length ? parseIsoMs(events[events.length - 1].at) : parseIsoMs(header.t0);
      // The replica's own clock stands at its last event, never ahead of what it replays.
      const session = buildSession(header, events, { simNowMs: lastMs, running: false, speed: 1 });
      return {
        apply(event) {
          // The facilitator's schedule (injects, start, end, awareness, world changes) is rare: rebuild.
          if (event.type.startsWith('inject.') || REBUILD_TYPES.has(event.type)) return false;
          const atMs = parseIsoMs(event.at);
          if (!(atMs >= session.clock.now())) return false;
          // Moves the clock only: without an agenda nothing is delivered on the way.
          session.clock.jumpTo(atMs);
          const res = session.dispatch({
            type: event.type,
            actor: event.actor as { role: ActorRole; name?: string },
            data: (event.data ?? {}) as Record<string, unknown>,
            ...(event.wall ? { wallIso: event.wall } : {}),
          });
          if (!res.ok) return false;
          const got = res.event;
          // The same event, or the replica no longer mirrors the log.
          return got.seq === event.seq && got.at === event.at && got.type === event.type;
        },
        snapshot: (clock) => snapshotOf(session, clock),
      };
    },
  };
}

const REBUILD_TYPES = new Set(['drill.started', 'incident.aware', 'drill.ended', 'outage.started', 'outage.ended']);
