/**
 * The central store (DoIT): PostgreSQL via `pg`, when DATABASE_URL is set. Events are rows keyed by
 * (drill_id, seq), inserted by one statement (its own transaction) per batch of appends (several drills' at once): `append` resolves after COMMIT, which is
 * durable (synchronous_commit is on by default). The schema is created or upgraded on `open()`,
 * under an advisory lock so two servers starting together do not race.
 */
import pg from 'pg';
import type { DrillEvent } from '@/engine/record/schema';
import { StoreError, STORE_FORMAT, upgradeMeta, type DrillMeta, type DrillStore, type LoadedDrill, type OpenReport, type StoredCity, type StoredEntry } from './store';

/** Schema versions, oldest first. Each step runs once, in order; never edit a released step. */
const MIGRATIONS: string[] = [
  // 1: drills and their events. Events are `json`, not `jsonb`: json keeps the text as written (key
  // order included), so an exported record is byte-for-byte what the file store would give.
  `create table if not exists tdrill_drills (id text primary key, meta jsonb not null, created_at timestamptz not null default now());
   create table if not exists tdrill_events (drill_id text not null references tdrill_drills(id), seq integer not null, event json not null, primary key (drill_id, seq));`,
  // 2: the command that wrote each event, so a retried command is applied once (also after a restart).
  `alter table tdrill_events add column if not exists command_id text;
   create index if not exists tdrill_events_command on tdrill_events (drill_id, command_id) where command_id is not null;`,
  // 3: several server processes on one database (cluster.ts, issue 11). Every insert of events
  // notifies 'tdrill_events' with "<drill id> <last seq>" at its commit (listeners read the rows);
  // commands forwarded to a drill's writer wait in tdrill_commands until it writes their result.
  `create or replace function tdrill_notify_events() returns trigger language plpgsql as $$
   declare r record;
   begin
     for r in select drill_id, max(seq) as seq from new_rows group by drill_id loop
       perform pg_notify('tdrill_events', r.drill_id || ' ' || r.seq);
     end loop;
     return null;
   end $$;
   drop trigger if exists tdrill_events_notify on tdrill_events;
   create trigger tdrill_events_notify after insert on tdrill_events referencing new table as new_rows for each statement execute function tdrill_notify_events();
   create table if not exists tdrill_commands (id bigserial primary key, drill_id text not null, command_id text not null, identity jsonb not null, link_id text, command jsonb not null, result json, created_at timestamptz not null default now());
   create index if not exists tdrill_commands_pending on tdrill_commands (drill_id, id) where result is null;`,
  // 4: city exercises (issue 11) get their own record, written in one transaction with their drills,
  // so every process serves them; exercises made before get theirs from their drills' tags. A
  // forwarded command row names the session of the process that forwarded it (its LISTEN session's
  // backend pid), so an answered row whose forwarder is gone can be cleaned up (cluster.ts).
  `create table if not exists tdrill_cities (id text primary key, record jsonb not null, created_at timestamptz not null default now());
   with tagged as (
     select d.id, d.created_at, d.meta->'drill' as drill, d.meta->'drill'->'city' as c from tdrill_drills d
     where jsonb_typeof(d.meta->'drill'->'city'->'exerciseId') = 'string'
   ), firsts as (
     select distinct on (c->>'exerciseId') c->>'exerciseId' as eid, c, drill, created_at from tagged order by c->>'exerciseId', created_at, id
   )
   insert into tdrill_cities (id, record, created_at)
   select f.eid, jsonb_build_object(
     'id', f.eid, 'title', f.c->'title', 'startAt', f.c->'startAt', 'scenarios', f.c->'scenarios', 'reviewerName', f.c->'reviewerName',
     'agencies', coalesce((select jsonb_agg(t.id order by (t.c->>'index')::int, t.id) from tagged t where t.c->>'exerciseId' = f.eid and t.c->'redrillOf' is null), '[]'::jsonb),
     'redrills', coalesce((select jsonb_agg(jsonb_build_object('drillId', t.id, 'of', t.c->>'redrillOf') order by t.created_at, t.id) from tagged t where t.c->>'exerciseId' = f.eid and t.c->'redrillOf' is not null), '[]'::jsonb),
     'createdWall', coalesce(f.drill->'createdWall', '""'::jsonb)), f.created_at
   from firsts f
   on conflict (id) do nothing;
   alter table tdrill_commands add column if not exists forwarder integer;`,
];
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Statements writing events at once (the pool keeps the rest for loads and meta saves). */
const MAX_FLUSHES = 4;
/** Rows per statement at most (PostgreSQL allows 65535 parameters; five per row). */
const MAX_BATCH_ROWS = 2000;

interface PendingAppend {
  drillId: string;
  entries: readonly StoredEntry[];
  /** Each entry's event as JSON. */
  eventJson: readonly string[];
  resolve: () => void;
  reject: (e: Error) => void;
}

/** The address without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Checks DATABASE_URL's form; a sentence naming what is wrong, or null. */
export function checkDatabaseUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `DATABASE_URL is not a URL (expected postgres://user:password@host:port/database)`;
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return `DATABASE_URL must start with postgres:// or postgresql:// (got ${u.protocol}//)`;
  if (!u.hostname && !u.searchParams.get('host')) return `DATABASE_URL names no host (${describeUrl(url)})`;
  if (u.pathname.replace(/^\//, '') === '') return `DATABASE_URL names no database (${describeUrl(url)}: add /database at the end)`;
  return null;
}

/** Why PostgreSQL at DATABASE_URL could not be reached: what to check, then the driver's words. */
export function whyNoConnection(e: Error & { code?: string }, url: string, timedOutAfterMs: number | null): string {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}`;
  const said = e.message || e.code || String(e);
  const hint = timedOutAfterMs !== null
    ? `no answer from ${where} within ${timedOutAfterMs / 1000} s (is the host right and reachable, PostgreSQL running there, no firewall in the way?)`
    : /client password must be a string/.test(said)
      ? `${where} asks for a password and DATABASE_URL gives none (postgres://user:password@host:port/database)`
      : e.code === 'ECONNREFUSED'
        ? `nothing accepts connections at ${where} (is PostgreSQL running on that port?)`
        : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
          ? `host ${u.hostname} is not found (check the host name)`
          : /terminated unexpectedly/.test(said)
            ? `${where} closed the connection before answering (is it PostgreSQL? if it requires SSL, add ?sslmode=require)`
            : null;
  return `cannot connect to PostgreSQL: ${hint ? `${hint}; ${said}` : said}`;
}

export class PgStore implements DrillStore {
  readonly kind = 'postgres' as const;
  /** Shared with the cluster (cluster.ts), which keeps its own sessions for locks and LISTEN. */
  readonly pool: pg.Pool;

  private readonly connectTimeoutMs: number;

  constructor(
    readonly url: string,
    o: { connectTimeoutMs?: number } = {},
  ) {
    this.connectTimeoutMs = o.connectTimeoutMs ?? 10_000;
    this.pool = new pg.Pool({ connectionString: url, max: 20, connectionTimeoutMillis: this.connectTimeoutMs });
    // An idle client's error (the server went away) must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async open(): Promise<OpenReport> {
    const bad = checkDatabaseUrl(this.url);
    if (bad) throw new Error(bad);
    let client: pg.PoolClient;
    // The driver's timeout says only "Connection terminated": this timer, set before the driver's
    // own (same delay, so it fires first), tells a timeout from a hang-up.
    let timedOut = false;
    const timer = setTimeout(() => (timedOut = true), this.connectTimeoutMs);
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new Error(`DATABASE_URL ${describeUrl(this.url)}: ${whyNoConnection(e as Error, this.url, timedOut ? this.connectTimeoutMs : null)}`);
    } finally {
      clearTimeout(timer);
    }
    const repaired: string[] = [];
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(7130419)');
      await client.query('create table if not exists tdrill_schema (version integer not null)');
      const row = await client.query<{ version: number }>('select version from tdrill_schema');
      const from = row.rows[0]?.version ?? 0;
      if (from > MIGRATIONS.length) throw new Error(`DATABASE_URL ${describeUrl(this.url)}: the schema is version ${from}, newer than this server knows (${MIGRATIONS.length}); update the server`);
      for (let v = from; v < MIGRATIONS.length; v += 1) await client.query(MIGRATIONS[v]);
      if (row.rows.length === 0) await client.query('insert into tdrill_schema (version) values ($1)', [MIGRATIONS.length]);
      else await client.query('update tdrill_schema set version = $1', [MIGRATIONS.length]);
      await client.query('commit');
      if (from > 0 && from < MIGRATIONS.length) repaired.push(`PostgreSQL schema upgraded from version ${from} to ${MIGRATIONS.length}`);
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    return { repaired };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async createDrill(meta: DrillMeta): Promise<void> {
    try {
      await this.pool.query('insert into tdrill_drills (id, meta) values ($1, $2)', [meta.id, JSON.stringify({ ...meta, storeFormat: STORE_FORMAT })]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new StoreError(`drill ${meta.id} already exists`, 'exists');
      throw e;
    }
  }

  /** The exercise and its drills in one transaction; other processes are told at its commit. */
  async createCity(city: StoredCity, drills: readonly DrillMeta[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('insert into tdrill_cities (id, record) values ($1, $2)', [city.id, JSON.stringify(city)]);
      await client.query('insert into tdrill_drills (id, meta) select * from unnest($1::text[], $2::jsonb[])', [drills.map((d) => d.id), drills.map((d) => JSON.stringify({ ...d, storeFormat: STORE_FORMAT }))]);
      await client.query(`select pg_notify('tdrill_city', $1)`, [city.id]);
    });
  }

  async addRedrill(cityId: string, meta: DrillMeta, of: string): Promise<StoredCity> {
    return this.transaction(async (client) => {
      const res = await client.query<{ record: StoredCity }>('select record from tdrill_cities where id = $1 for update', [cityId]);
      if (res.rows.length === 0) throw new StoreError(`no city exercise ${cityId}`, 'no-drill');
      const next: StoredCity = { ...res.rows[0].record, redrills: [...res.rows[0].record.redrills, { drillId: meta.id, of }] };
      await client.query('insert into tdrill_drills (id, meta) values ($1, $2)', [meta.id, JSON.stringify({ ...meta, storeFormat: STORE_FORMAT })]);
      await client.query('update tdrill_cities set record = $2 where id = $1', [cityId, JSON.stringify(next)]);
      await client.query(`select pg_notify('tdrill_city', $1)`, [cityId]);
      return next;
    });
  }

  async listCities(): Promise<StoredCity[]> {
    const res = await this.pool.query<{ record: StoredCity }>('select record from tdrill_cities order by created_at, id');
    return res.rows.map((r) => r.record);
  }

  async loadCity(id: string): Promise<StoredCity | null> {
    const res = await this.pool.query<{ record: StoredCity }>('select record from tdrill_cities where id = $1', [id]);
    return res.rows[0]?.record ?? null;
  }

  /** Runs `work` in one transaction (rolled back on any error; a taken id is StoreError 'exists'). */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const out = await work(client);
      await client.query('commit');
      return out;
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      if ((e as { code?: string }).code === '23505') throw new StoreError(`already exists: ${(e as { detail?: string }).detail ?? (e as Error).message}`, 'exists');
      throw e;
    } finally {
      client.release();
    }
  }

  async listDrills(): Promise<DrillMeta[]> {
    const res = await this.pool.query<{ meta: DrillMeta }>('select meta from tdrill_drills order by created_at');
    return res.rows.map((r) => upgradeMeta(r.meta));
  }

  async loadDrill(id: string): Promise<LoadedDrill | null> {
    const m = await this.pool.query<{ meta: DrillMeta }>('select meta from tdrill_drills where id = $1', [id]);
    if (m.rows.length === 0) return null;
    const ev = await this.pool.query<{ event: DrillEvent; command_id: string | null }>('select event, command_id from tdrill_events where drill_id = $1 order by seq', [id]);
    return {
      meta: upgradeMeta(m.rows[0].meta),
      entries: ev.rows.map((r) => ({ event: r.event, ...(r.command_id ? { commandId: r.command_id } : {}) })),
    };
  }

  /**
   * Group commit across drills (issue 9): appends that arrive while others are being written go
   * together in one statement, so one round trip and one commit (one WAL flush) serve a burst of
   * every drill at once instead of one each. Each drill's rows are still guarded by its own last
   * seq, so a drill whose seq does not follow is refused alone.
   */
  async append(drillId: string, entries: readonly StoredEntry[], eventJson?: readonly string[]): Promise<void> {
    if (entries.length === 0) return;
    const first = entries[0].event.seq;
    entries.forEach((e, i) => {
      if (e.event.seq !== first + i) throw new StoreError(`drill ${drillId}: seqs ${entries.map((x) => x.event.seq).join(', ')} are not consecutive`, 'seq-conflict');
    });
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ drillId, entries, eventJson: eventJson ?? entries.map((e) => JSON.stringify(e.event)), resolve, reject });
      this.schedule();
    });
  }

  private readonly pending: PendingAppend[] = [];
  private flushing = 0;
  private scheduled = false;

  /** Flushes on the next turn, so the appends of one burst (every drill's writer) meet in one batch. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.flushing < MAX_FLUSHES && this.pending.length > 0) {
      // One append per drill per statement (a drill's next append waits for its last anyway).
      const batch: PendingAppend[] = [];
      const drills = new Set<string>();
      let rows = 0;
      for (let i = 0; i < this.pending.length && rows < MAX_BATCH_ROWS; ) {
        const p = this.pending[i];
        if (drills.has(p.drillId)) {
          i += 1;
          continue;
        }
        drills.add(p.drillId);
        batch.push(p);
        rows += p.entries.length;
        this.pending.splice(i, 1);
      }
      this.flushing += 1;
      void this.flush(batch).finally(() => {
        this.flushing -= 1;
        if (this.pending.length > 0) this.schedule();
      });
    }
  }

  private async flush(batch: PendingAppend[]): Promise<void> {
    try {
      const stored = await this.insert(batch);
      for (const p of batch) {
        if (stored.get(p.drillId) === p.entries.length) p.resolve();
        else p.reject(new StoreError(`drill ${p.drillId}: seq ${p.entries[0].event.seq} does not follow the last stored seq`, 'seq-conflict'));
      }
    } catch (e) {
      if (batch.length === 1) {
        batch[0].reject(this.appendError(batch[0], e));
        return;
      }
      // The statement failed as a whole (nothing of it is stored): each drill again on its own, so
      // one drill's conflict or missing row refuses only that drill.
      await Promise.all(batch.map((p) => this.flush([p])));
    }
  }

  private appendError(p: PendingAppend, e: unknown): StoreError {
    const code = (e as { code?: string }).code;
    if (code === '23505') return new StoreError(`drill ${p.drillId}: seq already stored`, 'seq-conflict');
    if (code === '23503') return new StoreError(`no drill ${p.drillId}`, 'no-drill');
    return new StoreError(`drill ${p.drillId}: could not write ${p.entries.length} event(s): ${(e as Error).message}`, 'io');
  }

  /**
   * One statement (its own transaction, durable at its commit): each drill's rows go in only if they
   * follow that drill's last stored seq (the primary key refuses a seq stored twice). The statement
   * does not see its own rows, so every guard compares with what was stored before it.
   */
  private async insert(batch: PendingAppend[]): Promise<Map<string, number>> {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const p of batch) {
      const prev = p.entries[0].event.seq - 1;
      p.entries.forEach((e, i) => {
        const n = values.length;
        values.push(p.drillId, prev, e.event.seq, p.eventJson[i], e.commandId ?? null);
        rows.push(`($${n + 1}::text, $${n + 2}::integer, $${n + 3}::integer, $${n + 4}::json, $${n + 5}::text)`);
      });
    }
    const res = await this.pool.query<{ drill_id: string }>(
      `insert into tdrill_events (drill_id, seq, event, command_id)
       select v.drill_id, v.seq, v.event, v.command_id from (values ${rows.join(', ')}) as v(drill_id, prev, seq, event, command_id)
       where (select coalesce(max(e.seq), 0) from tdrill_events e where e.drill_id = v.drill_id) = v.prev
       returning drill_id`,
      values,
    );
    const stored = new Map<string, number>();
    for (const r of res.rows) stored.set(r.drill_id, (stored.get(r.drill_id) ?? 0) + 1);
    return stored;
  }

  async updateMeta(id: string, change: (meta: DrillMeta) => DrillMeta): Promise<DrillMeta> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const res = await client.query<{ meta: DrillMeta }>('select meta from tdrill_drills where id = $1 for update', [id]);
      if (res.rows.length === 0) throw new StoreError(`no drill ${id}`, 'no-drill');
      const next = change(upgradeMeta(res.rows[0].meta));
      await client.query('update tdrill_drills set meta = $2 where id = $1', [id, JSON.stringify({ ...next, storeFormat: STORE_FORMAT })]);
      // Other server processes re-read it (a revoked link, a new session: cluster.ts), at the commit.
      await client.query(`select pg_notify('tdrill_meta', $1)`, [id]);
      await client.query('commit');
      return next;
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async loadMeta(id: string): Promise<DrillMeta | null> {
    const m = await this.pool.query<{ meta: DrillMeta }>('select meta from tdrill_drills where id = $1', [id]);
    return m.rows.length ? upgradeMeta(m.rows[0].meta) : null;
  }

  async saveMeta(meta: DrillMeta): Promise<void> {
    const res = await this.pool.query('update tdrill_drills set meta = $2 where id = $1', [meta.id, JSON.stringify({ ...meta, storeFormat: STORE_FORMAT })]);
    if (res.rowCount === 0) throw new StoreError(`no drill ${meta.id}`, 'no-drill');
  }
}
