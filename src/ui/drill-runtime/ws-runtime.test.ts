/**
 * The server runtime when the network goes but the socket never closes (a phone leaving Wi-Fi, a
 * laptop's cable pulled): the desk must say it is offline, refuse new actions as not recorded, and
 * resume from the last seq it holds once the network is back. The socket is a scripted stand-in
 * for the browser's WebSocket; the drill server's side of the protocol is in src/server tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrillEvent } from '@/engine/record/schema';
import type { SessionFactory } from '@/runtime/session-host';
import type { ServerMessage } from '@/runtime/server-protocol';
import { HEARTBEAT_MS, ServerDrillRuntime } from './ws-runtime';

class ScriptedSocket {
  static readonly OPEN = 1;
  static all: ScriptedSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  hear(m: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
}

const event = (seq: number): DrillEvent => ({ seq, at: '2026-03-09T08:40:00+08:00', wall: '2026-03-09T08:40:00+08:00', type: 'note.added', actor: { role: 'facilitator' }, payload: { text: `n${seq}` } }) as unknown as DrillEvent;
const clock = { simNowMs: Date.parse('2026-03-09T00:40:00Z'), speed: 1, running: false };
const welcome = (fromSeq: number, events: DrillEvent[]): ServerMessage => ({ kind: 'welcome', drillId: 'd1', me: { kind: 'participant', roles: ['reporting-contact'], name: '李佳穎' } as never, stored: {}, header: {}, fromSeq, events, clock });
const factory = { replica: () => ({ apply: () => true, snapshot: () => ({}) }) } as unknown as SessionFactory<unknown>;

let runtime: ServerDrillRuntime<unknown>;
const latest = () => ScriptedSocket.all.at(-1)!;

beforeEach(async () => {
  vi.useFakeTimers();
  ScriptedSocket.all = [];
  vi.stubGlobal('WebSocket', ScriptedSocket);
  runtime = new ServerDrillRuntime('d1', factory, 'ws://drill.test/api/drills/d1/ws');
  await runtime.start();
  latest().open();
  latest().hear(welcome(0, [event(1), event(2)]));
});
afterEach(async () => {
  await runtime.dispose();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('server runtime: a network lost without the socket closing', () => {
  it("goes offline on the browser's offline event, refuses actions as not recorded, and on online resumes after its last seq", async () => {
    expect(runtime.getView().connection).toBe('online');
    const first = latest();
    window.dispatchEvent(new Event('offline'));
    expect(runtime.getView().connection).toBe('offline');
    expect(first.closed).toBe(true);
    const refused = await runtime.command({ kind: 'pause' });
    expect(refused).toMatchObject({ ok: false, reason: { code: 'offline' } });
    expect(first.sent.filter((m) => m.kind === 'command')).toEqual([]);

    window.dispatchEvent(new Event('online'));
    const second = latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent[0]).toEqual({ kind: 'hello', lastSeq: 2 });
    // The gap: seq 3 was stored while this desk was away.
    second.hear(welcome(2, [event(3)]));
    expect(runtime.getView().connection).toBe('online');
    expect(runtime.getView().events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('pings a quiet socket, keeps it while pongs come back, and drops a silent one as offline', async () => {
    const first = latest();
    const pings = () => first.sent.filter((m) => m.kind === 'ping').length;
    // The welcome was just heard: the first beat sends nothing, the next (quiet) one pings.
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(pings()).toBe(0);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(pings()).toBe(1);
    first.hear({ kind: 'pong' });
    await vi.advanceTimersByTimeAsync(2 * HEARTBEAT_MS);
    expect(pings()).toBe(2);
    expect(runtime.getView().connection).toBe('online');
    // This pong never comes: at the next beat the socket is lost.
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(runtime.getView().connection).toBe('offline');
    expect(first.closed).toBe(true);
    // It tries again by itself; the new socket resumes from seq 2.
    await vi.advanceTimersByTimeAsync(500);
    expect(latest()).not.toBe(first);
    latest().open();
    expect(latest().sent[0]).toEqual({ kind: 'hello', lastSeq: 2 });
  });

  it('sends an action that was awaiting its answer again, with the same id, after the socket is back', async () => {
    const first = latest();
    const answer = runtime.command({ kind: 'pause' });
    const sent = first.sent.find((m) => m.kind === 'command')!;
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    latest().open();
    latest().hear(welcome(2, []));
    expect(latest().sent.find((m) => m.kind === 'command')).toEqual(sent);
    latest().hear({ kind: 'result', id: sent.id as string, result: { ok: true } } as ServerMessage);
    expect(await answer).toEqual({ ok: true });
  });

  it('reads a result told by seq from the events this socket just got; one naming an event it lacks asks for the drill again and takes the retry (issue 9)', async () => {
    const socket = latest();
    const answer = runtime.command({ kind: 'action', action: { type: 'ui.note.added', actor: { role: 'reporting-contact' }, data: { text: 'n3' } } } as never);
    const sent = socket.sent.find((m) => m.kind === 'command')!;
    socket.hear({ kind: 'events', events: [event(3)] });
    socket.hear({ kind: 'result', id: sent.id as string, result: { ok: true, seqs: [3], eventSeq: 3 } });
    expect(await answer).toEqual({ ok: true, event: event(3), events: [event(3)] });

    const second = runtime.command({ kind: 'action', action: { type: 'ui.note.added', actor: { role: 'reporting-contact' }, data: { text: 'n4' } } } as never);
    const again = socket.sent.filter((m) => m.kind === 'command').at(-1)!;
    const before = socket.sent.length;
    // The events never came (cannot happen on one socket, but a client must not make them up).
    socket.hear({ kind: 'result', id: again.id as string, result: { ok: true, seqs: [4], eventSeq: 4 } });
    expect(socket.sent.slice(before)).toEqual([{ kind: 'hello', lastSeq: 3 }]);
    socket.hear(welcome(3, [event(4)]));
    expect(socket.sent.at(-1)).toEqual(again);
    socket.hear({ kind: 'result', id: again.id as string, result: { ok: true, event: event(4), events: [event(4)] } });
    expect(await second).toEqual({ ok: true, event: event(4), events: [event(4)] });
  });

  it('takes a result from the answers of the events message that carries its events, and leaves other sockets\' answers alone (issue 9)', async () => {
    const socket = latest();
    const answer = runtime.command({ kind: 'action', action: { type: 'ui.note.added', actor: { role: 'reporting-contact' }, data: { text: 'n3' } } } as never);
    const sent = socket.sent.find((m) => m.kind === 'command')!;
    let settled = false;
    void answer.then(() => (settled = true));
    // Another desk's command in the same drain: not this socket's to settle.
    socket.hear({ kind: 'events', events: [event(3)], answers: { 'someone-else': { ok: true, seqs: [3], eventSeq: 3 } } });
    await Promise.resolve();
    expect(settled).toBe(false);
    socket.hear({ kind: 'events', events: [event(4), event(5)], answers: { 'someone-else': { ok: true, seqs: [4] }, [sent.id as string]: { ok: true, seqs: [5], eventSeq: 5 } } });
    expect(await answer).toEqual({ ok: true, event: event(5), events: [event(5)] });
    // Nothing more was asked of the server (no resync).
    expect(socket.sent.filter((m) => m.kind === 'hello')).toHaveLength(1);
  });

  it('refuses a command above the message limit itself, with the reason, and sends nothing (issue 9)', async () => {
    const socket = latest();
    for (const size of [70 * 1024, 2 * 1024 * 1024]) {
      const text = '備'.repeat(size / 3);
      const answer = await runtime.command({ kind: 'action', action: { type: 'ui.note.added', actor: { role: 'facilitator' }, data: { text } } });
      expect(answer).toMatchObject({ ok: false, reason: { code: 'message-too-large', zh: expect.stringContaining('65536'), en: expect.stringContaining('65536') } });
    }
    expect(socket.sent.filter((m) => m.kind === 'command')).toEqual([]);
    expect(socket.closed).toBe(false);
    expect(runtime.getView().connection).toBe('online');
    // An ordinary command goes out as before.
    void runtime.command({ kind: 'pause' });
    expect(socket.sent.filter((m) => m.kind === 'command')).toHaveLength(1);
  });
});
