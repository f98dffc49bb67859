// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { arrangeRows, longestIncreasing } from './row-order';

const body = (keys: string[]) => {
  const el = document.createElement('div');
  for (const k of keys) {
    const row = document.createElement('div');
    row.dataset.agency = k;
    const cell = document.createElement('div');
    cell.tabIndex = -1;
    row.append(cell);
    el.append(row);
  }
  document.body.append(el);
  return el;
};
const order = (el: HTMLElement) => Array.from(el.children, (c) => (c as HTMLElement).dataset.agency);

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

describe('arrangeRows', () => {
  it('moves an agency that went up past many others with one move', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const el = body(keys);
    const next = ['a0', 'a1', 'a40', ...keys.filter((k) => !['a0', 'a1', 'a40'].includes(k))];
    expect(arrangeRows(el, next)).toBe(1);
    expect(order(el)).toEqual(next);
    expect(arrangeRows(el, next)).toBe(0);
  });

  it('puts any order right, reversed too', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const el = body(keys);
    expect(arrangeRows(el, [...keys].reverse())).toBe(5);
    expect(order(el)).toEqual([...keys].reverse());
    const shuffled = ['c', 'a', 'f', 'b', 'e', 'd'];
    arrangeRows(el, shuffled);
    expect(order(el)).toEqual(shuffled);
  });

  it('leaves rows alone when the keys are not its rows', () => {
    const el = body(['a', 'b', 'c']);
    expect(arrangeRows(el, ['c', 'b'])).toBe(0);
    expect(arrangeRows(el, ['c', 'b', 'x'])).toBe(0);
    expect(order(el)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the focus on a cell whose row moved', () => {
    const el = body(['a', 'b', 'c', 'd']);
    const cell = el.children[3].firstElementChild as HTMLElement;
    cell.focus();
    expect(document.activeElement).toBe(cell);
    arrangeRows(el, ['d', 'a', 'b', 'c']);
    expect(order(el)).toEqual(['d', 'a', 'b', 'c']);
    expect(document.activeElement).toBe(cell);
  });
});
