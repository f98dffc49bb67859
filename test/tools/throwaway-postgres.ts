/**
 * A throwaway PostgreSQL cluster for tests, the benchmark and the crash test: Debian's postgresql
 * binaries, initdb in a temporary folder, listening on loopback only, removed at stop(). initdb
 * refuses to run as root, so as root the cluster runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  url: string;
  stop(): void;
}

function asOwner(cmd: string, args: string[], root: boolean): { status: number | null; out: string } {
  const res = root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: res.status, out: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

export function startPostgres(port: number): ThrowawayPostgres {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN}: install Debian's postgresql package (apt-get install postgresql) or set PG_BIN`);
  }
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tdrill-pg-'));
  chmodSync(dir, 0o700);
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const init = asOwner(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'drill', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], root);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.out}`);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=on -c synchronous_commit=on -c max_connections=200 -c shared_buffers=64MB`;
  const start = asOwner(join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'], root);
  if (start.status !== 0) {
    let log = '';
    try {
      log = readFileSync(join(dir, 'log'), 'utf8').split('\n').slice(-8).join('\n');
    } catch {
      // no log
    }
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${port}:\n${start.out}\n${log}`);
  }
  const create = asOwner(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'drill', 'drill'], root);
  if (create.status !== 0) throw new Error(`createdb failed:\n${create.out}`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    asOwner(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], root);
    rmSync(dir, { recursive: true, force: true });
  };
  // Interrupted or failed runs leave no cluster behind.
  process.once('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => (stop(), process.exit(130)));
  return { url: `postgres://drill@127.0.0.1:${port}/drill`, stop };
}

/** A fresh database in the same cluster (for a test file or a benchmark run). */
export function createDatabase(url: string, name: string): string {
  const u = new URL(url);
  const root = process.getuid?.() === 0;
  const res = asOwner(join(PG_BIN, 'createdb'), ['-h', u.hostname, '-p', u.port, '-U', u.username, name], root);
  if (res.status !== 0 && !/already exists/.test(res.out)) throw new Error(`createdb ${name} failed:\n${res.out}`);
  u.pathname = `/${name}`;
  return u.toString();
}
