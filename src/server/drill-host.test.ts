// @vitest-environment node
/**
 * A drill's writer answers a drain in as few writes as possible (issue 9): every socket of the
 * drill is corked from the broadcast until the results are sent; the broadcast carries the answers
 * of the askers that get it, and an asker that does not gets its result alone; and a failed store
 * announces nothing and leaves no socket corked.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { parseIsoMs } from '@/engine/time/taipei';
import type { ServerMessage } from '@/runtime/server-protocol';
import { DrillHost, type DrillSocket } from './drill-host';
import { FileStore } from './store/file-store';
import { newDrillMeta, type DrillStore } from './store/store';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A socket that writes down what happens to it, in order. */
function recordingSocket(corks: boolean): DrillSocket & { log: string[] } {
  const log: string[] = [];
  const text = (t: string | Buffer) => {
    const m = JSON.parse(String(t)) as ServerMessage;
    const answers = m.kind === 'events' && m.answers ? ` answering ${Object.keys(m.answers).join(',')}` : '';
    log.push(m.kind === 'result' ? `result ${m.id}` : m.kind === 'events' ? `events ${m.events.map((e) => e.seq).join(',')}${answers}` : m.kind);
  };
  return {
    me: { kind: 'facilitator', roles: ['facilitator'] },
    linkId: null,
    log,
    send: (m) => text(JSON.stringify(m)),
    sendText: text,
    close: () => undefined,
    ...(corks ? { cork: () => log.push('cork'), uncork: () => log.push('uncork') } : {}),
  };
}

async function hostOn(wrap: (s: DrillStore) => DrillStore = (s) => s, now: () => number = () => performance.now()) {
  const dir = mkdtempSync(join(tmpdir(), 'tdrill-host-'));
  dirs.push(dir);
  const store = new FileStore(dir);
  await store.open();
  const header = testHeader();
  const meta = newDrillMeta('d1', { id: 'd1', title: 'd1', header, clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 } }, []);
  await store.createDrill(meta);
  const host = new DrillHost(wrap(store), meta, [], now, () => '2026-12-02T18:00:00+08:00');
  return { host, store };
}

const note = (text: string) => ({ kind: 'action' as const, action: { type: 'ui.note.added', actor: { role: 'facilitator' as const }, data: { text } } });

describe('a drill writer answers a drain in one write per socket', () => {
  it('corks every socket from the broadcast to the results: events first, with the answers of the askers that get them, then the others\' results', async () => {
    const { host, store } = await hostOn();
    const [a, b, watcher] = [recordingSocket(true), recordingSocket(true), recordingSocket(true)];
    const plain = recordingSocket(false);
    // A socket that has not said hello (not among the drill's sockets) gets no broadcast.
    const unwelcomed = recordingSocket(true);
    for (const s of [a, b, watcher, plain]) host.sockets.add(s);
    expect((await host.submit(a, 'start-0001', { kind: 'start' })).ok).toBe(true);
    for (const s of [a, b, watcher, plain]) s.log.length = 0;
    // Three desks at once: one batch, one durable append, one broadcast.
    const told: Record<string, string | undefined> = {};
    const results = await Promise.all(
      [a, b, unwelcomed].map((s, i) => {
        const id = `note-${i}-0001`;
        return host.submit(s, id, note(String(i)), (result, how) => {
          told[id] = how;
          if (how !== 'answered') s.send({ kind: 'result', id, result });
        });
      }),
    );
    const seqs = results.map((r) => (r.ok ? r.events[0].seq : 0));
    expect(seqs).toEqual([seqs[0], seqs[0] + 1, seqs[0] + 2]);
    expect(told).toEqual({ 'note-0-0001': 'answered', 'note-1-0001': 'answered', 'note-2-0001': undefined });
    const events = `events ${seqs.join(',')} answering note-0-0001,note-1-0001`;
    expect(a.log).toEqual(['cork', events, 'uncork']);
    expect(b.log).toEqual(['cork', events, 'uncork']);
    expect(watcher.log).toEqual(['cork', events, 'uncork']);
    // Its result in full, in a message of its own.
    expect(unwelcomed.log).toEqual(['result note-2-0001']);
    // A socket that cannot cork still gets the broadcast.
    expect(plain.log).toEqual([events]);
    await host.close();
    await store.close();
  });

  it('answers a command whose id is a key of every object (`__proto__`) in the broadcast like any other', async () => {
    const { host, store } = await hostOn();
    const [a, b] = [recordingSocket(true), recordingSocket(true)];
    for (const s of [a, b]) host.sockets.add(s);
    expect((await host.submit(a, 'start-0001', { kind: 'start' })).ok).toBe(true);
    const frames: string[] = [];
    b.sendText = (t) => frames.push(String(t));
    const told = new Map<string, string | undefined>();
    await Promise.all(['__proto__', 'eventSeq'].map((id) => host.submit(a, id, note(id), (_result, how) => told.set(id, how))));
    expect([...told]).toEqual([
      ['__proto__', 'answered'],
      ['eventSeq', 'answered'],
    ]);
    const answers = (JSON.parse(frames.find((f) => f.includes('"answers"'))!) as { answers: Record<string, unknown> }).answers;
    expect(Object.keys(answers)).toEqual(['__proto__', 'eventSeq']);
    await host.close();
    await store.close();
  });

  it('a store failure announces nothing and leaves no socket corked', async () => {
    let fail = false;
    const { host, store } = await hostOn((s) => ({
      ...s,
      kind: s.kind,
      open: () => s.open(),
      close: () => s.close(),
      createDrill: (m) => s.createDrill(m),
      listDrills: () => s.listDrills(),
      loadDrill: (id) => s.loadDrill(id),
      saveMeta: (m) => s.saveMeta(m),
      append: (id, entries) => (fail ? Promise.reject(new Error('disk full')) : s.append(id, entries)),
    }));
    const a = recordingSocket(true);
    host.sockets.add(a);
    expect((await host.submit(a, 'start-0001', { kind: 'start' })).ok).toBe(true);
    a.log.length = 0;
    fail = true;
    const result = await host.submit(a, 'note-a-001', note('a'));
    expect(result).toMatchObject({ ok: false, reason: { code: 'storage-failed' } });
    expect(a.log.filter((l) => l.startsWith('events'))).toEqual([]);
    expect(a.log.filter((l) => l === 'cork').length).toBe(a.log.filter((l) => l === 'uncork').length);
    await host.close();
    await store.close();
  });
});

describe('the running clock is told to sockets when it changes, and between changes every few seconds', () => {
  it('a quiet second tells nothing; the resync does; a clock that stops by itself is told at once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let nowMs = 0;
    const { host, store } = await hostOn(undefined, () => nowMs);
    try {
      const watcher = recordingSocket(false);
      const clocks: { running: boolean; simNowMs: number }[] = [];
      const seen = watcher.sendText;
      watcher.sendText = (t) => {
        const m = JSON.parse(String(t)) as ServerMessage;
        if (m.kind === 'clock') clocks.push(m.clock);
        seen(t);
      };
      host.sockets.add(watcher);
      const a = recordingSocket(false);
      expect((await host.submit(a, 'start-0001', { kind: 'start' })).ok).toBe(true);
      expect((await host.submit(a, 'play-00001', { kind: 'play' })).ok).toBe(true);
      host.startTicking();
      // The play was told at once (a clock command).
      expect(clocks.at(-1)?.running).toBe(true);
      const told = clocks.length;
      /** One tick of the writer's timer, `ms` of wall time later; waits for its work through the queue. */
      const tick = async (ms: number) => {
        nowMs += ms;
        vi.advanceTimersByTime(1000);
        await host.updateMeta((m) => m);
      };
      for (let i = 0; i < 3; i += 1) await tick(1000);
      // Nothing changed but simNowMs, which sockets interpolate: no clock message.
      expect(clocks.length).toBe(told);
      await tick(2000);
      // Five seconds since the last: the resync.
      expect(clocks.length).toBe(told + 1);
      expect(clocks.at(-1)).toMatchObject({ running: true });
      // Stops by itself at the next limit (auto-pause): told at the tick that stopped it.
      expect((await host.submit(a, 'auto-00001', { kind: 'set-auto-pause', injects: false, limits: true })).ok).toBe(true);
      expect((await host.submit(a, 'speed-0001', { kind: 'set-speed', speed: 3600 })).ok).toBe(true);
      const before = clocks.length;
      for (let i = 0; i < 4 && host.clock().running; i += 1) await tick(1000);
      expect(host.clock().running).toBe(false);
      expect(clocks.length).toBeGreaterThan(before);
      expect(clocks.at(-1)).toMatchObject({ running: false, simNowMs: host.clock().simNowMs });
    } finally {
      vi.useRealTimers();
      await host.close();
      await store.close();
    }
  });
});
