/**
 * One runtime per drill per window, shared by every view of that window (the console and its
 * panels, or a desk), counted so the last view to leave stops it.
 */
import { DrillRuntime } from './drill-runtime';
import type { SessionFactory } from '@/runtime/session-host';
import { browserEnvironment, type RuntimeEnvironment } from './transport';
import { ServerDrillRuntime, type DrillRuntimeLike } from './ws-runtime';
import { isServerMode } from './server-mode';

interface Entry {
  runtime: DrillRuntimeLike;
  users: number;
  disposeTimer: ReturnType<typeof setTimeout> | null;
}

const entries = new Map<string, Entry>();
let defaults: { env: () => RuntimeEnvironment; factory: () => SessionFactory } | null = null;

/** Set once by the runtime's public entry: the browser environment and the engine's session. */
export function configureRuntimes(env: () => RuntimeEnvironment, factory: () => SessionFactory): void {
  defaults = { env, factory };
}

/**
 * The window's runtime for a drill, created on first use. Safe to call during render (React may
 * call it twice): it does not count a user. A runtime nobody retains within a second is stopped.
 */
export function runtimeFor(drillId: string): DrillRuntimeLike {
  const existing = entries.get(drillId);
  if (existing) return existing.runtime;
  if (!defaults) throw new Error('drill runtime: configureRuntimes() was not called');
  // Served by the drill server: the server is the authority, reached over a WebSocket.
  const runtime: DrillRuntimeLike = isServerMode()
    ? new ServerDrillRuntime(drillId, defaults.factory())
    : new DrillRuntime(drillId, defaults.env?.() ?? browserEnvironment(), defaults.factory());
  const entry: Entry = { runtime, users: 0, disposeTimer: null };
  entries.set(drillId, entry);
  scheduleDispose(drillId, entry, 1000);
  void runtime.start();
  if (typeof window !== 'undefined') {
    // Closing or reloading the window: stop the clock and write where it stood.
    window.addEventListener('pagehide', () => void runtime.dispose(), { once: true });
  }
  return runtime;
}

/** A view starts using the drill's runtime (from an effect). */
export function retainRuntime(drillId: string): DrillRuntimeLike {
  const runtime = runtimeFor(drillId);
  const entry = entries.get(drillId)!;
  entry.users += 1;
  if (entry.disposeTimer) clearTimeout(entry.disposeTimer);
  entry.disposeTimer = null;
  return runtime;
}

export function releaseRuntime(drillId: string): void {
  const entry = entries.get(drillId);
  if (!entry) return;
  entry.users = Math.max(0, entry.users - 1);
  // Deferred: React may unmount and mount again at once (StrictMode, a route re-render).
  if (entry.users === 0) scheduleDispose(drillId, entry, 100);
}

function scheduleDispose(drillId: string, entry: Entry, ms: number): void {
  if (entry.disposeTimer) clearTimeout(entry.disposeTimer);
  entry.disposeTimer = setTimeout(() => {
    if (entry.users > 0 || entries.get(drillId) !== entry) return;
    entries.delete(drillId);
    void entry.runtime.dispose();
  }, ms);
}

/** Test helper: stop every runtime of this "window". */
export async function disposeAllRuntimes(): Promise<void> {
  const all = [...entries.values()];
  entries.clear();
  for (const e of all) {
    if (e.disposeTimer) clearTimeout(e.disposeTimer);
    await e.runtime.dispose();
  }
}
