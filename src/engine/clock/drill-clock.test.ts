import { describe, expect, it } from 'vitest';
import { agendaOf, createDrillClock, restoreDrillClock, type Agenda } from './drill-clock';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // 2026-03-02T09:00:00+08:00
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('tick', () => {
  it.each([
    // speed, real elapsed, simulated advance
    [1, 1000, 1000],
    [60, 1000, 60 * S],
    [3600, 1000, H],
    [3600, 16, 57_600],
    [1, 0, 0],
  ])('at %i× a tick of %i ms real moves %i ms simulated', (speed, elapsed, advance) => {
    const clock = createDrillClock({ startMs: T0, speed, running: true });
    expect(clock.tick(elapsed)).toMatchObject({ ok: true, fromMs: T0, toMs: T0 + advance });
    expect(clock.now()).toBe(T0 + advance);
  });

  it('does not move while paused, and moves again after resume', () => {
    const clock = createDrillClock({ startMs: T0, speed: 60 });
    expect(clock.isRunning()).toBe(false);
    clock.tick(10_000);
    expect(clock.now()).toBe(T0);
    clock.resume();
    clock.tick(1000);
    expect(clock.now()).toBe(T0 + MIN);
    clock.pause();
    clock.tick(1000);
    expect(clock.now()).toBe(T0 + MIN);
  });

  it('applies a speed change only to ticks after it (boundary mid-way)', () => {
    const clock = createDrillClock({ startMs: T0, speed: 1, running: true });
    clock.tick(59 * MIN + 59 * S); // 09:59:59 at 1×
    expect(clock.now()).toBe(T0 + H - S);
    expect(clock.setSpeed(3600)).toEqual({ ok: true });
    clock.tick(1); // 1 real ms at 3600× = 3.6 s
    expect(clock.now()).toBe(T0 + H + 2600);
    expect(clock.setSpeed(1)).toEqual({ ok: true });
    clock.tick(400);
    expect(clock.now()).toBe(T0 + H + 3 * S);
  });

  it('keeps sub-millisecond remainders so small ticks add up exactly', () => {
    const clock = createDrillClock({ startMs: T0, speed: 1.5, running: true });
    for (let k = 0; k < 1000; k++) clock.tick(1); // 1000 × 1.5 ms
    expect(clock.now()).toBe(T0 + 1500);
    const c2 = createDrillClock({ startMs: T0, speed: 1, running: true });
    for (let k = 0; k < 10; k++) c2.tick(0.3);
    expect(c2.now()).toBe(T0 + 3); // 10 × 0.3 in binary floats is 2.9999…; must still be 3 ms
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses elapsed %s', (elapsed) => {
    const clock = createDrillClock({ startMs: T0, running: true });
    expect(clock.tick(elapsed)).toMatchObject({ ok: false, reason: { code: 'bad-elapsed' } });
    expect(clock.now()).toBe(T0);
  });
});

describe('setSpeed', () => {
  it.each([
    [1, true],
    [3600, true],
    [0.999, false],
    [3600.001, false],
    [0, false],
    [-5, false],
    [Number.NaN, false],
  ])('speed %s accepted=%s', (speed, ok) => {
    const clock = createDrillClock({ startMs: T0, speed: 10 });
    const r = clock.setSpeed(speed);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.reason.code).toBe('speed-out-of-range');
      expect(r.reason.en).toContain('between 1 and 3600');
      expect(clock.speed()).toBe(10);
    } else expect(clock.speed()).toBe(speed);
  });

  it('refuses a bad speed at creation', () => {
    expect(() => createDrillClock({ startMs: T0, speed: 7200 })).toThrow(/speed must be between 1 and 3600/);
  });
});

describe('jumpTo', () => {
  it('moves forward even while paused, and refuses going back', () => {
    const clock = createDrillClock({ startMs: T0 });
    expect(clock.jumpTo(T0 + H)).toMatchObject({ ok: true, toMs: T0 + H });
    expect(clock.jumpTo(T0 + H)).toMatchObject({ ok: true }); // standing still is not backwards
    const back = clock.jumpTo(T0 + H - 1);
    expect(back).toMatchObject({ ok: false, reason: { code: 'clock-backwards' } });
    expect(clock.now()).toBe(T0 + H);
  });
});

describe('advancing across scheduled moments', () => {
  it('fires every moment a huge 3600× tick crosses, in order, each at its exact moment', () => {
    const clock = createDrillClock({ startMs: T0, speed: 3600, running: true });
    const seen: { at: number; nowDuringFire: number; index: number }[] = [];
    const moments = [T0 + 3 * H, T0 + 30 * MIN, T0 + H, T0 + H, T0 + 10 * H];
    const agenda = agendaOf(moments, (at, index) => seen.push({ at, nowDuringFire: clock.now(), index }));
    // A tab that slept for 5 real seconds: 5 simulated hours in one tick.
    const r = clock.tick(5 * S, agenda);
    expect(r).toMatchObject({ ok: true, toMs: T0 + 5 * H, fired: [T0 + 30 * MIN, T0 + H, T0 + H, T0 + 3 * H] });
    expect(seen).toEqual([
      { at: T0 + 30 * MIN, nowDuringFire: T0 + 30 * MIN, index: 1 },
      { at: T0 + H, nowDuringFire: T0 + H, index: 2 },
      { at: T0 + H, nowDuringFire: T0 + H, index: 3 },
      { at: T0 + 3 * H, nowDuringFire: T0 + 3 * H, index: 0 },
    ]);
    expect(clock.now()).toBe(T0 + 5 * H);
    // The 10 h moment fires only when reached, not before.
    clock.tick(5 * S - 1, agenda);
    expect(seen).toHaveLength(4);
    clock.tick(1, agenda);
    expect(seen.at(-1)).toEqual({ at: T0 + 10 * H, nowDuringFire: T0 + 10 * H, index: 4 });
  });

  it('fires a moment that equals the tick end (the boundary is inclusive)', () => {
    const clock = createDrillClock({ startMs: T0, speed: 60, running: true });
    const fired: number[] = [];
    const agenda = agendaOf([T0 + MIN], (at) => fired.push(at));
    clock.tick(999, agenda);
    expect(fired).toEqual([]);
    clock.tick(1, agenda);
    expect(fired).toEqual([T0 + MIN]);
  });

  it('lets firing add moments: an agenda that schedules a follow-up inside the same tick', () => {
    const clock = createDrillClock({ startMs: T0, speed: 3600, running: true });
    const due = [T0 + H];
    const fired: number[] = [];
    const agenda: Agenda = {
      nextDueAt: () => (due.length ? Math.min(...due) : null),
      fire(at) {
        due.splice(due.indexOf(Math.min(...due)), 1);
        fired.push(at);
        if (fired.length === 1) due.push(at + 30 * MIN); // e.g. a follow-up inject
      },
    };
    clock.tick(2 * S, agenda);
    expect(fired).toEqual([T0 + H, T0 + H + 30 * MIN]);
  });

  it('fires overdue moments at now, never going back', () => {
    const clock = createDrillClock({ startMs: T0 + H });
    const fired: number[] = [];
    clock.advanceTo(T0 + 2 * H, agendaOf([T0], (at) => fired.push(at)));
    expect(fired).toEqual([T0 + H]);
  });

  it('stops an agenda that never consumes its moment', () => {
    const clock = createDrillClock({ startMs: T0 });
    expect(() => clock.advanceTo(T0 + H, { nextDueAt: () => T0, fire: () => {} })).toThrow(/does not consume/);
  });
});

describe('persistence', () => {
  it('round-trips through JSON and comes back paused', () => {
    const clock = createDrillClock({ startMs: T0, speed: 2.5, running: true });
    clock.tick(3);
    const saved = JSON.parse(JSON.stringify(clock));
    expect(saved).toEqual({ simNowMs: T0 + 7, running: true, speed: 2.5, carryMs: 0.5 });
    const restored = restoreDrillClock(saved);
    expect(restored.now()).toBe(T0 + 7);
    expect(restored.isRunning()).toBe(false);
    restored.resume();
    restored.tick(1);
    expect(restored.now()).toBe(T0 + 10); // the half ms carried over
  });

  it.each([
    [null, /saved\.json: \$: must be an object/],
    [{ simNowMs: 'x', speed: 1, running: false }, /saved\.json: \$\.simNowMs: must be a finite number/],
    [{ simNowMs: T0, speed: 0, running: false }, /saved\.json: \$\.speed: speed must be between 1 and 3600/],
    [{ simNowMs: T0, speed: 1, running: false, carryMs: 2 }, /saved\.json: \$\.carryMs/],
  ])('refuses %o with the path', (state, message) => {
    expect(() => restoreDrillClock(state, 'saved.json')).toThrow(message);
  });
});
