/**
 * The drill server as a child process for the benchmark and the crash test (so it can be measured
 * on its own and killed with SIGKILL): as `npm run serve` runs it (package.json), one process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

export interface ServerChild {
  child: ChildProcess;
  origin: string;
  output: () => string;
  /** CPU seconds (user + system) the process has used, from /proc. */
  cpuSeconds(): number;
  /** CPU ms the process's threads ran, from /proc: the main (JavaScript) thread, and the rest (V8's helpers: garbage collection and optimizing compiles; libuv's pool). */
  threadCpuMs(): { main: number; other: number };
  /** Resident memory now and at its peak, MB, from /proc. */
  memoryMb(): { rss: number; peak: number };
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

const TICKS = 100; // USER_HZ on Linux

/**
 * How `npm run serve` (and `npm start`) runs the server, read from package.json, their one home: its
 * environment defaults (`NAME=${NAME:-value}`: libuv's thread pool for many drills' disk syncs at
 * once) and its node flags (`tsx --flag … src/server/main.ts`: the young generation's size and the
 * quiet-moment collections, quiet-collector.ts), so the server measured runs as the server deployed.
 */
function served(): { env: Record<string, string>; nodeFlags: string[] } {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.serve;
  const env: Record<string, string> = {};
  for (const [, name, value] of script.matchAll(/\b([A-Z_]+)=\$\{\1:-([^}]*)\}/g)) env[name] = process.env[name] ?? value;
  const flags = /\btsx((?:\s+--[\w-]+(?:=\S+)?)*)\s+src\/server\/main\.ts/.exec(script);
  if (!flags) throw new Error(`package.json's serve script does not run tsx … src/server/main.ts: ${script}`);
  return { env, nodeFlags: flags[1].split(/\s+/).filter(Boolean) };
}

export async function startServerChild(env: Record<string, string>, port: number): Promise<ServerChild> {
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { env: servedEnv, nodeFlags } = served();
  const child = spawn(process.execPath, [...nodeFlags, ...extra, '--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, ...servedEnv, HOST: '127.0.0.1', PORT: String(port), DIST_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // BENCH_SERVER_LOG=FILE: the server's output also goes to FILE (with `--trace-gc` in BENCH_SERVER_NODE_ARGS, its collections).
  const log = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : null;
  child.stdout!.on('data', (d) => ((out += String(d)), log?.write(d)));
  child.stderr!.on('data', (d) => ((out += String(d)), log?.write(d)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const started = Date.now();
  while (!/Facilitator link/.test(out)) {
    if (child.exitCode !== null) throw new Error(`drill server exited (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 60_000) throw new Error(`drill server did not start within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid!;
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    output: () => out,
    cpuSeconds() {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / TICKS;
    },
    threadCpuMs() {
      // schedstat: nanoseconds each thread ran (stat's user/system come in 10 ms ticks, too coarse for a burst).
      let main = 0;
      let other = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        let ran: number;
        try {
          ran = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        } catch {
          continue; // a thread that ended meanwhile
        }
        if (Number(tid) === pid) main += ran;
        else other += ran;
      }
      return { main, other };
    },
    memoryMb() {
      const s = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
