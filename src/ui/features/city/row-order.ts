/**
 * The city board's row order (its re-sort) without moving a DOM node. The rows stay in one fixed
 * order in the DOM (React's, by agency key) inside a flex column; each row's place on screen is its
 * CSS `order`, and its place for assistive technology the rowgroup's `aria-owns` (the rows' ids in
 * the board's order: the accessibility tree follows it) and each row's `aria-rowindex`.
 *
 * WARNING: why not move the rows (as before): a row taken out of the page and put back is rebuilt
 * by the browser (style, layout objects, layout, pre-paint, paint: about 85 boxes a row), and a
 * re-sort moved from 1 to 70 rows in one frame (bench:city: 47 at the first hour's deadlines, a
 * 40 ms frame). A changed `order` re-styles one row and lays out the column of rows again, whose
 * rows keep their boxes. The `order` values are sparse (see sparseOrder) so that a row moving past
 * forty others changes one value, not forty-one.
 */

/**
 * The positions in `seq` of one longest strictly increasing subsequence (O(n log n): patience
 * sorting with back links).
 */
export function longestIncreasing(seq: readonly number[]): Set<number> {
  // tails[k]: the position in seq of the smallest last value of an increasing run of length k + 1.
  const tails: number[] = [];
  const back: number[] = new Array<number>(seq.length);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    back[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = back[i]) keep.add(i);
  return keep;
}

/** A row's id (a rowgroup's aria-owns lists them in the shown order): its table's prefix and the agency key, without spaces. */
export const rowDomId = (prefix: string, key: string): string => `${prefix}-row-${encodeURIComponent(key)}`;

/** The rows in the one DOM order a table placed by CSS `order` keeps, whatever it shows: by key (code units). */
export function inDomOrder<T extends { key: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The step between neighbouring rows' `order` values when they are numbered afresh. */
export const ORDER_STEP = 1 << 16;
/** CSS `order` is an integer; the values stay well inside what browsers keep (32 bits). */
const ORDER_MAX = 2 ** 30;

/**
 * Integer `order` values that put `keys` in this order, changing as few as it can: the keys whose
 * present value (`present`; none for a new row) is already in order among themselves (a longest
 * increasing run) keep it, every other key gets a value between its neighbours'. When two
 * neighbours leave no room, every key is numbered afresh (ORDER_STEP apart). Returns only the
 * values that change.
 */
export function sparseOrder(keys: readonly string[], present: ReadonlyMap<string, number>): Map<string, number> {
  const values = keys.map((k) => present.get(k));
  const known: number[] = [];
  values.forEach((v, i) => {
    if (v !== undefined) known.push(i);
  });
  const keep = new Set<number>();
  for (const j of longestIncreasing(known.map((i) => values[i]!))) keep.add(known[j]);
  const changed = new Map<string, number>();
  let lo = keep.size === 0 ? 0 : Math.min(0, ...[...keep].map((i) => values[i]! - ORDER_STEP));
  for (let i = 0; i < keys.length; ) {
    if (keep.has(i)) {
      lo = values[i]!;
      i++;
      continue;
    }
    // A run of keys to place, between the last kept value and the next (or room after the last).
    let j = i;
    while (j < keys.length && !keep.has(j)) j++;
    const hi = j < keys.length ? values[j]! : lo + (j - i + 1) * ORDER_STEP;
    const step = Math.floor((hi - lo) / (j - i + 1));
    if (step < 1 || hi > ORDER_MAX || lo < -ORDER_MAX) return renumber(keys, present);
    for (let k = i; k < j; k++) if (values[k] !== lo + step * (k - i + 1)) changed.set(keys[k], lo + step * (k - i + 1));
    i = j;
  }
  return changed;
}

function renumber(keys: readonly string[], present: ReadonlyMap<string, number>): Map<string, number> {
  const changed = new Map<string, number>();
  keys.forEach((k, i) => {
    if (present.get(k) !== (i + 1) * ORDER_STEP) changed.set(k, (i + 1) * ORDER_STEP);
  });
  return changed;
}

/** What placeRows last wrote on a row: its CSS order and aria-rowindex. */
interface Placed {
  el: HTMLElement;
  id: string;
  order?: number;
  index?: string;
}
/** A body's rows by key, as placeRows last found and placed them. */
interface Body {
  rows: Map<string, Placed>;
  count: number;
  /** The keys last shown, in order, and the aria-owns written for them. */
  keys: readonly string[];
  owns: string;
}
const bodies = new WeakMap<Element, Body>();

/** The rows of `body` by key: those found last time while React neither added nor removed one. */
function rowsOf(body: HTMLElement): Body {
  const last = bodies.get(body);
  if (last !== undefined && last.count === body.childElementCount) {
    let same = true;
    for (const placed of last.rows.values())
      if (placed.el.parentNode !== body) {
        same = false;
        break;
      }
    if (same) return last;
  }
  const rows = new Map<string, Placed>();
  let fresh = false;
  for (const el of body.children as HTMLCollectionOf<HTMLElement>) {
    const key = el.getAttribute('data-agency');
    if (key === null) continue;
    const before = last?.rows.get(key);
    if (before !== undefined && before.el === el) rows.set(key, before);
    else {
      rows.set(key, { el, id: el.id });
      fresh = true;
    }
  }
  // A row not placed yet: the keys last shown no longer say what is shown.
  const found: Body = { rows, count: body.childElementCount, keys: fresh ? [] : (last?.keys ?? []), owns: last?.owns ?? '' };
  bodies.set(body, found);
  return found;
}

/**
 * Shows the rows of `body` (each with a unique `data-agency` and an `id`) in the order of `keys`:
 * each row's CSS `order` (sparseOrder), its `aria-rowindex` (from `firstIndex`: the head rows come
 * before) and the body's `aria-owns`. Rows whose key is not in `keys` are left as they are. Returns
 * how many rows changed place on screen.
 *
 * WARNING: what it wrote is remembered here, not read back from the DOM: reading every row's
 * `style.order`, `dataset` and attributes on each re-sort took more of a busy frame than scoring
 * (bench:city). Only placeRows writes them (React renders neither).
 */
export function placeRows(body: HTMLElement, keys: readonly string[], firstIndex: number): number {
  const found = rowsOf(body);
  const { rows } = found;
  if (keys.length === found.keys.length && keys.every((k, i) => k === found.keys[i])) return 0;
  const present = new Map<string, number>();
  for (const [key, placed] of rows) if (placed.order !== undefined) present.set(key, placed.order);
  const shown = keys.filter((k) => rows.has(k));
  const changed = sparseOrder(shown, present);
  for (const [key, value] of changed) {
    const placed = rows.get(key)!;
    placed.el.style.order = String(value);
    placed.order = value;
  }
  shown.forEach((key, i) => {
    const placed = rows.get(key)!;
    const index = String(firstIndex + i);
    if (placed.index !== index) {
      placed.el.setAttribute('aria-rowindex', index);
      placed.index = index;
    }
  });
  found.keys = keys.length === shown.length ? keys : shown;
  const owns = shown.map((k) => rows.get(k)!.id).join(' ');
  if (found.owns !== owns) {
    body.setAttribute('aria-owns', owns);
    found.owns = owns;
  }
  return changed.size;
}

/**
 * How many rows one frame may take out of their place among the rows the browser renders when
 * the board re-sorts (see placeRowsTowards). Each such step brought about twice as many rows into
 * view (the browser renders the rows it finds in view one frame late, so two steps' rows often come
 * in together): with 6, frames of 10 rows at 13-15 ms; with 2, 4-5 rows at 9-11 ms (bench:city).
 */
export const ENTERING_PER_FRAME = 2;

/**
 * The next order on the way from `current` to `target` (the same keys): the target's first rows in
 * its order, then the others in their current order, with at most `limit` rows taken out of their
 * place among the first `reach + 1` places (the part the browser renders); rows placed beyond it
 * cost nothing. Returns `target` itself once it is reached.
 */
export function stepTowards(current: readonly string[], target: readonly string[], limit: number, reach: number): readonly string[] {
  const placed = new Set<string>();
  let rest = 0;
  let p = 0;
  let moved = 0;
  for (; p < target.length; p++) {
    while (rest < current.length && placed.has(current[rest])) rest++;
    if (current[rest] !== target[p] && p <= reach) {
      if (moved === limit) break;
      moved++;
    }
    placed.add(target[p]);
  }
  if (p === target.length) return target;
  return [...target.slice(0, p), ...current.filter((k) => !placed.has(k))];
}

/**
 * Shows the rows of `body` in the order of `keys` (placeRows), or, when that would bring more than
 * `limit` rows into the part the browser renders at once (the places its `rendered` rows hold, by
 * aria-rowindex), one step of the way (stepTowards). Returns whether `keys` is shown; if not, the
 * caller takes the next step in the next frame. WARNING: each row coming into view (skipped while
 * off screen: content-visibility, and changed meanwhile) is styled, laid out and painted afresh,
 * about 0.6 ms a row: the re-sort after the first hour's limits brought 19 rows in, a 16-18 ms
 * frame (bench:city).
 */
export function placeRowsTowards(body: HTMLElement, keys: readonly string[], firstIndex: number, rendered: ReadonlySet<string> | null, limit: number): boolean {
  const found = rowsOf(body);
  const current = found.keys;
  const same = current.length === keys.length && current.length === found.rows.size && keys.every((k) => found.rows.get(k)?.index !== undefined);
  if (rendered === null || rendered.size === 0 || !same) {
    placeRows(body, keys, firstIndex);
    return true;
  }
  let reach = -1;
  for (const key of rendered) {
    const index = found.rows.get(key)?.index;
    if (index !== undefined) reach = Math.max(reach, Number(index) - firstIndex);
  }
  const next = stepTowards(current, keys, limit, reach);
  placeRows(body, next, firstIndex);
  return next === keys;
}

/** The row `step` places after (or before) `row` in the board's order (aria-rowindex), if any. */
export function rowBeside(row: HTMLElement, step: number): HTMLElement | null {
  const index = Number(row.getAttribute('aria-rowindex')) + step;
  for (const el of (row.parentElement?.children ?? []) as HTMLCollectionOf<HTMLElement>) if (Number(el.getAttribute('aria-rowindex')) === index) return el;
  return null;
}
