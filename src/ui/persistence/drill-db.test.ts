import { describe, expect, it } from 'vitest';
import { appendEvent, deleteDrill, getDrill, listDrills, loadEvents, putDrill, readWhatYouCan, updateDrill, type StoredDrill } from './drill-db';

function drill(id: string, updatedWall: string): StoredDrill {
  return {
    id,
    title: `演練 ${id}`,
    scenarioId: 'ransomware-core',
    scenarioTitle: { zh: '勒索軟體', en: 'Ransomware' },
    agencyName: '臺北市政府某局',
    status: 'running',
    createdWall: updatedWall,
    updatedWall,
    eventCount: 0,
    header: {},
    clock: {},
  };
}

describe('drill storage', () => {
  it('keeps every appended event in seq order and lists drills newest first', async () => {
    await putDrill(drill('a', '2026-03-01T09:00:00+08:00'));
    await putDrill(drill('b', '2026-03-01T10:00:00+08:00'));
    for (const seq of [1, 2, 3]) {
      await appendEvent(
        'a',
        { seq, at: `2026-03-02T09:0${seq}:00+08:00`, actor: { role: 'facilitator' }, type: 'note', data: { seq } },
        `2026-03-02T12:0${seq}:00+08:00`,
      );
    }
    expect((await loadEvents('a')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await listDrills()).map((d) => d.id)).toEqual(['a', 'b']);
    expect((await getDrill('a'))?.eventCount).toBe(3);
  });

  it('refuses a second event with the same seq rather than overwrite it', async () => {
    await putDrill(drill('c', '2026-03-01T09:00:00+08:00'));
    const event = { seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'facilitator' as const }, type: 'x', data: {} };
    await appendEvent('c', event, '2026-03-02T12:00:00+08:00');
    await expect(appendEvent('c', { ...event, type: 'y' }, '2026-03-02T12:00:01+08:00')).rejects.toThrow();
    expect((await loadEvents('c'))[0].type).toBe('x');
  });

  it('deletes a drill with its events', async () => {
    await putDrill(drill('d', '2026-03-01T09:00:00+08:00'));
    await appendEvent('d', { seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'facilitator' }, type: 'x', data: {} }, '2026-03-02T12:00:00+08:00');
    await deleteDrill('d');
    expect(await getDrill('d')).toBeUndefined();
    expect(await loadEvents('d')).toEqual([]);
  });

  it('updates some fields without losing the event counters appendEvent keeps', async () => {
    await putDrill(drill('e', '2026-03-01T09:00:00+08:00'));
    await appendEvent('e', { seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'facilitator' }, type: 'x', data: {} }, '2026-03-02T12:00:00+08:00');
    await updateDrill('e', { clock: { simNowMs: 5, running: false, speed: 60 }, status: 'ended' });
    expect(await getDrill('e')).toMatchObject({ eventCount: 1, status: 'ended', clock: { simNowMs: 5, speed: 60 } });
    await expect(updateDrill('nobody', { status: 'ended' })).rejects.toThrow(/not stored/);
  });

  it('reads whatever it can for the salvage export', async () => {
    await putDrill(drill('f', '2026-03-01T09:00:00+08:00'));
    await appendEvent('f', { seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'facilitator' }, type: 'x', data: {} }, '2026-03-02T12:00:00+08:00');
    const read = await readWhatYouCan('f');
    expect(read.drill?.id).toBe('f');
    expect(read.events.map((e) => e.seq)).toEqual([1]);
    expect(read.problems).toEqual([]);
  });
});

describe('the scenario text stays out of the hot drill row (issue 10)', () => {
  it('stores the text apart, gives it back with the drill, and keeps it through clock and event writes', async () => {
    const { openDrillDb } = await import('./drill-db');
    const text = `# ${'情境'.repeat(50_000)}\n`;
    await putDrill({ ...drill('big', '2026-03-01T09:00:00+08:00'), header: { agency: {}, scenarioSource: { id: 'big', text } } });
    const db = await openDrillDb();
    const raw = await db.get('drills', 'big');
    // The row rewritten 4×/s by the running clock does not carry the text.
    expect(JSON.stringify(raw).length).toBeLessThan(1000);
    expect((raw?.header as { scenarioSource: object }).scenarioSource).toEqual({ id: 'big' });
    await updateDrill('big', { clock: { simNowMs: 1, running: true, speed: 60 } });
    await appendEvent('big', { seq: 1, at: '2026-03-02T09:00:00+08:00', actor: { role: 'facilitator' }, type: 'note', data: {} }, '2026-03-02T12:00:00+08:00');
    expect(JSON.stringify(await db.get('drills', 'big')).length).toBeLessThan(1000);
    const back = await getDrill('big');
    expect((back?.header as { scenarioSource: { text: string } }).scenarioSource.text).toBe(text);
    expect(back?.clock).toEqual({ simNowMs: 1, running: true, speed: 60 });
    expect((await readWhatYouCan('big')).drill?.header).toEqual(back?.header);
    await deleteDrill('big');
    expect(await db.get('scenarios', 'big')).toBeUndefined();
  });
});
