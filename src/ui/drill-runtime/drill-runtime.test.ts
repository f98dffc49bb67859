import { afterEach, describe, expect, it } from 'vitest';
import { getDrill, loadEvents } from '@/ui/persistence/drill-db';
import { parseIsoMs } from '@/engine/time/taipei';
import { DrillRuntime } from './drill-runtime';
import { sessionFactory, type DrillSnapshot } from '@/runtime/session-host';
import { ChannelHub, LockQueue, storeTestDrill, testWindow, until } from './test-windows';

const HOUR = 3600_000;
let open: DrillRuntime<DrillSnapshot>[] = [];
afterEach(async () => {
  for (const r of open) await r.dispose();
  open = [];
});

function runtime(drillId: string, env: ReturnType<typeof testWindow>['env']) {
  const r = new DrillRuntime<DrillSnapshot>(drillId, env, sessionFactory());
  open.push(r);
  return r;
}

/** Two windows on one stored drill: the first takes the lock (the authority), the second loads as its replica. */
async function twoWindows(name: string) {
  const drill = await storeTestDrill(name);
  const hub = new ChannelHub();
  const locks = new LockQueue();
  const authorityWindow = testWindow(hub, locks);
  const authority = runtime(drill.id, authorityWindow.env);
  await authority.start();
  await until(() => authority.getView().isAuthority, 'the first window to become the authority');
  const replica = runtime(drill.id, testWindow(hub, locks).env);
  await replica.start();
  await until(() => replica.getView().state === 'ready', 'the replica to load');
  return { drill, hub, authorityWindow, authority, replica };
}

const seqs = (r: DrillRuntime<DrillSnapshot>) => r.getView().events.map((e) => `${e.seq}:${e.type}`);

describe('drill runtime across windows', () => {
  it('keeps two windows in sync, and the authority orders a command sent by a replica', async () => {
    const { drill, authority: console1, replica: desk } = await twoWindows('sync');
    expect(desk.getView().isAuthority).toBe(false);

    const started = await console1.command({ kind: 'start' });
    expect(started.ok).toBe(true);
    await until(() => desk.getView().events.length === console1.getView().events.length, 'the replica to hear the start');
    expect(seqs(desk)).toEqual(seqs(console1));
    expect(seqs(desk)[0]).toBe('1:drill.started');
    expect(seqs(desk)).toContain('3:incident.aware'); // after the SOC's alert 45 minutes before T0
    const n = seqs(console1).length;

    // A desk acts: its command goes to the authority, which validates, orders and stores it.
    const assessed = await desk.command({
      kind: 'action',
      action: { type: 'level.assessed', actor: { role: 'reporting-contact', name: '李佳穎' }, data: { level: 3 } },
    });
    expect(assessed).toMatchObject({ ok: true, event: { seq: n + 1, type: 'level.assessed', actor: { role: 'reporting-contact', name: '李佳穎' } } });
    expect(seqs(console1).at(-1)).toBe(`${n + 1}:level.assessed`);
    await until(() => desk.getView().events.length === n + 1, 'the replica to apply its own event');
    expect(seqs(desk)).toEqual(seqs(console1));
    expect((await loadEvents(drill.id)).map((e) => `${e.seq}:${e.type}`)).toEqual(seqs(console1));
    // The replica applied it incrementally and derives the same state as the authority.
    expect(desk.getView().snapshot?.machine).toEqual(console1.getView().snapshot?.machine);
    expect(desk.getView().snapshot?.availableActions).toEqual(console1.getView().snapshot?.availableActions);
    expect(desk.getView().snapshot?.injects).toEqual(console1.getView().snapshot?.injects);

    // The impossible is refused with the engine's reason, and nothing is written.
    const wrongRole = await desk.command({
      kind: 'action',
      action: { type: 'level.approved', actor: { role: 'reporting-contact', name: '李佳穎' }, data: { level: 3, by: 'ciso' } },
    });
    expect(wrongRole).toMatchObject({ ok: false, reason: { code: 'ciso-only' } });
    expect(wrongRole.ok === false && wrongRole.reason.zh).toMatch(/資通安全長/);
    expect(await loadEvents(drill.id)).toHaveLength(n + 1);

    // Replica snapshot is derived from the same log: the reporting contact's inbox and the desk's actions.
    expect(desk.getView().snapshot?.machine.drill).toBe('running');
    expect(desk.getView().snapshot?.availableActions['reporting-contact'].length).toBeGreaterThan(0);
    expect((await getDrill(drill.id))?.status).toBe('running');
  });

  it('runs the clock in the authority (one big tick fires each inject at its own moment) and replicas follow', async () => {
    const { drill, authorityWindow: w1, authority, replica } = await twoWindows('clock');

    await authority.command({ kind: 'start' });
    await authority.command({ kind: 'set-speed', speed: 3600 });
    await authority.command({ kind: 'play' });
    // The tab slept for 2 real seconds at 3600×: two simulated hours in one tick.
    w1.advanceReal(2000);
    authority.step();
    const t0 = parseIsoMs(drill.header ? (drill.header as { t0: string }).t0 : '');
    await until(() => authority.getView().clock.simNowMs === t0 + 2 * HOUR, 'the authority clock to move');
    const delivered = authority.getView().events.filter((e) => e.type === 'inject.delivered');
    expect(delivered.length).toBeGreaterThan(0);
    // Each inject is logged at its scheduled moment, not at the tick's end.
    const injects = authority.getView().snapshot!.injects.filter((i) => i.status === 'delivered');
    for (const inj of injects.filter((i) => i.dueMs > t0)) expect(parseIsoMs(inj.at!)).toBe(inj.dueMs);
    await until(() => replica.getView().events.length === authority.getView().events.length, 'the replica to get the injects');
    await until(() => replica.getView().clock.simNowMs === t0 + 2 * HOUR, 'the replica clock');
    expect(replica.getView().clock).toMatchObject({ running: true, speed: 3600 });
  });

  it('after a reload restores every event with the clock paused where it stood', async () => {
    const drill = await storeTestDrill('reload');
    const hub = new ChannelHub();
    const w1 = testWindow(hub, null);
    const before = runtime(drill.id, w1.env);
    await before.start();
    await before.command({ kind: 'start' });
    await before.command({ kind: 'action', action: { type: 'level.assessed', actor: { role: 'reporting-contact', name: '李佳穎' }, data: { level: 3 } } });
    await before.command({ kind: 'set-speed', speed: 60 });
    w1.advanceReal(60_000); // one real minute at 60×: one simulated hour
    before.step();
    await until(() => before.getView().clock.simNowMs > parseIsoMs((drill.header as { t0: string }).t0) + HOUR - 1);
    expect(before.getView().clock.running).toBe(true);
    const eventsBefore = before.getView().events;
    const clockBefore = before.getView().clock.simNowMs;
    await before.dispose(); // the window closes (pagehide)

    const after = runtime(drill.id, testWindow(new ChannelHub(), null).env);
    await after.start();
    await until(() => after.getView().state === 'ready');
    expect(after.getView().events).toEqual(eventsBefore);
    expect(after.getView().clock).toEqual({ simNowMs: clockBefore, running: false, speed: 60 });
    expect(after.getView().isAuthority).toBe(true);
    // The drill goes on from there: the next action gets the next seq.
    const next = await after.command({ kind: 'action', action: { type: 'level.approved', actor: { role: 'ciso', name: '陳淑芬' }, data: { level: 3, by: 'ciso' } } });
    expect(next).toMatchObject({ ok: true, event: { seq: eventsBefore.length + 1 } });
  });

  it('a queued window takes over when the authority closes, with the clock as it was (running: issue 10)', async () => {
    const { drill, authority: first, replica: second } = await twoWindows('takeover');
    await first.command({ kind: 'start' });
    await until(() => second.getView().events.length === first.getView().events.length);
    const n = first.getView().events.length;
    await until(() => second.getView().clock.running, 'the replica to hear the running clock');
    await first.dispose();
    await until(() => second.getView().isAuthority, 'the queued window to take over');
    expect(second.getView().clock.running).toBe(true);
    const res = await second.command({ kind: 'action', action: { type: 'level.assessed', actor: { role: 'reporting-contact', name: '李佳穎' }, data: { level: 2 } } });
    expect(res).toMatchObject({ ok: true, event: { seq: n + 1 } });
    expect((await loadEvents(drill.id)).length).toBe(n + 1);
  });

  it('a replica that missed an announcement re-reads storage on the gap, in seq order', async () => {
    const { hub, authority, replica } = await twoWindows('gap');
    await authority.command({ kind: 'start' });
    await until(() => replica.getView().events.length === authority.getView().events.length);
    const act = (level: number) =>
      authority.command({ kind: 'action', action: { type: 'level.assessed', actor: { role: 'reporting-contact', name: '李佳穎' }, data: { level } } });
    hub.lose = (m) => m.kind === 'event';
    await act(2); // lost on its way
    hub.lose = () => false;
    await act(3);
    await until(() => replica.getView().events.length === authority.getView().events.length, 'the replica to fill the gap');
    expect(seqs(replica)).toEqual(seqs(authority));
    expect(replica.getView().events.at(-2)?.data).toMatchObject({ level: 2 });
  });

  it('says so when the drill does not exist', async () => {
    const r = runtime('nope', testWindow(new ChannelHub(), null).env);
    await r.start();
    expect(r.getView().state).toBe('missing');
  });
});
