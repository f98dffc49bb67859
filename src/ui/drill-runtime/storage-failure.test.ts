import { afterEach, describe, expect, it, vi } from 'vitest';
import * as db from '@/ui/persistence/drill-db';
import { DrillRuntime } from './drill-runtime';
import { sessionFactory, type DrillSnapshot } from '@/runtime/session-host';
import { recordOf } from './use-drill';
import { ChannelHub, storeTestDrill, testWindow, until } from './test-windows';

// A full disk: IndexedDB refuses writes once the quota is reached.
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

let open: DrillRuntime<DrillSnapshot> | null = null;
afterEach(async () => {
  quota.full = false;
  await open?.dispose();
});

describe('storage failures', () => {
  it('keeps an event whose write failed, says so in both languages, exports it, and never wipes storage', async () => {
    const drill = await storeTestDrill('quota');
    const r = new DrillRuntime<DrillSnapshot>(drill.id, testWindow(new ChannelHub(), null).env, sessionFactory());
    open = r;
    await r.start();
    await r.command({ kind: 'start' });
    const storedBefore = await db.loadEvents(drill.id);
    expect(storedBefore.length).toBeGreaterThan(0);

    quota.full = true;
    const res = await r.command({ kind: 'action', action: { type: 'level.assessed', actor: { role: 'reporting-contact', name: '李佳穎' }, data: { level: 3 } } });
    // The engine accepted it: the action happened, and the window keeps it.
    expect(res).toMatchObject({ ok: true, event: { type: 'level.assessed' } });
    const view = r.getView();
    expect(view.events.at(-1)?.type).toBe('level.assessed');
    expect(view.unsaved).toBe(1);
    expect(view.storageError?.zh).toMatch(/無法寫入瀏覽器儲存空間.*QuotaExceededError.*匯出演練紀錄/);
    expect(view.storageError?.en).toMatch(/Could not write.*QuotaExceededError.*Export the drill record/);
    // The export carries every event, the unsaved one included.
    const exported = recordOf(view)!;
    expect(exported.events.map((e) => e.seq)).toEqual(view.events.map((e) => e.seq));
    expect(exported.events.at(-1)?.type).toBe('level.assessed');
    // Storage still holds everything it had.
    expect(await db.loadEvents(drill.id)).toEqual(storedBefore);

    // Space comes back: the next event writes the kept one first, in order.
    quota.full = false;
    await r.command({ kind: 'action', action: { type: 'level.approved', actor: { role: 'ciso', name: '陳淑芬' }, data: { level: 3, by: 'ciso' } } });
    await until(() => r.getView().unsaved === 0, 'the kept event to be written');
    expect((await db.loadEvents(drill.id)).map((e) => e.seq)).toEqual(r.getView().events.map((e) => e.seq));
  });

  it('shows a damaged drill as an error with what was read, without deleting it', async () => {
    const drill = await storeTestDrill('damaged');
    await db.putDrill({ ...drill, header: { broken: true } });
    const r = new DrillRuntime<DrillSnapshot>(drill.id, testWindow(new ChannelHub(), null).env, sessionFactory());
    open = r;
    await r.start();
    expect(r.getView().state).toBe('error');
    expect(r.getView().error?.zh).toMatch(/毀損/);
    expect(await db.getDrill(drill.id)).toBeDefined();
  });
});
