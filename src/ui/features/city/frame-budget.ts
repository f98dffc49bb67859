/**
 * The board's scoring budget per frame, one rule for the record screen (city-page.tsx) and DoIT's
 * live board (city-live-page.tsx): scoring stops once the frame's budget is spent, and what is left
 * is scored in the next frames (the scorer's `pending`).
 */

/**
 * Scoring time a frame may spend on the board before the rest waits for the next frame (of 16 ms).
 * The frame also renders, lays out and paints what changed (bench:city: 6-12 ms in a busy frame), so
 * scoring gets 2 ms; with 4 ms, the frames that caught up after a limit passed for every agency were
 * the slowest. Catching up takes a few more frames (about 10 % of them rather than 5 %).
 */
export const FRAME_BUDGET_MS = 2;

/** The animation time of the current frame: the same for every callback and event of one frame. */
const currentFrame = (): number => Number(document.timeline?.currentTime ?? performance.now());

/**
 * A spender of one budget per frame. WARNING: the budget is per frame, not per render: a frame can
 * render the board twice (the clock's tick and the catch-up of the frame before, both animation-frame
 * callbacks, run in one task), and two full budgets in one task overran the frame (bench:city).
 * `spend(run)` gives `run` a test "is this frame's budget spent?" and counts what it used.
 */
export function createFrameBudget(budgetMs: number = FRAME_BUDGET_MS, frame: () => number = currentFrame, clock: () => number = () => performance.now()) {
  let spent = { frame: Number.NaN, ms: 0 };
  return function spend<T>(run: (over: () => boolean) => T): T {
    const now = frame();
    if (spent.frame !== now) spent = { frame: now, ms: 0 };
    const left = budgetMs - spent.ms;
    const started = clock();
    try {
      return run(() => clock() - started > left);
    } finally {
      spent.ms += clock() - started;
    }
  };
}
