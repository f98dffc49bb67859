/**
 * The view store both drill runtimes share (the windows' DrillRuntime and the drill server's
 * ServerDrillRuntime): one immutable view object, replaced on each change, for React's
 * useSyncExternalStore; nothing is published once the runtime is disposed.
 */
import type { DrillEvent } from '@/engine/record/schema';
import type { ClockView } from '@/runtime/protocol';
import type { DrillHeader } from '@/runtime/drill-header';
import type { StoredDrill } from '@/ui/persistence/drill-db';

export type RuntimeState = 'loading' | 'ready' | 'missing' | 'error';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface DrillRuntimeView<Snapshot = unknown> {
  state: RuntimeState;
  /** Why the drill can't be shown (state 'error'). */
  error: Bilingual | null;
  /** A write to storage failed: events are kept in memory; export them. Persistent until reload. */
  storageError: Bilingual | null;
  stored: StoredDrill | null;
  header: DrillHeader | null;
  events: readonly DrillEvent[];
  snapshot: Snapshot | null;
  clock: ClockView;
  isAuthority: boolean;
  /** Events accepted but not (yet) written to storage. */
  unsaved: number;
}


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
