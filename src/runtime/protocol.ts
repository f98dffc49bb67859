/**
 * What the windows of one drill say to each other over BroadcastChannel `tdrill:<drillId>`.
 *
 * One window (the holder of the Web Lock `tdrill:<drillId>`) is the authority: it alone runs the
 * engine's drill session, orders events, persists them and announces them. Every other window is a
 * replica: it sends commands and waits for the authority's result.
 */
import type { DrillEvent } from '@/engine/record/schema';
import type { DrillResult } from '@/engine/drill/drill-session';
import type { ActorRole } from '@/engine/record/vocabulary';
import type { Reason } from '@/engine/base/reason';
import type { ExpectedAction, InjectChannel } from '@/engine/drill/inject';
import { term } from '@/engine/text/glossary';
import { runtimeWords, type RuntimeKey } from '@/runtime/runtime-text';

/** A participant's (or the facilitator's) action: becomes one event of the log if the engine accepts it. */
export interface ActionCommand {
  type: string;
  actor: { role: ActorRole; name?: string };
  data?: Record<string, unknown>;
}

/** An inject the facilitator composes during the drill (delivered at once). */
export interface AdHocInject {
  to: ActorRole;
  channel: InjectChannel;
  title?: { zh: string; en: string };
  message: { zh: string; en: string };
  /** Who it comes from, e.g. 'soc', 'media', or free text. */
  sender: string;
  /** Simulated offset from T0 to deliver it at (a later moment); absent: now. */
  offsetMs?: number;
  /** What the recipient is expected to do, for the debrief. */
  expected?: ExpectedAction[];
}

export type ClockCommand =
  | { kind: 'play' }
  | { kind: 'pause' }
  | { kind: 'set-speed'; speed: number }
  | { kind: 'jump-by'; ms: number }
  | { kind: 'jump-next-inject' }
  | { kind: 'jump-next-deadline' }
  /** Issue 12: the live clock stops by itself at an inject's moment and/or a limit (engine: setAutoPause). */
  | { kind: 'set-auto-pause'; injects: boolean; limits: boolean };

/** Everything a window can ask the authority to do. */
export type RuntimeCommand =
  | { kind: 'action'; action: ActionCommand }
  | ClockCommand
  | { kind: 'start' }
  | { kind: 'deliver-now'; injectId: string }
  | { kind: 'skip'; injectId: string }
  | { kind: 'unskip'; injectId: string }
  | { kind: 'compose'; inject: AdHocInject }
  | { kind: 'end' };

/**
 * Which window sends a command, from its route (issue 10): a desk acts only as its desk's role, only
 * the console sends facilitator commands, other pages (the desks list, the review) send none.
 */
export type CommandScope = { kind: 'console' } | { kind: 'desk'; role: ActorRole } | { kind: 'viewer' };

const notHere = (key: RuntimeKey, params?: (lang: 'zh-TW' | 'en') => Record<string, string>): Reason => ({ code: 'wrong-window', ...runtimeWords(key, params) });

/** Why a window of this scope may not send the command, or null when it may. */
export function scopeRefusal(scope: CommandScope, command: RuntimeCommand): Reason | null {
  if (scope.kind === 'console') return null;
  if (scope.kind === 'viewer') return notHere('wrongWindow.viewer');
  if (command.kind !== 'action') return notHere('wrongWindow.console');
  if (scope.role === 'facilitator' || command.action.actor.role !== scope.role) {
    return notHere('wrongWindow.role', (lang) => ({ role: term('roles', scope.role, lang) }));
  }
  return null;
}

/** The answer to a command: the engine's one result type, carried as it is (`event`: the last event written). */
export type CommandResult = DrillResult;

/** The clock as every window shows it. */
export interface ClockView {
  simNowMs: number;
  running: boolean;
  speed: number;
  /** Where the live clock stops by itself (absent: nowhere). */
  autoPause?: { injects: boolean; limits: boolean };
}

export type RuntimeMessage =
  /** replica → authority */
  | { kind: 'command'; id: string; from: string; command: RuntimeCommand; scope: CommandScope }
  /** authority → the asking replica (others ignore it) */
  | { kind: 'result'; id: string; to: string; result: CommandResult }
  /** authority → all: an event, sent after it was written to IndexedDB (or failed to be: `unsaved`) */
  | { kind: 'event'; from: string; event: DrillEvent; unsaved?: boolean }
  /** authority → all: the clock, at most 4 times a second while it runs, and at once on a change */
  | { kind: 'clock'; from: string; clock: ClockView; lastSeq: number }
  /** replica → authority: send me the clock now (a window just opened) */
  | { kind: 'hello'; from: string }
  /** authority → all: a new authority took over (the old window closed); replicas re-read storage */
  | { kind: 'authority'; windowId: string }
  /** authority → all: storage failed; every window shows the message */
  | { kind: 'storage-error'; from: string; message: { zh: string; en: string } }
  /** authority → all: the backlog of unsaved events is written; the warning goes */
  | { kind: 'storage-ok'; from: string }
  /** console → authority: hand the drill over to me (the console should hold it, not a participant's tab) */
  | { kind: 'claim'; from: string }
  /** authority → the claiming console: everything is written and I stopped; take the lock, with this clock */
  | { kind: 'handover'; from: string; to: string; clockState: unknown };

/** Messages only the current authority may send; replicas ignore them from anyone else (issue 10). */
export const AUTHORITY_ONLY = new Set<RuntimeMessage['kind']>(['event', 'clock', 'storage-error', 'storage-ok', 'handover']);

export const channelName = (drillId: string): string => `tdrill:${drillId}`;
export const lockName = (drillId: string): string => `tdrill:${drillId}`;

/** How long a replica waits for the authority's answer before it gives up. */
export const COMMAND_TIMEOUT_MS = 5000;

export const timeoutReason: Reason = {
  code: 'authority-timeout',
  ...runtimeWords('authorityTimeout'),
};
