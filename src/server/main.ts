/**
 * Starts the drill server from the environment: HOST (default localhost; 0.0.0.0 for the LAN),
 * PORT (default 8080), DATABASE_URL (PostgreSQL; else the file store in DATA_DIR, default ./data),
 * TDRILL_FACILITATOR_TOKEN (a fixed start token; else a random one each start), JOIN_RATE_LIMIT
 * (join attempts per minute per address, default 30), TRUST_PROXY (behind a reverse proxy: `true` or
 * the proxy's addresses; cookies become Secure over HTTPS), PUBLIC_URL (the address people use, e.g.
 * https://drill.example.gov.tw, for the printed links). Run directly: `npm run serve`.
 * Deployment behind nginx with several processes: docs/deploy.md.
 */
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mkdirSync } from 'node:fs';
import { buildServer } from './app';
import { loadDeploymentKey } from '@/signing/deployment-key';
import { FileStore } from './store/file-store';
import { PgStore, describeUrl } from './store/pg-store';
import { PgCluster } from './cluster';
import type { DrillStore } from './store/store';
import { newToken } from './links';
import { serverLine } from './server-text';

export interface RunningServer {
  origin: string;
  facilitatorLink: string;
  /** Addresses for participants' devices (LAN addresses when HOST is 0.0.0.0). */
  participantAddresses: string[];
  storeLabel: string;
  repaired: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  host?: string;
  port?: number;
  databaseUrl?: string;
  dataDir?: string;
  distDir?: string;
  facilitatorToken?: string;
  joinRateLimit?: number;
  /** Fastify's trustProxy: true, or the proxy's addresses (comma-separated). */
  trustProxy?: boolean | string;
  /** The public origin (https://…) printed in the links, when behind a proxy. */
  publicUrl?: string;
  /**
   * The sealing key's environment (TDRILL_SEAL_KEY, TDRILL_SEAL_KEY_FILE, TDRILL_SEAL_SIGNER). With
   * neither key variable set, the key lives in DATA_DIR/seal-key.pem and is created on first start.
   */
  sealEnv?: NodeJS.ProcessEnv;
}

/** PORT as a number; a sentence naming what was given when it is not a port. */
function portFrom(text: string): number {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new Error(`PORT must be a port number 0–65535 (got ${JSON.stringify(text)})`);
  return port;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): StartOptions {
  return {
    host: env.HOST || 'localhost',
    port: env.PORT ? portFrom(env.PORT) : 8080,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.DATA_DIR || 'data',
    distDir: env.DIST_DIR || 'dist',
    ...(env.TDRILL_FACILITATOR_TOKEN ? { facilitatorToken: env.TDRILL_FACILITATOR_TOKEN } : {}),
    ...(env.JOIN_RATE_LIMIT ? { joinRateLimit: Number(env.JOIN_RATE_LIMIT) } : {}),
    ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1' ? true : env.TRUST_PROXY } : {}),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    sealEnv: { TDRILL_SEAL_KEY: env.TDRILL_SEAL_KEY, TDRILL_SEAL_KEY_FILE: env.TDRILL_SEAL_KEY_FILE, TDRILL_SEAL_SIGNER: env.TDRILL_SEAL_SIGNER },
  };
}

/** The LAN origins (http://address:port) a server listening on every interface is reached at. */
export function lanOrigins(host: string, port: number, interfaces: ReturnType<typeof networkInterfaces>): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  return Object.values(interfaces)
    .flat()
    .filter((n) => n && n.family === 'IPv4' && !n.internal)
    .map((n) => `http://${n!.address}:${port}`);
}

export async function startDrillServer(o: StartOptions): Promise<RunningServer> {
  const host = o.host ?? 'localhost';
  const port = o.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number 0–65535 (got ${o.port})`);
  const store: DrillStore = o.databaseUrl ? new PgStore(o.databaseUrl) : new FileStore(resolve(o.dataDir ?? 'data'));
  let repaired: string[];
  try {
    repaired = (await store.open()).repaired;
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  // With PostgreSQL, any number of processes may serve the same drills (issue 11, cluster.ts).
  let cluster: PgCluster | undefined;
  if (store instanceof PgStore) {
    cluster = new PgCluster(store, o.databaseUrl!);
    try {
      await cluster.start();
    } catch (e) {
      await cluster.close();
      await store.close().catch(() => undefined);
      throw new Error(`DATABASE_URL ${describeUrl(o.databaseUrl!)}: cannot open the sessions for drill locks: ${(e as Error).message}`);
    }
  }
  const token = o.facilitatorToken ?? newToken();
  const sealEnv = { ...(o.sealEnv ?? {}) };
  if (!sealEnv.TDRILL_SEAL_KEY && !sealEnv.TDRILL_SEAL_KEY_FILE) {
    mkdirSync(resolve(o.dataDir ?? 'data'), { recursive: true });
    sealEnv.TDRILL_SEAL_KEY_FILE = resolve(o.dataDir ?? 'data', 'seal-key.pem');
  }
  let sealKey;
  try {
    sealKey = loadDeploymentKey(sealEnv, { generate: true });
  } catch (e) {
    await cluster?.close();
    await store.close().catch(() => undefined);
    throw e;
  }
  const { app } = await buildServer({ store, distDir: o.distDir ?? 'dist', facilitatorToken: token, sealKey, ...(o.joinRateLimit ? { joinRateLimit: o.joinRateLimit } : {}), ...(cluster ? { cluster } : {}), ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}) });
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const lan = o.publicUrl ? [] : lanOrigins(host, actualPort, networkInterfaces());
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  // Open to the LAN, the facilitator's link names the LAN address: the console builds every join
  // link and QR code from the address it was opened at, and `localhost` works on this computer only.
  const origin = o.publicUrl ?? lan[0] ?? `http://${shown}:${actualPort}`;
  return {
    origin,
    facilitatorLink: `${origin}/start/${token}`,
    participantAddresses: lan.length ? lan.map((a) => `${a}/`) : [`${origin}/`],
    storeLabel: o.databaseUrl ? `PostgreSQL ${describeUrl(o.databaseUrl)}` : `file store ${resolve(o.dataDir ?? 'data')}`,
    repaired,
    close: async () => {
      await app.close();
      // After the drills saved their clocks; ending the lock session hands them to the other processes.
      await cluster?.close();
      await store.close();
    },
  };
}

export function printBanner(s: RunningServer): void {
  console.log(`\n${serverLine('log.banner')}`);
  console.log(`  ${serverLine('log.facilitatorLink')} ${s.facilitatorLink}`);
  for (const a of s.participantAddresses) console.log(`  ${serverLine('log.participantsAddress')}                        ${a}`);
  console.log(`  ${serverLine('log.participantsJoin')}`);
  console.log(`  ${serverLine('log.storage')} ${s.storeLabel}`);
  for (const r of s.repaired) console.log(`  ${serverLine('log.repaired')} ${r}`);
  console.log(`\n${serverLine('log.stop')}\n`);
}

/** Runs until SIGINT/SIGTERM; a bad DATABASE_URL or a taken port ends it with one line. */
export async function runFromEnv(): Promise<void> {
  let server: RunningServer;
  try {
    server = await startDrillServer(optionsFromEnv());
  } catch (e) {
    console.error(`drill server: ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  printBanner(server);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFromEnv();
