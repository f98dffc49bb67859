/**
 * The browser facilities the runtime needs, behind small interfaces so tests can give two
 * "windows" a shared channel and lock in one process.
 */
import { wallIso } from '@/ui/lib/time-format';
import type { CommandScope, RuntimeMessage } from '@/runtime/protocol';
import type { ActorRole } from '@/engine/record/vocabulary';

export interface ChannelLike {
  postMessage(message: RuntimeMessage): void;
  onmessage: ((event: { data: RuntimeMessage }) => void) | null;
  close(): void;
}

/**
 * Runs `holder` once this window holds the exclusive lock `name`; the lock is held until the
 * promise `holder` returns settles. Windows that ask later queue, and take over when it is released
 * (a window closing releases its locks).
 */
export type RequestLock = (name: string, holder: () => Promise<void>, options?: LockOptions) => void;

export interface LockOptions {
  /** Take the lock from its holder (the console claiming authority, after the holder handed over). */
  steal?: boolean;
  /** Called when the lock is lost while held (stolen by another window): the holder must step down. */
  onLost?: () => void;
}

export interface RuntimeEnvironment {
  openChannel(name: string): ChannelLike;
  /** null: no Web Locks (jsdom, old browsers): this window is the authority. */
  requestLock: RequestLock | null;
  /** Monotonic real time in ms (performance.now()). */
  now(): number;
  /** Real time of day as ISO 8601 with offset, for events' `wall`. */
  wallIso(): string;
  /** Which window this is, from its route (commands are bound to it). Absent: unrestricted (tests). */
  scope?(): CommandScope;
  /** Calls `frame` on the next animation frame (or soon); returns a cancel function. */
  onFrame(frame: () => void): () => void;
  /** A repeating timer that keeps the clock going when the tab is hidden (rAF sleeps there). */
  every(ms: number, fn: () => void): () => void;
}

export function browserEnvironment(): RuntimeEnvironment {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  return {
    openChannel(name) {
      if (typeof BroadcastChannel === 'undefined') {
        // Single-window fallback: nothing to talk to.
        return { postMessage() {}, onmessage: null, close() {} };
      }
      const channel = new BroadcastChannel(name);
      const wrapper: ChannelLike = {
        postMessage: (m) => channel.postMessage(m),
        onmessage: null,
        close: () => channel.close(),
      };
      channel.onmessage = (e: MessageEvent) => wrapper.onmessage?.({ data: e.data as RuntimeMessage });
      return wrapper;
    },
    requestLock:
      locks && typeof locks.request === 'function'
        ? (name, holder, options) => {
            // A stolen lock rejects the request with AbortError while the holder still runs.
            locks.request(name, { mode: 'exclusive', ...(options?.steal ? { steal: true } : {}) }, holder).catch(() => options?.onLost?.());
          }
        : null,
    scope: () => scopeOfHash(typeof location !== 'undefined' ? location.hash : ''),
    now: () => performance.now(),
    // Taipei offset for `wall`: readable beside `at` in the log, whatever the browser's zone.
    wallIso: () => wallIso(Date.now()),
    onFrame(frame) {
      if (typeof requestAnimationFrame === 'function') {
        const id = requestAnimationFrame(() => frame());
        return () => cancelAnimationFrame(id);
      }
      const id = setTimeout(frame, 16);
      return () => clearTimeout(id);
    },
    every(ms, fn) {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
  };
}

/**
 * The scope of a window from its hash route (#/drill/<id>/console, #/drill/<id>/desk/<role>); any
 * other drill page is a viewer. Outside the drill routes (tests, the benchmark) nothing is restricted.
 */
export function scopeOfHash(hash: string): CommandScope {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'drill') return { kind: 'console' };
  if (parts[0] === 'drill' && parts[2] === 'console' && parts.length === 3) return { kind: 'console' };
  if (parts[0] === 'drill' && parts[2] === 'desk' && parts.length === 4 && parts[3]) return { kind: 'desk', role: decodeURIComponent(parts[3]) as ActorRole };
  return { kind: 'viewer' };
}
