/**
 * What the several-processes tests share (cluster.test.ts, cluster-city.test.ts): two real server
 * processes on one database, devices that keep adding notes, and the move of a killed process's
 * devices to the other with a retry of what was not answered (same command ids).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DrillEvent } from '@/engine/record/schema';
import type { RuntimeCommand } from '@/runtime/protocol';
import { startServerChild, type ServerChild } from '../../test/bench/server-process';
import type { StoredEntry } from './store/store';
import { DrillClient, commandId } from './test-client';

export interface ClusterDevice {
  drillId: string;
  role: string;
  cookie: string;
  server: ServerChild;
  client: DrillClient;
}

type Cleanups = (() => Promise<void> | void)[];

/**
 * A on `port` and B on `port + 1`, sharing the database at `url` and one data folder (so one seal
 * key, DATA_DIR/seal-key.pem, made by the first). A is killed with SIGKILL after the test, B stopped.
 */
export async function twoServerProcesses(o: { url: string; token: string; port: number; dirPrefix: string; cleanups: Cleanups }) {
  const dataDir = mkdtempSync(join(tmpdir(), o.dirPrefix));
  o.cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATABASE_URL: o.url, DATA_DIR: dataDir, TDRILL_FACILITATOR_TOKEN: o.token, JOIN_RATE_LIMIT: '100000' };
  const a = await startServerChild(env, o.port);
  o.cleanups.push(() => a.kill9());
  const b = await startServerChild(env, o.port + 1);
  o.cleanups.push(() => b.stop());
  o.cleanups.push(() => void (process.env.CLUSTER_TEST_DEBUG && console.log(`--- A\n${a.output()}\n--- B\n${b.output()}`)));
  return { a, b, env };
}

/**
 * Devices adding notes, each acknowledged event kept in `acknowledged` (drill → seq → event). A
 * device drives until `stop()` and at least `atLeast` notes; a command a dead process leaves
 * unanswered is kept for `retryUnanswered`.
 */
export function noteDrivers(acknowledged: Map<string, Map<number, DrillEvent>>) {
  const sent = new Map<string, { device: ClusterDevice; command: RuntimeCommand }>();
  const unanswered = new Set<string>();
  let running = true;
  const take = (drillId: string, events: readonly DrillEvent[]) => events.forEach((e) => acknowledged.get(drillId)!.set(e.seq, e));
  const drive = async (d: ClusterDevice, atLeast: number) => {
    for (let done = 0; running || done < atLeast; done += 1) {
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
      take(d.drillId, result.events);
    }
  };
  return {
    take,
    drive,
    unanswered,
    stop: () => void (running = false),
    /** Sends again, under the same ids, every command no process answered; each must be accepted. */
    async retryUnanswered(): Promise<void> {
      for (const id of [...unanswered]) {
        const { device, command } = sent.get(id)!;
        const result = await device.client.send(command, id);
        expect(result.ok, `retry of ${id}: ${result.ok ? '' : result.reason.en}`).toBe(true);
        if (result.ok) take(device.drillId, result.events);
        unanswered.delete(id);
      }
    },
  };
}

/** The killed process's devices reconnect to the other (as a proxy would send them), keeping what they were told. */
export async function moveDevices(devices: ClusterDevice[], from: ServerChild, to: ServerChild): Promise<void> {
  for (const d of devices.filter((x) => x.server === from)) {
    d.client.close();
    const next = new DrillClient(to.origin, d.drillId, d.cookie);
    next.events.push(...d.client.events);
    d.client = next;
    d.server = to;
    await next.connect();
  }
}

/**
 * A drill's stored entries after the kill: consecutive seqs, no note stored twice, each command's
 * events one run (a command that fires injects writes several, never two runs), and every
 * acknowledged event stored unchanged.
 */
export function expectStoredOnce(drillId: string, stored: readonly StoredEntry[], acknowledged: ReadonlyMap<number, DrillEvent>): void {
  expect(stored.map((e) => e.event.seq), drillId).toEqual(stored.map((_, i) => i + 1));
  const notes = stored.filter((e) => e.event.type === 'ui.note.added').map((e) => String(e.event.data?.text));
  expect(new Set(notes).size, `${drillId}: a note stored twice`).toBe(notes.length);
  const runs = stored.filter((e, i) => e.commandId && e.commandId !== stored[i - 1]?.commandId).map((e) => e.commandId);
  expect(new Set(runs).size, `${drillId}: a command applied twice`).toBe(runs.length);
  const bySeq = new Map(stored.map((e) => [e.event.seq, e.event]));
  for (const [seq, e] of acknowledged) expect(bySeq.get(seq), `${drillId} seq ${seq}`).toEqual(e);
}
