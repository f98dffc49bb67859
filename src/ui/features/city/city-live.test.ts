/**
 * DoIT's live exercise in the browser (issue 11): the socket's messages kept as records (an agency's
 * events appended in seq order, a repeat ignored, a rebuilt drill replaced), the shared now between
 * clock announcements, and only started agency drills (not re-drills) on the board.
 */
import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '@/engine/record/schema';
import type { CityDrillView } from '@/ui/drill-runtime/city-protocol';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { applyCityMessage, liveEntries, simNowAt } from './city-live';

const header = testHeader();
const ev = (seq: number, type = 'ui.note.added'): DrillEvent => ({ seq, at: header.t0, actor: { role: 'facilitator' }, type, data: {} }) as DrillEvent;
const view = (drillId: string, events: DrillEvent[], extra: Partial<CityDrillView> = {}): CityDrillView => ({
  drillId,
  title: drillId,
  index: 0,
  contact: '',
  header,
  events,
  clock: { simNowMs: 1000, running: false, speed: 1 } as CityDrillView['clock'],
  ...extra,
});

describe('live city exercise', () => {
  it('appends an agency’s new events in order, ignores ones it holds, and replaces a rebuilt drill', () => {
    let drills = applyCityMessage([], { kind: 'welcome', exercise: { id: 'c', title: 't', startAt: header.t0, scenarios: {}, reviewerName: 'r' }, drills: [view('a', [ev(1)]), view('b', [])] }, 0);
    const b = drills[1];
    drills = applyCityMessage(drills, { kind: 'agency', drillId: 'a', message: { kind: 'events', events: [ev(1), ev(2)] } }, 0);
    expect(drills[0].record.events.map((e) => e.seq)).toEqual([1, 2]);
    // The other agency's record is the same object: the board re-scores only what changed.
    expect(drills[1]).toBe(b);
    const same = applyCityMessage(drills, { kind: 'agency', drillId: 'a', message: { kind: 'events', events: [ev(2)] } }, 0);
    expect(same).toBe(drills);
    drills = applyCityMessage(drills, { kind: 'drill', drill: view('b', [ev(1)], { rosterAt: 'x' }) }, 0);
    expect(drills[1].view.rosterAt).toBe('x');
    drills = applyCityMessage(drills, { kind: 'drill', drill: view('a-r1', [], { redrillOf: 'a' }) }, 0);
    expect(drills.map((d) => d.view.drillId)).toEqual(['a', 'b', 'a-r1']);
    expect(liveEntries(drills).map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('moves the shared now between announcements only while the clock runs', () => {
    expect(simNowAt({ simNowMs: 1000, running: true, speed: 60 } as never, 100, 1100)).toBe(61_000);
    expect(simNowAt({ simNowMs: 1000, running: false, speed: 60 } as never, 100, 1100)).toBe(1000);
  });
});
