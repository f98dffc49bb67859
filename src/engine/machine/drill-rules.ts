/**
 * What the drill refuses as impossible. Only the impossible: procedural mistakes (late, wrong
 * platform, wrong person in charge, report before approval, …) are accepted and recorded, because
 * finding them is scoring's job and the debrief's material (P37(2): every action is recorded).
 *
 * Named guards (GUARDS: running, wellFormed, dataValid, aware, once, facilitatorOnly,
 * cisoOrAuthorised, holdsRole, websiteReachable), each one rule written once. The incident machine
 * guards its transitions with them; the session and the desks ask the machine's snapshot
 * (`can`), and the reason is the first named guard that fails.
 */
import { eventDataSchemas } from '../record/schema';
import { ACTOR_ROLES, FACILITATOR_PLAYED_ROLES, type ActorRole } from '../record/vocabulary';
import type { Reason } from '../base/reason';
import { engineReason, engineText } from '../text/engine-text';
import { roleName } from '../report/event-text';

/** An event as the machine receives it: a drill event with its simulated moment in epoch ms. */
export interface DrillMachineEvent {
  type: string;
  actor: { role: ActorRole | string; name?: string };
  data: Record<string, unknown>;
  /** Simulated moment, epoch ms. */
  at: number;
  /** A desk's question "could this kind of action happen now?": no data to check yet. */
  probe?: true;
}

/** A participant and the roles assigned at setup (or by team.formed). */
export interface Participant {
  name: string;
  roles: ActorRole[];
}

/** The facts the rules need; the incident machine's context. */
export interface RulesContext {
  /** Person name → roles held. */
  roster: Record<string, ActorRole[]>;
  /** Outages in progress (`what` of each outage.started not yet ended). */
  outages: string[];
  /** T0 (incident.aware's moment), or null before awareness. */
  t0Ms: number | null;
  startedAtMs: number | null;
  endedAtMs: number | null;
}

/** Desk-side events the UI records (notes, phone calls, TaipeiON messages, meeting minutes); scoring ignores them. */
export const UI_EVENT_TYPES = ['ui.note.added', 'ui.phone.called', 'ui.taipeion.sent', 'ui.meeting.minutes'] as const;

/** Facilitator's bookkeeping of injects (engine types, ignored by scoring). */
export const INJECT_EVENT_TYPES = ['inject.delivered', 'inject.skipped', 'inject.unskipped', 'inject.composed'] as const;

/** Only the facilitator drives the world and the drill itself. */
const FACILITATOR_ONLY_TYPES: readonly string[] = [
  'drill.started',
  'incident.aware',
  ...INJECT_EVENT_TYPES,
  'outage.started',
  'outage.ended',
  // Ending (aborting) a drill is never impossible.
  'drill.ended',
];

/**
 * Before T0 the agency knows nothing; only these can happen (the brief's rule (c)): the
 * facilitator's own moves, every one of them (starting, T0 itself, injects, outages, ending).
 */
const BEFORE_AWARENESS_TYPES: readonly string[] = FACILITATOR_ONLY_TYPES;

/** Roles the facilitator may play besides their own: the outside parties of the drill. */
export const FACILITATOR_PLAYS: readonly ActorRole[] = FACILITATOR_PLAYED_ROLES;

/** Event types only certain roles can produce at all (who else could?). */
export const ROLE_BOUND_TYPES: Record<string, { roles: readonly ActorRole[]; why: Reason }> = {
  // P10: the CISO (or someone the CISO authorised: data.by 'authorized', still at the CISO's desk) approves.
  'level.approved': {
    roles: ['ciso'],
    why: engineReason('ciso-only', 'rules.cisoOnly'),
  },
  // P15: the review is DoIT's (or the central body's); the facilitator plays DoIT in a drill.
  'level.reviewed': {
    roles: ['doit-reviewer', 'facilitator'],
    why: engineReason('doit-only', 'rules.doitOnly'),
  },
  // P31(4): designated by DoIT or an oversight body, which the facilitator plays.
  'incident.designated': {
    roles: ['doit-reviewer', 'facilitator'],
    why: engineReason('designation-outside', 'rules.designationOutside'),
  },
};

/** Filing on the reporting website (通報應變網站): impossible while it cannot be reached (P11). */
export function filesOnWebsite(event: Pick<DrillMachineEvent, 'type' | 'data'>): boolean {
  switch (event.type) {
    case 'report.submitted':
    case 'level.change.requested':
    case 'closure.submitted':
      return true;
    case 'recovery.completed':
      return event.data?.registeredOnWebsite === true;
    default:
      return false;
  }
}

/** A named rule of what is possible: null when the event passes it, else the reason it is impossible. */
type Guard = (ctx: RulesContext, event: DrillMachineEvent) => Reason | null;

/**
 * The named guards of the incident machine (issue 14 item 3), in the order they are checked. Each
 * is one rule, written once; the machine's transitions are guarded by them and the session reads
 * acceptance from the machine (`snapshot.can`) and the reason from the first guard that fails.
 */
export const GUARDS = {
  /** Nothing happens after drill.ended. */
  running: (ctx) => (ctx.endedAtMs !== null ? engineReason('drill-ended', 'rules.drillEnded') : null),
  /** An event has a type, a simulated moment and a known role. */
  wellFormed: (_ctx, { type, at, actor }) => {
    if (typeof type !== 'string' || type.length === 0) return engineReason('bad-event', 'rules.noType');
    if (!Number.isFinite(at)) return engineReason('bad-event', 'rules.noMoment');
    if (!actor || !(ACTOR_ROLES as readonly string[]).includes(actor.role)) {
      return engineReason('unknown-role', 'rules.unknownRole', { role: String(actor?.role) });
    }
    return null;
  },
  /** The data of a known type fits the record format, or the record could not be read back. A probe (a desk's menu) has no data yet. */
  dataValid: (_ctx, event) => {
    const schema = (eventDataSchemas as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }>)[event.type];
    if (!schema || event.probe) return null;
    const parsed = schema.safeParse(event.data ?? {});
    if (parsed.success) return null;
    const iss = parsed.error!.issues[0];
    const path = ['data', ...iss.path.map(String)].join('.');
    return engineReason('bad-data', 'rules.badData', { type: event.type, path, message: iss.message });
  },
  /** (c) Before T0 nothing the agency does is possible: it does not know yet. */
  aware: (ctx, { type }) =>
    ctx.t0Ms === null && !BEFORE_AWARENESS_TYPES.includes(type)
      ? engineReason('before-awareness', 'rules.beforeAwareness')
      : null,
  /** There is one moment of awareness (T0) and one start. */
  once: (ctx, { type }) => {
    if (type === 'incident.aware' && ctx.t0Ms !== null) return engineReason('already-aware', 'rules.alreadyAware');
    if (type === 'drill.started' && ctx.startedAtMs !== null) return engineReason('already-started', 'rules.alreadyStarted');
    return null;
  },
  /** (b) Only the facilitator drives the world and the drill itself. */
  facilitatorOnly: (_ctx, { type, actor }) =>
    FACILITATOR_ONLY_TYPES.includes(type) && actor.role !== 'facilitator' ? engineReason('facilitator-only', 'rules.facilitatorOnly') : null,
  /** P10 the CISO (or someone authorised) approves; P15 DoIT reviews; P31(4) DoIT or an oversight body designates. */
  cisoOrAuthorised: (_ctx, { type, actor }) => {
    const bound = ROLE_BOUND_TYPES[type];
    return bound && !bound.roles.includes(actor.role as ActorRole) ? bound.why : null;
  },
  /** A named person acts only in a role they hold (or the facilitator, playing an outside party). */
  holdsRole: (ctx, { actor }) => {
    if (actor.name === undefined || Object.keys(ctx.roster).length === 0) return null;
    const held = ctx.roster[actor.name];
    if (held === undefined) return engineReason('unknown-person', 'rules.unknownPerson', { name: actor.name });
    const role = actor.role as ActorRole;
    const asFacilitator = held.includes('facilitator') && FACILITATOR_PLAYS.includes(role);
    if (held.includes(role) || asFacilitator) return null;
    return engineReason('role-not-held', 'rules.roleNotHeld', (lang) => ({ name: actor.name!, role: lang === 'zh-TW' ? roleName(role, lang) : role, held: held.join(', ') || 'none' }));
  },
  /** (a) The reporting website cannot be reached during a network or power outage (P11). */
  websiteReachable: (ctx, event) =>
    ctx.outages.length > 0 && filesOnWebsite(event)
      ? engineReason('website-unreachable', 'rules.websiteUnreachable', (lang) => ({ outages: ctx.outages.join(engineText(lang, 'rules.outageJoin')) }))
      : null,
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;

/** Every guard, in the order a refusal is reported. */
export const GUARD_ORDER = Object.keys(GUARDS) as GuardName[];

/**
 * The reason an event is impossible now (the first named guard that fails), or null when it can
 * happen (mistakes included). The machine's guards are these; `whyNot` asks the machine's snapshot.
 */
export function refusalOf(ctx: RulesContext, event: DrillMachineEvent): Reason | null {
  for (const name of GUARD_ORDER) {
    const why = GUARDS[name](ctx, event);
    if (why) return why;
  }
  return null;
}

/** Merges participants into a roster (name → roles), keeping roles already held. */
export function mergeRoster(roster: Record<string, ActorRole[]>, people: readonly { name?: string; role?: string; roles?: readonly string[] }[]): Record<string, ActorRole[]> {
  const out: Record<string, ActorRole[]> = { ...roster };
  for (const p of people) {
    if (typeof p?.name !== 'string' || p.name.length === 0) continue;
    const add = [...(p.roles ?? []), ...(p.role ? [p.role] : [])].filter((r): r is ActorRole => (ACTOR_ROLES as readonly string[]).includes(r));
    out[p.name] = [...new Set([...(out[p.name] ?? []), ...add])];
  }
  return out;
}

