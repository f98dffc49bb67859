// @vitest-environment node
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from './file-store';
import { storeContract, testEvent, testMeta } from './store-contract';
import type { DrillStore } from './store';

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
});
