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
    // Closing checkpoints (the journal goes); the next append opens a new journal, which now points
    // at a device that is always full (ENOSPC on every write).
    await store.close();
    const log = join(dir, 'drills', 'd1', 'events.ndjson');
    const before = readFileSync(log, 'utf8');
    const journal = join(dir, 'journal.ndjson');
    symlinkSync('/dev/full', journal);
    await expect(store.append('d1', [{ event: testEvent(2) }])).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/ENOSPC|no space/i) });
    await store.close();
    rmSync(journal, { force: true });
    expect(readFileSync(log, 'utf8')).toBe(before);
    const back = await open(dir);
    expect((await back.loadDrill('d1'))?.entries.map((e) => e.event.seq)).toEqual([1]);
    // Nothing of the refused append is stored: seq 2 is free.
    await back.append('d1', [{ event: testEvent(2, 'after the disk had room') }]);
    expect((await back.loadDrill('d1'))?.entries.map((e) => e.event.data?.text)).toEqual(['note 1', 'after the disk had room']);
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

/** A journal line as the store writes it. */
const journalLine = (drillId: string, seq: number, cmd?: string) => JSON.stringify({ d: drillId, seq, ...(cmd ? { cmd } : {}), event: testEvent(seq, `${drillId} ${seq}`) }) + '\n';
const logLine = (drillId: string, seq: number, cmd?: string) => JSON.stringify({ seq, ...(cmd ? { cmd } : {}), event: testEvent(seq, `${drillId} ${seq}`) }) + '\n';
const texts = async (store: DrillStore, id: string) => (await store.loadDrill(id))?.entries.map((e) => [e.event.seq, e.event.data?.text, e.commandId]);

describe('file store journal (group commit across drills)', () => {
  it('one journal holds the appends of many drills made at once; every drill log gets its own lines', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const ids = ['a', 'b', 'c'];
    for (const id of ids) await store.createDrill(testMeta(id));
    await Promise.all(ids.map((id) => store.append(id, [{ event: testEvent(1, `${id} 1`), commandId: `${id}-1` }])));
    // Durable in the journal before the appends resolved: one line per event, each naming its drill.
    const journal = readFileSync(join(dir, 'journal.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { d: string; seq: number; cmd: string });
    expect(journal.map((j) => [j.d, j.seq, j.cmd]).sort()).toEqual([['a', 1, 'a-1'], ['b', 1, 'b-1'], ['c', 1, 'c-1']]);
    for (const id of ids) expect(await texts(store, id)).toEqual([[1, `${id} 1`, `${id}-1`]]);
    await store.close();
    // Close checkpoints: the drill logs hold everything, the journal is gone.
    expect(existsSync(join(dir, 'journal.ndjson'))).toBe(false);
    for (const id of ids) expect(readFileSync(join(dir, 'drills', id, 'events.ndjson'), 'utf8')).toBe(logLine(id, 1, `${id}-1`));
  });

  it('replays the journal into the drill logs on start, without storing an event twice, and cuts its torn tail', async () => {
    const dir = tempDir();
    const store = await open(dir);
    await store.createDrill(testMeta('d1'));
    await store.createDrill(testMeta('d2'));
    await store.append('d1', [{ event: testEvent(1, 'd1 1'), commandId: 'c1' }, { event: testEvent(2, 'd1 2'), commandId: 'c2' }]);
    await store.close();
    // As a crash leaves it: the journal holds d1's seq 2 (already in its log), 3 and 4, d2's seq 1
    // (never written to its log), and a line cut short (never acknowledged).
    writeFileSync(join(dir, 'journal.ndjson'), journalLine('d1', 2, 'c2') + journalLine('d1', 3, 'c3') + journalLine('d2', 1, 'e1') + journalLine('d1', 4) + '{"d":"d2","seq":2,"event":{"se');
    const again = new FileStore(dir);
    const report = await again.open();
    expect(report.repaired).toEqual([
      expect.stringMatching(/journal\.ndjson: cut \d+ bytes of a torn last line/),
      expect.stringMatching(/d1[/\\]events\.ndjson: 2 event\(s\) \(seq 3–4\) replayed from the journal/),
      expect.stringMatching(/d2[/\\]events\.ndjson: 1 event\(s\) \(seq 1–1\) replayed from the journal/),
    ]);
    expect(await texts(again, 'd1')).toEqual([
      [1, 'd1 1', 'c1'],
      [2, 'd1 2', 'c2'],
      [3, 'd1 3', 'c3'],
      [4, 'd1 4', undefined],
    ]);
    expect(await texts(again, 'd2')).toEqual([[1, 'd2 1', 'e1']]);
    // Replayed into the logs (synced) and the journal deleted: a second start finds nothing to do.
    expect(existsSync(join(dir, 'journal.ndjson'))).toBe(false);
    await again.append('d2', [{ event: testEvent(2, 'd2 2') }]);
    await again.close();
    const third = new FileStore(dir);
    expect((await third.open()).repaired).toEqual([]);
    expect((await texts(third, 'd1'))?.map((e) => e[0])).toEqual([1, 2, 3, 4]);
    expect((await texts(third, 'd2'))?.map((e) => e[0])).toEqual([1, 2]);
    await third.close();
  });

  it('an unsynced drill log the crash left short or damaged is repaired from the journal', async () => {
    const dir = tempDir();
    const store = await open(dir);
    await store.createDrill(testMeta('d1'));
    await store.append('d1', [{ event: testEvent(1, 'd1 1') }]);
    await store.close();
    const log = join(dir, 'drills', 'd1', 'events.ndjson');
    const synced = readFileSync(log, 'utf8');
    // After the checkpoint: seq 2 and 3 acknowledged (in the journal), but the log's unsynced pages
    // came back as zeros (a power cut), followed by a whole line.
    writeFileSync(join(dir, 'journal.ndjson'), journalLine('d1', 2) + journalLine('d1', 3));
    writeFileSync(log, synced + '\0'.repeat(40) + '\n' + logLine('d1', 3));
    const again = new FileStore(dir);
    const report = await again.open();
    expect(report.repaired[0]).toMatch(/events\.ndjson: cut \d+ bytes of a damaged unsynced tail .* the journal holds its events from seq 2/);
    expect(report.repaired[1]).toMatch(/2 event\(s\) \(seq 2–3\) replayed/);
    expect(readFileSync(log, 'utf8')).toBe(synced + logLine('d1', 2) + logLine('d1', 3));
    await again.close();
  });

  it('refuses to guess when a drill log is damaged before its end and the journal does not cover it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'drills', 'd1'), { recursive: true });
    writeFileSync(join(dir, 'drills', 'd1', 'meta.json'), JSON.stringify(testMeta('d1')));
    writeFileSync(join(dir, 'drills', 'd1', 'events.ndjson'), logLine('d1', 1) + 'garbage\n' + logLine('d1', 3));
    writeFileSync(join(dir, 'journal.ndjson'), journalLine('d1', 3));
    await expect(new FileStore(dir).open()).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/events\.ndjson: line 2 does not parse .* the journal does not hold seq 2/) });
  });

  it('checkpoints a full journal while appends go on, and a restart has every event once', async () => {
    const dir = tempDir();
    // A journal of ~1 KB is "full": many checkpoints over 60 appends.
    const store = new FileStore(dir, 1024);
    await store.open();
    await store.createDrill(testMeta('a'));
    await store.createDrill(testMeta('b'));
    for (let seq = 1; seq <= 30; seq += 1) {
      await Promise.all(['a', 'b'].map((id) => store.append(id, [{ event: testEvent(seq, `${id} ${seq}`), commandId: `${id}-${seq}` }])));
    }
    // Old journals were dropped once their drill logs were synced: only a small current one is left.
    expect(readFileSync(join(dir, 'journal.ndjson')).length).toBeLessThan(4096);
    // A crash now (no close): the next start replays what the journal holds, each event once.
    const again = await open(dir);
    for (const id of ['a', 'b']) {
      const loaded = await texts(again, id);
      expect(loaded?.map((e) => e[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(new Set(loaded?.map((e) => e[2])).size).toBe(30);
    }
    await again.close();
    await store.close();
  });
});
