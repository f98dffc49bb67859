// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync, symlinkSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from './file-store';
import { storeContract, testCity, testEvent, testMeta } from './store-contract';
import { StoreError, type DrillMeta, type DrillStore, type StoredCity } from './store';

/** A file store whose disk fails at its k-th write of a city exercise (a drill, the record, the index). */
class FailingAt extends FileStore {
  writes = 0;
  constructor(
    dir: string,
    private readonly k: number,
  ) {
    super(dir);
  }
  private count(what: string): void {
    this.writes += 1;
    if (this.writes === this.k) throw new StoreError(`disk failed writing ${what}`, 'io');
  }
  protected override async makeDrill(meta: DrillMeta): Promise<void> {
    this.count(`drill ${meta.id}`);
    await super.makeDrill(meta);
  }
  protected override async writeCity(city: StoredCity): Promise<void> {
    this.count(`city ${city.id}`);
    await super.writeCity(city);
  }
  protected override async addToIndex(ids: readonly string[]): Promise<void> {
    this.count('the index');
    await super.addToIndex(ids);
  }
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tdrill-store-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const open = async (dir: string) => {
  const s = new FileStore(dir);
  await s.open();
  return s;
};

storeContract('file (NDJSON)', {
  fresh: () => open(tempDir()),
  reopen: async (store: DrillStore) => {
    await store.close();
    return open((store as FileStore).dataDir);
  },
});

describe('file store on disk', () => {
  it('cuts a torn last line on start and reports the cut; the whole lines stay', async () => {
    const dir = tempDir();
    const store = await open(dir);
    await store.createDrill(testMeta('d1'));
    await store.append('d1', [{ event: testEvent(1), commandId: 'c1' }, { event: testEvent(2), commandId: 'c2' }]);
    await store.close();
    const file = join(dir, 'drills', 'd1', 'events.ndjson');
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole + '{"seq":3,"cmd":"c3","event":{"seq":3,"at":"2026-03-');
    const again = new FileStore(dir);
    const report = await again.open();
    expect(report.repaired).toHaveLength(1);
    expect(report.repaired[0]).toMatch(/events\.ndjson: cut \d+ bytes of a torn last line at byte \d+/);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    expect((await again.loadDrill('d1'))?.entries.map((e) => e.event.seq)).toEqual([1, 2]);
    // The next event takes seq 3 cleanly.
    await again.append('d1', [{ event: testEvent(3), commandId: 'c3b' }]);
    expect((await again.loadDrill('d1'))?.entries.map((e) => e.commandId)).toEqual(['c1', 'c2', 'c3b']);
    await again.close();
  });

  it('opens a drill written by an older version (store format 0: bare event lines, no versions in meta, no index)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'drills', 'old-1'), { recursive: true });
    writeFileSync(join(dir, 'drills', 'old-1', 'meta.json'), JSON.stringify({ id: 'old-1', drill: { id: 'old-1', title: 'old', header: {} }, clock: { simNowMs: 1, running: false, speed: 1 } }));
    writeFileSync(join(dir, 'drills', 'old-1', 'events.ndjson'), `${JSON.stringify(testEvent(1))}\n${JSON.stringify(testEvent(2))}\n`);
    const store = await open(dir);
    expect((await store.listDrills()).map((d) => d.id)).toEqual(['old-1']);
    const loaded = await store.loadDrill('old-1');
    expect(loaded?.meta).toMatchObject({ storeFormat: 0, engineVersion: 'unknown', links: [], sessions: [] });
    expect(loaded?.entries.map((e) => e.event)).toEqual([testEvent(1), testEvent(2)]);
    // New events are appended in the current format after the old ones.
    await store.append('old-1', [{ event: testEvent(3), commandId: 'new' }]);
    expect((await store.loadDrill('old-1'))?.entries.map((e) => [e.event.seq, e.commandId])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, 'new'],
    ]);
    await store.close();
  });

  it('a full disk refuses the append and leaves the log as it was', async () => {
    if (!existsSync('/dev/full')) throw new Error('this test needs /dev/full (Linux) to fill the disk');
    const dir = tempDir();
    const store = await open(dir);
    await store.createDrill(testMeta('d1'));
    await store.append('d1', [{ event: testEvent(1) }]);
    // Closing drops the open handle; the next append reopens the log, which now points
    await store.close();
    // The log now points at a device that is always full (ENOSPC on every write).
    const file = join(dir, 'drills', 'd1', 'events.ndjson');
    const before = readFileSync(file, 'utf8');
    rmSync(file);
    symlinkSync('/dev/full', file);
    await expect(store.append('d1', [{ event: testEvent(2) }])).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/ENOSPC|no space/i) });
    await store.close();
    rmSync(file);
    writeFileSync(file, before);
    const back = await open(dir);
    expect((await back.loadDrill('d1'))?.entries.map((e) => e.event.seq)).toEqual([1]);
    await back.close();
  });

  it('a city exercise whose k-th write fails leaves nothing of it, for every k; the next try goes in whole', async () => {
    const { city, drills } = testCity('city-f', 3);
    // Three drills, the record and the index: five writes.
    for (let k = 1; k <= 5; k += 1) {
      const dir = tempDir();
      const keep = await open(dir);
      await keep.createDrill(testMeta('plain'));
      await keep.close();
      const store = new FailingAt(dir, k);
      await store.open();
      await expect(store.createCity(city, drills), `k=${k}`).rejects.toMatchObject({ code: 'io' });
      expect(await store.listCities(), `k=${k}`).toEqual([]);
      expect((await store.listDrills()).map((m) => m.id), `k=${k}`).toEqual(['plain']);
      expect(readdirSync(join(dir, 'drills')), `k=${k}`).toEqual(['plain']);
      // The disk is back: the same exercise goes in whole.
      await store.createCity(city, drills);
      expect((await store.listDrills()).map((m) => m.id)).toEqual(['plain', ...drills.map((d) => d.id)]);
      await store.close();
      const again = await open(dir);
      expect(await again.listCities()).toEqual([city]);
      await again.close();
    }
  });

  it('what a crash in the middle of creating a city exercise left is removed on start, and said', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const done = testCity('city-ok', 2);
    await store.createCity(done.city, done.drills);
    await store.addRedrill('city-ok', testMeta('city-ok-a1-r1'), 'city-ok-a1');
    await store.close();
    // As a crash leaves it: another exercise's drill folders and record are written, the index not yet;
    // a re-drill's folder and its place in the record, the index not yet.
    const torn = testCity('city-torn', 2);
    const redrill = { ...testMeta('city-ok-a2-r1'), drill: { ...testMeta('city-ok-a2-r1').drill, city: { exerciseId: 'city-ok', index: 1, redrillOf: 'city-ok-a2' } } };
    for (const d of [...torn.drills, redrill]) {
      mkdirSync(join(dir, 'drills', d.id));
      writeFileSync(join(dir, 'drills', d.id, 'events.ndjson'), '');
      writeFileSync(join(dir, 'drills', d.id, 'meta.json'), JSON.stringify(d));
    }
    writeFileSync(join(dir, 'cities', 'city-torn.json'), JSON.stringify(torn.city));
    const ok = JSON.parse(readFileSync(join(dir, 'cities', 'city-ok.json'), 'utf8')) as StoredCity;
    writeFileSync(join(dir, 'cities', 'city-ok.json'), JSON.stringify({ ...ok, redrills: [...ok.redrills, { drillId: 'city-ok-a2-r1', of: 'city-ok-a2' }] }));
    // A drill with events the index lost (an older version could lose an entry to two creations at
    // once) is listed again, not removed.
    mkdirSync(join(dir, 'drills', 'lost'));
    writeFileSync(join(dir, 'drills', 'lost', 'meta.json'), JSON.stringify(testMeta('lost')));
    writeFileSync(join(dir, 'drills', 'lost', 'events.ndjson'), `${JSON.stringify({ seq: 1, event: testEvent(1) })}\n`);
    const again = new FileStore(dir);
    const report = await again.open();
    expect(report.repaired).toEqual([
      expect.stringMatching(/city-ok\.json: dropped 1 re-drill/),
      expect.stringMatching(/city-torn\.json: removed an unfinished city exercise/),
      ...['city-ok-a2-r1', 'city-torn-a1', 'city-torn-a2'].map((id) => expect.stringMatching(new RegExp(`${id}: removed a drill folder never completed`))),
      expect.stringMatching(/lost: listed again in index\.json/),
    ]);
    expect(await again.listCities()).toEqual([{ ...done.city, redrills: [{ drillId: 'city-ok-a1-r1', of: 'city-ok-a1' }] }]);
    expect(readdirSync(join(dir, 'drills')).sort()).toEqual(['city-ok-a1', 'city-ok-a1-r1', 'city-ok-a2', 'lost']);
    expect((await again.loadDrill('lost'))?.entries.map((e) => e.event)).toEqual([testEvent(1)]);
    expect((await again.listDrills()).map((m) => m.id)).toContain('lost');
    // The ids are free again.
    await again.createCity(torn.city, torn.drills);
    await again.close();
  });

  it('a folder from before city records gets them from its drills’ tags', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const { city, drills } = testCity('city-old', 3);
    // As the older version made it: each agency drill on its own, tagged; a re-drill tagged with what it re-drills.
    const tagged = (d: DrillMeta, extra: Record<string, unknown> = {}) => ({ ...d, drill: { ...d.drill, city: { ...(d.drill.city as object), title: city.title, startAt: city.startAt, scenarios: city.scenarios, reviewerName: 'DoIT', ...extra } } });
    for (const d of [drills[2], drills[0], drills[1]]) await store.createDrill(tagged(d));
    await store.createDrill(tagged(testMeta('city-old-a2-r1'), { exerciseId: 'city-old', index: 1, redrillOf: 'city-old-a2' }));
    await store.close();
    rmSync(join(dir, 'cities'), { recursive: true });
    const again = new FileStore(dir);
    expect((await again.open()).repaired).toEqual([expect.stringMatching(/1 city exercise record\(s\) made from their drills' tags/)]);
    expect(await again.listCities()).toEqual([{ ...city, createdWall: '', redrills: [{ drillId: 'city-old-a2-r1', of: 'city-old-a2' }] }]);
    await again.close();
  });
});
