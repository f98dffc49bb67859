/**
 * `npm run crash:server`: a scripted drill is driven through the server, which is killed with
 * SIGKILL at ≥ 20 random moments and restarted each time, for the file store and for PostgreSQL.
 * Four devices (the facilitator and three people) keep acting; every command has an id, and a
 * command whose answer was lost with the server is sent again with the same id after the restart
 * (as the browser does). At the end the store is read directly and compared with what the clients
 * were told:
 * - lost: an event acknowledged to a client (its result arrived) that the store does not hold,
 *   or holds different;
 * - duplicated: a command applied more than once (its note text stored twice) or a seq stored twice.
 * Last line: kill points, lost, duplicated. Exits 1 on any loss or duplicate.
 *   env: CRASH_KILLS (20), CRASH_STORES (file,postgres), CRASH_PORT_BASE (4130)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DrillEvent } from '@/engine/record/schema';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { parseIsoMs } from '@/engine/time/taipei';
import { DrillClient, commandId, join as joinLink } from '@/server/test-client';
import { FileStore } from '@/server/store/file-store';
import { PgStore } from '@/server/store/pg-store';
import type { DrillStore } from '@/server/store/store';
import type { RuntimeCommand } from '@/runtime/protocol';
import { startPostgres } from '../tools/throwaway-postgres';
import { startServerChild, type ServerChild } from './server-process';

const KILLS = Math.max(20, Number(process.env.CRASH_KILLS ?? 20));
const STORES = (process.env.CRASH_STORES ?? 'file,postgres').split(',');
const TOKEN = 'crash-facilitator-token';
/** Ports used: base, base + 1 and a throwaway PostgreSQL on base + 22 (env CRASH_PORT_BASE). */
const PORT_BASE = Number(process.env.CRASH_PORT_BASE ?? 4130);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  store: string;
  kills: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  repairs: string[];
}

async function runOne(store: string, port: number, env: Record<string, string>, open: () => DrillStore): Promise<Outcome> {
  const serverEnv = { ...env, TDRILL_FACILITATOR_TOKEN: TOKEN, JOIN_RATE_LIMIT: '100000' };
  let server: ServerChild = await startServerChild(serverEnv, port);
  const repairs: string[] = [];
  const admin = await joinLink(server.origin, `/start/${TOKEN}`);
  const header = testHeader();
  const drillId = `crash-${store}`;
  const res = await fetch(`${server.origin}/api/drills`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ drill: { id: drillId, title: drillId, header, clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 } } }),
  });
  const links = ((await res.json()) as { links: { link: { kind: string; name?: string; roles: string[] }; path: string }[] }).links;
  const devices: { cookie: string; role: string; client: DrillClient }[] = [];
  for (const l of links.filter((x) => x.link.kind === 'facilitator' || x.link.kind === 'participant').slice(0, 4)) {
    const { cookie } = await joinLink(server.origin, l.path);
    devices.push({ cookie, role: l.link.kind === 'facilitator' ? 'facilitator' : l.link.roles[0], client: new DrillClient(server.origin, drillId, cookie) });
  }
  for (const d of devices) await d.client.connect();
  await devices[0].client.send({ kind: 'start' });
  // A fast clock so the scenario's injects fire on the server too, between the kills.
  await devices[0].client.send({ kind: 'set-speed', speed: 600 });

  /** What the clients were told: events acknowledged (by seq), and every command id sent. */
  const acknowledged = new Map<number, DrillEvent>();
  const sent = new Map<string, RuntimeCommand>();
  const unanswered = new Set<string>();
  let running = true;

  const drive = async (d: (typeof devices)[number]) => {
    while (running) {
      const id = commandId();
      const command: RuntimeCommand = { kind: 'action', action: { type: 'ui.note.added', actor: { role: d.role as never }, data: { text: id } } };
      sent.set(id, command);
      unanswered.add(id);
      let result;
      try {
        result = await d.client.send(command, id);
      } catch {
        result = null;
      }
      if (result?.ok) {
        unanswered.delete(id);
        for (const e of result.events) acknowledged.set(e.seq, e);
      } else if (result && result.reason.code !== 'disconnected') {
        unanswered.delete(id);
        throw new Error(`${store}: command refused: ${result.reason.en}`);
      } else {
        await sleep(20);
      }
    }
  };

  let kills = 0;
  while (kills < KILLS) {
    running = true;
    const drivers = devices.map((d) => drive(d));
    await sleep(50 + Math.random() * 400);
    await server.kill9();
    kills += 1;
    running = false;
    await Promise.allSettled(drivers);
    server = await startServerChild(serverEnv, port);
    for (const line of server.output().split('\n')) if (/Repaired/.test(line)) repairs.push(line.trim());
    for (const d of devices) {
      d.client.close();
      const next = new DrillClient(server.origin, drillId, d.cookie);
      next.events.push(...d.client.events);
      d.client = next;
      await next.connect();
    }
    // Commands whose answer was lost: again, with the same id.
    for (const id of [...unanswered]) {
      const result = await devices[0].client.send(withFacilitatorRole(sent.get(id)!), id);
      if (!result.ok) throw new Error(`${store}: retry of ${id} refused: ${result.reason.en}`);
      unanswered.delete(id);
      for (const e of result.events) acknowledged.set(e.seq, e);
    }
  }
  for (const d of devices) d.client.close();
  await server.stop();

  // Read the store as a restarted server would, and compare.
  const s = open();
  await s.open();
  const loaded = await s.loadDrill(drillId);
  await s.close();
  const stored = loaded?.entries.map((e) => e.event) ?? [];
  const bySeq = new Map<number, DrillEvent>();
  let duplicated = 0;
  for (const e of stored) {
    if (bySeq.has(e.seq)) duplicated += 1;
    bySeq.set(e.seq, e);
  }
  const texts = new Map<string, number>();
  for (const e of stored) if (e.type === 'ui.note.added') texts.set(String(e.data?.text), (texts.get(String(e.data?.text)) ?? 0) + 1);
  for (const n of texts.values()) if (n > 1) duplicated += n - 1;
  let lost = 0;
  for (const [seq, e] of acknowledged) {
    const got = bySeq.get(seq);
    if (!got || JSON.stringify(got) !== JSON.stringify(e)) lost += 1;
  }
  stored.forEach((e, i) => {
    if (e.seq !== i + 1) throw new Error(`${store}: stored seqs are not consecutive at ${i + 1} (got ${e.seq})`);
  });
  return { store, kills, acknowledged: acknowledged.size, lost, duplicated, repairs };
}

/** A retry goes through the facilitator's socket: the note keeps its text (the command id). */
function withFacilitatorRole(c: RuntimeCommand): RuntimeCommand {
  return c.kind === 'action' ? { ...c, action: { ...c.action, actor: { role: 'facilitator' } } } : c;
}

const outcomes: Outcome[] = [];
for (const store of STORES) {
  if (store === 'file') {
    const dir = mkdtempSync(join(tmpdir(), 'tdrill-crash-'));
    try {
      outcomes.push(await runOne('file', PORT_BASE, { DATA_DIR: dir }, () => new FileStore(dir)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (store === 'postgres') {
    const pg = startPostgres(PORT_BASE + 22);
    try {
      outcomes.push(await runOne('postgres', PORT_BASE + 1, { DATABASE_URL: pg.url }, () => new PgStore(pg.url)));
    } finally {
      pg.stop();
    }
  }
}
for (const o of outcomes) {
  console.log(`${o.store}: ${o.kills} kill -9 points, ${o.acknowledged} events acknowledged, ${o.lost} lost, ${o.duplicated} duplicated`);
  for (const r of o.repairs) console.log(`  ${r}`);
}
const bad = outcomes.some((o) => o.lost > 0 || o.duplicated > 0);
console.log(`crash test: ${outcomes.map((o) => `${o.store} ${o.kills} kill points, ${o.lost} lost, ${o.duplicated} duplicated`).join('; ')}${bad ? ' — FAILED' : ''}`);
process.exit(bad ? 1 : 0);
