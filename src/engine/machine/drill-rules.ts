/**
 * What the drill refuses as impossible. Only the impossible: procedural mistakes (late, wrong
 * platform, wrong person in charge, report before approval, …) are accepted and recorded, because
 * finding them is scoring's job and the debrief's material (P37(2): every action is recorded).
 *
 * One pure function, `refusalOf(context, event)`, used by the incident machine's guards and by
 * the drill session before it writes to the log, so the two can never disagree.
 */
import { eventDataSchemas } from '../record/schema';
import { ACTOR_ROLES, FACILITATOR_PLAYED_ROLES, type ActorRole } from '../record/vocabulary';
import { reason, type Reason } from '../base/reason';
import { roleName } from '../report/event-text';

/** An event as the machine receives it: a drill event with its simulated moment in epoch ms. */
export interface DrillMachineEvent {
  type: string;
  actor: { role: ActorRole | string; name?: string };
  data: Record<string, unknown>;
  /** Simulated moment, epoch ms. */
  at: number;
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
    why: reason('ciso-only', '等級核可只能由資通安全長為之', 'only the CISO approves the level (P10)'),
  },
  // P15: the review is DoIT's (or the central body's); the facilitator plays DoIT in a drill.
  'level.reviewed': {
    roles: ['doit-reviewer', 'facilitator'],
    why: reason('doit-only', '等級審核只能由資訊局審核人員（或扮演資訊局之主持人）為之', "only DoIT's reviewer (or the facilitator playing DoIT) reviews the level (P15)"),
  },
  // P31(4): designated by DoIT or an oversight body, which the facilitator plays.
  'incident.designated': {
    roles: ['doit-reviewer', 'facilitator'],
    why: reason('designation-outside', '列管只能由資訊局或上級、監督機關（由主持人扮演）指定', 'only DoIT or an oversight body (played by the facilitator) designates the incident (P31(4))'),
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

/**
 * The reason an event is impossible now, or null when it can happen (mistakes included).
 * `checkData: false` asks only whether this kind of action is possible now (the desks' menus).
 */
export function refusalOf(ctx: RulesContext, event: DrillMachineEvent, options: { checkData?: boolean } = {}): Reason | null {
  const { type, actor } = event;
  if (ctx.endedAtMs !== null) {
    return reason('drill-ended', '演練已結束，不再接受任何動作', 'the drill has ended; nothing more can happen');
  }
  if (typeof type !== 'string' || type.length === 0) {
    return reason('bad-event', '事件類型不可空白', 'the event has no type');
  }
  if (!Number.isFinite(event.at)) {
    return reason('bad-event', '事件缺少模擬時間', 'the event has no simulated moment');
  }
  if (!actor || !(ACTOR_ROLES as readonly string[]).includes(actor.role)) {
    return reason('unknown-role', `未知的角色：${String(actor?.role)}`, `unknown actor role: ${String(actor?.role)}`);
  }
  const role = actor.role as ActorRole;

  // The data of a known type must fit the record format, or the record could not be read back.
  const schema = (eventDataSchemas as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }>)[type];
  if (schema && options.checkData !== false) {
    const parsed = schema.safeParse(event.data ?? {});
    if (!parsed.success) {
      const iss = parsed.error!.issues[0];
      const path = ['data', ...iss.path.map(String)].join('.');
      return reason('bad-data', `${type} 的資料不正確（${path}）：${iss.message}`, `${type}: ${path}: ${iss.message}`);
    }
  }

  // (c) Before T0 nothing the agency does is possible: it does not know yet.
  if (ctx.t0Ms === null && !BEFORE_AWARENESS_TYPES.includes(type)) {
    return reason('before-awareness', '尚未知悉資安事件（T0 之前），不能採取此動作', 'the agency is not yet aware of the incident (before T0); this cannot happen yet');
  }
  if (type === 'incident.aware' && ctx.t0Ms !== null) {
    return reason('already-aware', '已知悉資安事件；知悉時間（T0）只有一個', 'the agency is already aware; there is exactly one moment of awareness (T0)');
  }
  if (type === 'drill.started' && ctx.startedAtMs !== null) {
    return reason('already-started', '演練已開始', 'the drill has already started');
  }

  // (b) Who can act as what.
  if (FACILITATOR_ONLY_TYPES.includes(type) && role !== 'facilitator') {
    return reason('facilitator-only', '此動作只能由演練主持人為之', 'only the facilitator can do this');
  }
  const bound = ROLE_BOUND_TYPES[type];
  if (bound && !bound.roles.includes(role)) return bound.why;
  if (actor.name !== undefined && Object.keys(ctx.roster).length > 0) {
    const held = ctx.roster[actor.name];
    if (held === undefined) {
      return reason('unknown-person', `「${actor.name}」不是本次演練的參與者`, `"${actor.name}" is not a participant of this drill`);
    }
    const asFacilitator = held.includes('facilitator') && FACILITATOR_PLAYS.includes(role);
    if (!held.includes(role) && !asFacilitator) {
      return reason(
        'role-not-held',
        `「${actor.name}」未擔任${roleName(role, 'zh-TW')}`,
        `"${actor.name}" does not hold the role ${role} (holds: ${held.join(', ') || 'none'})`,
      );
    }
  }

  // (a) The reporting website cannot be reached during a network or power outage (P11).
  if (ctx.outages.length > 0 && filesOnWebsite(event)) {
    return reason(
      'website-unreachable',
      `網路或電力中斷（${ctx.outages.join('、')}）中，無法連上通報應變網站；請改以電話等方式通報資安署（P11）`,
      `the reporting website cannot be reached during the ${ctx.outages.join(' and ')} outage; report to ACS by phone or other means instead (P11)`,
    );
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

