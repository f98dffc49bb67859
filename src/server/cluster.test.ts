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
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DrillEvent } from '@/engine/record/schema';
import { parseIsoMs } from '@/engine/time/taipei';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import type { RuntimeCommand } from '@/runtime/protocol';
import { startServerChild, type ServerChild } from '../../test/bench/server-process';
import { PgStore } from './store/pg-store';
import { DrillClient, commandId, join as joinLink } from './test-client';

const { base, freshDatabase } = postgresForTests('cluster.test.ts', 'the several-processes test', 'tdrill_cluster');
const cleanups = cleanupsAfterEach();
const PORT = Number(process.env.CLUSTER_TEST_PORT ?? 4112);
const TOKEN = 'cluster-test-facilitator-token';

const until = (done: () => boolean | Promise<boolean>, what: string, ms = 60_000) => pollUntil(done, what, ms, 50);

interface Device {
  drillId: string;
  role: string;
  cookie: string;
  server: ServerChild;
  client: DrillClient;
}

describe.skipIf(!base)('several server processes on one PostgreSQL', () => {
  it('a killed process’s drill is taken over by the other; nothing acknowledged is lost and nothing is stored twice', async () => {
    const url = await freshDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'tdrill-cluster-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Both share the database and the seal key (DATA_DIR/seal-key.pem, made by the first).
    const env = { DATABASE_URL: url, DATA_DIR: dataDir, TDRILL_FACILITATOR_TOKEN: TOKEN, JOIN_RATE_LIMIT: '100000' };
    const a = await startServerChild(env, PORT);
    cleanups.push(() => a.kill9());
    const b = await startServerChild(env, PORT + 1);
    cleanups.push(() => b.stop());
    const step = (what: string) => process.env.CLUSTER_TEST_DEBUG && console.log(`${new Date().toISOString()} ${what}`);
    cleanups.push(() => void (process.env.CLUSTER_TEST_DEBUG && console.log(`--- A\n${a.output()}\n--- B\n${b.output()}`)));

    // Drill "on-a" is created on A and "on-b" on B: each is written by the process that opened it first.
    const header = testHeader();
    const devices: Device[] = [];
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
    const sent = new Map<string, { device: Device; command: RuntimeCommand }>();
    const unanswered = new Set<string>();
    let running = true;
    const drive = async (d: Device, atLeast: number) => {
      let done = 0;
      while (running || done < atLeast) {
        const id = commandId();
        const command: RuntimeCommand = { kind: 'action', action: { type: 'ui.note.added', actor: { role: d.role as never }, data: { text: id } } };
        sent.set(id, { device: d, command });
        unanswered.add(id);
        const result = await d.client.send(command, id);
        if (!result.ok) {
          expect(result.reason.code, `${d.drillId} ${d.role}: ${result.reason.en}`).toBe('disconnected');
          return;
        }
        unanswered.delete(id);
        for (const e of result.events) acknowledged.get(d.drillId)!.set(e.seq, e);
        done += 1;
      }
    };

    step('started');
    // Both processes at work on both drills; then A is killed in the middle of it.
    let drivers = devices.map((d) => drive(d, 4));
    await until(() => [...acknowledged.values()].every((m) => m.size >= 12), 'the first commands on both drills');
    // Followers fan the writer's events out: a device of on-a on B has seen what A stored.
    const onAOnB = devices.find((d) => d.drillId === 'on-a' && d.server === b)!;
    const seenBeforeKill = Math.max(...acknowledged.get('on-a')!.keys());
    await until(() => onAOnB.client.lastSeq() >= seenBeforeKill, 'B to fan out the events A stored');
    const clockBefore = facilitatorOf('on-a').client.clock!;
    step('killing A');
    await a.kill9();
    running = false;
    await Promise.all(drivers);
    step('drivers stopped');

    // A's devices reconnect to B (as a proxy would send them) and retry what was not answered.
    for (const d of devices.filter((x) => x.server === a)) {
      d.client.close();
      const next = new DrillClient(b.origin, d.drillId, d.cookie);
      next.events.push(...d.client.events);
      d.client = next;
      d.server = b;
      await next.connect();
    }
    for (const id of [...unanswered]) {
      const { device, command } = sent.get(id)!;
      const result = await device.client.send(command, id);
      expect(result.ok, `retry of ${id}: ${result.ok ? '' : result.reason.en}`).toBe(true);
      if (result.ok) for (const e of result.events) acknowledged.get(device.drillId)!.set(e.seq, e);
      unanswered.delete(id);
    }
    step('retried');
    // Everyone goes on, now all through B, which writes both drills.
    running = false;
    drivers = devices.map((d) => drive(d, 3));
    await Promise.all(drivers);
    expect(unanswered.size).toBe(0);

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
      // Consecutive seqs; each command applied once.
      expect(stored.map((e) => e.event.seq)).toEqual(stored.map((_, i) => i + 1));
      const notes = stored.filter((e) => e.event.type === 'ui.note.added').map((e) => String(e.event.data?.text));
      expect(new Set(notes).size, `${drillId}: a note stored twice`).toBe(notes.length);
      // A command's events are one run (a command that fires injects writes several): never two runs.
      const runs = stored.filter((e, i) => e.commandId && e.commandId !== stored[i - 1]?.commandId).map((e) => e.commandId);
      expect(new Set(runs).size, `${drillId}: a command applied twice`).toBe(runs.length);
      // Nothing acknowledged is lost: every acknowledged event is stored, unchanged.
      const bySeq = new Map(stored.map((e) => [e.event.seq, e.event]));
      for (const [seq, e] of acknowledged.get(drillId)!) expect(bySeq.get(seq), `${drillId} seq ${seq}`).toEqual(e);
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
