/**
 * The contract every DrillStore keeps, as a test suite: file-store.test.ts and pg-store.test.ts run
 * it against the real stores (the PostgreSQL one against a throwaway cluster).
 */
import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '@/engine/record/schema';
import { ENGINE_VERSION, RECORD_FORMAT, STORE_FORMAT, StoreError, type DrillMeta, type DrillStore, type StoredCity } from './store';
import { serverText } from '../server-text';

export interface StoreFixture {
  /** A new, opened store on fresh storage. */
  fresh(): Promise<DrillStore>;
  /** Another store instance on the same storage (a server restart), opened. */
  reopen(store: DrillStore): Promise<DrillStore>;
}

export const testEvent = (seq: number, text = `note ${seq}`): DrillEvent =>
  ({ seq, at: `2026-03-09T09:${String(seq % 60).padStart(2, '0')}:00+08:00`, wall: '2026-12-02T10:00:00+08:00', actor: { role: 'facilitator', name: serverText('zh-TW', 'contract.actorName') }, type: 'ui.note.added', data: { text } }) as DrillEvent;

export const testMeta = (id: string): DrillMeta => ({
  id,
  drill: { id, title: serverText('zh-TW', 'contract.drillTitle', { id }), header: { version: 1, t0: '2026-03-09T09:00:00+08:00' } },
  links: [],
  sessions: [],
  storeFormat: STORE_FORMAT,
  recordFormat: RECORD_FORMAT,
  engineVersion: ENGINE_VERSION,
});

/** A city exercise's record over `agencies` drills `<id>-a1…`, and those drills' metas. */
export const testCity = (id: string, agencies: number): { city: StoredCity; drills: DrillMeta[] } => {
  const drills = Array.from({ length: agencies }, (_, i) => {
    const m = testMeta(`${id}-a${i + 1}`);
    return { ...m, drill: { ...m.drill, city: { exerciseId: id, index: i } } };
  });
  const city: StoredCity = {
    id,
    title: serverText('zh-TW', 'contract.drillTitle', { id }),
    startAt: '2026-03-09T08:40:00+08:00',
    scenarios: { kind: 'one', scenarioId: 'ransomware-core' },
    reviewerName: 'DoIT',
    agencies: drills.map((d) => d.id),
    redrills: [],
    createdWall: '2026-12-02T10:00:00+08:00',
  };
  return { city, drills };
};

export function storeContract(name: string, fixture: StoreFixture): void {
  describe(`DrillStore contract: ${name}`, () => {
    it('creates a drill, lists it and loads it with no events; the meta keeps format and engine version', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('d1'));
      expect((await store.listDrills()).map((m) => m.id)).toEqual(['d1']);
      const loaded = await store.loadDrill('d1');
      expect(loaded?.entries).toEqual([]);
      expect(loaded?.meta).toMatchObject({ id: 'd1', recordFormat: RECORD_FORMAT, engineVersion: ENGINE_VERSION, storeFormat: STORE_FORMAT });
      expect(await store.loadDrill('nope')).toBeNull();
      await store.close();
    });

    it('refuses a second drill with the same id', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('d1'));
      await expect(store.createDrill(testMeta('d1'))).rejects.toMatchObject({ code: 'exists' });
      await store.close();
    });

    it('appends events in seq order with their command ids, and a restarted store reads them all back', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('d1'));
      await store.append('d1', [{ event: testEvent(1), commandId: 'c-1' }]);
      await store.append('d1', [{ event: testEvent(2), commandId: 'c-2' }, { event: testEvent(3) }]);
      const again = await fixture.reopen(store);
      const loaded = await again.loadDrill('d1');
      expect(loaded?.entries.map((e) => [e.event.seq, e.commandId])).toEqual([
        [1, 'c-1'],
        [2, 'c-2'],
        [3, undefined],
      ]);
      expect(loaded?.entries[1].event).toEqual(testEvent(2));
      // Stored as written, key order included (an exported record reads the same from either store).
      expect(JSON.stringify(loaded?.entries[1].event)).toBe(JSON.stringify(testEvent(2)));
      await again.close();
    });

    it('refuses a seq that does not follow the last stored one, and stores nothing of that append', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('d1'));
      await store.append('d1', [{ event: testEvent(1) }]);
      await expect(store.append('d1', [{ event: testEvent(3) }])).rejects.toBeInstanceOf(StoreError);
      await expect(store.append('d1', [{ event: testEvent(2) }, { event: testEvent(2) }])).rejects.toMatchObject({ code: 'seq-conflict' });
      await expect(store.append('d1', [{ event: testEvent(1) }])).rejects.toMatchObject({ code: 'seq-conflict' });
      expect((await store.loadDrill('d1'))?.entries.map((e) => e.event.seq)).toEqual([1]);
      await store.append('d1', [{ event: testEvent(2) }]);
      expect((await store.loadDrill('d1'))?.entries.map((e) => e.event.seq)).toEqual([1, 2]);
      await store.close();
    });

    it('keeps drills apart', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('a'));
      await store.createDrill(testMeta('b'));
      await store.append('a', [{ event: testEvent(1, 'in a') }]);
      await store.append('b', [{ event: testEvent(1, 'in b') }, { event: testEvent(2, 'in b') }]);
      expect((await store.loadDrill('a'))?.entries.map((e) => e.event.data?.text)).toEqual(['in a']);
      expect((await store.loadDrill('b'))?.entries.map((e) => e.event.data?.text)).toEqual(['in b', 'in b']);
      await store.close();
    });

    it('stores appends of many drills made at once (one burst), and refuses only the one that does not follow', async () => {
      const store = await fixture.fresh();
      const ids = Array.from({ length: 12 }, (_, i) => `burst-${i}`);
      for (const id of ids) await store.createDrill(testMeta(id));
      for (const id of ids) await store.append(id, [{ event: testEvent(1, `${id} first`) }]);
      const results = await Promise.allSettled(
        ids.map((id, i) => store.append(id, i === 5 ? [{ event: testEvent(3, 'gap') }] : [{ event: testEvent(2, `${id} a`), commandId: `${id}-c` }, { event: testEvent(3, `${id} b`) }])),
      );
      expect(results.map((r) => r.status)).toEqual(ids.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
      expect((results[5] as PromiseRejectedResult).reason).toMatchObject({ code: 'seq-conflict' });
      const again = await fixture.reopen(store);
      for (const [i, id] of ids.entries()) {
        const loaded = await again.loadDrill(id);
        expect(loaded?.entries.map((e) => [e.event.seq, e.event.data?.text, e.commandId])).toEqual(
          i === 5 ? [[1, `${id} first`, undefined]] : [[1, `${id} first`, undefined], [2, `${id} a`, `${id}-c`], [3, `${id} b`, undefined]],
        );
      }
      await again.close();
    });

    it('creates a city exercise with its drills, adds a re-drill to it, and a restarted store reads them', async () => {
      const store = await fixture.fresh();
      const { city, drills } = testCity('city-1', 3);
      await store.createCity(city, drills);
      expect((await store.listDrills()).map((m) => m.id).sort()).toEqual(drills.map((d) => d.id));
      expect(await store.loadCity('city-1')).toEqual(city);
      const redrill = testMeta('city-1-a2-r1');
      const next = await store.addRedrill('city-1', redrill, 'city-1-a2');
      expect(next.redrills).toEqual([{ drillId: 'city-1-a2-r1', of: 'city-1-a2' }]);
      await expect(store.addRedrill('nope', testMeta('x-r1'), 'x')).rejects.toMatchObject({ code: 'no-drill' });
      await expect(store.addRedrill('city-1', testMeta('city-1-a1'), 'city-1-a1')).rejects.toMatchObject({ code: 'exists' });
      const again = await fixture.reopen(store);
      expect(await again.listCities()).toEqual([{ ...city, redrills: [{ drillId: 'city-1-a2-r1', of: 'city-1-a2' }] }]);
      expect((await again.loadDrill('city-1-a3'))?.meta.drill).toMatchObject({ city: { exerciseId: 'city-1', index: 2 } });
      expect(await again.loadDrill('city-1-a2-r1')).not.toBeNull();
      await again.close();
    });

    it('creates a city exercise all or nothing: a drill id already taken midway leaves no drill and no record of it', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('city-2-a3'));
      const { city, drills } = testCity('city-2', 5);
      await expect(store.createCity(city, drills)).rejects.toMatchObject({ code: 'exists' });
      expect(await store.loadCity('city-2')).toBeNull();
      expect((await store.listDrills()).map((m) => m.id)).toEqual(['city-2-a3']);
      const again = await fixture.reopen(store);
      expect(await again.listCities()).toEqual([]);
      expect((await again.listDrills()).map((m) => m.id)).toEqual(['city-2-a3']);
      for (const d of drills.filter((x) => x.id !== 'city-2-a3')) expect(await again.loadDrill(d.id)).toBeNull();
      // The same exercise under another id goes in whole; the same id again is refused whole.
      const other = testCity('city-3', 2);
      await again.createCity(other.city, other.drills);
      await expect(again.createCity(other.city, testCity('city-3', 3).drills.slice(2))).rejects.toMatchObject({ code: 'exists' });
      expect((await again.listDrills()).map((m) => m.id).sort()).toEqual(['city-2-a3', 'city-3-a1', 'city-3-a2']);
      await again.close();
    });

    it('replaces the meta (clock, links, sessions) and a restarted store reads the last one', async () => {
      const store = await fixture.fresh();
      await store.createDrill(testMeta('d1'));
      const meta = { ...testMeta('d1'), clock: { simNowMs: 5, running: false, speed: 60 }, links: [{ id: 'l1', kind: 'observer' as const, roles: [], tokenHash: 'ab', createdWall: 'w' }] };
      await store.saveMeta(meta);
      const again = await fixture.reopen(store);
      expect((await again.loadDrill('d1'))?.meta).toMatchObject({ clock: { simNowMs: 5, speed: 60 }, links: [{ id: 'l1', tokenHash: 'ab' }] });
      await again.close();
    });
  });
}
