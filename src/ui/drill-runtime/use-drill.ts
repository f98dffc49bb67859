/**
 * `useDrill(drillId)`: everything a view of a running drill needs, in any window.
 *
 * - `state`: 'loading' | 'ready' | 'missing' (no such drill) | 'error' (`error` says why, zh/en).
 * - `header`, `record` (the drill record: header + every event), `snapshot` (the engine session's
 *   snapshot: incident state, injects with their status, inbox and available actions per role),
 *   `clock` { simNowMs, running, speed }, `score` (the snapshot's: scoreRecord as at the clock's now,
 *   derived again at each event and each crossed limit; null before T0).
 * - `dispatch({ type, actor: { role, name }, data })` → Promise<{ ok: true, event } | { ok: false, reason }>:
 *   a participant's action. The engine (in the authority window) accepts it — mistakes included — or
 *   refuses the impossible with `reason` { code, zh, en }. Resolves after the event is stored.
 * - facilitator controls: start, play, pause, setSpeed, jumpBy, jumpToNextInject,
 *   jumpToNextDeadline, deliverNow, skip, composeAdHoc, startOutage, endOutage, endDrill, addNote.
 * - `storageError` (zh/en) when a write failed, and `exportRecord()` (the JSON text of the record,
 *   unsaved events included) / `downloadRecord()` to save it.
 *
 * Nothing here copies the engine's state: it is all derived from the log the runtime holds.
 */
import { runtimeWords } from '@/runtime/runtime-text';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { DrillRecord } from '@/engine/record/schema';
import type { ActorRole } from '@/engine/record/vocabulary';
import type { ScoreResult } from '@/engine/scoring/types';
import { toDrillRecord, type DrillHeader } from '@/ui/persistence/drill-header';
import { readWhatYouCan } from '@/ui/persistence/drill-db';
import { downloadText } from '@/ui/lib/download';
import type { DrillRuntimeView } from './drill-runtime';
import type { DrillRuntimeLike as DrillRuntime, Connection } from './ws-runtime';
import type { Identity } from '@/runtime/server-protocol';
import type { ActionCommand, AdHocInject, CommandResult, RuntimeCommand } from '@/runtime/protocol';
import { releaseRuntime, retainRuntime, runtimeFor } from './runtime-registry';
import { useSessionKinds } from './session-kind';
import type { DrillSnapshot } from '@/runtime/session-host';

export type { DispatchResult } from '@/engine/drill/drill-session';
import type { DispatchResult } from '@/engine/drill/drill-session';

export interface DrillControls {
  /** Records drill.started and incident.aware at T0 (the console's "start"). */
  start(): Promise<CommandResult>;
  play(): Promise<CommandResult>;
  pause(): Promise<CommandResult>;
  setSpeed(speed: number): Promise<CommandResult>;
  setAutoPause(options: { injects: boolean; limits: boolean }): Promise<CommandResult>;
  jumpBy(ms: number): Promise<CommandResult>;
  jumpToNextInject(): Promise<CommandResult>;
  jumpToNextDeadline(): Promise<CommandResult>;
  deliverNow(injectId: string): Promise<CommandResult>;
  skip(injectId: string): Promise<CommandResult>;
  unskip(injectId: string): Promise<CommandResult>;
  composeAdHoc(inject: AdHocInject): Promise<CommandResult>;
  startOutage(what: string): Promise<CommandResult>;
  endOutage(what: string): Promise<CommandResult>;
  endDrill(): Promise<CommandResult>;
  addNote(text: string): Promise<CommandResult>;
}

/** The runtime's view (state, header, events, snapshot, clock, …) plus what is derived from it and the controls. */
export interface UseDrill extends DrillControls, DrillRuntimeView<DrillSnapshot> {
  record: DrillRecord | null;
  score: ScoreResult | null;
  dispatch(cmd: { type: string; actor: { role: ActorRole; name?: string }; data?: Record<string, unknown> }): Promise<DispatchResult>;
  exportRecord(): string;
  downloadRecord(): void;
  /** The runtime itself (tests, the benchmark). */
  runtime: DrillRuntime;
  /** Served by the drill server: whether its socket is up (absent in the browser-only mode). */
  connection?: Connection;
  /** Served by the drill server: who this browser is in the drill, from its session. */
  me?: Identity | null;
}

const facilitator = { role: 'facilitator' as const };

function controlsOf(runtime: DrillRuntime): DrillControls & { dispatch: UseDrill['dispatch'] } {
  const run = (command: RuntimeCommand) => runtime.command(command);
  const act = (action: ActionCommand) => run({ kind: 'action', action });
  return {
    dispatch: async (action) => {
      const result = await act(action);
      if (!result.ok) return result;
      const event = result.event ?? result.events.at(-1);
      if (!event) return { ok: false, reason: { code: 'no-event', ...runtimeWords('noEvent') } };
      return { ...result, event };
    },
    start: () => run({ kind: 'start' }),
    play: () => run({ kind: 'play' }),
    pause: () => run({ kind: 'pause' }),
    setSpeed: (speed) => run({ kind: 'set-speed', speed }),
    setAutoPause: ({ injects, limits }) => run({ kind: 'set-auto-pause', injects, limits }),
    jumpBy: (ms) => run({ kind: 'jump-by', ms }),
    jumpToNextInject: () => run({ kind: 'jump-next-inject' }),
    jumpToNextDeadline: () => run({ kind: 'jump-next-deadline' }),
    deliverNow: (injectId) => run({ kind: 'deliver-now', injectId }),
    skip: (injectId) => run({ kind: 'skip', injectId }),
    unskip: (injectId) => run({ kind: 'unskip', injectId }),
    composeAdHoc: (inject) => run({ kind: 'compose', inject }),
    startOutage: (what) => act({ type: 'outage.started', actor: facilitator, data: { what } }),
    endOutage: (what) => act({ type: 'outage.ended', actor: facilitator, data: { what } }),
    endDrill: () => run({ kind: 'end' }),
    addNote: (text) => act({ type: 'ui.note.added', actor: facilitator, data: { text } }),
  };
}

/** The drill record of a runtime's view (header + every event this window holds). */
export function recordOf(view: Pick<DrillRuntimeView, 'header' | 'events'>): DrillRecord | null {
  return view.header ? toDrillRecord(view.header, [...view.events]) : null;
}

export function useDrill(drillId: string): UseDrill {
  // One runtime per drill per window: looked up during render (so the first paint subscribes),
  // counted from an effect (so a render React throws away holds nothing).
  const runtime = useMemo(() => runtimeFor(drillId), [drillId]);
  useEffect(() => {
    retainRuntime(drillId);
    return () => releaseRuntime(drillId);
  }, [drillId]);
  const view = useSyncExternalStore(runtime.subscribe, runtime.getView, runtime.getView) as DrillRuntimeView<DrillSnapshot>;
  const controls = useMemo(() => controlsOf(runtime), [runtime]);
  const meKind = (view as { me?: Identity | null }).me?.kind;
  useEffect(() => {
    if (meKind) useSessionKinds.getState().remember(drillId, meKind);
  }, [drillId, meKind]);
  const record = useMemo(() => recordOf(view), [view.header, view.events]); // eslint-disable-line react-hooks/exhaustive-deps
  // Derived by the runtime once per event and once per crossed limit, not at every clock tick.
  const score = view.snapshot?.score ?? null;

  return {
    ...view,
    record,
    score,
    ...controls,
    exportRecord: () => JSON.stringify(recordOf(runtime.getView()), null, 2),
    downloadRecord: () => void downloadRecord(runtime),
    runtime,
  };
}

/**
 * Saves the record as a file. When the drill could not be loaded (damaged storage), saves whatever
 * rows can still be read instead: the export is never empty-handed and nothing is deleted.
 */
async function downloadRecord(runtime: DrillRuntime): Promise<void> {
  const view = runtime.getView();
  const name = `${runtime.drillId}.drill-record.json`;
  if (view.header) {
    downloadText(name, JSON.stringify(recordOf(view), null, 2));
    return;
  }
  const read = await readWhatYouCan(runtime.drillId);
  const header = read.drill?.header as Partial<DrillHeader> | undefined;
  const salvage = {
    format: 'taipei-drill-record/1',
    ...(header?.agency ? { agency: header.agency } : {}),
    ...(header?.scenario ? { scenario: header.scenario } : {}),
    ...(header?.participants ? { participants: header.participants } : {}),
    events: read.events.length ? read.events : [...view.events],
    salvage: { drillId: runtime.drillId, problems: read.problems, storedDrill: read.drill ?? null },
  };
  downloadText(name, JSON.stringify(salvage, null, 2));
}
