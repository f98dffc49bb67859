/**
 * The central store (DoIT): PostgreSQL via `pg`, when DATABASE_URL is set. Events are rows keyed by
 * (drill_id, seq), inserted by one statement (its own transaction) per append: `append` resolves after COMMIT, which is
 * durable (synchronous_commit is on by default). The schema is created or upgraded on `open()`,
 * under an advisory lock so two servers starting together do not race.
 */
import pg from 'pg';
import type { DrillEvent } from '@/engine/record/schema';
import { StoreError, STORE_FORMAT, upgradeMeta, type DrillMeta, type DrillStore, type LoadedDrill, type OpenReport, type StoredEntry } from './store';

/** Schema versions, oldest first. Each step runs once, in order; never edit a released step. */
const MIGRATIONS: string[] = [
  // 1: drills and their events. Events are `json`, not `jsonb`: json keeps the text as written (key
  // order included), so an exported record is byte-for-byte what the file store would give.
  `create table if not exists tdrill_drills (id text primary key, meta jsonb not null, created_at timestamptz not null default now());
   create table if not exists tdrill_events (drill_id text not null references tdrill_drills(id), seq integer not null, event json not null, primary key (drill_id, seq));`,
  // 2: the command that wrote each event, so a retried command is applied once (also after a restart).
  `alter table tdrill_events add column if not exists command_id text;
   create index if not exists tdrill_events_command on tdrill_events (drill_id, command_id) where command_id is not null;`,
];

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

export class PgStore implements DrillStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 20, connectionTimeoutMillis: 10_000 });
    // An idle client's error (the server went away) must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  async open(): Promise<OpenReport> {
    const bad = checkDatabaseUrl(this.url);
    if (bad) throw new Error(bad);
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new Error(`DATABASE_URL ${describeUrl(this.url)}: cannot connect to PostgreSQL: ${(e as Error).message || (e as { code?: string }).code}`);
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

  async append(drillId: string, entries: readonly StoredEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const first = entries[0].event.seq;
    entries.forEach((e, i) => {
      if (e.event.seq !== first + i) throw new StoreError(`drill ${drillId}: seqs ${entries.map((x) => x.event.seq).join(', ')} are not consecutive`, 'seq-conflict');
    });
    // One statement, so one round trip and its own transaction: the rows go in only if they follow
    // the last stored seq (and the primary key refuses a seq stored twice). Durable at its commit.
    const values: unknown[] = [drillId, first - 1];
    const rows = entries.map((e, i) => {
      values.push(e.event.seq, JSON.stringify(e.event), e.commandId ?? null);
      return `($${i * 3 + 3}::integer, $${i * 3 + 4}::json, $${i * 3 + 5}::text)`;
    });
    let inserted: number;
    try {
      const res = await this.pool.query(
        `insert into tdrill_events (drill_id, seq, event, command_id)
         select $1, v.seq, v.event, v.command_id from (values ${rows.join(', ')}) as v(seq, event, command_id)
         where (select coalesce(max(seq), 0) from tdrill_events where drill_id = $1) = $2::integer`,
        values,
      );
      inserted = res.rowCount ?? 0;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '23505') throw new StoreError(`drill ${drillId}: seq already stored`, 'seq-conflict');
      if (code === '23503') throw new StoreError(`no drill ${drillId}`, 'no-drill');
      throw new StoreError(`drill ${drillId}: could not write ${entries.length} event(s): ${(e as Error).message}`, 'io');
    }
    if (inserted !== entries.length) throw new StoreError(`drill ${drillId}: seq ${first} does not follow the last stored seq`, 'seq-conflict');
  }

  async saveMeta(meta: DrillMeta): Promise<void> {
    const res = await this.pool.query('update tdrill_drills set meta = $2 where id = $1', [meta.id, JSON.stringify({ ...meta, storeFormat: STORE_FORMAT })]);
    if (res.rowCount === 0) throw new StoreError(`no drill ${meta.id}`, 'no-drill');
  }
}
