/**
 * What the server's tests share: a server on a file store in a folder of its own, listening on a
 * loopback port, and throwaway PostgreSQL databases under the cluster `with-postgres.sh` started.
 */
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DeploymentKey } from '@/signing/deployment-key';
import { buildServer } from './app';
import type { DrillHost } from './drill-host';
import { FileStore } from './store/file-store';
import type { DrillStore } from './store/store';

export interface TestServer {
  app: FastifyInstance;
  hosts: Map<string, DrillHost>;
  /** Closes the server and its store (once; later calls do nothing). */
  close(): Promise<void>;
}

/** A drill server on a file store in `dir`, listening on 127.0.0.1:`port`. */
export async function serveFileStore(o: {
  dir: string;
  port: number;
  facilitatorToken: string;
  joinRateLimit?: number;
  /** Wraps the store (a failing disk, a slow one). */
  wrap?: (s: DrillStore) => DrillStore;
  sealKey?: DeploymentKey;
}): Promise<TestServer> {
  const store = new FileStore(o.dir);
  await store.open();
  const { app, hosts } = await buildServer({
    store: o.wrap ? o.wrap(store) : store,
    facilitatorToken: o.facilitatorToken,
    joinRateLimit: o.joinRateLimit ?? 1000,
    ...(o.sealKey ? { sealKey: o.sealKey } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: o.port });
  let closed = false;
  return {
    app,
    hosts,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
}

/** Fresh databases on the PostgreSQL at `base` (DATABASE_URL), each named `<prefix><pid>_<n>`, and dropping them all. */
export function throwawayDatabases(base: string, prefix: string): { fresh(): Promise<string>; dropAll(): Promise<void> } {
  const made: string[] = [];
  return {
    async fresh() {
      const name = `${prefix}${process.pid}_${made.length + 1}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      await admin.end();
      made.push(name);
      const u = new URL(base);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async dropAll() {
      if (made.length === 0) return;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      // Each drop waits for a checkpoint, which a busy disk makes slow.
      for (const name of made.splice(0)) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * The PostgreSQL of a test file that needs one (DATABASE_URL, set by test/tools/with-postgres.sh):
 * missing under CI or REQUIRE_POSTGRES fails the file; elsewhere a loud warning says that `what` is
 * NOT run (describe.skipIf(!base)). Its throwaway databases are dropped after the file.
 */
export function postgresForTests(file: string, what: string, prefix: string): { base: string | undefined; freshDatabase(): Promise<string> } {
  const base = process.env.DATABASE_URL;
  if (!base && (process.env.CI || process.env.REQUIRE_POSTGRES)) throw new Error(`${file}: DATABASE_URL is not set; run under test/tools/with-postgres.sh`);
  if (!base) console.warn(`\n  ${file}: DATABASE_URL is not set, so these are NOT run here: ${what} (npm test runs them under test/tools/with-postgres.sh)\n`);
  const databases = base ? throwawayDatabases(base, prefix) : undefined;
  afterAll(() => databases?.dropAll(), 120_000);
  return { base, freshDatabase: () => databases!.fresh() };
}

/** Clean-ups a test registers as it goes (servers, folders, sockets), run in reverse after each test. */
export function cleanupsAfterEach(): (() => Promise<void> | void)[] {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return cleanups;
}

/** Polls `done` every `everyMs` until it holds; after `ms`, fails naming `what`. */
export async function pollUntil(done: () => boolean | Promise<boolean>, what: string, ms: number, everyMs: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
