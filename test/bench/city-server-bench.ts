/**
 * The server half of `npm run bench:city` (issue 11): one drill server (its own process, file store)
 * runs a whole scripted city exercise of 100 agencies × 8 simulated participants over WebSockets
 * (each agency: its facilitator and seven people; DoIT on its city socket).
 *
 * Script: DoIT creates the exercise from a 100-row agency list; each agency's facilitator opens its
 * link and enters its roster; all 800 devices connect; DoIT starts every agency on the shared clock
 * at 60×; for BENCH_CITY_SECONDS (30) every person acts at human pace (one action every 5–15 s: the
 * reporting contact files the report first, the others add notes); DoIT reviews each report from its
 * queue as it arrives; then DoIT ends the exercise.
 *
 * Measures the board's update latency: from an agency's device sending an action to DoIT's city
 * socket receiving the stored event (p50/p95/p99), and the server's memory (RSS now and peak) and
 * CPU. Budget: p99 ≤ 250 ms. Run alone: `tsx test/bench/city-server-bench.ts` (exits 1 over budget).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { DrillClient, commandId, join as joinLink } from '../../src/server/test-client';
import type { CityClientMessage, CityServerMessage } from '../../src/ui/drill-runtime/city-protocol';
import { startServerChild } from './server-process';

const AGENCIES = Number(process.env.BENCH_CITY_AGENCIES ?? 100);
const SECONDS = Number(process.env.BENCH_CITY_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_CITY_PORT ?? 4320);
const TOKEN = 'bench-city-doit-token';
export const LATENCY_BUDGET_MS = 250;

const PEOPLE = [
  { name: '李佳穎', position: 'security-officer', roles: ['reporting-contact'] },
  { name: '陳淑芬', position: 'ciso', roles: ['commander', 'ciso'] },
  { name: '王建宏', position: 'it-unit-head', roles: ['executive-secretary'] },
  { name: '林志明', position: 'it-staff', roles: ['intel-planning'] },
  { name: '張雅婷', position: 'it-staff', roles: ['response-execution'] },
  { name: '黃俊傑', position: 'it-staff', roles: ['press-contact'] },
  { name: '吳美玲', position: 'section-chief', roles: ['response-execution'] },
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CityServerFigures {
  ok: boolean;
  line: string;
}

export async function runCityServerBench(): Promise<CityServerFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tdrill-city-bench-'));
  const server = await startServerChild({ DATA_DIR: dir, TDRILL_FACILITATOR_TOKEN: TOKEN, JOIN_RATE_LIMIT: '1000000' }, PORT);
  const clients: DrillClient[] = [];
  let doitWs: WebSocket | null = null;
  try {
    const { origin } = server;
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const types = ['一般機關', '一般機關', '一般機關', '行政法人', '學校'];
    const rows = Array.from({ length: AGENCIES }, (_, i) => `臺北市測試機關${String(i + 1).padStart(3, '0')},${types[i % types.length]},,否,聯絡人 ${i + 1}`);
    const csv = `機關名稱,機關類型,上級或監督機關,是否向中央通報,聯絡人\n${rows.join('\n')}\n`;
    const created = await fetch(`${origin}/api/city/exercises`, {
      method: 'POST',
      headers: { cookie: doit, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'bench-city', title: '府級演練（效能測試）', startAt: '2026-03-09T08:40:00+08:00', scenarios: { kind: 'one', scenarioId: 'ransomware-core' }, csv: { name: 'bench.csv', base64: Buffer.from(csv).toString('base64') } }),
    });
    const body = (await created.json()) as { ok: boolean; reason?: { en: string }; agencies: { drillId: string; links: { link: { kind: string }; path: string }[] }[] };
    if (!body.ok) throw new Error(`create: ${body.reason?.en}`);

    // Rosters and devices: the facilitator and seven people per agency.
    const actors: { client: DrillClient; role: string; drillId: string }[] = [];
    for (const a of body.agencies) {
      const f = await joinLink(origin, a.links.find((l) => l.link.kind === 'facilitator')!.path);
      const put = await fetch(`${origin}/api/city/drills/${a.drillId}/roster`, {
        method: 'PUT',
        headers: { cookie: f.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ facilitatorName: '機關主持人', participants: PEOPLE }),
      });
      const roster = (await put.json()) as { ok: boolean; reason?: { en: string }; links: { link: { roles: string[] }; path: string }[] };
      if (!roster.ok) throw new Error(`roster ${a.drillId}: ${roster.reason?.en}`);
      const fc = new DrillClient(origin, a.drillId, f.cookie);
      await fc.connect();
      clients.push(fc);
      actors.push({ client: fc, role: 'facilitator', drillId: a.drillId });
      for (const l of roster.links) {
        const c = new DrillClient(origin, a.drillId, (await joinLink(origin, l.path)).cookie);
        await c.connect();
        clients.push(c);
        actors.push({ client: c, role: l.link.roles[0], drillId: a.drillId });
      }
    }

    // DoIT's board socket: every stored event of every agency, stamped on arrival.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const reviewsToDo: string[] = [];
    let doitMessages = 0;
    const results = new Map<string, (ok: boolean) => void>();
    doitWs = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/city/exercises/bench-city/ws`, { headers: { cookie: doit, origin } });
    const ws = doitWs;
    let welcomed: () => void = () => undefined;
    const welcome = new Promise<void>((r) => (welcomed = r));
    ws.on('message', (data) => {
      const at = performance.now();
      doitMessages += 1;
      const m = JSON.parse(String(data)) as CityServerMessage;
      if (m.kind === 'welcome') welcomed();
      else if (m.kind === 'result') {
        results.get(m.id)?.(m.results.every((r) => r.result.ok));
        results.delete(m.id);
      } else if (m.kind === 'agency' && m.message.kind === 'events') {
        for (const e of m.message.events) {
          const key = typeof e.data?.text === 'string' ? e.data.text : e.type === 'report.submitted' ? `report:${m.drillId}` : null;
          const t0 = key ? sentAt.get(key) : undefined;
          if (t0 !== undefined) {
            latencies.push(at - t0);
            sentAt.delete(key!);
          }
          if (e.type === 'report.submitted') reviewsToDo.push(m.drillId);
        }
      }
    });
    await welcome;
    const doitSend = (m: CityClientMessage) =>
      new Promise<boolean>((resolve) => {
        results.set(m.id, resolve);
        ws.send(JSON.stringify(m));
      });
    if (!(await doitSend({ kind: 'clock', id: commandId(), command: { kind: 'start' } }))) throw new Error('start refused');
    if (!(await doitSend({ kind: 'clock', id: commandId(), command: { kind: 'set-speed', speed: 60 } }))) throw new Error('speed refused');
    if (!(await doitSend({ kind: 'clock', id: commandId(), command: { kind: 'play' } }))) throw new Error('play refused');

    const cpu0 = server.cpuSeconds();
    const wall0 = performance.now();
    const end = wall0 + SECONDS * 1000;
    let refused = 0;
    const act = async (a: (typeof actors)[number], first: boolean) => {
      if (first && a.role === 'reporting-contact') {
        sentAt.set(`report:${a.drillId}`, performance.now());
        const r = await a.client.send({ kind: 'action', action: { type: 'report.submitted', actor: { role: 'reporting-contact' }, data: { level: 3, channel: 'website' } } });
        if (!r.ok) refused += 1;
        return;
      }
      const text = commandId();
      sentAt.set(text, performance.now());
      const r = await a.client.send({ kind: 'action', action: { type: 'ui.note.added', actor: { role: a.role as never }, data: { text } } });
      if (!r.ok) refused += 1;
    };
    // DoIT works its queue as reports arrive (P15), through each agency's writer.
    const reviewer = (async () => {
      let reviewed = 0;
      while (performance.now() < end) {
        const drillId = reviewsToDo.shift();
        if (!drillId) {
          await sleep(200);
          continue;
        }
        if (await doitSend({ kind: 'review', id: commandId(), drillId, level: 3 })) reviewed += 1;
      }
      return reviewed;
    })();
    await Promise.all(
      actors.map(async (a) => {
        await sleep(Math.random() * 10_000);
        let first = true;
        while (performance.now() < end) {
          await act(a, first);
          first = false;
          await sleep(5_000 + Math.random() * 10_000);
        }
      }),
    );
    const reviewed = await reviewer;
    const wall1 = performance.now();
    const cpu1 = server.cpuSeconds();
    if (!(await doitSend({ kind: 'clock', id: commandId(), command: { kind: 'end' } }))) throw new Error('end refused');
    await sleep(500);
    const mem = server.memoryMb();
    const unseen = sentAt.size;
    latencies.sort((x, y) => x - y);
    const p99 = pct(latencies, 99);
    const ok = latencies.length > 0 && p99 <= LATENCY_BUDGET_MS && unseen === 0 && refused === 0;
    const f = (n: number) => n.toFixed(1);
    console.log(`city server: ${AGENCIES} agencies × 8 devices (${clients.length} sockets) + DoIT's board socket, ${SECONDS} s at human pace, clock 60×`);
    console.log(`  actions → DoIT's board: ${latencies.length} measured, p50 ${f(pct(latencies, 50))} / p95 ${f(pct(latencies, 95))} / p99 ${f(p99)} / max ${f(latencies.at(-1) ?? NaN)} ms; never reached the board: ${unseen}; refused: ${refused}`);
    console.log(`  DoIT reviews from the queue: ${reviewed}; messages on DoIT's socket: ${doitMessages}`);
    console.log(`  server: CPU ${f(((cpu1 - cpu0) / ((wall1 - wall0) / 1000)) * 100)}%, RSS ${f(mem.rss)} MB (peak ${f(mem.peak)} MB)`);
    return {
      ok,
      line: `server ${AGENCIES}×8 devices: board update p99 ${f(p99)} ms (budget ≤ ${LATENCY_BUDGET_MS} ms), p50 ${f(pct(latencies, 50))} ms, ${latencies.length} actions, ${unseen} unseen, ${refused} refused; server RSS ${f(mem.rss)} MB (peak ${f(mem.peak)} MB)`,
    };
  } finally {
    doitWs?.close();
    for (const c of clients) c.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runCityServerBench().catch((e: Error) => ({ ok: false, line: `server half failed: ${e.message}` }));
  console.log(`bench:city (server) ${r.ok ? 'PASS' : 'FAIL'}: ${r.line}; load average ${loadavg()[0].toFixed(1)}`);
  process.exit(r.ok ? 0 : 1);
}
