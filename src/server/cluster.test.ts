// @vitest-environment node
/**
 * Several server processes on one PostgreSQL (issue 11, cluster.ts): two real server processes
 * (`node src/server/main.ts`) on one throwaway database, devices of two drills connected to both.
 * Each drill's writer is the process holding its lock; the other forwards commands to it and
 * fans its events out. One process is killed with SIGKILL in the middle of the exercise: the other
 * takes its drill over (clock still running), its devices reconnect there and retry what was not
 * answered (same command ids), and at the end the database holds every acknowledged event once.
 * A link revoked on one process is refused by the other at once.
 * Needs DATABASE_URL (test/tools/with-postgres.sh; `npm test` runs the unit stage under it).
 */
import { cleanupsAfterEach, pollUntil, postgresForTests } from '@/server/test-support';
import { expectStoredOnce, moveDevices, noteDrivers, twoServerProcesses, type ClusterDevice } from './cluster-test-rig';
import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '@/engine/record/schema';
import { parseIsoMs } from '@/engine/time/taipei';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { PgStore } from './store/pg-store';
import { DrillClient, join as joinLink } from './test-client';

const { base, freshDatabase } = postgresForTests('cluster.test.ts', 'the several-processes test', 'tdrill_cluster');
const cleanups = cleanupsAfterEach();
const PORT = Number(process.env.CLUSTER_TEST_PORT ?? 4112);
const TOKEN = 'cluster-test-facilitator-token';

const until = (done: () => boolean | Promise<boolean>, what: string, ms = 60_000) => pollUntil(done, what, ms, 50);


describe.skipIf(!base)('several server processes on one PostgreSQL', () => {
  it('a killed process’s drill is taken over by the other; nothing acknowledged is lost and nothing is stored twice', async () => {
    const url = await freshDatabase();
    const { a, b } = await twoServerProcesses({ url, token: TOKEN, port: PORT, dirPrefix: 'tdrill-cluster-', cleanups });
    const step = (what: string) => process.env.CLUSTER_TEST_DEBUG && console.log(`${new Date().toISOString()} ${what}`);

    // Drill "on-a" is created on A and "on-b" on B: each is written by the process that opened it first.
    const header = testHeader();
    const devices: ClusterDevice[] = [];
    let observer: { cookie: string; linkId: string; admin: string } | null = null;
    for (const [drillId, creator] of [
      ['on-a', a],
      ['on-b', b],
    ] as const) {
      const admin = await joinLink(creator.origin, `/start/${TOKEN}`);
      const res = await fetch(`${creator.origin}/api/drills`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ drill: { id: drillId, title: drillId, header, clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 } } }),
      });
      expect(res.status).toBe(200);
      const links = ((await res.json()) as { links: { link: { id: string; kind: string; roles: string[] }; path: string }[] }).links;
      if (drillId === 'on-a') {
        const l = links.find((x) => x.link.kind === 'observer')!;
        observer = { cookie: (await joinLink(b.origin, l.path)).cookie, linkId: l.link.id, admin: admin.cookie };
      }
      // Four devices per drill, alternately on A and B; a link made on one process opens on the other.
      for (const [i, l] of links.filter((x) => x.link.kind === 'facilitator' || x.link.kind === 'participant').slice(0, 4).entries()) {
        const server = i % 2 === 0 ? a : b;
        const { cookie } = await joinLink(server.origin, l.path);
        const client = new DrillClient(server.origin, drillId, cookie);
        await client.connect();
        devices.push({ drillId, role: l.link.kind === 'facilitator' ? 'facilitator' : l.link.roles[0], cookie, server, client });
      }
    }
    cleanups.push(() => devices.forEach((d) => d.client.close()));
    const facilitatorOf = (drillId: string) => devices.find((d) => d.drillId === drillId && d.role === 'facilitator')!;
    step('devices connected');
    // A link revoked on A (on-a's writer) stops its device on B at once.
    const projector = new DrillClient(b.origin, 'on-a', observer!.cookie);
    await projector.connect();
    cleanups.push(() => projector.close());
    const revoked = await fetch(`${a.origin}/api/drills/on-a/links/${observer!.linkId}/revoke`, { method: 'POST', headers: { cookie: observer!.admin } });
    expect(revoked.status).toBe(200);
    await projector.until((m) => m.kind === 'revoked', 'B to close the socket of a link revoked on A');
    await expect(new DrillClient(b.origin, 'on-a', observer!.cookie).connect()).rejects.toThrow(/4001/);
    // The facilitator of on-b sits on A: its commands are forwarded to B.
    for (const drillId of ['on-a', 'on-b']) {
      expect((await facilitatorOf(drillId).client.send({ kind: 'start' })).ok).toBe(true);
      // A fast clock: the scenario's injects fire on the writer while the devices act.
      expect((await facilitatorOf(drillId).client.send({ kind: 'set-speed', speed: 600 })).ok).toBe(true);
    }

    const acknowledged = new Map<string, Map<number, DrillEvent>>([
      ['on-a', new Map()],
      ['on-b', new Map()],
    ]);
    const notes = noteDrivers(acknowledged);

    step('started');
    // Both processes at work on both drills; then A is killed in the middle of it.
    let drivers = devices.map((d) => notes.drive(d, 4));
    await until(() => [...acknowledged.values()].every((m) => m.size >= 12), 'the first commands on both drills');
    // Followers fan the writer's events out: a device of on-a on B has seen what A stored.
    const onAOnB = devices.find((d) => d.drillId === 'on-a' && d.server === b)!;
    const seenBeforeKill = Math.max(...acknowledged.get('on-a')!.keys());
    await until(() => onAOnB.client.lastSeq() >= seenBeforeKill, 'B to fan out the events A stored');
    const clockBefore = facilitatorOf('on-a').client.clock!;
    step('killing A');
    await a.kill9();
    notes.stop();
    await Promise.all(drivers);
    step('drivers stopped');

    // A's devices reconnect to B (as a proxy would send them) and retry what was not answered.
    await moveDevices(devices, a, b);
    await notes.retryUnanswered();
    step('retried');
    // Everyone goes on, now all through B, which writes both drills.
    drivers = devices.map((d) => notes.drive(d, 3));
    await Promise.all(drivers);
    expect(notes.unanswered.size).toBe(0);

    step('second round done');
    // The taken-over drill's clock kept running, from where it stood.
    const fac = facilitatorOf('on-a').client;
    await until(() => fac.clock !== null && fac.clock.running, 'the taken-over clock to run');
    expect(fac.clock!.simNowMs).toBeGreaterThanOrEqual(clockBefore.simNowMs);

    const store = new PgStore(url);
    await store.open();
    cleanups.push(() => store.close());
    for (const drillId of ['on-a', 'on-b']) {
      const stored = (await store.loadDrill(drillId))!.entries;
      // Consecutive seqs, each command applied once, nothing acknowledged lost.
      expectStoredOnce(drillId, stored, acknowledged.get(drillId)!);
      expect(acknowledged.get(drillId)!.size).toBeGreaterThan(12);
      // Every device ends with the whole log, in order (events from both writers reached it).
      const last = stored.at(-1)!.event.seq;
      for (const d of devices.filter((x) => x.drillId === drillId)) {
        await until(() => d.client.lastSeq() >= last, `${drillId} ${d.role} to catch up`);
        expect(d.client.events.map((e) => e.seq)).toEqual(d.client.events.map((_, i) => i + 1));
        expect(d.client.events.slice(0, stored.length)).toEqual(stored.map((e) => e.event));
      }
    }
  }, Number(process.env.CLUSTER_TEST_TIMEOUT ?? 300_000));
});
