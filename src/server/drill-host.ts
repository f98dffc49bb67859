/**
 * One drill on the server: the engine's drill session (through session-host.ts, the same adapter
 * the browser's authority window uses) behind one writer queue. For each command, in order:
 * the engine validates it → the store makes its events durable → every socket gets them, with
 * their seq and the results they answer → an asking socket that did not get them gets its result
 * (a clock command, a refusal, a socket yet to say hello). If the store fails, the session is rebuilt from
 * what is stored, the command is refused, and nothing is announced.
 *
 * The simulated clock runs here; sockets get `{simNowMs, speed, running}` and interpolate.
 */
import type { DrillEvent } from '@/engine/record/schema';
import { reason, type Reason } from '@/engine/base/reason';
import { sessionFactory, type DrillSnapshot, type SessionHost } from '@/runtime/session-host';
import type { ClockView, CommandResult, RuntimeCommand } from '@/runtime/protocol';
import { eventsFrame, heldResult, type HeldResult, type Identity, type ServerMessage } from '@/runtime/server-protocol';
import type { DrillHeader } from '@/runtime/drill-header';
import { authorize } from './authorize';
import { commandTimings } from './command-timings';
import type { DrillMeta, DrillStore, LoadedDrill, StoredEntry } from './store/store';
import { serverPair } from './server-text';

export interface DrillSocket {
  me: Identity;
  linkId: string | null;
  send(message: ServerMessage): void;
  /** The same, already serialized (a broadcast serializes once for every socket). */
  sendText(text: string | Buffer): void;
  close(code: number, why: string): void;
  /**
   * Holds this socket's writes until `uncork` (optional): a drain's broadcast and the results it
   * answers leave in one write per socket instead of one per message (issue 9).
   */
  cork?(): void;
  uncork?(): void;
}

/**
 * How often the running clock is told to sockets between changes, and saved. Sockets interpolate
 * ({simNowMs, speed, running}), so the clock is told at once when it changes (a clock command, an
 * event that fired, a stop by itself: auto-pause) and otherwise only as a resync every few seconds
 * (issue 9: once a second, 100 drills' clocks were 1,000 socket writes a second beside the bursts).
 * The clock is re-derivable (a restart resumes paused, never before the last event), so a periodic
 * save can be sparse; clock commands save it at once. Ticks fire injects and deadlines at their
 * exact simulated moments however coarse the tick (the engine's clock agenda), so one a second is enough.
 */
const CLOCK_ANNOUNCE_MS = 5000;
const CLOCK_SAVE_MS = 30_000;
const TICK_MS = 1000;
/** Clock commands write no event; their ids are kept in the meta so a retry after a restart is applied once. */
const KEPT_CLOCK_COMMANDS = 200;
/**
 * A takeover runs a running clock on (by the wall time since its save) only if that save is this
 * recent (a writer saves every CLOCK_SAVE_MS): a drill left running by a server stopped long ago
 * resumes paused, as after any restart, instead of racing through hours of injects.
 */
const TAKEOVER_FRESH_MS = 2 * CLOCK_SAVE_MS;

export const storageFailedReason = (detail: string): Reason =>
  reason('storage-failed', ...serverPair('host.storageFailed', { detail }));

const factory = sessionFactory();

/**
 * Settles a command: its result, and what the asking socket already has of it. `held`: the result's
 * events (the broadcast it was just sent), so the result can name them by seq (server-protocol.ts
 * `HeldResult`); `answered`: the result itself, in that broadcast's `answers`, so nothing more is
 * sent. Absent: the result in full.
 */
export type Settle = (result: CommandResult, told?: 'held' | 'answered') => void;

/** Whether two clock views say the same (what comparing their JSON said, without building it). */
function sameClock(a: ClockView, b: ClockView): boolean {
  return (
    a.simNowMs === b.simNowMs &&
    a.running === b.running &&
    a.speed === b.speed &&
    (a.autoPause === undefined) === (b.autoPause === undefined) &&
    a.autoPause?.injects === b.autoPause?.injects &&
    a.autoPause?.limits === b.autoPause?.limits
  );
}
/** Events that change a drill's status in the home list. */
const STATUS_EVENTS = new Set(['drill.started', 'drill.ended']);

/** How a follower reaches its drill's writer (another server process; cluster.ts, issue 11). */
export interface FollowerLink {
  /** Hands a command to the writer, which authorizes it from `me` again; resolves with its result. */
  forward(me: Identity, linkId: string | null, id: string, command: RuntimeCommand): Promise<CommandResult>;
}

export interface DrillHostOptions {
  /**
   * Another process is this drill's writer (it holds the drill's lock, cluster.ts): commands are
   * forwarded to it, and its stored events and clock are fanned out to this process's sockets.
   */
  follower?: FollowerLink;
  /** Taking over from a writer that died: a running clock keeps running from its last save. */
  takeover?: boolean;
  /** The writer tells other processes of its clock (at each change and every few seconds). */
  publishClock?: (clock: ClockView, lastSeq: number) => void;
}

/** How often a writer with followers publishes its running clock between changes. */
const CLOCK_PUBLISH_MS = 5000;

/** A command waiting for its drill's writer. */
interface Waiting {
  socket: DrillSocket;
  id: string;
  command: RuntimeCommand;
  resolve: Settle;
  /** When it reached the writer (performance.now()): the server's own time per command. */
  arrived: number;
}

/** A command of a drain, once run by the engine (accepted), refused, or found done before. */
interface Ran {
  job: Waiting;
  result: CommandResult;
  /** Run now and accepted (its events, if any, are in this drain). */
  accepted: boolean;
}

/** What the engine made of a drain: what to store, what each command gets, and the clock's part. */
interface Staged {
  entries: StoredEntry[];
  /** The clock fired something (an inject, awareness) before the commands: the clock is told. */
  fired: boolean;
  ran: Ran[];
  /** Clock commands (they write no event), saved with the clock before they are acknowledged. */
  clockIds: string[];
  clockMoved: boolean;
  /** The results that ride in the broadcast, by command id. */
  told: Record<string, HeldResult> | undefined;
}

const STORED = { ok: true } as const;
const eventJsonOf = (e: StoredEntry): string => JSON.stringify(e.event);
/** A clock command applied before (its id kept with the clock): done, with no events. */
const CLOCK_DONE: CommandResult = { ok: true, events: [] };

export class DrillHost {
  readonly id: string;
  meta: DrillMeta;
  private host: SessionHost<DrillSnapshot>;
  private entries: StoredEntry[];
  private readonly results = new Map<string, CommandResult>();
  readonly sockets = new Set<DrillSocket>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Commands waiting for the writer (taken together at the next drain). */
  private waiting: Waiting[] = [];
  private lastTick: number;
  private lastAnnounce = -Infinity;
  /** The clock as last told to sockets: a change of running, speed or auto-pause is told at once. */
  private announced: ClockView | null = null;
  private lastSave = -Infinity;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private follower: FollowerLink | null;
  /** A follower's clock: the writer's last word and when it came (extrapolated in between). */
  private followed: { clock: ClockView; at: number } | null = null;
  private lastPublish = -Infinity;
  private publishClock: DrillHostOptions['publishClock'];

  constructor(
    private readonly store: DrillStore,
    meta: DrillMeta,
    entries: StoredEntry[],
    private readonly now: () => number,
    private readonly wallIso: () => string,
    options: DrillHostOptions = {},
  ) {
    this.id = meta.id;
    this.meta = meta;
    this.entries = entries;
    this.follower = options.follower ?? null;
    this.publishClock = options.publishClock;
    const runOn = options.takeover === true && this.sinceClockSave() <= TAKEOVER_FRESH_MS;
    this.host = this.build(meta.clock, runOn);
    for (const e of entries) if (e.commandId) this.remember(e.commandId, e.event);
    this.lastTick = now() - (runOn ? this.sinceClockSave() : 0);
  }

  /** The writer tells other processes of its clock through this (set when it takes a drill over). */
  setClockPublisher(publish: DrillHostOptions['publishClock']): void {
    this.publishClock = publish;
  }

  /** Whether this process writes the drill (else it follows another process's writer). */
  get isWriter(): boolean {
    return this.follower === null;
  }

  /** Wall time since the clock was last saved: a takeover lets it pass on a running clock. */
  private sinceClockSave(): number {
    const saved = this.meta.clockSavedWall ? Date.parse(this.meta.clockSavedWall) : NaN;
    const now = Date.parse(this.wallIso());
    return Number.isFinite(saved) && Number.isFinite(now) ? Math.max(0, now - saved) : Infinity;
  }

  get header(): DrillHeader {
    return this.meta.drill.header as DrillHeader;
  }

  private build(clock: unknown, keepRunning = false): SessionHost<DrillSnapshot> {
    const header = this.header;
    return factory.authority(header, this.entries.map((e) => e.event), clock ?? factory.initialClock(header), keepRunning);
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
    if (this.follower && this.followed) {
      const { clock, at } = this.followed;
      return clock.running ? { ...clock, simNowMs: clock.simNowMs + Math.floor((this.now() - at) * clock.speed) } : clock;
    }
    return this.host.clock();
  }

  private broadcast(message: ServerMessage): void {
    this.broadcastText(JSON.stringify(message));
  }

  private broadcastText(text: string): void {
    if (this.sockets.size === 0) return;
    // Encoded once for every socket (a string would be encoded again per socket).
    const frame = Buffer.from(text, 'utf8');
    for (const s of this.sockets) s.sendText(frame);
  }

  /** Through the queue: one writer per drill. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Makes events durable, then announces them, with the `answers` they give (by command id).
   * False (nothing announced, session rebuilt) if the store failed.
   */
  private async commit(entries: StoredEntry[], beforeBroadcast?: () => void, answers?: Record<string, HeldResult>): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    if (entries.length === 0) {
      beforeBroadcast?.();
      return STORED;
    }
    // Serialized once, for the store and the broadcast.
    const eventJson = entries.map(eventJsonOf);
    try {
      await this.store.append(this.id, entries, eventJson);
    } catch (e) {
      return this.storeFailed(e as Error);
    }
    this.announce(entries, eventJson, beforeBroadcast, answers);
    return STORED;
  }

  /** The store failed: the session accepted events the store does not hold, so it goes back to what is stored. */
  private storeFailed(e: Error): { ok: false; reason: Reason } {
    const clock = this.host.clockState();
    const wasRunning = this.host.clock().running;
    this.host = this.build(clock);
    if (wasRunning) this.host.run({ kind: 'play' }, this.wallIso());
    return { ok: false, reason: storageFailedReason(e.message) };
  }

  /** Stored events: kept, and announced to every socket with the answers they give. */
  private announce(entries: StoredEntry[], eventJson: string[], beforeBroadcast?: () => void, answers?: Record<string, HeldResult>): void {
    this.entries.push(...entries);
    for (const { event, commandId } of entries) if (commandId) this.remember(commandId, event);
    beforeBroadcast?.();
    this.broadcastText(eventsFrame(eventJson, answers));
    if (entries.some((e) => STATUS_EVENTS.has(e.event.type))) void this.enqueue(() => this.saveListing());
  }

  /**
   * A socket's command: authorized from its session, run by the engine, stored, announced, answered.
   * Commands that arrive while a write is under way are taken together (group commit): each is run
   * by the engine in arrival order, their events are made durable with one append, then announced.
   */
  submit(socket: DrillSocket, id: string, command: RuntimeCommand, reply?: Settle): Promise<CommandResult> {
    // Not answered (never "stored") if the writer cannot be reached; a retry with the same id is applied once.
    if (this.follower) {
      const forwarded = this.follower.forward(socket.me, socket.linkId, id, command).catch((e: Error): CommandResult => ({ ok: false, reason: storageFailedReason(e.message) }));
      return reply ? forwarded.then((r) => (reply(r), r)) : forwarded;
    }
    return new Promise((resolve) => {
      // `reply` (the asking socket's answer) is called as the result is settled, right after the
      // broadcast of its events, so both can leave in one write.
      this.waiting.push({ socket, id, command, resolve: reply ? (r, told) => (reply(r, told), resolve(r)) : resolve, arrived: performance.now() });
      // The writer starts after this turn of the event loop, so commands that arrived together (a
      // burst: every desk at once) are one batch, one durable write and one broadcast (issue 9).
      if (this.waiting.length === 1) setImmediate(() => void this.enqueue(() => this.drain()));
    });
  }

  /**
   * One batch through the writer: run by the engine (`stage`), stored and announced (`commit`),
   * answered (`answer`). In small methods, not one: V8 optimizes each alone, and a big async
   * function was compiled again and again (40–90 ms each on the second core) as bursts came.
   */
  private async drain(): Promise<void> {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    commandTimings.drained();
    const staged = this.stage(batch);
    try {
      const stored = await this.commit(staged.entries, () => this.corkAll(), staged.told);
      if (!stored.ok) {
        // Nothing of this batch is stored or announced; the accepted commands are refused.
        for (const r of staged.ran) r.job.resolve(r.accepted ? stored : r.result);
        return;
      }
      const clockSaved = staged.clockMoved ? await this.saveClockWith(staged.clockIds) : STORED;
      if (staged.clockMoved || staged.fired) this.announceClock(true);
      this.answer(staged, clockSaved);
    } finally {
      this.uncorkAll();
    }
  }

  /**
   * The engine's part of a drain: time that passed before the commands counts first (so they land
   * at "now"), then each command in arrival order; what to store, and what each command gets.
   */
  private stage(batch: readonly Waiting[]): Staged {
    const wall = this.wallIso();
    const now = this.now();
    const elapsed = Math.max(0, now - this.lastTick);
    this.lastTick = now;
    const fired = this.host.clock().running ? this.host.tick(elapsed, wall) : [];
    const staged: Staged = { entries: fired.map((event): StoredEntry => ({ event })), fired: fired.length > 0, ran: [], clockIds: [], clockMoved: false, told: undefined };
    const inBatch = new Map<string, CommandResult>();
    for (const job of batch) staged.ran.push(this.runJob(job, wall, inBatch, staged));
    // Accepted commands with events, from sockets that get the broadcast: their results ride in it.
    for (const r of staged.ran) {
      if (!r.accepted || !r.result.ok || r.result.events.length === 0 || !this.sockets.has(r.job.socket)) continue;
      // No prototype: a command id is the client's own string (`__proto__` is a key like another).
      (staged.told ??= Object.create(null) as Record<string, HeldResult>)[r.job.id] = heldResult(r.result);
    }
    return staged;
  }

  /** One command of a drain: done before (a retry), refused, or run by the engine. */
  private runJob(job: Waiting, wall: string, inBatch: Map<string, CommandResult>, staged: Staged): Ran {
    const done = this.results.get(job.id) ?? inBatch.get(job.id) ?? (this.meta.clockCommands?.includes(job.id) ? CLOCK_DONE : undefined);
    if (done) return { job, result: done, accepted: false };
    const allowed = authorize(job.socket.me, job.command);
    if (!allowed.ok) return { job, result: allowed, accepted: false };
    const before = this.host.clock();
    const result = this.host.run(allowed.command, wall);
    if (result.ok) {
      for (const event of result.events) staged.entries.push({ event, commandId: job.id });
      // A clock command writes no event: its id is kept with the clock, saved before it is acknowledged.
      if (result.events.length === 0) staged.clockIds.push(job.id);
      if (result.events.length === 0 || !sameClock(this.host.clock(), before)) staged.clockMoved = true;
      inBatch.set(job.id, result);
    }
    return { job, result, accepted: result.ok };
  }

  /** Saves the clock a drain moved, with the ids of its clock commands (a retry after a restart is applied once). */
  private saveClockWith(clockIds: readonly string[]): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    if (clockIds.length) this.meta = { ...this.meta, clockCommands: [...(this.meta.clockCommands ?? []), ...clockIds].slice(-KEPT_CLOCK_COMMANDS) };
    return this.saveClock();
  }

  /** Settles a stored and announced drain's commands. */
  private answer(staged: Staged, clockSaved: { ok: true } | { ok: false; reason: Reason }): void {
    const announced = performance.now();
    const { told } = staged;
    for (const { job, result, accepted } of staged.ran) {
      if (accepted) commandTimings.record(announced - job.arrived);
      if (accepted && staged.clockIds.includes(job.id)) {
        if (!clockSaved.ok) {
          job.resolve(clockSaved);
          continue;
        }
        this.results.set(job.id, result);
      }
      // The asker's socket got the result, or at least its events, in the broadcast just sent (if it has said hello).
      job.resolve(result, told && job.id in told ? 'answered' : accepted && this.sockets.has(job.socket) ? 'held' : undefined);
    }
  }

  /** Sockets holding their writes (corked) until the drain has answered. */
  private corked: DrillSocket[] = [];

  private corkAll(): void {
    for (const s of this.sockets) {
      if (!s.cork) continue;
      s.cork();
      this.corked.push(s);
    }
  }

  private uncorkAll(): void {
    const corked = this.corked;
    this.corked = [];
    for (const s of corked) s.uncork?.();
  }

  /** The drill as the server's home list shows it now: its status, events and last activity. */
  listing(): { status: 'setup' | 'running' | 'ended'; eventCount: number; updatedWall?: string } {
    const ended = this.entries.some((e) => e.event.type === 'drill.ended');
    const started = ended || this.entries.some((e) => e.event.type === 'drill.started');
    const wall = this.entries.at(-1)?.event.wall;
    return { status: ended ? 'ended' : started ? 'running' : 'setup', eventCount: this.entries.length, ...(wall ? { updatedWall: wall } : {}) };
  }

  /**
   * Keeps the stored row's status current when the drill starts or ends, so the home list is right
   * for drills this process has not opened since it started. A cache of the log (which stays the
   * truth): a failure to save it only leaves the list behind.
   */
  private async saveListing(): Promise<void> {
    const listing = this.listing();
    const change = (m: DrillMeta): DrillMeta => ({ ...m, drill: { ...m.drill, ...listing } });
    try {
      if (this.store.updateMeta) this.meta = await this.store.updateMeta(this.id, change);
      else {
        const next = change(this.meta);
        await this.store.saveMeta(next);
        this.meta = next;
      }
    } catch {
      // The log has the events; the list catches up at the next start or end.
    }
  }

  private async tickNow(): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    const now = this.now();
    const elapsed = Math.max(0, now - this.lastTick);
    this.lastTick = now;
    if (!this.host.clock().running) return { ok: true };
    const fired = this.host.tick(elapsed, this.wallIso());
    const stored = await this.commit(fired.map((event) => ({ event })));
    if (stored.ok && fired.length > 0) this.announceClock(true);
    return stored;
  }

  private async saveClock(): Promise<{ ok: true } | { ok: false; reason: Reason }> {
    const clock = this.host.clockState();
    const clockSavedWall = this.wallIso();
    const clockCommands = this.meta.clockCommands;
    this.meta = { ...this.meta, clock, clockSavedWall };
    this.lastSave = this.now();
    try {
      // Where other processes also write the meta (sessions, links), change only the clock's fields.
      if (this.store.updateMeta) this.meta = await this.store.updateMeta(this.id, (m) => ({ ...m, clock, clockSavedWall, ...(clockCommands ? { clockCommands } : {}) }));
      else await this.store.saveMeta(this.meta);
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: storageFailedReason((e as Error).message) };
    }
  }

  private announceClock(force: boolean): void {
    const now = this.now();
    const clock = this.host.clock();
    const told = this.announced;
    // Running, speed or auto-pause changed since last told (simNowMs moves on: sockets interpolate it).
    const changed = !told || !sameClock({ ...told, simNowMs: clock.simNowMs }, clock);
    if (!force && !changed && now - this.lastAnnounce < CLOCK_ANNOUNCE_MS) return;
    this.lastAnnounce = now;
    this.announced = clock;
    this.broadcast({ kind: 'clock', clock, lastSeq: this.lastSeq() });
    if (this.publishClock && (force || now - this.lastPublish >= CLOCK_PUBLISH_MS)) {
      this.lastPublish = now;
      this.publishClock(clock, this.lastSeq());
    }
  }

  // ── following another process's writer (issue 11) ─────────────────────────────────────────

  /** Events the writer stored (read back from the store): kept and told to this process's sockets. */
  followEvents(entries: readonly StoredEntry[]): void {
    const fresh: StoredEntry[] = [];
    for (const e of entries) {
      if (e.event.seq !== this.lastSeq() + 1) continue;
      this.entries.push(e);
      fresh.push(e);
      if (e.commandId) this.remember(e.commandId, e.event);
    }
    if (fresh.length === 0) return;
    this.broadcast({ kind: 'events', events: fresh.map((e) => e.event) });
  }

  /** The writer's clock: told to this process's sockets. */
  followClock(clock: ClockView): void {
    this.followed = { clock, at: this.now() };
    this.broadcast({ kind: 'clock', clock, lastSeq: this.lastSeq() });
  }

  /**
   * This process now holds the drill's lock (its writer died): it becomes the writer, from what is
   * stored, with the clock as last saved (running on if it ran), and tells its sockets what they missed.
   */
  promote(loaded: LoadedDrill): Promise<void> {
    return this.enqueue(async () => {
      const seen = this.lastSeq();
      this.meta = loaded.meta;
      this.entries = loaded.entries;
      this.results.clear();
      for (const e of this.entries) if (e.commandId) this.remember(e.commandId, e.event);
      this.follower = null;
      this.followed = null;
      const runOn = this.sinceClockSave() <= TAKEOVER_FRESH_MS;
      this.host = this.build(this.meta.clock, runOn);
      this.lastTick = this.now() - (runOn ? this.sinceClockSave() : 0);
      const missed = this.entries.filter((e) => e.event.seq > seen).map((e) => e.event);
      if (missed.length) this.broadcast({ kind: 'events', events: missed });
      this.startTicking();
      this.announceClock(true);
    });
  }

  /** Starts the clock driver: injects and deadlines fire on the server at their simulated moments. */
  startTicking(): void {
    if (this.timer || this.follower) return;
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
      // Read, changed and written in one transaction where other processes write it too (PgStore).
      if (this.store.updateMeta) {
        this.meta = await this.store.updateMeta(this.id, change);
        return this.meta;
      }
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
    if (!this.follower && this.host.clock().running) await this.saveClock().catch(() => undefined);
  }
}
