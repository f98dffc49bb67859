/**
 * The incident's lifecycle during a drill (XState v5), in parallel regions:
 *
 * - drill (world): pre-t0 → running (incident.aware, T0) → ended (drill.ended)
 * - outage (world): none ⇄ in-progress (outage.started / outage.ended)
 * - reporting: not-reported → phoned (P11: phoned during an outage, awaiting backfill) → reported → reviewed (P15)
 * - team: none → formed (P18)
 * - recovery: not-started → contained (containment.initial) → recovered (recovery.completed, P21)
 * - investigation: root cause (P28), plan (P29), submitted (P30), each pending → done
 * - closure: open → closed (closure.submitted, P31(5))
 *
 * Context: the roster (person → roles, from setup and team.formed), the outages in progress, and
 * the levels that decide the level in force. The machine refuses only the impossible (see
 * drill-rules.ts); every transition is guarded by `possible`, and an impossible event falls
 * through to the root's wildcard, which emits `rejected` with the reason and changes nothing.
 */
import { and, assign, emit, enqueueActions, setup, type SnapshotFrom } from 'xstate';
import type { ActorRole, Level } from '../record/vocabulary';
import type { Reason } from '../base/reason';
import { engineReason } from '../text/engine-text';
import { isApproval, isLevel, levelInForceOf, outageAfter } from '../rules/level-in-force';
import { GUARD_ORDER, GUARDS, mergeRoster, refusalOf, type DrillMachineEvent, type GuardName, type Participant, type RulesContext } from './drill-rules';

export interface IncidentContext extends RulesContext {
  referenceLevel: Level;
  approvedLevel: Level | null;
  firstReportLevel: Level | null;
  reviewedLevel: Level | null;
  levelInForce: Level;
}

export interface IncidentMachineInput {
  referenceLevel: Level;
  participants?: Participant[];
}

export type IncidentEmitted =
  | { type: 'level.changed'; level: Level; from: Level }
  | { type: 'outage.changed'; outages: string[] };

const levelOf = (e: DrillMachineEvent): Level | null => {
  const l = e.data?.level;
  return isLevel(l) ? l : null;
};

/** The next level facts after an event, per drill-record.md "The level in force". */
function nextLevels(ctx: IncidentContext, e: DrillMachineEvent): Pick<IncidentContext, 'approvedLevel' | 'firstReportLevel' | 'reviewedLevel' | 'levelInForce'> {
  const level = levelOf(e);
  let { approvedLevel, firstReportLevel, reviewedLevel } = ctx;
  if (level !== null) {
    // Settled point 8: a level.approved by anyone but the CISO or someone authorised is not an approval.
    if (isApproval(e) && approvedLevel === null) approvedLevel = level;
    if ((e.type === 'report.submitted' || e.type === 'report.phoned') && firstReportLevel === null) firstReportLevel = level;
    if (e.type === 'level.reviewed') reviewedLevel = level;
  }
  return {
    approvedLevel,
    firstReportLevel,
    reviewedLevel,
    levelInForce: levelInForceOf({ reviewed: reviewedLevel, firstReport: firstReportLevel, approved: approvedLevel, reference: ctx.referenceLevel }),
  };
}

/** Each named guard of drill-rules.ts as a machine guard (true: the event passes it). */
const namedGuards = Object.fromEntries(GUARD_ORDER.map((name) => [name, ({ context, event }: { context: IncidentContext; event: DrillMachineEvent }) => GUARDS[name](context, event) === null])) as Record<
  GuardName,
  (args: { context: IncidentContext; event: DrillMachineEvent }) => boolean
>;

export const incidentMachine = setup({
  types: {
    context: {} as IncidentContext,
    events: {} as DrillMachineEvent,
    input: {} as IncidentMachineInput,
    emitted: {} as IncidentEmitted,
  },
  guards: {
    ...namedGuards,
    possible: and(GUARD_ORDER),
    // P11: a phone report counts as "phoned, awaiting backfill" only while the website is unreachable.
    duringOutage: ({ context }) => context.outages.length > 0,
    possibleDuringOutage: and(['duringOutage', 'possible']),
  },
  actions: {
    // An accepted event that changes no region is still accepted (recorded): the wildcard's action.
    accept: () => undefined,
    markStarted: assign(({ context, event }) => ({
      startedAtMs: event.at,
      roster: mergeRoster(context.roster, (event.data?.participants as Participant[] | undefined) ?? []),
    })),
    markAware: assign({ t0Ms: ({ event }) => event.at }),
    markEnded: assign({ endedAtMs: ({ event }) => event.at }),
    // Settled point 3 (rules/level-in-force.ts): one outage at a time; any outage.ended makes the website reachable.
    startOutage: assign({ outages: ({ context, event }) => [outageAfter(context.outages[0] ?? null, event) as string] }),
    endOutage: assign({ outages: () => [] }),
    emitOutage: emit(({ context }) => ({ type: 'outage.changed' as const, outages: context.outages })),
    noteLevel: enqueueActions(({ context, event, enqueue }) => {
      const next = nextLevels(context, event);
      enqueue.assign(next);
      if (next.levelInForce !== context.levelInForce) {
        enqueue.emit({ type: 'level.changed', level: next.levelInForce, from: context.levelInForce });
      }
    }),
    addTeam: assign({
      roster: ({ context, event }) => mergeRoster(context.roster, (event.data?.members as { name?: string; role?: string }[] | undefined) ?? []),
    }),
  },
}).createMachine({
  id: 'incident',
  type: 'parallel',
  context: ({ input }) => {
    const base = {
      roster: mergeRoster({}, input.participants ?? []),
      outages: [],
      t0Ms: null,
      startedAtMs: null,
      endedAtMs: null,
      referenceLevel: input.referenceLevel,
      approvedLevel: null,
      firstReportLevel: null,
      reviewedLevel: null,
    };
    return { ...base, levelInForce: input.referenceLevel };
  },
  // Every possible event is accepted, also one that moves no region (a meeting, a note): the
  // wildcard. An impossible one has no enabled transition, so `snapshot.can(event)` is false.
  on: { '*': { guard: 'possible', actions: 'accept' } },
  states: {
    drill: {
      initial: 'pre-t0',
      on: {
        'drill.started': { guard: 'possible', actions: 'markStarted' },
        'drill.ended': { guard: 'possible', target: '.ended', actions: 'markEnded' },
      },
      states: {
        'pre-t0': { on: { 'incident.aware': { guard: 'possible', target: 'running', actions: 'markAware' } } },
        running: {},
        ended: {},
      },
    },
    outage: {
      initial: 'none',
      states: {
        none: { on: { 'outage.started': { guard: 'possible', target: 'in-progress', actions: ['startOutage', 'emitOutage'] } } },
        // Settled point 3: an outage.started while the website is already unreachable changes nothing (it is
        // accepted and recorded by the root's handlers); an outage.ended makes it reachable again whatever its `what`.
        'in-progress': {
          on: {
            'outage.started': { guard: 'possible', actions: 'accept' },
            'outage.ended': { guard: 'possible', target: 'none', actions: ['endOutage', 'emitOutage'] },
          },
        },
      },
    },
    reporting: {
      initial: 'not-reported',
      // Level facts in any reporting state (a follow-up report, a second approval, a review).
      on: {
        'level.approved': { guard: 'possible', actions: 'noteLevel' },
        'report.submitted': { guard: 'possible', actions: 'noteLevel' },
        'report.phoned': { guard: 'possible', actions: 'noteLevel' },
        'level.reviewed': { guard: 'possible', actions: 'noteLevel' },
      },
      states: {
        'not-reported': {
          on: {
            'report.submitted': { guard: 'possible', target: 'reported', actions: 'noteLevel' },
            // A phone report without an outage is accepted (the parent handler) but does not count (P11).
            'report.phoned': { guard: 'possibleDuringOutage', target: 'phoned', actions: 'noteLevel' },
          },
        },
        phoned: { on: { 'report.submitted': { guard: 'possible', target: 'reported', actions: 'noteLevel' } } },
        reported: { on: { 'level.reviewed': { guard: 'possible', target: 'reviewed', actions: 'noteLevel' } } },
        reviewed: {},
      },
    },
    team: {
      initial: 'none',
      on: { 'team.formed': { guard: 'possible', actions: 'addTeam' } },
      states: {
        none: { on: { 'team.formed': { guard: 'possible', target: 'formed', actions: 'addTeam' } } },
        formed: {},
      },
    },
    recovery: {
      initial: 'not-started',
      on: { 'recovery.completed': { guard: 'possible', target: '.recovered' } },
      states: {
        'not-started': { on: { 'containment.initial': { guard: 'possible', target: 'contained' } } },
        contained: {},
        recovered: {},
      },
    },
    investigation: {
      type: 'parallel',
      states: {
        rootCause: {
          initial: 'pending',
          states: { pending: { on: { 'rootcause.completed': { guard: 'possible', target: 'done' } } }, done: {} },
        },
        plan: {
          initial: 'pending',
          states: { pending: { on: { 'improvement.planned': { guard: 'possible', target: 'done' } } }, done: {} },
        },
        submitted: {
          initial: 'pending',
          states: { pending: { on: { 'rootcause.submitted': { guard: 'possible', target: 'done' } } }, done: {} },
        },
      },
    },
    closure: {
      initial: 'open',
      states: { open: { on: { 'closure.submitted': { guard: 'possible', target: 'closed' } } }, closed: {} },
    },
  },
});

/** A plain summary of the machine's state for the UI and the session snapshot. */
export interface IncidentSummary {
  drill: 'pre-t0' | 'running' | 'ended';
  outage: 'none' | 'in-progress';
  outages: string[];
  reporting: 'not-reported' | 'phoned' | 'reported' | 'reviewed';
  team: 'none' | 'formed';
  recovery: 'not-started' | 'contained' | 'recovered';
  investigation: { rootCause: 'pending' | 'done'; plan: 'pending' | 'done'; submitted: 'pending' | 'done' };
  closure: 'open' | 'closed';
  levelInForce: Level;
  roster: Record<string, ActorRole[]>;
  t0Ms: number | null;
}

export function summarizeIncident(snapshot: { value: unknown; context: IncidentContext }): IncidentSummary {
  const v = snapshot.value as Record<string, unknown> & { investigation: IncidentSummary['investigation'] };
  return {
    drill: v.drill as IncidentSummary['drill'],
    outage: v.outage as IncidentSummary['outage'],
    outages: [...snapshot.context.outages],
    reporting: v.reporting as IncidentSummary['reporting'],
    team: v.team as IncidentSummary['team'],
    recovery: v.recovery as IncidentSummary['recovery'],
    investigation: { ...v.investigation },
    closure: v.closure as IncidentSummary['closure'],
    levelInForce: snapshot.context.levelInForce,
    roster: snapshot.context.roster,
    t0Ms: snapshot.context.t0Ms,
  };
}

export type IncidentSnapshot = SnapshotFrom<typeof incidentMachine>;

type TransitionTree = { transitions: Map<string, unknown[]>; states?: Record<string, TransitionTree> };

/** The event types some state names (every descriptor but the root's wildcard); null if another wildcard exists. */
const NAMED_TYPES = ((): ReadonlySet<string> | null => {
  const named = new Set<string>();
  const walk = (node: TransitionTree, isRoot: boolean): boolean => {
    for (const type of node.transitions.keys()) {
      if (isRoot && type === '*') continue;
      if (type.includes('*')) return false;
      named.add(type);
    }
    return Object.values(node.states ?? {}).every((child) => walk(child, false));
  };
  return walk(incidentMachine.root as unknown as TransitionTree, true) ? named : null;
})();

/**
 * Whether an accepted event of this type can change the machine's snapshot (issue 9: `send` was a
 * fifth of the server's CPU per command). One that no state names (a note, a meeting) is taken by
 * the root's wildcard alone, whose action does nothing: no region moves, the context and the
 * snapshot (the same object) stay, so it need not be sent. XState's own events are always sent.
 * incident-machine.test.ts sends every kind and checks the snapshot is the same object.
 */
export function movesMachine(type: string): boolean {
  return NAMED_TYPES === null || NAMED_TYPES.has(type) || type.startsWith('xstate.');
}

/**
 * Whether the machine accepts the event now, and if not why: acceptance is the machine's own
 * (`snapshot.can`), the reason is the first of its named guards that fails.
 */
export function whyNot(snapshot: IncidentSnapshot, event: DrillMachineEvent): Reason | null {
  if (snapshot.can(event)) return null;
  return refusalOf(snapshot.context, event) ?? engineReason('impossible', 'rules.impossible');
}

/**
 * The same answer as `whyNot` in one evaluation of the rules, for the session's write (issue 9:
 * `can` then `send` ran the guards through the machine twice per event; `can` alone evaluates
 * `possible` once per region). Exact, by the machine's shape: every transition is guarded by
 * `possible` (all named guards pass) or `possibleDuringOutage` (which requires it) and is not a
 * forbidden one, and the root's wildcard takes any possible event; so `snapshot.can(event)` holds
 * exactly when no named guard fails. incident-machine.test.ts checks that shape and the agreement.
 */
export function refusalNow(snapshot: IncidentSnapshot, event: DrillMachineEvent): Reason | null {
  return refusalOf(snapshot.context, event);
}
