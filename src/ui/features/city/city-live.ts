/**
 * DoIT's live city exercise in the browser (issue 11): the exercise's drills as the server's socket
 * tells them (city-protocol.ts), and from them the entries the board, the queue and the results
 * read (src/engine/city). A drill's record object changes only when its header or events do, so
 * the live scorer (createBoardScorer) re-scores only the agencies that changed.
 */
import { useEffect, useRef, useState } from 'react';
import type { CityEntry } from '@/engine/city/board';
import type { DrillEvent, DrillRecord } from '@/engine/record/schema';
import type { Level } from '@/engine/record/vocabulary';
import type { CityClientMessage, CityClockCommand, CityDrillView, CityExerciseView, CityServerMessage } from '@/ui/drill-runtime/city-protocol';
import { cityWsPath } from '@/ui/drill-runtime/city-protocol';
import type { ClockView, CommandResult } from '@/runtime/protocol';
import { toDrillRecord, type DrillHeader } from '@/ui/persistence/drill-header';

export interface LiveDrill {
  view: CityDrillView;
  record: DrillRecord;
  /** When the clock was last told (performance.now()), to interpolate between announcements. */
  clockAt: number;
}

export interface LiveCity {
  exercise: CityExerciseView | null;
  drills: LiveDrill[];
  error: string | null;
  connected: boolean;
}

/** Applies one server message to the drills held (pure; the hook keeps the result). */
export function applyCityMessage(drills: readonly LiveDrill[], m: CityServerMessage, at: number): LiveDrill[] {
  const make = (view: CityDrillView): LiveDrill => ({ view, record: toDrillRecord(view.header as DrillHeader, view.events), clockAt: at });
  if (m.kind === 'welcome') return m.drills.map(make);
  if (m.kind === 'drill') {
    const i = drills.findIndex((d) => d.view.drillId === m.drill.drillId);
    return i < 0 ? [...drills, make(m.drill)] : drills.map((d, j) => (j === i ? make(m.drill) : d));
  }
  if (m.kind !== 'agency') return drills as LiveDrill[];
  const i = drills.findIndex((d) => d.view.drillId === m.drillId);
  if (i < 0) return drills as LiveDrill[];
  const d = drills[i];
  const inner = m.message;
  let next: LiveDrill = d;
  if (inner.kind === 'events') {
    const last = d.view.events.at(-1)?.seq ?? 0;
    const fresh = inner.events.filter((e: DrillEvent) => e.seq > last);
    if (fresh.length === 0) return drills as LiveDrill[];
    const events = [...d.view.events, ...fresh];
    next = { ...d, view: { ...d.view, events }, record: { ...d.record, events } };
  } else if (inner.kind === 'clock') {
    next = { ...d, view: { ...d.view, clock: inner.clock }, clockAt: at };
  } else return drills as LiveDrill[];
  return drills.map((x, j) => (j === i ? next : x));
}

/** The simulated now of a drill's clock at `at` (performance.now()), between announcements. */
export function simNowAt(clock: ClockView, clockAt: number, at: number): number {
  return clock.running ? clock.simNowMs + (at - clockAt) * clock.speed : clock.simNowMs;
}

/** The agency drills that have started, as the board's entries (re-drills are not on the board). */
export function liveEntries(drills: readonly LiveDrill[]): CityEntry[] {
  return drills
    .filter((d) => d.view.redrillOf === undefined && d.record.events.length > 0)
    .map((d) => ({ key: d.view.drillId, name: d.record.agency.name, type: d.record.agency.type, record: d.record }));
}

let counter = 0;
const newId = () => `city-${Date.now().toString(36)}-${(++counter).toString(36)}`;

/** DoIT's socket to one exercise: the drills as told, and the shared clock's and the queue's commands. */
export function useLiveCity(exerciseId: string) {
  const [state, setState] = useState<LiveCity>({ exercise: null, drills: [], error: null, connected: false });
  const ws = useRef<WebSocket | null>(null);
  const waiting = useRef(new Map<string, (r: { drillId: string; result: CommandResult }[]) => void>());
  useEffect(() => {
    let alive = true;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const connect = () => {
      const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${cityWsPath(exerciseId)}`);
      ws.current = socket;
      socket.onopen = () => alive && setState((s) => ({ ...s, connected: true }));
      socket.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as CityServerMessage;
        if (m.kind === 'result') {
          waiting.current.get(m.id)?.(m.results);
          waiting.current.delete(m.id);
          return;
        }
        if (m.kind === 'refused') {
          setState((s) => ({ ...s, error: `${m.reason.zh} / ${m.reason.en}` }));
          return;
        }
        const at = performance.now();
        setState((s) => ({ ...s, error: null, ...(m.kind === 'welcome' ? { exercise: m.exercise } : {}), drills: applyCityMessage(s.drills, m, at) }));
      };
      socket.onclose = (e) => {
        if (!alive) return;
        setState((s) => ({ ...s, connected: false }));
        // A dropped connection comes back with a fresh welcome; a refusal (4xxx) does not retry.
        if (e.code < 4000) retry = setTimeout(connect, 1000);
      };
    };
    connect();
    return () => {
      alive = false;
      if (retry) clearTimeout(retry);
      ws.current?.close();
    };
  }, [exerciseId]);
  const send = (m: CityClientMessage) =>
    new Promise<{ drillId: string; result: CommandResult }[]>((resolve) => {
      waiting.current.set(m.id, resolve);
      ws.current?.send(JSON.stringify(m));
    });
  return {
    ...state,
    clock: (command: CityClockCommand) => send({ kind: 'clock', id: newId(), command }),
    review: (drillId: string, level: Level) => send({ kind: 'review', id: newId(), drillId, level }),
  };
}
