/**
 * One drill on the server: the engine's drill session (through session-host.ts, the same adapter
 * the browser's authority window uses) behind one writer queue. For each command, in order:
 * the engine validates it → the store makes its events durable → every socket gets them, with
 * their seq → the asking socket gets the result. If the store fails, the session is rebuilt from
 * what is stored, the command is refused, and nothing is announced.
 *
 * The simulated clock runs here; sockets get `{simNowMs, speed, running}` and interpolate.
 */
import type { DrillEvent } from '@/engine/record/schema';
import { reason, type Reason } from '@/engine/drill/reason';
import { sessionFactory, type DrillSnapshot } from '@/ui/drill-runtime/session-host';
import type { SessionHost } from '@/ui/drill-runtime/drill-runtime';
import type { ClockView, CommandResult, RuntimeCommand } from '@/ui/drill-runtime/protocol';
import type { Identity, ServerMessage } from '@/ui/drill-runtime/server-protocol';
import type { DrillHeader } from '@/ui/persistence/drill-header';
import { authorize } from './authorize';
import type { DrillMeta, DrillStore, StoredEntry } from './store/store';

export interface DrillSocket {
  me: Identity;
  linkId: string | null;
  send(message: ServerMessage): void;
  close(code: number, why: string): void;
}

/**
 * How often the running clock is told to sockets (they interpolate in between) and saved. The clock
 * is re-derivable (a restart resumes paused, never before the last event), so a periodic save can be
 * sparse; clock commands save it at once. Ticks fire injects and deadlines at their exact simulated
 * moments however coarse the tick (the engine's clock agenda), so one a second is enough.
 */
const CLOCK_ANNOUNCE_MS = 1000;
const CLOCK_SAVE_MS = 30_000;
const TICK_MS = 1000;
/** Clock commands write no event; their ids are kept in the meta so a retry after a restart is applied once. */
const KEPT_CLOCK_COMMANDS = 200;

export const storageFailedReason = (detail: string): Reason =>
  reason('storage-failed', `伺服器無法儲存此動作（${detail}），因此未記錄、也未通知任何人。請稍後再試。`, `The server could not store this action (${detail}), so it was not recorded and nobody was told. Try again later.`);

const factory = sessionFactory();

export class DrillHost {
  readonly id: string;
  meta: DrillMeta;
  private host: SessionHost<DrillSnapshot>;
  private entries: StoredEntry[];
  private readonly results = new Map<string, CommandResult>();
  readonly sockets = new Set<DrillSocket>();
  private queue: Promise<unknown> = Promise.resolve();
  private lastTick: number;
  private lastAnnounce = -Infinity;
  private lastSave = -Infinity;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(
    private readonly store: DrillStore,
    meta: DrillMeta,
    entries: StoredEntry[],
    private readonly now: () => number,
    private readonly wallIso: () => string,
  ) {
    this.id = meta.id;
    this.meta = meta;
    this.entries = entries;
    this.host = this.build(meta.clock);
    for (const e of entries) if (e.commandId) this.remember(e.commandId, e.event);
    this.lastTick = now();
  }

  get header(): DrillHeader {
    return this.meta.drill.header as DrillHeader;
  }

  private build(clock: unknown): SessionHost<DrillSnapshot> {
    const header = this.header;
    return factory.authority(header, this.entries.map((e) => e.event), clock ?? factory.initialClock(header));
  }

  /** A command already applied: its result is what it wrote (also after a restart). */
  private remember(commandId: string, event: DrillEvent): void {
    const prior = this.results.get(commandId);
    const events = prior && prior.ok ? [...prior.events, event] : [event];
    this.results.set(commandId, { ok: true, events, event });
  }

  events(): DrillEvent[] {
    return this.entries.map((e) => e.event);
  }

  lastSeq(): number {
    return this.entries.at(-1)?.event.seq ?? 0;
  }

  clock(): ClockView {
    return this.host.clock();
  }

  private broadcast(message: ServerMessage): void {
    for (const s of this.sockets) s.send(message);
  }

  /** Through the queue: one writer per drill. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Makes events durable, then announces them. False (nothing announced, session rebuilt) if the store failed. */
  private async commit(events: DrillEvent[], commandId: string | undefined): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    if (events.length === 0) return { ok: true };
    const entries: StoredEntry[] = events.map((event) => ({ event, ...(commandId ? { commandId } : {}) }));
    try {
      await this.store.append(this.id, entries);
    } catch (e) {
      // The session accepted events the store does not hold: go back to what is stored.
      const clock = this.host.clockState();
      const wasRunning = this.host.clock().running;
      this.host = this.build(clock);
      if (wasRunning) this.host.run({ kind: 'play' }, this.wallIso());
      return { ok: false, reason: storageFailedReason((e as Error).message) };
    }
    this.entries.push(...entries);
    for (const event of events) {
      if (commandId) this.remember(commandId, event);
      this.broadcast({ kind: 'event', event });
    }
    return { ok: true };
  }

  /** A socket's command: authorized from its session, run by the engine, stored, announced, answered. */
  submit(socket: DrillSocket, id: string, command: RuntimeCommand): Promise<CommandResult> {
    return this.enqueue(async () => {
      const done = this.results.get(id) ?? ((this.meta.clockCommands ?? []).includes(id) ? { ok: true as const, events: [] } : undefined);
      if (done) return done;
      const allowed = authorize(socket.me, command);
      if (!allowed.ok) return allowed;
      // Time that passed before the command counts first, so the command lands at "now".
      const fired = await this.tickNow();
      if (!fired.ok) return fired;
      const before = JSON.stringify(this.host.clock());
      const result = this.host.run(allowed.command, this.wallIso());
      if (!result.ok) return result;
      const stored = await this.commit(result.events, id);
      if (!stored.ok) return stored;
      if (result.events.length === 0) {
        // A clock command: its id is kept with the clock, saved before it is acknowledged.
        this.meta = { ...this.meta, clockCommands: [...(this.meta.clockCommands ?? []), id].slice(-KEPT_CLOCK_COMMANDS) };
        this.results.set(id, result);
      }
      if (result.events.length === 0 || JSON.stringify(this.host.clock()) !== before) {
        const saved = await this.saveClock();
        if (!saved.ok) return saved;
        this.announceClock(true);
      }
      return result;
    });
  }

  private async tickNow(): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    const now = this.now();
    const elapsed = Math.max(0, now - this.lastTick);
    this.lastTick = now;
    if (!this.host.clock().running) return { ok: true };
    const fired = this.host.tick(elapsed, this.wallIso());
    const stored = await this.commit(fired, undefined);
    if (stored.ok && fired.length > 0) this.announceClock(true);
    return stored;
  }

  private async saveClock(): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    this.meta = { ...this.meta, clock: this.host.clockState() };
    this.lastSave = this.now();
    try {
      await this.store.saveMeta(this.meta);
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: storageFailedReason((e as Error).message) };
    }
  }

  private announceClock(force: boolean): void {
    const now = this.now();
    if (!force && now - this.lastAnnounce < CLOCK_ANNOUNCE_MS) return;
    this.lastAnnounce = now;
    this.broadcast({ kind: 'clock', clock: this.host.clock(), lastSeq: this.lastSeq() });
  }

  /** Starts the clock driver: injects and deadlines fire on the server at their simulated moments. */
  startTicking(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.closed || !this.host.clock().running) return;
      void this.enqueue(async () => {
        await this.tickNow();
        this.announceClock(false);
        if (this.now() - this.lastSave >= CLOCK_SAVE_MS) await this.saveClock();
      });
    }, TICK_MS);
    this.timer.unref?.();
  }

  /** A socket says hello with the last seq it holds: it gets the drill and every event after it. */
  welcome(socket: DrillSocket, lastSeq: number): void {
    const from = Math.min(lastSeq, this.lastSeq());
    socket.send({
      kind: 'welcome',
      drillId: this.id,
      me: socket.me,
      stored: { ...this.meta.drill, eventCount: this.entries.length },
      header: this.header,
      fromSeq: from,
      events: this.entries.filter((e) => e.event.seq > from).map((e) => e.event),
      clock: this.host.clock(),
    });
  }

  /** Saves the meta (links, sessions) through the queue, so it never races a clock save. */
  updateMeta(change: (meta: DrillMeta) => DrillMeta): Promise<DrillMeta> {
    return this.enqueue(async () => {
      const next = change(this.meta);
      await this.store.saveMeta(next);
      this.meta = next;
      return next;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue;
    if (this.host.clock().running) await this.saveClock().catch(() => undefined);
  }
}
