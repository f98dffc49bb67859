/**
 * The view store both drill runtimes share (the windows' DrillRuntime and the drill server's
 * ServerDrillRuntime): one immutable view object, replaced on each change, for React's
 * useSyncExternalStore; nothing is published once the runtime is disposed.
 */
import type { DrillRuntimeView } from './drill-runtime';

/** The view of a drill before anything is loaded. */
export function loadingView<Snapshot>(): DrillRuntimeView<Snapshot> {
  return {
    state: 'loading',
    error: null,
    storageError: null,
    stored: null,
    header: null,
    events: [],
    snapshot: null,
    clock: { simNowMs: 0, running: false, speed: 1 },
    isAuthority: false,
    unsaved: 0,
  };
}

export class ViewStore<View extends object> {
  protected view: View;
  protected disposed = false;
  private listeners = new Set<() => void>();

  constructor(initial: View) {
    this.view = initial;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): View => this.view;

  protected publish(patch: Partial<View>): void {
    if (this.disposed) return;
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }
}
