// @vitest-environment node
/**
 * The server's home list shows each drill as it runs (setup → running → ended, its event count),
 * also after a restart, for drills the new process has not opened yet.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { parseIsoMs } from '@/engine/time/taipei';
import { buildServer } from './app';
import { FileStore } from './store/file-store';
import { DrillClient, join as joinLink } from './test-client';

const TOKEN = 'list-test-token';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(dir: string) {
  const store = new FileStore(dir);
  await store.open();
  const { app } = await buildServer({ store, facilitatorToken: TOKEN });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const close = async () => {
    await app.close();
    await store.close();
  };
  return { origin, close };
}

type Row = { id: string; status: string; eventCount: number };
const list = async (origin: string, cookie: string): Promise<Row[]> => (await (await fetch(`${origin}/api/drills`, { headers: { cookie } })).json()) as Row[];

describe('the server home list', () => {
  it('shows each drill’s status as it runs, and after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdrill-list-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await serve(dir);
    const admin = await joinLink(first.origin, `/start/${TOKEN}`);
    const header = testHeader();
    for (const id of ['played', 'untouched']) {
      const res = await fetch(`${first.origin}/api/drills`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ drill: { id, title: id, status: 'setup', eventCount: 0, header, clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 } } }),
      });
      expect(res.status).toBe(200);
    }
    const statusOf = (rows: Row[], id: string) => rows.find((r) => r.id === id);
    expect(statusOf(await list(first.origin, admin.cookie), 'played')).toMatchObject({ status: 'setup', eventCount: 0 });

    const facilitator = new DrillClient(first.origin, 'played', admin.cookie);
    await facilitator.connect();
    expect((await facilitator.send({ kind: 'start' })).ok).toBe(true);
    const running = statusOf(await list(first.origin, admin.cookie), 'played')!;
    expect(running.status).toBe('running');
    expect(running.eventCount).toBe(facilitator.lastSeq());
    expect((await facilitator.send({ kind: 'end' })).ok).toBe(true);
    expect(statusOf(await list(first.origin, admin.cookie), 'played')).toMatchObject({ status: 'ended', eventCount: facilitator.lastSeq() });
    facilitator.close();
    await first.close();

    // A new process lists from what is stored, before opening the drill.
    const second = await serve(dir);
    cleanups.push(second.close);
    const admin2 = await joinLink(second.origin, `/start/${TOKEN}`);
    const rows = await list(second.origin, admin2.cookie);
    expect(statusOf(rows, 'played')).toMatchObject({ status: 'ended', eventCount: facilitator.lastSeq() });
    expect(statusOf(rows, 'untouched')).toMatchObject({ status: 'setup', eventCount: 0 });
  });
});
