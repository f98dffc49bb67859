/**
 * The drill runtime of a page served by the drill server: the WebSocket transport beside the
 * windows' BroadcastChannel. The server is the authority (src/server/drill-host.ts); this window
 * is a replica of it, with the same replica model as a BroadcastChannel replica (session-host.ts).
 *
 * - On (re)connecting it says hello with the last seq it holds; the server sends the rest.
 * - Every command carries an id. A command whose answer was lost with the connection is sent
 *   again, with the same id, once the socket is back: the server applies it once.
 * - Offline, `connection` says so and new commands are refused at once (never shown as recorded);
 *   the desk greys out its actions until the socket is back. A lost network does not always close
 *   a socket (a phone leaving Wi-Fi leaves it silent for minutes), so the browser's `offline` event
 *   drops it at once, `online` reconnects at once, and a socket silent through two heartbeats (the
 *   server answers each `ping` with a `pong`) is dropped and reconnected.
 * - The clock comes from the server ({simNowMs, speed, running}, at each change and every few
 *   seconds) and is interpolated here between announcements.
 */
import { runtimeWords } from '@/runtime/runtime-text';
import type { DrillEvent } from '@/engine/record/schema';
import type { Reason } from '@/engine/base/reason';
import { parseIsoMs } from '@/engine/time/taipei';
import type { StoredDrill } from '@/ui/persistence/drill-db';
import type { DrillHeader } from '@/ui/persistence/drill-header';
import type { DrillRuntimeView } from './drill-runtime';
import type { ReplicaModel, SessionFactory } from '@/runtime/session-host';
import type { ClockView, CommandResult, RuntimeCommand } from '@/runtime/protocol';
import { resultOf, tooLargeReason, wsPath, type HeldResult, type Identity, type ServerMessage } from '@/runtime/server-protocol';
import { loadingView, ViewStore } from './view-store';

export type Connection = 'connecting' | 'online' | 'offline';

export interface ServerRuntimeView<Snapshot = unknown> extends DrillRuntimeView<Snapshot> {
  connection: Connection;
  /** Who this browser is in the drill, as the server's session says. */
  me: Identity | null;
}

export const offlineReason: Reason = { code: 'offline', ...runtimeWords('offline') };

/** The part of a drill runtime that views and the registry use (DrillRuntime and this class). */
export interface DrillRuntimeLike<Snapshot = unknown> {
  readonly drillId: string;
  subscribe(listener: () => void): () => void;
  getView(): DrillRuntimeView<Snapshot>;
  command(command: RuntimeCommand): Promise<CommandResult>;
  start(): Promise<void>;
  dispose(): Promise<void>;
  liveClock(): ClockView;
  exportEvents(): DrillEvent[];
}

const RECONNECT_MS = [500, 1000, 2000, 4000, 8000];
const INTERPOLATE_MS = 250;
/** A socket that hears nothing (not even a pong) for two of these is taken as lost. */
export const HEARTBEAT_MS = 10_000;

let commandCounter = 0;
const newCommandId = (): string => {
  const rand = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : Math.random().toString(36).slice(2);
  return `${rand}-${++commandCounter}`;
};

export class ServerDrillRuntime<Snapshot = unknown> extends ViewStore<ServerRuntimeView<Snapshot>> implements DrillRuntimeLike<Snapshot> {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private interpolateTimer: ReturnType<typeof setInterval> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  /** Heartbeat: a message came since the last beat; a ping went out and nothing came back yet. */
  private heardSinceBeat = false;
  private pingOutstanding = false;
  private readonly onOffline = () => this.drop();
  private readonly onOnline = () => {
    if (this.ws || this.disposed) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.attempts = 0;
    this.connect();
  };
  private model: ReplicaModel<Snapshot> | null = null;
  private heard: { clock: ClockView; at: number } | null = null;
  /** Commands sent and not yet answered, by id: sent again after a reconnect. */
  private pending = new Map<string, { command: RuntimeCommand; resolve: (r: CommandResult) => void }>();

  constructor(
    readonly drillId: string,
    private readonly factory: SessionFactory<Snapshot>,
    private readonly url: string = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${wsPath(drillId)}`,
  ) {
    super({ ...loadingView<Snapshot>(), connection: 'connecting', me: null });
  }

  async start(): Promise<void> {
    this.connect();
    this.interpolateTimer = setInterval(() => {
      if (this.heard?.clock.running) this.publishClock(this.liveClock());
    }, INTERPOLATE_MS);
    this.heartbeatTimer = setInterval(() => this.beat(), HEARTBEAT_MS);
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onOffline);
      window.addEventListener('online', this.onOnline);
    }
  }

  /** Silent since the last ping: the socket is lost. Quiet: ask for a pong. */
  private beat(): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    if (this.heardSinceBeat) {
      this.heardSinceBeat = false;
      this.pingOutstanding = false;
      return;
    }
    if (this.pingOutstanding) return this.drop();
    this.pingOutstanding = true;
    ws.send(JSON.stringify({ kind: 'ping' }));
  }

  /** The network is gone though the socket never closed: offline now, and reconnect. */
  private drop(): void {
    const ws = this.ws;
    if (!ws || this.disposed) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    ws.close();
    this.lost();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.interpolateTimer) clearInterval(this.interpolateTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onOffline);
      window.removeEventListener('online', this.onOnline);
    }
    for (const p of this.pending.values()) p.resolve({ ok: false, reason: offlineReason });
    this.pending.clear();
    this.ws?.close();
    this.ws = null;
  }

  private connect(): void {
    if (this.disposed) return;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    this.heardSinceBeat = false;
    this.pingOutstanding = false;
    ws.onopen = () => ws.send(JSON.stringify({ kind: 'hello', lastSeq: this.view.events.at(-1)?.seq ?? 0 }));
    ws.onmessage = (e) => {
      this.heardSinceBeat = true;
      try {
        this.receive(JSON.parse(String(e.data)) as ServerMessage);
      } catch {
        // A message we cannot read: the next welcome (or event) puts us right.
      }
    };
    ws.onclose = (e) => {
      if (this.ws !== ws || this.disposed) return;
      this.ws = null;
      // 4001: no session or revoked; 4004: no such drill; 4003: wrong origin. No point retrying.
      if (e.code === 4004) return this.publish({ state: 'missing', connection: 'offline' });
      if (e.code === 4001 || e.code === 4003) {
        for (const p of this.pending.values()) p.resolve({ ok: false, reason: offlineReason });
        this.pending.clear();
        return this.publish({ connection: 'offline', ...(this.view.state !== 'ready' || e.code === 4003 ? { state: 'error' as const } : {}) });
      }
      this.lost();
    };
  }

  /** Offline until a new socket is welcomed; commands awaiting an answer are sent again then. */
  private lost(): void {
    this.ws = null;
    this.publish({ connection: 'offline' });
    const wait = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)];
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), wait);
  }

  private receive(m: ServerMessage): void {
    switch (m.kind) {
      case 'welcome':
        this.attempts = 0;
        this.welcome(m);
        // Commands whose answer was lost with the old socket: again, same id (applied once).
        for (const [id, p] of this.pending) this.ws?.send(JSON.stringify({ kind: 'command', id, command: p.command }));
        return;
      case 'events':
        for (const e of m.events) this.receiveEvent(e);
        // This socket's commands that these events answer (no result message follows for them).
        if (m.answers) for (const id of Object.keys(m.answers)) this.settle(id, m.answers[id]);
        return;
      case 'clock':
        this.heard = { clock: m.clock, at: performance.now() };
        this.publishClock(m.clock);
        if (m.lastSeq > (this.view.events.at(-1)?.seq ?? 0)) this.resync();
        return;
      case 'result':
        this.settle(m.id, m.result);
        return;
      case 'refused': {
        if (m.id) {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          p?.resolve({ ok: false, reason: m.reason });
        } else if (this.view.state === 'loading') {
          this.publish({ state: 'error', error: { zh: m.reason.zh, en: m.reason.en } });
        }
        return;
      }
      case 'pong':
        return;
      case 'revoked':
        this.publish({ state: 'error', error: { zh: m.reason.zh, en: m.reason.en }, connection: 'offline' });
        return;
    }
  }

  /** A pending command's result, where told by seq: from the events this socket holds. */
  private settle(id: string, told: CommandResult | HeldResult): void {
    const p = this.pending.get(id);
    if (!p) return;
    // Told by seq: the events came just before, on this socket. Were one missing, ask for the
    // drill again: the welcome sends the command again, and its retry is answered in full.
    const result = resultOf(told, (seq) => this.heldEvent(seq));
    if (!result) return this.resync();
    this.pending.delete(id);
    p.resolve(result);
  }

  private welcome(m: Extract<ServerMessage, { kind: 'welcome' }>): void {
    const header = m.header as DrillHeader;
    const held = this.view.events.filter((e) => e.seq <= m.fromSeq);
    const events = [...held, ...m.events];
    this.heard = { clock: m.clock, at: performance.now() };
    const stored = m.stored as unknown as StoredDrill;
    try {
      if (!this.model || held.length !== this.view.events.length || !this.view.header) {
        this.model = this.factory.replica(header, events);
      } else {
        for (const e of m.events) if (!this.model.apply(e)) this.model = this.factory.replica(header, events);
      }
      this.publish({ state: 'ready', error: null, header, stored, events, clock: m.clock, snapshot: this.model.snapshot(m.clock), connection: 'online', me: m.me });
    } catch (e) {
      this.publish({ state: 'error', header, stored, events, error: runtimeWords('notRebuilt', { detail: String(e) }) });
    }
  }

  /** The clock; the snapshot changes only when the clock passed its limit (derived again then). */
  private publishClock(clock: ClockView): void {
    const snapshot = this.model?.snapshot(clock) ?? this.view.snapshot;
    this.publish(snapshot === this.view.snapshot ? { clock } : { clock, snapshot });
  }

  /** The event with this seq among those held (they run in seq order, from the first held). */
  private heldEvent(seq: number): DrillEvent | undefined {
    const events = this.view.events;
    const guess = events[seq - (events[0]?.seq ?? 1)];
    return guess?.seq === seq ? guess : events.find((e) => e.seq === seq);
  }

  /** A gap: ask the server again from the last seq held (it answers with a welcome). */
  private resync(): void {
    this.ws?.send(JSON.stringify({ kind: 'hello', lastSeq: this.view.events.at(-1)?.seq ?? 0 }));
  }

  private receiveEvent(event: DrillEvent): void {
    const last = this.view.events.at(-1)?.seq ?? 0;
    if (event.seq <= last) return;
    if (event.seq !== last + 1 || !this.view.header) return this.resync();
    const events = [...this.view.events, event];
    const atMs = parseIsoMs(event.at);
    const clock = atMs > this.view.clock.simNowMs ? { ...this.view.clock, simNowMs: atMs } : this.view.clock;
    let applied = false;
    try {
      applied = this.model?.apply(event) ?? false;
    } catch {
      applied = false;
    }
    if (!applied) this.model = this.factory.replica(this.view.header, events);
    this.publish({ events, clock, snapshot: this.model!.snapshot(clock) });
  }

  command(command: RuntimeCommand): Promise<CommandResult> {
    const ws = this.ws;
    if (this.disposed || !ws || ws.readyState !== WebSocket.OPEN || this.view.connection !== 'online') return Promise.resolve({ ok: false, reason: offlineReason });
    const id = newCommandId();
    const text = JSON.stringify({ kind: 'command', id, command });
    // Refused here, as the server would, and never sent: one above the socket's limit would close it.
    const tooLarge = tooLargeReason(text);
    if (tooLarge) return Promise.resolve({ ok: false, reason: tooLarge });
    return new Promise((resolve) => {
      this.pending.set(id, { command, resolve });
      ws.send(text);
    });
  }

  liveClock(): ClockView {
    const heard = this.heard;
    if (!heard || !heard.clock.running) return this.view.clock;
    return { ...heard.clock, simNowMs: heard.clock.simNowMs + (performance.now() - heard.at) * heard.clock.speed };
  }

  exportEvents(): DrillEvent[] {
    return [...this.view.events];
  }
}
