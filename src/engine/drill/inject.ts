/**
 * An inject as the drill engine schedules it: the normalized form of a scenario file's inject
 * (src/engine/scenario normalizes to this) or of an ad-hoc inject the facilitator composes.
 */
import type { Bilingual } from '../base/bilingual';
import type { ActorRole, KnownEventType, Level } from '../record/vocabulary';

/** How an inject reaches its role: the scenario format's `channel` and the console's ad-hoc composer. */
export const INJECT_CHANNELS = ['phone', 'email', 'taipeion', 'reporting-website', 'news', 'in-person', 'other'] as const;
export type InjectChannel = (typeof INJECT_CHANNELS)[number];


/** A change to the world the inject makes when it is delivered. */
export type WorldChange =
  | { kind: 'outage.start'; what: 'network' | 'power' | string }
  | { kind: 'outage.end'; what: 'network' | 'power' | string }
  | { kind: 'level.review'; level: Level } // DoIT (or the central body) reviews/changes the level
  | { kind: 'incident.designate'; by: 'doit' | 'superior' | 'supervisory' };

/** A scalar an event's data field may be compared with. */
export type DataValue = string | number | boolean;

/**
 * An event that a condition looks for: its type, and optionally values its data must hold,
 * e.g. `{ type: 'agency.notified', where: { channel: ['phone', 'taipeion'] } }`.
 */
export interface EventMatch {
  type: KnownEventType;
  /** Each field must equal the value (or one of the listed values); text is compared without case. */
  where?: Record<string, DataValue | DataValue[]>;
}

/** A condition item: an event type alone (any event of that type), or an event type with data. */
export type ConditionItem = KnownEventType | EventMatch;

export interface InjectCondition {
  /** Deliver only if every one of these has happened by then. */
  ifHappened?: ConditionItem[];
  /** Deliver only if none of these has happened by then. */
  unlessHappened?: ConditionItem[];
}

/** What a condition looks at: an event's type and data. */
export interface HappenedEvent {
  type: string;
  data?: Record<string, unknown>;
}

const sameValue = (actual: unknown, wanted: DataValue): boolean =>
  typeof wanted === 'string' && typeof actual === 'string'
    ? actual.trim().toLowerCase() === wanted.trim().toLowerCase()
    : actual === wanted;

/** Whether one event is what the condition item looks for. */
export function eventMatches(item: ConditionItem, e: HappenedEvent): boolean {
  if (typeof item === 'string') return e.type === item;
  if (e.type !== item.type) return false;
  for (const [field, wanted] of Object.entries(item.where ?? {})) {
    const actual = e.data?.[field];
    const options = Array.isArray(wanted) ? wanted : [wanted];
    if (!options.some((w) => sameValue(actual, w))) return false;
  }
  return true;
}

/**
 * Whether a contingency inject's condition holds given the events that happened before it: every
 * `ifHappened` item matched by some event, no `unlessHappened` item matched by any.
 */
export function conditionHolds(c: InjectCondition | undefined, events: readonly HappenedEvent[]): boolean {
  if (!c) return true;
  const happened = (item: ConditionItem) => events.some((e) => eventMatches(item, e));
  if (c.ifHappened && !c.ifHappened.every(happened)) return false;
  if (c.unlessHappened && c.unlessHappened.some(happened)) return false;
  return true;
}

export interface ExpectedAction {
  /** The event type that meets the expectation. */
  type: KnownEventType;
  role: ActorRole;
  /** Limit from T0 in ms, where the procedure gives one. */
  withinMs?: number;
  note?: Bilingual;
}

export interface ScheduledInject {
  id: string;
  /** Simulated offset from awareness (T0), in milliseconds. */
  offsetMs: number;
  title: Bilingual;
  message: Bilingual;
  /** Who sends it: a scenario's sender id (soc, vendor, acs, doit, media, …) or free text for ad-hoc injects. */
  sender: string;
  /** The sender's display name, where the scenario gives one (e.g. 臺北市政府資訊局資安監控中心). */
  senderName?: Bilingual;
  to: ActorRole;
  channel: InjectChannel;
  expected: ExpectedAction[];
  facilitatorNotes?: Bilingual;
  condition?: InjectCondition;
  world?: WorldChange[];
  /** A contingency inject is only delivered when its condition holds. */
  contingency?: boolean;
  adHoc?: boolean;
}
