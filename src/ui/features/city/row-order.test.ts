// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { longestIncreasing, ORDER_STEP, placeRows, placeRowsTowards, rowBeside, sparseOrder, stepTowards } from './row-order';

const body = (keys: string[]) => {
  const el = document.createElement('div');
  for (const k of keys) {
    const row = document.createElement('div');
    row.dataset.agency = k;
    row.id = `row-${k}`;
    const cell = document.createElement('div');
    cell.tabIndex = -1;
    row.append(cell);
    el.append(row);
  }
  document.body.append(el);
  return el;
};

describe('longestIncreasing', () => {
  it('finds a longest strictly increasing run', () => {
    const seq = [0, 1, 50, 2, 3, 4, 5];
    const keep = longestIncreasing(seq);
    expect(keep.size).toBe(6);
    expect(keep.has(2)).toBe(false);
    expect(longestIncreasing([3, 2, 1]).size).toBe(1);
    expect(longestIncreasing([]).size).toBe(0);
    const run = [...longestIncreasing([5, 1, 6, 2, 7, 3, 8])].sort((a, b) => a - b).map((i) => [5, 1, 6, 2, 7, 3, 8][i]);
    expect(run.length).toBe(4);
    expect(run.every((v, i) => i === 0 || v > run[i - 1])).toBe(true);
  });
});

/** The keys in the order the values put them (as CSS order shows them; DOM order breaks ties). */
const byValue = (values: ReadonlyMap<string, number>) => [...values].sort((a, b) => a[1] - b[1]).map(([k]) => k);

describe('sparseOrder', () => {
  it('numbers new rows a step apart, and changes nothing when the order holds', () => {
    const first = sparseOrder(['a', 'b', 'c'], new Map());
    expect(first).toEqual(new Map([['a', ORDER_STEP], ['b', 2 * ORDER_STEP], ['c', 3 * ORDER_STEP]]));
    expect(sparseOrder(['a', 'b', 'c'], first).size).toBe(0);
  });

  it('gives an agency that went up past many others one new value, between its new neighbours', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const values = sparseOrder(keys, new Map());
    const next = ['a0', 'a1', 'a40', ...keys.filter((k) => !['a0', 'a1', 'a40'].includes(k))];
    const changed = sparseOrder(next, values);
    expect([...changed.keys()]).toEqual(['a40']);
    expect(byValue(new Map([...values, ...changed]))).toEqual(next);
  });

  it('puts any order right, over many re-sorts, and numbers afresh only when two neighbours leave no room', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    let values = sparseOrder(keys, new Map());
    let order = [...keys];
    let renumbered = 0;
    for (let round = 0; round < 2000; round++) {
      // One agency jumps to another place (the common re-sort), or the order is reversed (rare).
      if (round % 500 === 499) order = [...order].reverse();
      else {
        const [moved] = order.splice(Math.floor(rand() * order.length), 1);
        order.splice(round % 3 === 0 ? 0 : Math.floor(rand() * order.length), 0, moved);
      }
      const changed = sparseOrder(order, values);
      if (changed.size > 50) renumbered++;
      values = new Map([...values, ...changed]);
      expect(byValue(values)).toEqual(order);
      expect([...values.values()].every((v) => Number.isInteger(v) && Math.abs(v) <= 2 ** 30)).toBe(true);
    }
    // Numbered afresh only for the four reversals: 2,000 moves into 100 rows found room each time.
    expect(renumbered).toBe(4);
  });

  it('places rows that are new among the others', () => {
    const values = sparseOrder(['a', 'c'], new Map());
    const changed = sparseOrder(['x', 'a', 'b', 'c', 'y'], values);
    expect([...changed.keys()].sort()).toEqual(['b', 'x', 'y']);
    expect(byValue(new Map([...values, ...changed]))).toEqual(['x', 'a', 'b', 'c', 'y']);
  });
});

describe('placeRows', () => {
  const shown = (el: HTMLElement) => [...(el.children as HTMLCollectionOf<HTMLElement>)].sort((a, b) => Number(a.style.order) - Number(b.style.order)).map((r) => r.dataset.agency);
  const ids = (keys: string[]) => keys.map((k) => `row-${k}`).join(' ');

  it('shows the rows in the order given without moving one in the DOM, for the eye and for assistive technology alike', () => {
    const keys = ['a', 'b', 'c', 'd'];
    const el = body(keys);
    const nodes = [...el.children];
    expect(placeRows(el, keys, 2)).toBe(4);
    const next = ['d', 'a', 'b', 'c'];
    expect(placeRows(el, next, 2)).toBe(1);
    expect([...el.children]).toEqual(nodes);
    expect(shown(el)).toEqual(next);
    expect(el.getAttribute('aria-owns')).toBe(ids(next));
    expect(next.map((k) => el.querySelector(`[data-agency="${k}"]`)!.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4', '5']);
    expect(placeRows(el, next, 2)).toBe(0);
  });

  it('keeps the focus on a cell whose row changed place', () => {
    const el = body(['a', 'b', 'c', 'd']);
    placeRows(el, ['a', 'b', 'c', 'd'], 2);
    const cell = el.children[3].firstElementChild as HTMLElement;
    cell.focus();
    placeRows(el, ['d', 'a', 'b', 'c'], 2);
    expect(document.activeElement).toBe(cell);
  });

  it('finds the row above and below in the order shown', () => {
    const el = body(['a', 'b', 'c']);
    placeRows(el, ['c', 'a', 'b'], 2);
    const row = (k: string) => el.querySelector<HTMLElement>(`[data-agency="${k}"]`)!;
    expect(rowBeside(row('c'), 1)).toBe(row('a'));
    expect(rowBeside(row('a'), -1)).toBe(row('c'));
    expect(rowBeside(row('c'), -1)).toBeNull();
    expect(rowBeside(row('b'), 1)).toBeNull();
  });
});

describe('a re-sort over frames (stepTowards, placeRowsTowards)', () => {
  const keys = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  // The overdue rise to the top: every third agency, from all over the board.
  const target = [...keys.filter((_, i) => i % 3 === 2), ...keys.filter((_, i) => i % 3 !== 2)];

  it('takes at most `limit` rows out of their place among the rendered ones a step, the target first, and reaches it', () => {
    let current: readonly string[] = keys;
    const steps: (readonly string[])[] = [];
    while (current !== target) {
      const next = stepTowards(current, target, 3, 9);
      // The first ten places: at most three rows come into them a step.
      expect(next.slice(0, 10).filter((k) => !current.slice(0, 10).includes(k)).length).toBeLessThanOrEqual(3);
      expect([...next].sort()).toEqual(keys);
      steps.push(next);
      current = next;
    }
    // Ten rows to bring up: four steps, and every row beyond the tenth place comes at no cost.
    expect(steps.length).toBe(4);
    expect(steps.at(-1)).toBe(target);
    expect(steps[0].slice(0, 3)).toEqual(target.slice(0, 3));
    expect(steps[0].slice(3)).toEqual(keys.filter((k) => !target.slice(0, 3).includes(k)));
  });

  it('costs nothing for rows already in their place', () => {
    const moved = ['k00', 'k01', 'k05', 'k02', 'k03', 'k04', ...keys.slice(6)];
    expect(stepTowards(keys, moved, 1, 29)).toBe(moved);
  });

  it('shows the order at once while the browser reports no rendered rows, or when rows came or went', () => {
    const el = body(keys);
    placeRows(el, keys, 2);
    expect(placeRowsTowards(el, target, 2, null, 3)).toBe(true);
    expect(el.getAttribute('aria-owns')).toBe(target.map((k) => `row-${k}`).join(' '));
    expect(placeRowsTowards(el, keys.slice(1), 2, new Set(keys.slice(0, 10)), 3)).toBe(true);
  });

  it('shows a re-sort that brings many rows into view a few a frame, the order and aria-rowindex agreeing at each', () => {
    const el = body(keys);
    placeRows(el, keys, 2);
    const rendered = new Set(keys.slice(0, 10));
    let frames = 1;
    while (!placeRowsTowards(el, target, 2, rendered, 3)) {
      frames++;
      const owned = el.getAttribute('aria-owns')!.split(' ');
      expect(owned.map((id) => el.querySelector(`[id="${id}"]`)!.getAttribute('aria-rowindex'))).toEqual(owned.map((_, i) => String(i + 2)));
    }
    expect(frames).toBe(4);
    expect(el.getAttribute('aria-owns')).toBe(target.map((k) => `row-${k}`).join(' '));
  });
});
