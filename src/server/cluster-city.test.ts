// @vitest-environment node
/**
 * One city exercise on two server processes on one PostgreSQL (issue 11, "Beyond one machine";
 * cluster.ts, city/city-routes.ts). DoIT creates the exercise on A; the agencies' facilitators and
 * devices are on both processes; DoIT's board, its shared clock and a review from its queue are on
 * B, so every drill A writes is driven from B through forwarding and watched on B through fan-out.
 * A is killed with SIGKILL in the middle of the exercise: B takes A's agency drills over, the
 * shared clock keeps running, A's devices reconnect to B and retry what was not answered, and at
 * the end every acknowledged event is stored once, DoIT's board on B has seen each drill's whole
 * log exactly once, and B's city report covers every agency. A third process started afterwards
 * serves the exercise as well, and its board is shown a re-drill DoIT gives on B.
 *
 * Also: the rows of tdrill_commands a dead forwarder leaves are swept (cluster.ts sweepCommands).
 * Needs DATABASE_URL (test/tools/with-postgres.sh; `npm test` runs the unit stage under it).
 */
import { cleanupsAfterEach, pollUntil, postgresForTests } from '@/server/test-support';
import { expectStoredOnce, moveDevices, noteDrivers, twoServerProcesses, type ClusterDevice } from './cluster-test-rig';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import type { DrillEvent } from '@/engine/record/schema';
import type { ClockView } from '@/runtime/protocol';
import type { CityServerMessage } from '@/ui/drill-runtime/city-protocol';
import { startServerChild } from '../../test/bench/server-process';
import { PgCluster } from './cluster';
import { PgStore } from './store/pg-store';
import { DrillClient, join as joinLink } from './test-client';

const { base, freshDatabase } = postgresForTests('cluster-city.test.ts', 'the city-on-several-processes test', 'tdrill_ccity');
const cleanups = cleanupsAfterEach();
const PORT = Number(process.env.CLUSTER_CITY_TEST_PORT ?? 4116);
const TOKEN = 'cluster-city-test-token';

const until = (done: () => boolean | Promise<boolean>, what: string, ms = 30_000) => pollUntil(done, what, ms, 25);

const THREE = `機關名稱,機關類型,上級或監督機關,是否向中央通報,聯絡人\n臺北市政府工務局,一般機關,上級機關,否,王 02-1\n臺北市政府消防局,一般機關,上級機關,否,值班室 119\n臺北流行音樂中心,行政法人,監督機關,否,陳組長\n`;
const ROSTER = {
  facilitatorName: '機關主持人',
  participants: [
    { name: '王通報', position: 'it-staff', roles: ['reporting-contact', 'commander'] },
    { name: '李資安', position: 'ciso', roles: ['ciso'] },
  ],
};

async function call(origin: string, path: string, cookie: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`${origin}${path}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: res.status, body: json };
}

/** DoIT's board socket: every message kept; each drill's log as the board has it, with what came twice or out of order. */
function board(origin: string, exerciseId: string, cookie: string) {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api/city/exercises/${exerciseId}/ws`, { headers: { cookie, origin } });
  const messages: CityServerMessage[] = [];
  const logs = new Map<string, DrillEvent[]>();
  const clocks = new Map<string, ClockView>();
  const faults: string[] = [];
  const take = (drillId: string, events: readonly DrillEvent[]) => {
    const log = logs.get(drillId) ?? [];
    for (const e of events) {
      if (e.seq === (log.at(-1)?.seq ?? 0) + 1) log.push(e);
      else faults.push(`${drillId}: seq ${e.seq} after ${log.at(-1)?.seq ?? 0}`);
    }
    logs.set(drillId, log);
  };
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as CityServerMessage;
    messages.push(m);
    const view = (v: { drillId: string; events: DrillEvent[]; clock: ClockView }) => {
      logs.set(v.drillId, [...v.events]);
      clocks.set(v.drillId, v.clock);
    };
    if (m.kind === 'welcome') m.drills.forEach(view);
    // A drill's new view (a roster entered): its log so far, whole.
    if (m.kind === 'drill') view(m.drill);
    if (m.kind === 'agency' && m.message.kind === 'events') take(m.drillId, m.message.events);
    if (m.kind === 'agency' && m.message.kind === 'clock') clocks.set(m.drillId, m.message.clock);
  });
  const opened = new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  const untilMessage = async (test: (m: CityServerMessage) => boolean, what: string) => {
    await until(() => messages.some(test), what);
    return messages.find(test)!;
  };
  let n = 0;
  const command = async (m: { kind: 'clock'; command: unknown } | { kind: 'review'; drillId: string; level: number }) => {
    const id = `doit-command-${(n += 1)}`;
    await opened;
    ws.send(JSON.stringify({ ...m, id }));
    const r = await untilMessage((x) => (x.kind === 'result' || x.kind === 'refused') && x.id === id, `the result of ${id}`);
    if (r.kind === 'refused') throw new Error(`${id} refused: ${r.reason.en}`);
    return r.kind === 'result' ? r.results : [];
  };
  return { ws, messages, logs, clocks, faults, untilMessage, command, close: () => ws.close() };
}


describe.skipIf(!base)('a city exercise on several server processes', () => {
  it('is served by both; after one is killed the other runs every agency on: nothing lost, nothing twice', async () => {
    const url = await freshDatabase();
    const { a, b, env } = await twoServerProcesses({ url, token: TOKEN, port: PORT, dirPrefix: 'tdrill-ccity-', cleanups });

    // DoIT creates the exercise on A. Its start link's session counts on both (one facilitator token).
    const doit = (await joinLink(a.origin, `/start/${TOKEN}`)).cookie;
    const created = await call(a.origin, '/api/city/exercises', doit, {
      id: 'city-c',
      title: '115 年府級演練',
      startAt: '2026-03-09T08:40:00+08:00',
      scenarios: { kind: 'one', scenarioId: 'ransomware-core' },
      csv: { name: 'agencies.csv', base64: Buffer.from(THREE, 'utf8').toString('base64') },
    });
    expect(created.status).toBe(200);
    const agencies = created.body.agencies as { drillId: string; name: string; links: { link: { kind: string }; path: string }[] }[];
    const [a1, a2, a3] = agencies.map((x) => x.drillId);
    // B lists it (it never saw it made).
    expect((await call(b.origin, '/api/city/exercises', doit)).body).toEqual([expect.objectContaining({ id: 'city-c', agencies: 3 })]);
    expect(((await call(b.origin, '/api/drills', doit)).body as unknown as { id: string }[]).map((d) => d.id).sort()).toEqual([a1, a2, a3]);

    // The agencies' facilitators open their links: a1's and a3's on A (A writes them), a2's on B.
    const facilitators = new Map<string, string>();
    for (const [drillId, server] of [
      [a1, a],
      [a2, b],
      [a3, a],
    ] as const) {
      const link = agencies.find((x) => x.drillId === drillId)!.links.find((l) => l.link.kind === 'facilitator')!;
      const joined = await joinLink(server.origin, link.path);
      expect(joined.location).toBe(`/#/drill/${drillId}/roster`);
      facilitators.set(drillId, joined.cookie);
    }

    // DoIT's board is on B.
    const live = board(b.origin, 'city-c', doit);
    cleanups.push(() => live.close());
    await live.untilMessage((m) => m.kind === 'welcome', 'the welcome on B');

    // Rosters: a1's on A and a3's on B (its session was started on A); each reaches the board on B.
    const people = new Map<string, { link: { name: string; roles: string[] }; path: string }[]>();
    for (const [drillId, server] of [
      [a1, a],
      [a2, b],
      [a3, b],
    ] as const) {
      const put = await call(server.origin, `/api/city/drills/${drillId}/roster`, facilitators.get(drillId)!, ROSTER, 'PUT');
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      people.set(drillId, put.body.links as { link: { name: string; roles: string[] }; path: string }[]);
    }
    await until(() => [a1, a2, a3].every((d) => live.messages.some((m) => m.kind === 'drill' && m.drill.drillId === d && m.drill.rosterAt !== undefined)), 'every roster on the board on B');

    // DoIT reissues a2's facilitator link on A (B writes a2): the old session is refused on B at once.
    const reissued = await call(a.origin, `/api/city/exercises/city-c/drills/${a2}/facilitator-link`, doit, {});
    expect(reissued.status).toBe(200);
    await until(async () => (await call(b.origin, `/api/city/drills/${a2}/setup`, facilitators.get(a2)!)).status === 403, 'B to refuse the session of the revoked link');
    const again = await joinLink(b.origin, String(reissued.body.path));
    expect(again.location).toBe(`/#/drill/${a2}/console`);
    expect((await call(b.origin, `/api/city/drills/${a2}/setup`, again.cookie)).status).toBe(200);

    // Devices: each agency's two people, one on A and one on B.
    const devices: ClusterDevice[] = [];
    for (const drillId of [a1, a2, a3]) {
      for (const [i, p] of people.get(drillId)!.entries()) {
        const server = i % 2 === 0 ? a : b;
        const { cookie } = await joinLink(server.origin, p.path);
        const client = new DrillClient(server.origin, drillId, cookie);
        await client.connect();
        devices.push({ drillId, role: p.link.roles[0], cookie, server, client });
      }
    }
    cleanups.push(() => devices.forEach((d) => d.client.close()));

    // The shared clock from B: a1 and a3 are forwarded to A, a2 runs on B.
    expect((await live.command({ kind: 'clock', command: { kind: 'start' } })).map((r) => [r.drillId, r.result.ok])).toEqual([a1, a2, a3].map((d) => [d, true]));
    expect((await live.command({ kind: 'clock', command: { kind: 'set-speed', speed: 60 } })).every((r) => r.result.ok)).toBe(true);

    const acknowledged = new Map([a1, a2, a3].map((d) => [d, new Map<number, DrillEvent>()]));
    const notes = noteDrivers(acknowledged);
    const take = notes.take;

    // Each agency reports; DoIT reviews a1's level from its queue on B (a1 is A's: forwarded).
    for (const drillId of [a1, a2, a3]) {
      const contact = devices.find((d) => d.drillId === drillId && d.role === 'reporting-contact')!;
      const filed = await contact.client.send({ kind: 'action', action: { type: 'report.submitted', actor: { role: 'reporting-contact' }, data: { level: 3, channel: 'website' } } });
      expect(filed.ok).toBe(true);
      if (filed.ok) take(drillId, filed.events);
    }
    const review = await live.command({ kind: 'review', drillId: a1, level: 3 });
    expect(review[0].result.ok).toBe(true);
    if (review[0].result.ok) take(a1, review[0].result.events);

    let drivers = devices.map((d) => notes.drive(d, 3));
    await until(() => [...acknowledged.values()].every((m) => m.size >= 8), 'the first notes in every agency');
    const clockBefore = live.clocks.get(a1)!;
    expect(clockBefore.running).toBe(true);
    await a.kill9();
    notes.stop();
    await Promise.all(drivers);

    // A's devices reconnect to B (as nginx would send them) and retry what was not answered.
    await moveDevices(devices, a, b);
    await notes.retryUnanswered();
    drivers = devices.map((d) => notes.drive(d, 2));
    await Promise.all(drivers);
    expect(notes.unanswered.size).toBe(0);

    // The shared clock kept running on the drills B took over, from where it stood.
    await until(() => (live.clocks.get(a1)?.simNowMs ?? 0) > clockBefore.simNowMs && live.clocks.get(a1)!.running && live.clocks.get(a3)!.running, 'a1 and a3 clocks running on B');
    // DoIT's queue and clock on B now act on every agency through B itself.
    const review3 = await live.command({ kind: 'review', drillId: a3, level: 3 });
    expect(review3[0].result.ok).toBe(true);
    if (review3[0].result.ok) take(a3, review3[0].result.events);
    for (const command of [{ kind: 'pause' }, { kind: 'jump-by', ms: 30 * 86_400_000 }, { kind: 'end' }]) {
      const results = await live.command({ kind: 'clock', command });
      expect(results.map((r) => [r.drillId, r.result.ok]), JSON.stringify(command)).toEqual([a1, a2, a3].map((d) => [d, true]));
      for (const r of results) if (r.result.ok) take(r.drillId, r.result.events);
    }

    const store = new PgStore(url);
    await store.open();
    cleanups.push(() => store.close());
    for (const drillId of [a1, a2, a3]) {
      const stored = (await store.loadDrill(drillId))!.entries;
      expectStoredOnce(drillId, stored, acknowledged.get(drillId)!);
      expect(stored.filter((e) => e.event.type === 'drill.ended')).toHaveLength(1);
      // DoIT's board on B has each drill's whole log, each event once, in order.
      await until(() => (live.logs.get(drillId)?.at(-1)?.seq ?? 0) >= stored.length, `the board to have all of ${drillId}`);
      expect(live.logs.get(drillId)).toEqual(stored.map((e) => e.event));
    }
    expect(live.faults).toEqual([]);
    // Every device ends with its drill's whole log, in order: none was dropped on the way (a
    // drill rebuilt for nothing would close its sockets).
    for (const d of devices) {
      const last = (await store.loadDrill(d.drillId))!.entries.length;
      await until(() => d.client.lastSeq() >= last, `${d.drillId} ${d.role} to catch up`);
      expect(d.client.events.map((e) => e.seq)).toEqual(d.client.events.map((_, i) => i + 1));
      expect(d.client.ws?.readyState).toBe(WebSocket.OPEN);
    }
    const reviewed = (await store.loadDrill(a1))!.entries.find((e) => e.event.type === 'level.reviewed')!.event;
    expect(reviewed.actor).toEqual({ role: 'doit-reviewer', name: '資訊局審核人員' });

    // B's city report and CSV cover every agency.
    const md = await call(b.origin, '/api/city/exercises/city-c/report?lang=en', doit);
    for (const x of agencies) expect(String(md.body.text)).toContain(x.name);
    const csv = String((await call(b.origin, '/api/city/exercises/city-c/report?format=csv', doit)).body.text);
    for (const x of agencies) expect(csv).toContain(x.name);

    // A process started later (A restarted) serves the exercise too: its board is shown a re-drill
    // DoIT gives on B, and B writes the re-drill while C follows it.
    const c = await startServerChild(env, PORT + 2);
    cleanups.push(() => c.stop());
    const third = board(c.origin, 'city-c', doit);
    cleanups.push(() => third.close());
    const welcome = await third.untilMessage((m) => m.kind === 'welcome', 'the welcome on C');
    expect(welcome.kind === 'welcome' && welcome.drills.map((d) => [d.drillId, d.events.length])).toEqual([a1, a2, a3].map((d) => [d, live.logs.get(d)!.length]));
    const redrill = await call(b.origin, '/api/city/exercises/city-c/redrills', doit, { drillId: a2 });
    expect(redrill.status, JSON.stringify(redrill.body)).toBe(200);
    await third.untilMessage((m) => m.kind === 'drill' && m.drill.redrillOf === a2, 'the re-drill on the board on C');
    expect((await call(c.origin, '/api/city/exercises', doit)).body).toEqual([expect.objectContaining({ id: 'city-c', agencies: 3 })]);

    // What A forwarded and never collected is swept: the rows of a dead forwarder go.
    const sweeper = new PgCluster(store, url, () => undefined);
    await sweeper.start();
    cleanups.push(() => sweeper.close());
    await sweeper.sweepCommands();
    const left = await store.pool.query<{ n: string }>('select count(*)::text as n from tdrill_commands');
    expect(left.rows[0].n).toBe('0');
  }, 120_000);

  it('sweeps the command rows nobody will collect, and keeps those a live forwarder waits for', async () => {
    const url = await freshDatabase();
    const store = new PgStore(url);
    await store.open();
    cleanups.push(() => store.close());
    const live = new PgCluster(store, url, () => undefined);
    await live.start();
    cleanups.push(() => live.close());
    const alivePid = live.forwarderPid;
    expect(alivePid).toBeGreaterThan(0);
    // A forwarder that died: its session ended.
    const gone = new pg.Client({ connectionString: url });
    await gone.connect();
    const deadPid = (await gone.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    await gone.end();
    await until(async () => (await store.pool.query('select 1 from pg_stat_activity where pid = $1', [deadPid])).rowCount === 0, 'the dead session to leave');
    const row = async (name: string, forwarder: number | null, answered: boolean, ageMinutes: number) => {
      await store.pool.query(
        `insert into tdrill_commands (drill_id, command_id, identity, link_id, command, result, forwarder, created_at)
         values ('d', $1, '{}', null, '{}', $2, $3, now() - make_interval(mins => $4))`,
        [name, answered ? '{"ok":true,"events":[]}' : null, forwarder, ageMinutes],
      );
    };
    await row('answered-dead', deadPid, true, 0);
    await row('answered-live', alivePid, true, 0);
    await row('answered-live-old', alivePid, true, 20);
    await row('answered-legacy', null, true, 0);
    await row('waiting-dead', deadPid, false, 0);
    await row('waiting-dead-old', deadPid, false, 20);
    await row('waiting-live-old', alivePid, false, 20);
    expect(await live.sweepCommands()).toBe(3);
    const left = await store.pool.query<{ command_id: string }>('select command_id from tdrill_commands order by id');
    // A live forwarder still collects its answer; a waiting row is still run by the drill's next writer.
    expect(left.rows.map((r) => r.command_id)).toEqual(['answered-live', 'answered-legacy', 'waiting-dead', 'waiting-live-old']);
  });
});
