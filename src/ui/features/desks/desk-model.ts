/**
 * What a role desk shows, derived from the drill's event log and setup (house style 3: the log is
 * the truth). Pure functions, no React: the desk components and their tests share them.
 *
 * These are views of the log (what this role did, which reports DoIT received), not rules: the
 * inbox, the level in force, outages and what is possible come from the engine's session snapshot;
 * whether an action is late or wrong is scoring's to say.
 */
import type { InboxEntry } from '@/engine/drill/drill-session';
import type { ScheduledInject } from '@/engine/drill/inject';
import type { DrillEvent } from '@/engine/record/schema';
import { DESK_ROLES, type ActorRole, type Position } from '@/engine/record/vocabulary';
import { formatTaipei } from '@/engine/time/taipei';

/** Who acts at a desk: the desk's role and the participant who picked themselves. */
export interface DeskActor {
  role: ActorRole;
  name?: string;
}

export interface DeskCommand {
  type: string;
  actor: DeskActor;
  data?: Record<string, unknown>;
}

/** The engine's answer to an action (drill-session.ts: the one result type, with the event it wrote). */
export type { DispatchResult } from '@/engine/drill/drill-session';
import type { DispatchResult } from '@/engine/drill/drill-session';
/** The runtime's dispatch: the engine appends the event, or refuses with a reason. */
export type Dispatch = (command: DeskCommand) => Promise<DispatchResult>;

/** A participant as the setup stores them (a structural subset of persistence's Participant). */
export interface DeskParticipant {
  name: string;
  position: Position;
  roles: readonly ActorRole[];
  vendor?: boolean;
}


export function isDeskRole(role: string): role is ActorRole {
  return (DESK_ROLES as readonly string[]).includes(role);
}

export function holdersOf(participants: readonly DeskParticipant[], role: ActorRole): DeskParticipant[] {
  return participants.filter((p) => p.roles.includes(role));
}

/** An inject as it reached a desk, with this desk's read marker. */
export interface InboxItem {
  seq: number;
  at: string;
  inject: ScheduledInject;
  unread: boolean;
  /** A scripted review delivered to the reviewer as a task (P15). */
  reviewTask?: boolean;
}

/** The engine's inbox of a role (oldest first) as the desk lists it: newest first, unread after `lastSeenSeq`. */
export function inboxItems(entries: readonly InboxEntry[], lastSeenSeq: number): InboxItem[] {
  return entries.map((e) => ({ seq: e.seq, at: e.at, inject: e.inject, unread: e.seq > lastSeenSeq, ...(e.reviewTask ? { reviewTask: true } : {}) })).reverse();
}

/** What this role has done: its own events, newest first. */
export function actionsBy(events: readonly DrillEvent[], role: ActorRole, limit = 12): DrillEvent[] {
  const own = events.filter((e) => e.actor.role === role);
  return own.slice(-limit).reverse();
}

/** Reports the DoIT reviewer receives: website reports, phone reports, level-change requests and copies. */
export const INCOMING_REPORT_TYPES = ['report.submitted', 'report.phoned', 'level.change.requested', 'doit.copied', 'closure.submitted'] as const;

/** What DoIT's desk lists as received, newest first. */

export function incomingReports(events: readonly DrillEvent[]): DrillEvent[] {
  return events.filter((e) => (INCOMING_REPORT_TYPES as readonly string[]).includes(e.type)).reverse();
}

/** Simulated time for people: 2026-03-02 09:40:00 (Taipei). */
export function formatClock(ms: number): string {
  const iso = formatTaipei(Math.floor(ms / 1000) * 1000);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** An event's `at` for people: 03-02 09:40. */
export function formatAt(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** An ISO moment as the value of a `datetime-local` input in Taipei wall time (2026-03-09T08:40). */
export function isoToLocalInput(iso: string): string {
  return formatTaipei(Date.parse(iso)).slice(0, 16);
}

/** The value of a `datetime-local` input (Taipei wall time) as ISO with +08:00, or '' when empty. */
export function localInputToIso(value: string): string {
  if (!value) return '';
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}+08:00`;
}
