/**
 * The board's scoring budget per frame, one rule for the record screen (city-page.tsx) and DoIT's
 * live board (city-live-page.tsx): scoring stops once the frame's budget is spent, and what is left
 * is scored in the next frames (the scorer's `pending`).
 */

/**
 * Scoring time a frame may spend on the board before the rest waits for the next frame (of 16 ms).
 * The frame also renders, lays out and paints the rows it re-scored, and that costs several times
 * the scoring (bench:city: a row re-scored in 0.08 ms took 0.4 ms to render and draw), so scoring
 * gets 1 ms. With 2 ms, the frames that caught up after the simulated now jumped (every agency
 * re-scored, 25 rows a frame) were the slowest, 15-20 ms; with 4 ms, more so.
 */
export const FRAME_BUDGET_MS = 1;

/**
 * And rows a frame may re-score, whatever the time: what the frame costs is mostly the rows it
 * renders again (about 0.4 ms a row), and a warm scorer re-scored up to 15 rows in 1 ms (bench:city:
 * the catch-up frames at 11-13 ms; with 6, 8-10 ms). Catching up takes more frames: a jump across
 * the whole exercise re-scores 100 agencies in 17 frames, under 0.3 s.
 */
export const FRAME_ROWS = 6;

/** The animation time of the current frame: the same for every callback and event of one frame. */
const currentFrame = (): number => Number(document.timeline?.currentTime ?? performance.now());

/**
 * A spender of one budget per frame. WARNING: the budget is per frame, not per render: a frame can
 * render the board twice (the clock's tick and the catch-up of the frame before, both animation-frame
 * callbacks, run in one task), and two full budgets in one task overran the frame (bench:city).
 * `spend(run)` gives `run` a test "is this frame's budget spent?", asked once before each row is
 * re-scored: true once the frame has spent its time or re-scored `rows` rows.
 */
export function createFrameBudget(budgetMs: number = FRAME_BUDGET_MS, frame: () => number = currentFrame, clock: () => number = () => performance.now(), rows: number = FRAME_ROWS) {
  let spent = { frame: Number.NaN, ms: 0, rows: 0 };
  return function spend<T>(run: (over: () => boolean) => T): T {
    const now = frame();
    if (spent.frame !== now) spent = { frame: now, ms: 0, rows: 0 };
    const left = budgetMs - spent.ms;
    const started = clock();
    try {
      return run(() => {
        if (clock() - started > left || spent.rows >= rows) return true;
        spent.rows++;
        return false;
      });
    } finally {
      spent.ms += clock() - started;
    }
  };
}
