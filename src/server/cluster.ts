/**
 * Several server processes on one PostgreSQL database serve one city exercise (issue 11, "Beyond
 * one machine"). Each drill has exactly one writer: the process that holds the drill's advisory lock
 * (`pg_try_advisory_lock`) on its own dedicated session. Every other process that has sockets for
 * the drill follows it:
 * - a command from one of its sockets is forwarded: a row in tdrill_commands and a NOTIFY on
 *   'tdrill_cmd'; the writer runs it through its queue (authorizing it again from the identity the
 *   follower took from its session), writes the result into the row and NOTIFYs 'tdrill_res';
 * - stored events reach it through the events table's trigger (NOTIFY 'tdrill_events' with
 *   "<drill id> <last seq>" at commit); it reads the rows after its last seq and tells its sockets;
 * - the writer's clock comes on 'tdrill_clock' (at each change and every few seconds) and is
 *   extrapolated in between, as browsers do.
 * When the writer process dies, PostgreSQL ends its session and so releases its locks. Followers
 * try the locks of the drills they follow every second; the one that gets a lock re-reads the drill
 * from the store, resumes its clock from the last save (running on if it ran) and runs the
 * forwarded commands still waiting. A command id already stored is answered with what it wrote,
 * so a command retried after the crash is applied once.
 *
 * A forwarded command's row names the forwarding process (its LISTEN session's backend pid). The
 * forwarder deletes the row when it collects the result; rows a dead forwarder leaves (answered, or
 * stuck on a drill no process writes) are deleted by a sweep every process runs (sweepCommands).
 *
 * If this process loses its lock session or its listening session, it can no longer tell whether it
 * is still the writer: it stops (exit 1) rather than risk two writers; a supervisor restarts it.
 * Lock keys are (LOCK_SPACE, hashtext(drill id)): two ids with the same hash share one writer.
 */
import pg from 'pg';
import type { DrillEvent } from '@/engine/record/schema';
import type { ClockView, CommandResult, RuntimeCommand } from '@/runtime/protocol';
import type { Identity } from '@/runtime/server-protocol';
import { DrillHost, type DrillHostOptions, type DrillSocket } from './drill-host';
import type { PgStore } from './store/pg-store';
import type { DrillMeta, LoadedDrill } from './store/store';

const LOCK_SPACE = 71304;
/** How often followers try to take over the drills they follow. */
const TAKEOVER_POLL_MS = 1000;
/** How often each process sweeps tdrill_commands, and how long a row may stay there at most. */
const SWEEP_MS = 60_000;
export const COMMAND_ROW_KEEP_MS = 10 * 60_000;

export type MakeHost = (loaded: LoadedDrill, options: DrillHostOptions) => DrillHost;

interface ClockNote {
  d: string;
  c: ClockView;
  s: number;
}

const silentSocket = (me: Identity, linkId: string | null): DrillSocket => ({ me, linkId, send() {}, sendText() {}, close() {} });

export class PgCluster {
  private readonly lockSession: pg.Client;
  private readonly listenSession: pg.Client;
  private readonly hosts = new Map<string, DrillHost>();
  private readonly waitingResults = new Map<string, (r: CommandResult) => void>();
  /** Forwarded command rows this writer is running (so a second notice does not run them twice). */
  private readonly running = new Set<string>();
  /** Per drill, the chain of reads of its new events (kept in order). */
  private readonly reads = new Map<string, Promise<void>>();
  private poll: ReturnType<typeof setInterval> | null = null;
  private closing = false;
  private make: MakeHost | null = null;
  private metaListeners: ((meta: DrillMeta) => void)[] = [];
  private cityListeners: ((cityId: string) => void)[] = [];
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private listenPid = 0;

  constructor(
    private readonly store: PgStore,
    url: string,
    private readonly onLost: (why: string) => void = (why) => {
      console.error(`drill server: ${why}; stopping so that no drill gets two writers`);
      process.exit(1);
    },
  ) {
    this.lockSession = new pg.Client({ connectionString: url });
    this.listenSession = new pg.Client({ connectionString: url });
  }

  async start(): Promise<void> {
    await this.lockSession.connect();
    await this.listenSession.connect();
    for (const [session, what] of [
      [this.lockSession, 'the PostgreSQL session holding the drill locks'],
      [this.listenSession, 'the PostgreSQL session listening for other processes'],
    ] as const) {
      session.on('error', (e) => !this.closing && this.onLost(`${what} failed (${e.message})`));
      session.on('end', () => !this.closing && this.onLost(`${what} ended`));
    }
    this.listenSession.on('notification', (n) => this.notified(n.channel, n.payload ?? ''));
    await this.listenSession.query('listen tdrill_events; listen tdrill_clock; listen tdrill_cmd; listen tdrill_res; listen tdrill_meta; listen tdrill_city');
    this.listenPid = (await this.listenSession.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    this.poll = setInterval(() => void this.tryTakeOver(), TAKEOVER_POLL_MS);
    this.poll.unref?.();
    this.sweeper = setInterval(() => void this.sweepCommands().catch(() => undefined), SWEEP_MS);
    this.sweeper.unref?.();
  }

  /**
   * Deletes the rows of tdrill_commands nobody will collect: answered rows whose forwarder's session
   * is gone (the process died before collecting), answered rows older than `keepMs` whatever their
   * forwarder, and unanswered rows older than `keepMs` whose forwarder is gone (a drill no process
   * writes any more; the device that sent it retries it with the same id). Returns how many.
   */
  async sweepCommands(keepMs = COMMAND_ROW_KEEP_MS): Promise<number> {
    const res = await this.store.pool.query(
      `with gone as (select c.id from tdrill_commands c where c.forwarder is not null and not exists (select 1 from pg_stat_activity a where a.pid = c.forwarder))
       delete from tdrill_commands c
       where (c.result is not null and (c.created_at < now() - make_interval(secs => $1) or c.id in (select id from gone)))
          or (c.result is null and c.created_at < now() - make_interval(secs => $1) and (c.forwarder is null or c.id in (select id from gone)))`,
      [keepMs / 1000],
    );
    return res.rowCount ?? 0;
  }

  /** Told of a city exercise's id each time a process creates it or adds a re-drill to it. */
  onCityChanged(listener: (cityId: string) => void): void {
    this.cityListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.poll) clearInterval(this.poll);
    if (this.sweeper) clearInterval(this.sweeper);
    await this.listenSession.end().catch(() => undefined);
    // Ending the session releases this process's locks: another process takes its drills over.
    await this.lockSession.end().catch(() => undefined);
  }

  /** This process's LISTEN session's backend pid: names it as the forwarder of its command rows. */
  get forwarderPid(): number {
    return this.listenPid;
  }

  /** Told of a drill's meta each time a process changes it (links revoked, sessions started…). */
  onMetaChanged(listener: (meta: DrillMeta) => void): void {
    this.metaListeners.push(listener);
  }

  /** Drills this process writes (holds the lock of). */
  writerOf(drillId: string): boolean {
    return this.hosts.get(drillId)?.isWriter === true;
  }

  private async tryLock(drillIds: string[]): Promise<Set<string>> {
    if (drillIds.length === 0) return new Set();
    const res = await this.lockSession.query<{ id: string }>('select id from unnest($1::text[]) as id where pg_try_advisory_lock($2, hashtext(id))', [drillIds, LOCK_SPACE]);
    return new Set(res.rows.map((r) => r.id));
  }

  /**
   * The drill as this process serves it: its writer when the lock is free (or already ours), else a
   * follower of the process that holds it. Loaded after the lock is taken, so the writer starts
   * from everything stored.
   */
  async open(drillId: string, make: MakeHost): Promise<DrillHost | null> {
    this.make = make;
    const writer = (await this.tryLock([drillId])).has(drillId);
    const loaded = await this.store.loadDrill(drillId);
    if (!loaded) {
      if (writer) await this.lockSession.query('select pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, drillId]).catch(() => undefined);
      return null;
    }
    const host = writer
      ? make(loaded, { takeover: true, publishClock: (clock, lastSeq) => this.publishClock(drillId, clock, lastSeq) })
      : make(loaded, { follower: { forward: (me, linkId, id, command) => this.forward(drillId, me, linkId, id, command) } });
    this.hosts.set(drillId, host);
    if (writer) void this.runWaiting(drillId);
    else void this.readEvents(drillId);
    return host;
  }

  private publishClock(drillId: string, clock: ClockView, lastSeq: number): void {
    const note: ClockNote = { d: drillId, c: clock, s: lastSeq };
    this.store.pool.query('select pg_notify($1, $2)', ['tdrill_clock', JSON.stringify(note)]).catch(() => undefined);
  }

  private notified(channel: string, payload: string): void {
    if (channel === 'tdrill_events') {
      const [drillId, seq] = payload.split(' ');
      const host = this.hosts.get(drillId);
      if (host && !host.isWriter && Number(seq) > host.lastSeq()) void this.readEvents(drillId);
    } else if (channel === 'tdrill_clock') {
      let note: ClockNote;
      try {
        note = JSON.parse(payload) as ClockNote;
      } catch {
        return;
      }
      const host = this.hosts.get(note.d);
      if (host && !host.isWriter) host.followClock(note.c);
    } else if (channel === 'tdrill_cmd') {
      if (this.writerOf(payload)) void this.runWaiting(payload);
    } else if (channel === 'tdrill_res') {
      if (this.waitingResults.has(payload)) void this.collect(payload);
    } else if (channel === 'tdrill_city') {
      for (const l of this.cityListeners) l(payload);
    } else if (channel === 'tdrill_meta' && this.metaListeners.length) {
      void this.store.loadMeta(payload).then(
        (meta) => meta && this.metaListeners.forEach((l) => l(meta)),
        () => undefined,
      );
    }
  }

  /** A follower reads the events stored after its last seq (one read at a time per drill, in order). */
  private readEvents(drillId: string): Promise<void> {
    const prior = this.reads.get(drillId) ?? Promise.resolve();
    const next = prior.then(async () => {
      const host = this.hosts.get(drillId);
      if (!host || host.isWriter) return;
      const res = await this.store.pool.query<{ event: DrillEvent; command_id: string | null }>('select event, command_id from tdrill_events where drill_id = $1 and seq > $2 order by seq', [drillId, host.lastSeq()]);
      host.followEvents(res.rows.map((r) => ({ event: r.event, ...(r.command_id ? { commandId: r.command_id } : {}) })));
    });
    const settled = next.catch(() => undefined);
    this.reads.set(drillId, settled);
    return settled;
  }

  /** A follower hands a command to the writer and waits for its result (also across a takeover). */
  private async forward(drillId: string, me: Identity, linkId: string | null, id: string, command: RuntimeCommand): Promise<CommandResult> {
    const res = await this.store.pool.query<{ id: string }>(
      `with made as (insert into tdrill_commands (drill_id, command_id, identity, link_id, command, forwarder) values ($1, $2, $3, $4, $5, $6) returning id)
       select id::text, pg_notify('tdrill_cmd', $1) from made`,
      [drillId, id, JSON.stringify(me), linkId, JSON.stringify(command), this.listenPid],
    );
    const rowId = res.rows[0].id;
    const result = new Promise<CommandResult>((resolve) => this.waitingResults.set(rowId, resolve));
    // The answer may have come before we were listening for it.
    await this.collect(rowId);
    return result;
  }

  private async collect(rowId: string): Promise<void> {
    const resolve = this.waitingResults.get(rowId);
    if (!resolve) return;
    const res = await this.store.pool.query<{ result: CommandResult }>('delete from tdrill_commands where id = $1 and result is not null returning result', [rowId]);
    if (res.rows.length === 0 || !this.waitingResults.has(rowId)) return;
    this.waitingResults.delete(rowId);
    resolve(res.rows[0].result);
  }

  /** The writer runs the commands forwarded to it, in the order they were forwarded. */
  private async runWaiting(drillId: string): Promise<void> {
    const host = this.hosts.get(drillId);
    if (!host?.isWriter) return;
    const rows = await this.store.pool.query<{ id: string; command_id: string; identity: Identity; link_id: string | null; command: RuntimeCommand }>(
      'select id::text, command_id, identity, link_id, command from tdrill_commands where drill_id = $1 and result is null order by id',
      [drillId],
    );
    const jobs = rows.rows
      .filter((r) => !this.running.has(r.id))
      .map((r) => {
        this.running.add(r.id);
        // Submitted together, in order: the writer's queue takes them as one batch.
        return host.submit(silentSocket(r.identity, r.link_id), r.command_id, r.command).then(async (result) => {
          await this.store.pool.query(`with done as (update tdrill_commands set result = $2 where id = $1::bigint returning id) select pg_notify('tdrill_res', $3::text) from done`, [r.id, JSON.stringify(result), r.id]);
        }).finally(() => this.running.delete(r.id));
      });
    // A result not written stays waiting: the next notice (or the next writer) runs it again, and
    // its command id makes that a retry, applied once.
    await Promise.all(jobs).catch((e: Error) => console.error(`drill server: drill ${drillId}: a forwarded command's result was not written: ${e.message}`));
  }

  /** Followers try the locks of the drills they follow; a lock got means its writer is gone. */
  private async tryTakeOver(): Promise<void> {
    if (this.closing || !this.make) return;
    const followed = [...this.hosts.values()].filter((h) => !h.isWriter).map((h) => h.id);
    let got: Set<string>;
    try {
      got = await this.tryLock(followed);
    } catch {
      return;
    }
    for (const drillId of got) {
      const host = this.hosts.get(drillId);
      const loaded = await this.store.loadDrill(drillId);
      if (!host || !loaded) continue;
      await host.promote(loaded);
      host.setClockPublisher((clock, lastSeq) => this.publishClock(drillId, clock, lastSeq));
      await this.runWaiting(drillId);
    }
  }
}
