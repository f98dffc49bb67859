/**
 * What the server's tests share: a server on a file store in a folder of its own, listening on a
 * loopback port, and throwaway PostgreSQL databases under the cluster `with-postgres.sh` started.
 */
import pg from 'pg';
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
