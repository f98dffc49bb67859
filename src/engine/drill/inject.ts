/**
 * An inject as the drill engine schedules it: the normalized form of a scenario file's inject
 * (src/engine/scenario normalizes to this) or of an ad-hoc inject the facilitator composes.
 */
import type { ActorRole, KnownEventType, Level } from '../record/vocabulary';

/** How an inject reaches its role: the scenario format's `channel` and the console's ad-hoc composer. */
export const INJECT_CHANNELS = ['phone', 'email', 'taipeion', 'reporting-website', 'news', 'in-person', 'other'] as const;
export type InjectChannel = (typeof INJECT_CHANNELS)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

/** A change to the world the inject makes when it is delivered. */
export type WorldChange =
  | { kind: 'outage.start'; what: 'network' | 'power' | string }
  | { kind: 'outage.end'; what: 'network' | 'power' | string }
  | { kind: 'level.review'; level: Level } // DoIT (or the central body) reviews/changes the level
  | { kind: 'incident.designate'; by: 'doit' | 'superior' | 'supervisory' };

export interface InjectCondition {
  /** Deliver only if every one of these event types has happened by then. */
  ifHappened?: KnownEventType[];
  /** Deliver only if none of these event types has happened by then. */
  unlessHappened?: KnownEventType[];
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
