/**
 * The server's scenario library (issue 13): scenarios saved from the MSEL editor on any device
 * connected to this server, listed by the setup page on every device. A sibling of the drill store
 * (store/store.ts), kept in the same place: a JSON file per scenario under `<DATA_DIR>/scenarios/`
 * (written to a temp file, fsync'd, renamed), or a PostgreSQL table when DATABASE_URL is set.
 *
 * The server trusts no client: saving needs a facilitator's or DoIT's session (from the cookie, never
 * from the message); the text is checked with the same parser and schema as a scenario file
 * (parseScenario: the 1 MiB cap, YAML errors with their line, the schema and cross-field checks);
 * and the answer says "saved" only once the scenario is durable.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { reason } from '@/engine/base/reason';
import { MAX_SCENARIO_BYTES } from '@/engine/record/text-input';
import { parseScenario, type ScenarioError } from '@/engine/scenario/parse';
import { wallIso } from '@/ui/lib/time-format';
import { syncDir, writeAtomically } from './store/file-store';
import { checkDatabaseUrl, describeUrl } from './store/pg-store';
import type { DrillStore } from './store/store';
import { serverPair, serverText, serverWords } from './server-text';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** One saved scenario: its YAML text (taipei-drill-scenario/1), as a scenario file holds it. */
export interface ServerScenario {
  id: string;
  title: { zh: string; en: string };
  text: string;
  updatedWall: string;
  /** Who saved it, from their session. */
  savedBy: { kind: string; name?: string };
}

export interface ScenarioLibraryStore {
  readonly kind: 'file' | 'postgres';
  open(): Promise<void>;
  close(): Promise<void>;
  /** Newest first. */
  list(): Promise<ServerScenario[]>;
  /** Adds or replaces (by id); resolves once durable. */
  put(s: ServerScenario): Promise<void>;
}

const newestFirst = (a: ServerScenario, b: ServerScenario) => b.updatedWall.localeCompare(a.updatedWall) || a.id.localeCompare(b.id);

/** `<dataDir>/scenarios/<id>.json`, each replaced atomically (the file store's way). */
export class FileScenarioLibrary implements ScenarioLibraryStore {
  readonly kind = 'file' as const;
  private readonly dir: string;

  constructor(readonly dataDir: string) {
    this.dir = join(dataDir, 'scenarios');
  }

  async open(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  async close(): Promise<void> {}

  async list(): Promise<ServerScenario[]> {
    const out: ServerScenario[] = [];
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    for (const name of names) {
      // Temp files of a write cut short are not scenarios (they were never acknowledged).
      if (!name.endsWith('.json') || !SAFE_ID.test(name.slice(0, -5))) continue;
      const s = JSON.parse(await fs.readFile(join(this.dir, name), 'utf8')) as ServerScenario;
      out.push(s);
    }
    return out.sort(newestFirst);
  }

  async put(s: ServerScenario): Promise<void> {
    if (!SAFE_ID.test(s.id)) throw new Error(`scenario id ${JSON.stringify(s.id)}: only letters, digits, '.', '_' and '-'`);
    await fs.mkdir(this.dir, { recursive: true });
    await writeAtomically(join(this.dir, `${s.id}.json`), JSON.stringify(s));
    await syncDir(this.dir);
  }
}

/** One row per scenario in `tdrill_scenarios`; an upsert is one statement, durable at COMMIT. */
export class PgScenarioLibrary implements ScenarioLibraryStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined);
  }

  async open(): Promise<void> {
    const bad = checkDatabaseUrl(this.url);
    if (bad) throw new Error(bad);
    try {
      // Its own table beside the drill store's, created once; servers starting together may race on
      // `create table if not exists`, so under a transaction-scoped advisory lock of its own.
      const client = await this.pool.connect();
      try {
        await client.query('begin');
        await client.query('select pg_advisory_xact_lock(7130420)');
        await client.query('create table if not exists tdrill_scenarios (id text primary key, scenario jsonb not null, updated_wall text not null)');
        await client.query('commit');
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    } catch (e) {
      throw new Error(`DATABASE_URL ${describeUrl(this.url)}: the scenario library cannot be opened: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async list(): Promise<ServerScenario[]> {
    const r = await this.pool.query<{ scenario: ServerScenario }>('select scenario from tdrill_scenarios');
    return r.rows.map((x) => x.scenario).sort(newestFirst);
  }

  async put(s: ServerScenario): Promise<void> {
    await this.pool.query(
      'insert into tdrill_scenarios (id, scenario, updated_wall) values ($1, $2, $3) on conflict (id) do update set scenario = excluded.scenario, updated_wall = excluded.updated_wall',
      [s.id, JSON.stringify(s), s.updatedWall],
    );
  }
}

/** The library kept where the drills are: the file store's folder, or its PostgreSQL database. */
export function scenarioLibraryFor(store: DrillStore): ScenarioLibraryStore | null {
  const s = store as DrillStore & { dataDir?: unknown; url?: unknown };
  if (store.kind === 'file' && typeof s.dataDir === 'string') return new FileScenarioLibrary(s.dataDir);
  if (store.kind === 'postgres' && typeof s.url === 'string') return new PgScenarioLibrary(s.url);
  return null;
}

/** Who a request is, as the drill server knows it from its cookies (app.ts). */
export interface LibraryAccess {
  store: DrillStore;
  /** A library of its own (tests); else scenarioLibraryFor(store). */
  library?: ScenarioLibraryStore;
  /** Holds the server's facilitator session (opened the start link). */
  isAdmin: (req: FastifyRequest) => boolean;
  /** The session this browser holds in a drill, if any. */
  identityOf: (req: FastifyRequest, drillId: string) => { me: { kind: string; name?: string } } | null;
  /** The name of a drill's session cookie without the drill id (`drillCookie('')`). */
  cookiePrefix: string;
}

/** The kinds of session a request holds: the server's facilitator, and each drill's link kind. */
function sessionsOf(req: FastifyRequest, access: LibraryAccess): { kind: string; name?: string }[] {
  const out: { kind: string; name?: string }[] = access.isAdmin(req) ? [{ kind: 'facilitator' }] : [];
  for (const name of Object.keys(req.cookies ?? {})) {
    if (!name.startsWith(access.cookiePrefix)) continue;
    const who = access.identityOf(req, name.slice(access.cookiePrefix.length));
    if (who) out.push(who.me);
  }
  return out;
}

/** Who may save: a facilitator (of the server or of a drill) or DoIT's reviewer. */
const SAVERS = new Set(['facilitator', 'reviewer']);

/** A bad scenario's message: the file, then each problem with its line (at most five, and how many more). */
export function describeScenarioErrors(errors: readonly ScenarioError[]): { zh: string; en: string } {
  const shown = errors.slice(0, 5);
  const more = errors.length - shown.length;
  const item = (lang: 'zh-TW' | 'en') =>
    shown.map((e) =>
      serverText(lang, 'library.errorItem', {
        source: e.source,
        line: e.line !== undefined ? serverText(lang, 'library.errorLine', { line: e.line }) : '',
        path: e.path ? serverText(lang, 'library.errorPath', { path: e.path }) : '',
        message: e.message,
      }),
    );
  return serverWords('library.notPassed', (lang) => ({
    errors: item(lang).join(serverText(lang, 'library.errorSeparator')),
    more: more > 0 ? serverText(lang, 'library.errorMore', { n: more }) : '',
  }));
}

const refuse = (reply: FastifyReply, status: number, code: string, zh: string, en: string, extra: Record<string, unknown> = {}) =>
  reply.code(status).send({ ok: false, reason: reason(code, zh, en), ...extra });

/**
 * GET /api/scenarios: the library (any session on this server: the facilitator's or a drill's).
 * PUT /api/scenarios/:id with `{ text }`: checks and stores one (a facilitator's or DoIT's session).
 */
export async function registerScenarioLibrary(app: FastifyInstance, access: LibraryAccess): Promise<void> {
  const library = access.library ?? scenarioLibraryFor(access.store);
  if (library) {
    await library.open();
    app.addHook('onClose', async () => library.close());
  }
  const noLibrary = (reply: FastifyReply) => refuse(reply, 503, 'no-library', ...serverPair('library.noLibrary'));

  app.get('/api/scenarios', async (req, reply) => {
    if (sessionsOf(req, access).length === 0) return refuse(reply, 401, 'no-session', ...serverPair('library.noSession'));
    if (!library) return noLibrary(reply);
    return library.list();
  });

  // A scenario is at most 1 MiB; the body may be a little larger (JSON), and a larger one still gets
  // our message, not the server's generic limit.
  app.put<{ Params: { id: string }; Body: { text?: unknown } }>('/api/scenarios/:id', { bodyLimit: 4 * MAX_SCENARIO_BYTES }, async (req, reply) => {
    const who = sessionsOf(req, access);
    if (who.length === 0) return refuse(reply, 401, 'no-session', ...serverPair('library.noSession'));
    const saver = who.find((w) => SAVERS.has(w.kind));
    if (!saver) return refuse(reply, 403, 'facilitator-only', ...serverPair('library.saveFacilitatorOnly'));
    if (!library) return noLibrary(reply);
    const { id } = req.params;
    const text = req.body?.text;
    if (!SAFE_ID.test(id)) return refuse(reply, 400, 'bad-scenario', ...serverPair('library.badId', { id }));
    if (typeof text !== 'string') return refuse(reply, 400, 'bad-scenario', ...serverPair('library.textNeeded'));
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_SCENARIO_BYTES) {
      return refuse(reply, 413, 'scenario-too-large', ...serverPair('library.tooLarge', { id, bytes: bytes.toLocaleString('en'), max: MAX_SCENARIO_BYTES.toLocaleString('en') }));
    }
    const parsed = parseScenario(text, `${id}.yaml`);
    if (!parsed.ok) {
      const d = describeScenarioErrors(parsed.errors);
      return refuse(reply, 400, 'bad-scenario', d.zh, d.en, { errors: parsed.errors });
    }
    if (parsed.scenario.meta.id !== id) {
      return refuse(reply, 400, 'bad-scenario', ...serverPair('library.metaIdMismatch', { id, metaId: parsed.scenario.meta.id }));
    }
    const entry: ServerScenario = { id, title: parsed.scenario.meta.title, text, updatedWall: wallIso(Date.now()), savedBy: saver.name ? { kind: saver.kind, name: saver.name } : { kind: saver.kind } };
    try {
      await library.put(entry);
    } catch (e) {
      req.log.error(e);
      return refuse(reply, 503, 'not-stored', ...serverPair('library.notStored', { message: (e as Error).message }));
    }
    return { ok: true, scenario: { id, title: entry.title, updatedWall: entry.updatedWall } };
  });
}
