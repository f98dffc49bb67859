/**
 * One runtime per drill per window, shared by every view of that window (the console and its
 * panels, or a desk), counted so the last view to leave stops it.
 */
import { DrillRuntime, type SessionFactory } from './drill-runtime';
import { browserEnvironment, type RuntimeEnvironment } from './transport';

interface Entry {
  runtime: DrillRuntime;
  users: number;
  disposeTimer: ReturnType<typeof setTimeout> | null;
}

const entries = new Map<string, Entry>();
let defaults: { env: () => RuntimeEnvironment; factory: () => SessionFactory } | null = null;

/** Set once by the runtime's public entry: the browser environment and the engine's session. */
export function configureRuntimes(env: () => RuntimeEnvironment, factory: () => SessionFactory): void {
  defaults = { env, factory };
}

export function acquireRuntime(drillId: string): DrillRuntime {
  const existing = entries.get(drillId);
  if (existing) {
    existing.users += 1;
    if (existing.disposeTimer) clearTimeout(existing.disposeTimer);
    existing.disposeTimer = null;
    return existing.runtime;
  }
  if (!defaults) throw new Error('drill runtime: configureRuntimes() was not called');
  const runtime = new DrillRuntime(drillId, defaults.env?.() ?? browserEnvironment(), defaults.factory());
  entries.set(drillId, { runtime, users: 1, disposeTimer: null });
  void runtime.start();
  if (typeof window !== 'undefined') {
    // Closing or reloading the window: stop the clock and write where it stood.
    window.addEventListener('pagehide', () => void runtime.dispose(), { once: true });
  }
  return runtime;
}

export function releaseRuntime(drillId: string): void {
  const entry = entries.get(drillId);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  // Deferred: React may unmount and mount again at once (StrictMode, a route re-render).
  entry.disposeTimer = setTimeout(() => {
    if (entry.users > 0) return;
    entries.delete(drillId);
    void entry.runtime.dispose();
  }, 100);
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
