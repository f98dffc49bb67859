import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { BoardRow } from '@/engine/city/board';
import { CityBoard } from './city-board';
import './strings';

const cell = (status: 'missed' | 'not-reached'): BoardRow['cells'][number] =>
  ({ id: 'report-1h', status, due: null, dueMs: null, doneAt: null, overdue: status === 'missed', open: status === 'not-reached', reviewer: false, result: {} }) as BoardRow['cells'][number];
const row = (key: string, name: string, overdue: number): BoardRow =>
  ({ key, name, type: 'agency', cells: [cell(overdue > 0 ? 'missed' : 'not-reached')], overdue, faults: 0, nearestDueMs: null, score: 0, verdict: 'pass', result: {} }) as unknown as BoardRow;
/**
 * The agencies' rows in the order the board shows them: as assistive technology reads them (the
 * body's aria-owns), which is also their place on screen (CSS order) and their aria-rowindex.
 */
const shownRows = () => {
  const body = screen.getByRole('grid').querySelector<HTMLElement>('.city-grid-body')!;
  const owned = body.getAttribute('aria-owns')!.split(' ').map((id) => document.getElementById(id)!);
  expect(owned.every((r) => r.parentElement === body && r.getAttribute('role') === 'row')).toBe(true);
  expect([...(body.children as HTMLCollectionOf<HTMLElement>)].sort((a, b) => Number(a.style.order) - Number(b.style.order))).toEqual(owned);
  expect(owned.map((r) => r.getAttribute('aria-rowindex'))).toEqual(owned.map((_, i) => String(i + 2)));
  return owned;
};
const names = () => shownRows().map((r) => r.querySelector('.city-agency-name')!.textContent);
const props = { nowMs: 0, startMs: 0, endMs: 60_000, onNow: () => {} };

describe('CityBoard', () => {
  it('keeps the order while agencies catch up and puts overdue first once the board is exact', () => {
    const a = row('a', '甲局', 0);
    const b = row('b', '乙局', 0);
    const { rerender } = render(<CityBoard rows={[a, b]} pending={0} {...props} />);
    const first = names();
    const [top, bottom] = first[0] === '甲局' ? [a, b] : [b, a];
    // The lower agency turns overdue while another is still pending: its row shows it in place.
    const late = row(bottom.key, bottom.name, 1);
    const next = [a, b].map((r) => (r.key === late.key ? late : r));
    rerender(<CityBoard rows={next} pending={1} {...props} />);
    expect(names()).toEqual(first);
    const lateRow = screen.getAllByRole('row').find((r) => r.textContent?.includes(late.name))!;
    expect(within(lateRow).getByRole('gridcell')).toHaveClass('status-missed');
    // Caught up: overdue first.
    rerender(<CityBoard rows={next} pending={0} {...props} />);
    expect(names()).toEqual([late.name, top.name]);
  });

  it("moves an agency's row when the board re-sorts: the same row, not its words written into another place", () => {
    const rows = ['a', 'b', 'c', 'd'].map((k, i) => row(k, `${'甲乙丙丁'[i]}局`, 0));
    const { rerender } = render(<CityBoard rows={rows} pending={0} {...props} />);
    const rowOf = (name: string) => screen.getAllByRole('row').find((r) => r.querySelector('.city-agency-name')?.textContent === name)!;
    const before = new Map(rows.map((r) => [r.name, rowOf(r.name)]));
    const last = names().at(-1)!;
    const moved = rows.map((r) => (r.name === last ? row(r.key, r.name, 2) : r));
    rerender(<CityBoard rows={moved} pending={0} {...props} />);
    expect(names()[0]).toBe(last);
    for (const r of rows) {
      expect(rowOf(r.name)).toBe(before.get(r.name));
      expect(rowOf(r.name).dataset.agency).toBe(r.key);
    }
    // Keyboard order follows the board: Down from the first row's cell lands in the second row.
    const cells = (name: string) => within(rowOf(name)).getAllByRole('gridcell');
    cells(last)[0].focus();
    fireEvent.keyDown(cells(last)[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cells(names()[1])[0]);
  });
});
