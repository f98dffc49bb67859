/**
 * Keyed rows put in a new order with as few DOM moves as possible (the city board's re-sort).
 * React's keyed lists keep the first rows that are already in order and move the rest, so one
 * agency moving up past forty others moves those forty; each moved row is taken out of the page
 * and rebuilt by the browser (style, layout, paint), which made a re-sort the slowest part of a
 * frame (bench:city). Here the rows that stay are a longest run already in order, and each other
 * row is one move.
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

/**
 * Puts the children of `body` (each with a unique `data-agency`) in the order of `keys`, moving the
 * fewest: the children that are already in order among themselves (a longest increasing run of
 * their present places) stay, every other one is inserted before its follower. Returns how many
 * moved. It does nothing when `keys` are not exactly the children's keys. A focused element inside
 * a moved child keeps its focus (taking a node out of the page blurs it).
 */
export function arrangeRows(body: HTMLElement, keys: readonly string[]): number {
  const present = Array.from(body.children) as HTMLElement[];
  const place = new Map<string, number>();
  present.forEach((el, i) => place.set(el.dataset.agency ?? '', i));
  if (keys.length !== present.length || place.size !== present.length || keys.some((k) => !place.has(k))) return 0;
  const places = keys.map((k) => place.get(k)!);
  if (places.every((p, i) => p === i)) return 0;
  const keep = longestIncreasing(places);
  const active = body.ownerDocument.activeElement;
  const focused = active instanceof HTMLElement && active !== body && body.contains(active) ? active : null;
  let next: HTMLElement | null = null;
  let moved = 0;
  for (let i = keys.length - 1; i >= 0; i--) {
    const el = present[places[i]];
    if (!keep.has(i)) {
      body.insertBefore(el, next);
      moved++;
    }
    next = el;
  }
  if (focused && body.ownerDocument.activeElement !== focused) focused.focus({ preventScroll: true });
  return moved;
}
