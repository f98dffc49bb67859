/**
 * `npm run bench:server`: 100 drills × 10 simulated participants over real WebSockets on loopback
 * (each drill: the facilitator, its seven people, the observer/projector, DoIT's reviewer), acting at
 * human pace (one action every 5–15 s each), then one burst (every participant at once). Reports
 * p50/p95/p99 from command to broadcast (send → the event reaching the sender's socket, which the
 * server sends only after the store made it durable), events per second, and the server's CPU and
 * memory, for the file store and for PostgreSQL (a throwaway cluster). The server's own share (a
 * command's arrival at its drill's writer → stored and broadcast, GET /api/server/timings) is shown
 * apart: the clients run on the same cores, so the gap between the two is what they add.
 * Budget on the 2-core machine: p99 ≤ 50 ms (file), ≤ 100 ms (PostgreSQL). Exits 1 over budget.
 * The server runs as `npm run serve` runs it (server-process.ts reads package.json). This process,
 * the 1,000 devices on one heap, runs with a 16 MB young-generation floor (package.json): without it
 * it collected 5–8 times in the burst (up to 36 ms), and those pauses showed in the latencies it
 * measures, which real devices, each with its own heap, would not add. Alternating runs on one
 * clone: p99 53.9/61.7/68.7 ms with it, 69.4/86.6/80.6 without (its collections 0–1 against 5–8).
 * The server runs with `npm run serve`'s node flags (server-process.ts reads them): 32 MB semi-spaces,
 * and its young generation collected in quiet moments (src/server/quiet-collector.ts), so a burst
 * does not stop for a collection (it did in most runs: 3–20 ms, and 6–8 times when V8 had shrunk it).
 * Before the paced phase, one burst that is not measured (BENCH_WARMUPS=1): the first burst after a
 * start runs the paths a burst takes (a drain of many commands, writes of many frames) before V8 has
 * optimized them, and its compiler then works on the second core while the burst runs. A server
 * that has been running a drill has met a burst (every inject sets all desks acting at once). The
 * first burst's p99 is printed beside the figures, and BENCH_WARMUPS=0 measures it as the burst.
 * Alternating runs on one machine (6 each): p99 median 43.6 ms (32.5–50.6) with the warm-up, 55
 * (43.1–65.4) without.
 *   env: BENCH_DRILLS (100), BENCH_SECONDS (30), BENCH_STORES (file,postgres), BENCH_WARMUPS (1), BENCH_PORT_BASE (4120: the file store's server; +1 PostgreSQL's; +31 the throwaway PostgreSQL cluster)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { parseIsoMs } from '@/engine/time/taipei';
import { DrillClient, commandId, join as joinLink } from '@/server/test-client';
import { startPostgres } from '../tools/throwaway-postgres';
import type { GcCounts } from '@/server/command-timings';
import { startServerChild } from './server-process';

const DRILLS = Number(process.env.BENCH_DRILLS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const STORES = (process.env.BENCH_STORES ?? 'file,postgres').split(',');
/** Unmeasured bursts before the paced phase (see the header): 1, or 0 to measure a first burst. */
const WARMUPS = Number(process.env.BENCH_WARMUPS ?? 1);
const TOKEN = 'bench-facilitator-token';
const BUDGET = { file: 50, postgres: 100 } as Record<string, number>;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
/** Ports used: base, base + 1 and a throwaway PostgreSQL on base + 31 (env BENCH_PORT_BASE). */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4120);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Figures {
  store: string;
  commands: number;
  p50: number;
  p95: number;
  p99: number;
  steadyP50: number;
  steadyP99: number;
  burstP99: number;
  /** The burst's spread (ms): p10, p50, p90 and its slowest command. */
  burstSpread: [number, number, number, number];
  /** The server's own time per command (writer arrival → stored and broadcast), paced and burst. */
  serverPacedP99: number;
  serverBurstP99: number;
  /** CPU the burst took (ms): the server's process (its threads, burstThreadsMs), and this process (the 1000 clients). */
  burstServerCpuMs: number;
  burstClientCpuMs: number;
  /** This process's garbage collections during the burst (count, ms). */
  burstClientGc: [number, number];
  /** The server's main (JavaScript) thread and its other threads, CPU ms in the burst (from /proc schedstat). */
  burstThreadsMs: { main: number; other: number };
  /** The first burst after the start (unmeasured warm-up, BENCH_WARMUPS): its p99, or null without one. */
  firstBurstP99: number | null;
  burstWallMs: number;
  burstCommands: number;
  /** The writers' drains (group commits) in the burst: one per drill when every drill's commands are taken together. */
  burstDrains: number;
  /** The server's garbage collections from just before the burst until its end (count, ms). */
  burstGc: GcCounts & { newSpaceMb: number };
  /** The benchmark's own event-loop delay p99 (ms): latency the clients add on a busy machine. */
  clientLagP99: number;
  load: number;
  eventsPerSecond: number;
  cpuPercent: number;
  rssMb: number;
  peakMb: number;
}

async function runOne(store: string, port: number, env: Record<string, string>): Promise<Figures> {
  const server = await startServerChild({ ...env, TDRILL_FACILITATOR_TOKEN: TOKEN, JOIN_RATE_LIMIT: '100000' }, port);
  const clients: DrillClient[] = [];
  try {
    const admin = await joinLink(server.origin, `/start/${TOKEN}`);
    const header = testHeader();
    // Set up: 100 drills, each started, each with its 10 devices connected.
    const actors: { client: DrillClient; role: string }[] = [];
    for (let d = 0; d < DRILLS; d += 1) {
      const id = `bench-${d}`;
      const res = await fetch(`${server.origin}/api/drills`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ drill: { id, title: id, header, clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 } } }),
      });
      const body = (await res.json()) as { links: { link: { kind: string; roles: string[] }; path: string }[] };
      for (const l of body.links) {
        const { cookie } = await joinLink(server.origin, l.path);
        // Lean: keeps nothing and parses no events frame (1,000 devices share this process's core).
        const c = new DrillClient(server.origin, id, cookie, { lean: true });
        await c.connect();
        clients.push(c);
        if (l.link.kind === 'facilitator') await c.send({ kind: 'start' });
        if (l.link.kind !== 'observer') actors.push({ client: c, role: l.link.kind === 'facilitator' ? 'facilitator' : l.link.roles[0] });
      }
    }
    const latencies: number[] = [];
    // Events stored (each reaches the drill's 10 sockets): the server's count of every drill's events.
    const eventCount = async () => {
      const rows = (await (await fetch(`${server.origin}/api/drills`, { headers: { cookie: admin.cookie } })).json()) as { eventCount?: number }[];
      return rows.reduce((n, r) => n + (r.eventCount ?? 0), 0);
    };
    const act = async (a: { client: DrillClient; role: string }, into: number[]) => {
      const text = commandId();
      // The note's text is unique: the first events frame carrying it is its broadcast reaching the
      // sender's socket (the server sends the result only after it).
      const needle = Buffer.from(`"text":${JSON.stringify(text)}`, 'utf8');
      const t0 = performance.now();
      const seen = new Promise<number>((resolve) => {
        a.client.onEventsText = (frame, at) => {
          if (frame.includes(needle)) {
            a.client.onEventsText = null;
            resolve(at);
          }
        };
      });
      const res = await a.client.send({ kind: 'action', action: { type: 'ui.note.added', actor: { role: a.role as never }, data: { text } } });
      if (!res.ok) throw new Error(`${store}: refused: ${res.reason.en}`);
      into.push((await seen) - t0);
    };
    // The first burst after the start: shown, not in the figures (see the header).
    const firstBurst: number[] = [];
    for (let w = 0; w < WARMUPS; w += 1) {
      await Promise.all(actors.map((a) => act(a, w === 0 ? firstBurst : [])));
      await sleep(1000);
    }
    firstBurst.sort((a, b) => a - b);

    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const cpu0 = server.cpuSeconds();
    const wall0 = performance.now();
    const events0 = await eventCount();
    // Human pace: each participant acts every 5–15 s (first action spread over the first 10 s).
    const end = wall0 + SECONDS * 1000;
    await Promise.all(
      actors.map(async (a) => {
        await sleep(Math.random() * 10_000);
        while (performance.now() < end) {
          await act(a, latencies);
          await sleep(5_000 + Math.random() * 10_000);
        }
      }),
    );
    const wall1 = performance.now();
    const cpu1 = server.cpuSeconds();
    const steadyEvents = (await eventCount()) - events0;
    const timings = async () =>
      (await (await fetch(`${server.origin}/api/server/timings`, { headers: { cookie: admin.cookie } })).json()) as { commandMs: number[]; drains: number; gc: Figures['burstGc'] };
    const serverPaced = (await timings()).commandMs;
    // One burst: every participant at once.
    const burst: number[] = [];
    const threads0 = server.threadCpuMs();
    const clientCpu0 = process.cpuUsage();
    const burstWall0 = performance.now();
    // This process's own collections while the burst runs (its 1,000 devices share one heap).
    let clientGcMs = 0;
    let clientGcs = 0;
    const gcWatch = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        clientGcs += 1;
        clientGcMs += e.duration;
      }
    });
    gcWatch.observe({ entryTypes: ['gc'] });
    await Promise.all(actors.map((a) => act(a, burst)));
    gcWatch.disconnect();
    const burstWallMs = performance.now() - burstWall0;
    const clientCpu = process.cpuUsage(clientCpu0);
    const threads1 = server.threadCpuMs();
    const burstThreadsMs = { main: threads1.main - threads0.main, other: threads1.other - threads0.other };
    const { commandMs: serverBurst, drains: burstDrains, gc: burstGc } = await timings();
    const mem = server.memoryMb();
    lag.disable();
    latencies.sort((a, b) => a - b);
    burst.sort((a, b) => a - b);
    const all = [...latencies, ...burst].sort((a, b) => a - b);
    const perSecond = steadyEvents / ((wall1 - wall0) / 1000);
    return {
      store,
      commands: all.length,
      p50: pct(all, 50),
      p95: pct(all, 95),
      p99: pct(all, 99),
      steadyP50: pct(latencies, 50),
      steadyP99: pct(latencies, 99),
      burstP99: pct(burst, 99),
      burstSpread: [pct(burst, 10), pct(burst, 50), pct(burst, 90), burst.at(-1) ?? NaN],
      serverPacedP99: pct(serverPaced, 99),
      serverBurstP99: pct(serverBurst, 99),
      burstServerCpuMs: burstThreadsMs.main + burstThreadsMs.other,
      burstClientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
      burstClientGc: [clientGcs, clientGcMs],
      burstThreadsMs,
      firstBurstP99: firstBurst.length ? pct(firstBurst, 99) : null,
      burstWallMs,
      burstCommands: burst.length,
      burstDrains,
      burstGc,
      clientLagP99: lag.percentile(99) / 1e6,
      load: loadavg()[0],
      eventsPerSecond: perSecond,
      cpuPercent: ((cpu1 - cpu0) / ((wall1 - wall0) / 1000)) * 100,
      rssMb: mem.rss,
      peakMb: mem.peak,
    };
  } finally {
    for (const c of clients) c.close();
    await server.stop();
  }
}

const results: Figures[] = [];
for (const store of STORES) {
  if (store === 'file') {
    const dir = mkdtempSync(join(tmpdir(), 'tdrill-bench-'));
    try {
      results.push(await runOne('file', PORT_BASE, { DATA_DIR: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (store === 'postgres') {
    const pg = startPostgres(PORT_BASE + 31);
    try {
      results.push(await runOne('postgres', PORT_BASE + 1, { DATABASE_URL: pg.url }));
    } finally {
      pg.stop();
    }
  }
}

const f = (n: number) => n.toFixed(1);
console.log(`\n${DRILLS} drills × 10 participants, ${SECONDS} s at human pace + 1 burst (${DRILLS * 9} commands at once)`);
console.log('store      commands  p50 ms  p95 ms  p99 ms | paced p50  paced p99  burst p99 | server-side p99 paced  burst | events/s  server CPU  RSS MB (peak) | client lag p99  load avg');
for (const r of results) {
  console.log(
    `${r.store.padEnd(10)} ${String(r.commands).padStart(8)}  ${f(r.p50).padStart(6)}  ${f(r.p95).padStart(6)}  ${f(r.p99).padStart(6)} | ${f(r.steadyP50).padStart(9)}  ${f(r.steadyP99).padStart(9)}  ${f(r.burstP99).padStart(9)} | ${f(r.serverPacedP99).padStart(21)}  ${f(r.serverBurstP99).padStart(5)} | ${f(r.eventsPerSecond).padStart(8)}  ${f(r.cpuPercent).padStart(9)}%  ${f(r.rssMb)} (${f(r.peakMb)}) | ${f(r.clientLagP99).padStart(14)}  ${f(r.load).padStart(8)}`,
  );
}
// One Node process runs a drill's writer: the server's CPU for the burst is a floor under its p99.
for (const r of results) {
  console.log(
    `${r.store}: the burst took ${f(r.burstWallMs)} ms wall; CPU ${f(r.burstServerCpuMs)} ms in the server (${Math.round((r.burstServerCpuMs * 1000) / r.burstCommands)} µs per command: ${f(r.burstThreadsMs.main)} ms on its JavaScript thread, ${f(r.burstThreadsMs.other)} ms on its others), ${f(r.burstClientCpuMs)} ms in the clients (same 2 cores; their GC ${r.burstClientGc[0]}× ${f(r.burstClientGc[1])} ms); burst p10/p50/p90/max ${r.burstSpread.map(f).join('/')} ms; ${r.burstDrains} drains (${f(r.burstCommands / Math.max(1, r.burstDrains))} commands each); server GC ${r.burstGc.minor} minor (${f(r.burstGc.minorMs)} ms), ${r.burstGc.major} major (${f(r.burstGc.majorMs)} ms), young generation ${f(r.burstGc.newSpaceMb)} MB${r.firstBurstP99 === null ? '' : `; the first burst after the start (warm-up, not in the figures): p99 ${f(r.firstBurstP99)} ms`}`,
  );
}
const over = results.filter((r) => r.p99 > BUDGET[r.store]);
console.log(`p99 command→broadcast: ${results.map((r) => `${r.store} ${f(r.p99)} ms (budget ${BUDGET[r.store]}; server-side burst ${f(r.serverBurstP99)})`).join(', ')}${over.length ? ' — OVER BUDGET' : ' — within budget'}`);
process.exit(over.length ? 1 : 0);
