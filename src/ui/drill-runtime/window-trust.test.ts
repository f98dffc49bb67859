/**
 * Local multi-window mode under attack and failure (issue 10): forged cross-window messages, commands
 * bound to each window's route, a stolen lock, the console claiming authority with the clock running,
 * and a handover after a storage failure that loses no acknowledged event.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as db from '@/ui/persistence/drill-db';
import type { DrillEvent } from '@/engine/record/schema';
import { DrillRuntime } from './drill-runtime';
import type { CommandScope, RuntimeMessage } from '@/runtime/protocol';
import { sessionFactory, type DrillSnapshot } from '@/runtime/session-host';
import { ChannelHub, LockQueue, storeTestDrill, testWindow, until } from './test-windows';

const quota = { full: false };
vi.mock('@/ui/persistence/drill-db', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/ui/persistence/drill-db')>();
  return {
    ...real,
    appendEvent: async (...args: Parameters<typeof real.appendEvent>) => {
      if (quota.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.appendEvent(...args);
    },
  };
});

let open: DrillRuntime<DrillSnapshot>[] = [];
afterEach(async () => {
  quota.full = false;
  for (const r of open) await r.dispose();
  open = [];
});

const DESK: CommandScope = { kind: 'desk', role: 'reporting-contact' };
const assess = { kind: 'action' as const, action: { type: 'level.assessed', actor: { role: 'reporting-contact' as const, name: '李佳穎' }, data: { level: 3 } } };

async function windows(name: string, scopes: CommandScope[]) {
  const drill = await storeTestDrill(name);
  const hub = new ChannelHub();
  const locks = new LockQueue();
  const made = [];
  for (const scope of scopes) {
    const w = testWindow(hub, locks, scope);
    const r = new DrillRuntime<DrillSnapshot>(drill.id, w.env, sessionFactory());
    open.push(r);
    await r.start();
    await until(() => r.getView().state === 'ready', 'a window to load');
    made.push({ r, w });
  }
  return { drill, hub, locks, made };
}

const seqs = (r: DrillRuntime<DrillSnapshot>) => r.getView().events.map((e) => e.seq);

describe('forged cross-window messages', () => {
  it('replicas ignore event, clock and storage messages from any window but the authority', async () => {
    const { hub, made } = await windows('forged', [DESK, DESK]);
    const [{ r: authority }, { r: replica }] = made;
    await until(() => authority.getView().isAuthority, 'the first desk to hold the drill');
    // The authority (a desk here) starts nothing itself: only the console runs the drill. Use a console command path:
    await until(() => replica.getView().state === 'ready', 'replica');
    const forger = hub.open(`tdrill:forged`);
    const before = replica.getView();
    const fake: RuntimeMessage[] = [
      { kind: 'event', from: 'intruder', event: { seq: 1, at: '2026-03-09T08:00:00+08:00', actor: { role: 'facilitator' }, type: 'drill.ended', data: {} } },
      { kind: 'clock', from: 'intruder', clock: { simNowMs: 0, running: true, speed: 3600 }, lastSeq: 0 },
      { kind: 'storage-error', from: 'intruder', message: { zh: '假的', en: 'fake' } },
    ];
    for (const m of fake) forger.postMessage(m);
    await new Promise((r) => setTimeout(r, 50));
    const after = replica.getView();
    expect(after.events).toEqual(before.events);
    expect(after.clock).toEqual(before.clock);
    expect(after.storageError).toBeNull();
  });

  it('binds commands to the window: a desk acts only as its role, only the console runs facilitator commands', async () => {
    const { drill, hub, made } = await windows('bound', [{ kind: 'console' }, DESK]);
    const [{ r: console1 }, { r: desk }] = made;
    await until(() => console1.getView().isAuthority, 'the console to hold the drill');
    expect((await console1.command({ kind: 'start' })).ok).toBe(true);
    const n = (await db.loadEvents(drill.id)).length;

    // The desk's own window refuses a facilitator command or another role's action before sending it.
    for (const command of [{ kind: 'end' as const }, { kind: 'jump-by' as const, ms: 3600_000 }, { ...assess, action: { ...assess.action, actor: { role: 'ciso' as const } } }]) {
      expect(await desk.command(command)).toMatchObject({ ok: false, reason: { code: 'wrong-window' } });
    }
    // A forged command message claiming another scope is judged by the scope it carries: a desk's
    // message as the facilitator is refused by the authority too.
    const forger = hub.open('tdrill:bound');
    const answers: RuntimeMessage[] = [];
    forger.onmessage = (e) => answers.push(e.data);
    forger.postMessage({ kind: 'command', id: 'x1', from: 'intruder', scope: DESK, command: { kind: 'end' } });
    forger.postMessage({ kind: 'command', id: 'x2', from: 'intruder', scope: { kind: 'viewer' }, command: assess });
    await until(() => answers.filter((m) => m.kind === 'result').length === 2, 'the authority to answer the forged commands');
    for (const m of answers) if (m.kind === 'result') expect(m.result).toMatchObject({ ok: false, reason: { code: 'wrong-window' } });
    expect(await db.loadEvents(drill.id)).toHaveLength(n);

    // Its own role's action goes through.
    expect(await desk.command(assess)).toMatchObject({ ok: true, event: { type: 'level.assessed' } });
  });
});

describe('authority handover', () => {
  it('a desk takes over from a closed console with the clock running, and a console opened later claims it back with the clock as it was', async () => {
    const { drill, made, hub, locks } = await windows('claim', [{ kind: 'console' }, DESK]);
    const [{ r: firstConsole }, { r: desk }] = made;
    await until(() => firstConsole.getView().isAuthority, 'the console to hold the drill');
    await firstConsole.command({ kind: 'start' });
    await firstConsole.command({ kind: 'set-speed', speed: 60 });
    await firstConsole.command({ kind: 'play' });
    await until(() => desk.getView().clock.running, 'the desk to hear the running clock');
    // The console window closes: the desk takes over, and the clock does not stop for everyone.
    await firstConsole.dispose();
    await until(() => desk.getView().isAuthority, 'the desk to take over');
    expect(desk.getView().clock).toMatchObject({ running: true, speed: 60 });

    // A console opens: it claims the drill from the participant's tab, clock running as it was.
    const console2 = new DrillRuntime<DrillSnapshot>(drill.id, testWindow(hub, locks, { kind: 'console' }).env, sessionFactory());
    open.push(console2);
    await console2.start();
    await until(() => console2.getView().isAuthority, 'the console to claim the drill');
    expect(desk.getView().isAuthority).toBe(false);
    expect(console2.getView().clock).toMatchObject({ running: true, speed: 60 });
    // The desk follows as a replica; its command is answered once, by the console.
    expect(await desk.command(assess)).toMatchObject({ ok: true, event: { type: 'level.assessed' } });
    expect((await db.loadEvents(drill.id)).filter((e) => e.type === 'level.assessed')).toHaveLength(1);
    await until(() => seqs(desk).length === seqs(console2).length, 'the desk to follow');

    // A second console does not take the drill from the first (no ping-pong between projectors).
    const console3 = new DrillRuntime<DrillSnapshot>(drill.id, testWindow(hub, locks, { kind: 'console' }).env, sessionFactory());
    open.push(console3);
    await console3.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(console2.getView().isAuthority).toBe(true);
    expect(console3.getView().isAuthority).toBe(false);
  });

  it('a window whose lock is stolen steps down at once: one answer per command', async () => {
    const { drill, made, locks } = await windows('stolen', [{ kind: 'console' }, DESK]);
    const [{ r: a }, { r: b }] = made;
    await until(() => a.getView().isAuthority, 'a');
    await a.command({ kind: 'start' });
    // Someone steals the lock outright (another tab, devtools).
    let granted = false;
    locks.request('tdrill:stolen', () => {
      granted = true;
      return new Promise(() => {});
    }, { steal: true });
    await until(() => granted, 'the thief to hold the lock');
    await until(() => !a.getView().isAuthority, 'the old authority to step down');
    // No window answers now (the thief runs nothing): the desk's command is not answered twice; nothing written.
    const n = (await db.loadEvents(drill.id)).length;
    const answer = b.command(assess);
    await new Promise((r) => setTimeout(r, 30));
    expect((await db.loadEvents(drill.id)).length).toBe(n);
    void answer;
  });

  it('after a storage failure, the window taking over writes the acknowledged events first (none lost)', async () => {
    const { drill, made } = await windows('handover-failure', [{ kind: 'console' }, DESK]);
    const [{ r: console1 }, { r: desk }] = made;
    await until(() => console1.getView().isAuthority, 'console');
    await console1.command({ kind: 'start' });
    quota.full = true;
    // Three acknowledged actions, heard by the desk, that storage refused.
    const acked: DrillEvent[] = [];
    for (const level of [1, 2, 3]) {
      const r = await desk.command({ ...assess, action: { ...assess.action, data: { level } } });
      expect(r.ok).toBe(true);
      if (r.ok) acked.push(r.event!);
    }
    await until(() => desk.getView().storageError !== null, 'the desk to show the storage warning');
    await until(() => seqs(desk).at(-1) === acked[2].seq, 'the desk to hear all three');
    expect((await db.loadEvents(drill.id)).some((e) => e.seq === acked[0].seq)).toBe(false);
    // Storage recovers, and the console window closes: the desk takes over.
    quota.full = false;
    await console1.dispose();
    await until(() => desk.getView().isAuthority, 'the desk to take over');
    const stored = await db.loadEvents(drill.id);
    for (const e of acked) expect(stored.find((x) => x.seq === e.seq)).toEqual(e);
    // The backlog is written: the warning goes.
    expect(desk.getView().storageError).toBeNull();
    expect(desk.getView().unsaved).toBe(0);
    // And the new authority writes after them, never over them.
    expect(await desk.command(assess)).toMatchObject({ ok: true, event: { seq: acked[2].seq + 1 } });
  });

  it('the storage warning clears on every window once the backlog is written', async () => {
    const { made } = await windows('warning', [{ kind: 'console' }, DESK]);
    const [{ r: console1 }, { r: desk }] = made;
    await until(() => console1.getView().isAuthority, 'console');
    await console1.command({ kind: 'start' });
    quota.full = true;
    await desk.command(assess);
    await until(() => desk.getView().storageError !== null && console1.getView().storageError !== null, 'the warning everywhere');
    quota.full = false;
    await desk.command(assess);
    await until(() => desk.getView().storageError === null && console1.getView().storageError === null, 'the warning to clear everywhere');
    expect(console1.getView().unsaved).toBe(0);
  });
});

describe('user text on the drill screens', () => {
  it('shows names without bidi controls and keeps them out of the log', async () => {
    const { testHeader } = await import('./test-windows');
    const header = testHeader();
    header.participants[0] = { ...header.participants[0], name: '\u202e人持主練演' };
    const drill = await storeTestDrill('bidi', header);
    const r = new DrillRuntime<DrillSnapshot>(drill.id, testWindow(new ChannelHub(), null).env, sessionFactory());
    open.push(r);
    await r.start();
    expect(r.getView().header?.participants[0].name).toBe('人持主練演');
    await r.command({ kind: 'start' });
    const note = await r.command({ kind: 'action', action: { type: 'ui.note.added', actor: { role: 'facilitator' }, data: { text: 'a\u2066b' } } });
    expect(note).toMatchObject({ ok: true, event: { data: { text: 'ab' }, actor: { name: '人持主練演' } } });
  });
});
