/**
 * The browser facilities the runtime needs, behind small interfaces so tests can give two
 * "windows" a shared channel and lock in one process.
 */
import { wallIso } from '@/ui/lib/time-format';
import type { RuntimeMessage } from './protocol';

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
export type RequestLock = (name: string, holder: () => Promise<void>) => void;

export interface RuntimeEnvironment {
  openChannel(name: string): ChannelLike;
  /** null: no Web Locks (jsdom, old browsers): this window is the authority. */
  requestLock: RequestLock | null;
  /** Monotonic real time in ms (performance.now()). */
  now(): number;
  /** Real time of day as ISO 8601 with offset, for events' `wall`. */
  wallIso(): string;
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
        ? (name, holder) => {
            void locks.request(name, { mode: 'exclusive' }, holder);
          }
        : null,
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
