/**
 * The drill's simulated clock: one per drill. A plain object whose every method takes time as an
 * input (the real milliseconds that elapsed, or a target moment); it never reads the wall clock.
 *
 * WHY an agenda instead of "check what is due after the tick": a sleeping browser tab at 3600×
 * can hand in one tick worth many simulated hours. Every scheduled moment crossed by that tick
 * (inject offsets, deadlines) must fire at its own exact simulated moment, in order, so the log
 * records `at` = the inject's offset or the deadline, never the tick's end. `advanceTo` therefore
 * walks the agenda: it sets the clock to each due moment, fires it, asks again (firing may add or
 * remove moments), and only then moves to the target.
 */
import type { Reason, Refusable } from '../base/reason';
import { engineReason } from '../text/engine-text';

export const MIN_SPEED = 1;
export const MAX_SPEED = 3600;

/** What is persisted. `carryMs` keeps sub-millisecond remainders of ticks so many small ticks add up exactly. */
export interface DrillClockState {
  simNowMs: number;
  running: boolean;
  speed: number;
  carryMs?: number;
}

/** Scheduled moments the clock walks through while it advances. */
export interface Agenda {
  /**
   * The earliest moment still to fire, or null when none. A moment at or before the clock's now is
   * fired at now (the clock never goes back). Firing must consume it: the next call returns a later
   * moment or another one.
   */
  nextDueAt(): number | null;
  /** Fire the moment(s) due at `atMs`; the clock's now() is `atMs` while this runs. */
  fire(atMs: number): void;
}

export interface AdvanceResult {
  ok: true;
  fromMs: number;
  toMs: number;
  /** The moments fired, in order. */
  fired: number[];
}

export type AdvanceOutcome = AdvanceResult | { ok: false; reason: Reason };

export interface DrillClock {
  now(): number;
  state(): DrillClockState;
  isRunning(): boolean;
  speed(): number;
  /** Advances simulated time by realElapsedMs × speed while running (paused: nothing moves). */
  tick(realElapsedMs: number, agenda?: Agenda): AdvanceOutcome;
  pause(): void;
  resume(): void;
  setSpeed(speed: number): Refusable;
  /** Moves to targetMs (running or paused), firing the agenda on the way. Never backwards. */
  jumpTo(targetMs: number, agenda?: Agenda): AdvanceOutcome;
  /** Same as jumpTo; the name the scheduler uses. */
  advanceTo(targetMs: number, agenda?: Agenda): AdvanceOutcome;
  /** The state to persist (JSON-safe). */
  toJSON(): DrillClockState;
}

/** Guard against an agenda that never consumes its moment (a bug, not a drill event). */
const MAX_FIRINGS_PER_ADVANCE = 100_000;

const speedRefusal = (speed: number): Reason =>
engineReason('speed-out-of-range', 'clock.speedOutOfRange', { min: MIN_SPEED, max: MAX_SPEED, speed });

function validSpeed(speed: unknown): speed is number {
  return typeof speed === 'number' && Number.isFinite(speed) && speed >= MIN_SPEED && speed <= MAX_SPEED;
}

export function createDrillClock(options: { startMs: number; speed?: number; running?: boolean }): DrillClock {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(options.startMs)) throw new RangeError(`createDrillClock: startMs must be a finite number of ms (got ${options.startMs})`);
  if (!validSpeed(speed)) throw new RangeError(`createDrillClock: ${speedRefusal(speed).en}`);
  return makeClock({ simNowMs: Math.floor(options.startMs), running: options.running ?? false, speed, carryMs: 0 });
}

/**
 * Restores a persisted clock. It always comes back paused: after a reload nobody has watched the
 * drill, so time must not have run on (the facilitator resumes). `source` names the file or store
 * in error messages.
 */
export function restoreDrillClock(state: unknown, source = 'clock state'): DrillClock {
  const fail = (path: string, what: string): never => {
    throw new TypeError(`${source}: ${path}: ${what}`);
  };
  if (typeof state !== 'object' || state === null) fail('$', 'must be an object { simNowMs, running, speed }');
  const s = state as Record<string, unknown>;
  if (typeof s.simNowMs !== 'number' || !Number.isFinite(s.simNowMs)) fail('$.simNowMs', `must be a finite number of ms (got ${JSON.stringify(s.simNowMs)})`);
  if (!validSpeed(s.speed)) fail('$.speed', speedRefusal(s.speed as number).en);
  const carry = s.carryMs === undefined ? 0 : s.carryMs;
  if (typeof carry !== 'number' || !(carry >= 0 && carry < 1)) fail('$.carryMs', 'must be a number in [0, 1)');
  return makeClock({ simNowMs: Math.floor(s.simNowMs as number), running: false, speed: s.speed as number, carryMs: carry as number });
}

function makeClock(initial: Required<DrillClockState>): DrillClock {
  const st = { ...initial };

  const advanceTo = (targetMs: number, agenda?: Agenda): AdvanceOutcome => {
    if (!Number.isFinite(targetMs)) {
      return { ok: false, reason: engineReason('bad-target', 'clock.badTarget', { target: targetMs }) };
    }
    const target = Math.floor(targetMs);
    if (target < st.simNowMs) {
      return {
        ok: false,
        reason: engineReason('clock-backwards', 'clock.backwards', { now: st.simNowMs, target }),
      };
    }
    const fromMs = st.simNowMs;
    const fired: number[] = [];
    if (agenda) {
      for (let due = agenda.nextDueAt(); due !== null && due <= target; due = agenda.nextDueAt()) {
        if (fired.length >= MAX_FIRINGS_PER_ADVANCE) {
          throw new Error(`drill clock: the agenda fired ${MAX_FIRINGS_PER_ADVANCE} times in one advance; it does not consume its moments`);
        }
        // Overdue moments fire now: the clock never goes back.
        st.simNowMs = Math.max(st.simNowMs, Math.floor(due));
        fired.push(st.simNowMs);
        agenda.fire(st.simNowMs);
      }
    }
    st.simNowMs = target;
    return { ok: true, fromMs, toMs: target, fired };
  };

  return {
    now: () => st.simNowMs,
    state: () => ({ ...st }),
    isRunning: () => st.running,
    speed: () => st.speed,
    tick(realElapsedMs, agenda) {
      if (!Number.isFinite(realElapsedMs) || realElapsedMs < 0) {
        return {
          ok: false,
          reason: engineReason('bad-elapsed', 'clock.badElapsed', { elapsed: realElapsedMs }),
        };
      }
      if (!st.running) return { ok: true, fromMs: st.simNowMs, toMs: st.simNowMs, fired: [] };
      // Rounded to a nanosecond so binary float error (10 × 0.3 = 2.9999…) does not lose a millisecond.
      const exact = Math.round((realElapsedMs * st.speed + st.carryMs) * 1e6) / 1e6;
      const whole = Math.floor(exact);
      const result = advanceTo(st.simNowMs + whole, agenda);
      if (result.ok) st.carryMs = exact - whole;
      return result;
    },
    pause() {
      st.running = false;
    },
    resume() {
      st.running = true;
    },
    setSpeed(speed) {
      if (!validSpeed(speed)) return { ok: false, reason: speedRefusal(speed) };
      st.speed = speed;
      return { ok: true };
    },
    jumpTo: advanceTo,
    advanceTo,
    toJSON: () => ({ ...st }),
  };
}

/**
 * An agenda over a fixed list of moments (e.g. deadlines for display) that fires each once. Handy
 * for callers that only need "tell me when each of these is crossed".
 */
export function agendaOf(moments: number[], onCross: (atMs: number, index: number) => void): Agenda {
  const order = moments.map((ms, index) => ({ ms, index })).sort((a, b) => a.ms - b.ms || a.index - b.index);
  let next = 0;
  return {
    nextDueAt: () => (next < order.length ? order[next].ms : null),
    fire(atMs) {
      onCross(atMs, order[next].index);
      next += 1;
    },
  };
}
