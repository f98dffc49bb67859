/**
 * The v1 → v2 upgrade of the drills database (issue 10): version 1 kept each drill's scenario text in
 * the drill row; version 2 moves it to `scenarios`. A browser that saved drills under v1 opens them
 * under v2 with nothing lost: every row, every event, every scenario text, byte for byte.
 */
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredDrill, StoredEvent } from './drill-db';

const NAME = 'taipei-drill';

/** The version-1 schema, as drill-db.ts created it before version 2. */
async function makeV1(drills: StoredDrill[], events: StoredEvent[]): Promise<void> {
  const db = await openDB(NAME, 1, {
    upgrade(d) {
      const s = d.createObjectStore('drills', { keyPath: 'id' });
      s.createIndex('byUpdated', 'updatedWall');
      const e = d.createObjectStore('events', { keyPath: ['drillId', 'seq'] });
      e.createIndex('byDrill', 'drillId');
    },
  });
  const tx = db.transaction(['drills', 'events'], 'readwrite');
  for (const d of drills) await tx.objectStore('drills').put(d);
  for (const e of events) await tx.objectStore('events').put(e);
  await tx.done;
  db.close();
}

const scenarioText = (n: number) => `meta:\n  id: s${n}\n  title: 情境 ${n}\n# ${'長'.repeat(50_000)}\n`;

function v1Drill(id: string, updatedWall: string, header: unknown): StoredDrill {
  return {
    id,
    title: `演練 ${id}`,
    scenarioId: `s-${id}`,
    scenarioTitle: { zh: '勒索軟體', en: 'Ransomware' },
    agencyName: '臺北市政府某局',
    status: 'running',
    createdWall: '2026-03-01T09:00:00+08:00',
    updatedWall,
    eventCount: 3,
    header,
    clock: { running: true, simMs: 1_772_413_200_000, rate: 60 },
  };
}

describe('drills saved under database version 1', () => {
  beforeEach(() => {
    // A fresh browser profile for each case, and drill-db.ts loaded anew (it caches its connection).
    vi.stubGlobal('indexedDB', new IDBFactory());
    vi.resetModules();
  });

  it('open under version 2 with every drill, event and scenario text kept; the rows are slim afterwards', async () => {
    const withText = v1Drill('a', '2026-03-02T10:00:00+08:00', { version: 1, agency: { name: '甲局' }, scenarioSource: { id: 's1', fileName: 'mine.yaml', text: scenarioText(1) } });
    const builtIn = v1Drill('b', '2026-03-02T11:00:00+08:00', { version: 1, agency: { name: '乙局' }, scenarioSource: { id: 'ransomware-core' } });
    const noHeader = v1Drill('c', '2026-03-02T09:00:00+08:00', null);
    const events: StoredEvent[] = ['a', 'b', 'c'].flatMap((drillId) =>
      [1, 2, 3].map((seq) => ({ drillId, seq, at: `2026-03-02T09:0${seq}:00+08:00`, actor: { role: 'facilitator' as const, name: '王' }, type: seq === 1 ? 'incident.aware' : 'note.added', data: { text: `${drillId}-${seq}` } })),
    );
    await makeV1([withText, builtIn, noHeader], events);

    const db = await import('./drill-db');
    expect((await db.listDrills()).map((d) => d.id)).toEqual(['b', 'a', 'c']);
    // Each drill reads back exactly as it was saved, scenario text included.
    expect(await db.getDrill('a')).toEqual(withText);
    expect(await db.getDrill('b')).toEqual(builtIn);
    expect(await db.getDrill('c')).toEqual(noHeader);
    for (const id of ['a', 'b', 'c']) {
      expect(await db.loadEvents(id)).toEqual(events.filter((e) => e.drillId === id).map(({ drillId: _d, ...e }) => e));
    }

    // Under v2 the text lives in `scenarios`, not in the row rewritten with every event.
    const raw = await db.openDrillDb();
    expect(raw.version).toBe(2);
    expect((await raw.get('drills', 'a'))?.header).toEqual({ version: 1, agency: { name: '甲局' }, scenarioSource: { id: 's1', fileName: 'mine.yaml' } });
    expect(await raw.get('scenarios', 'a')).toEqual({ drillId: 'a', text: scenarioText(1) });
    expect(await raw.get('scenarios', 'b')).toBeUndefined();

    // And the drill goes on: a new event and a clock update keep the text.
    await db.appendEvent('a', { seq: 4, at: '2026-03-02T09:04:00+08:00', actor: { role: 'facilitator' }, type: 'note.added', data: { text: 'after' } }, '2026-03-02T12:00:00+08:00');
    await db.updateDrill('a', { clock: { running: false } });
    const after = await db.getDrill('a');
    expect(after?.eventCount).toBe(4);
    expect((after?.header as { scenarioSource: { text: string } }).scenarioSource.text).toBe(scenarioText(1));
  });

  it('an empty version-1 database upgrades too', async () => {
    await makeV1([], []);
    const db = await import('./drill-db');
    expect(await db.listDrills()).toEqual([]);
    expect((await db.openDrillDb()).objectStoreNames.contains('scenarios')).toBe(true);
  });
});
