import { describe, expect, it } from 'vitest';
import { createFrameBudget, FRAME_BUDGET_MS, FRAME_ROWS } from './frame-budget';

/** A clock and a frame the test moves by hand: the budget depends on no machine's speed. */
function fakeTime() {
  const t = { now: 0, frame: 0 };
  return { t, spend: createFrameBudget(FRAME_BUDGET_MS, () => t.frame, () => t.now) };
}

describe('frame budget (the record screen and the live board)', () => {
  it('gives a frame FRAME_BUDGET_MS of scoring, shared by every render of that frame, and a new frame a new budget', () => {
    const { t, spend } = fakeTime();
    // First render of frame 0: work until over, 1 ms per step.
    const steps = spend((over) => {
      let n = 0;
      while (!over()) {
        t.now += 1;
        n += 1;
      }
      return n;
    });
    expect(steps).toBe(FRAME_BUDGET_MS + 1);
    // A second render in the same frame finds the budget spent at once.
    expect(spend((over) => over())).toBe(true);
    // The next frame starts afresh.
    t.frame = 16;
    expect(spend((over) => over())).toBe(false);
  });

  it('lets a frame re-score FRAME_ROWS rows however fast, across its renders', () => {
    const { spend } = fakeTime();
    // The clock does not move: only the count stops it.
    const first = spend((over) => {
      let n = 0;
      while (n < 3 && !over()) n += 1;
      return n;
    });
    expect(first).toBe(3);
    const rest = spend((over) => {
      let n = 0;
      while (!over()) n += 1;
      return n;
    });
    expect(first + rest).toBe(FRAME_ROWS);
  });

  it('counts the time of a run that throws', () => {
    const { t, spend } = fakeTime();
    expect(() =>
      spend(() => {
        t.now += FRAME_BUDGET_MS + 1;
        throw new Error('scoring failed');
      }),
    ).toThrow('scoring failed');
    expect(spend((over) => over())).toBe(true);
  });
});
