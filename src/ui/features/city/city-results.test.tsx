/**
 * The results and the queue as DoIT's live page uses them on the drill server (city-live-page.tsx):
 * the failing agency's re-drill is given from its result (one control, not the records screen's
 * download beside it), the queue's rows carry the review control, earlier exercises' summaries can
 * be opened there, and the words are the language's (no zh-TW punctuation in English).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cityReportBlocks, type CityReportInput } from '@/engine/city/city-report';
import { cityEntries } from '@/engine/city/entries';
import { parseDrillRecord } from '@/engine/record/parse';
import { cityResults, citySummary, exerciseHistory, type CitySummary } from '@/engine/city/results';
import { reviewQueue, type QueueRow } from '@/engine/city/review-queue';
import { parseIsoMs } from '@/engine/time/taipei';
import { i18n } from '@/ui/i18n';
import { CityResultsView } from './city-results';
import { ReviewQueue } from './review-queue';

const DIR = join(process.cwd(), 'test', 'fixtures', 'city', 'records');
const opened = readdirSync(DIR)
  .filter((n) => !n.includes('redrill'))
  .map((n) => {
    const parsed = parseDrillRecord(readFileSync(join(DIR, n), 'utf8'), n);
    if (!parsed.ok) throw new Error(n);
    return { source: n, record: parsed.record };
  });
const { entries } = cityEntries(opened);
const exercise = { id: 'city-2026-03', title: '115 年府級資安演練', startAt: '2026-03-02T09:00:00+08:00' };
const results = cityResults(exercise, entries);
const input = (history: CitySummary[] = []): CityReportInput => ({ results, history: exerciseHistory(citySummary(results), history), redrills: [], withoutRecord: [], offList: [] });
const failingNames = results.agencies.filter((a) => a.verdict === 'fail').map((a) => a.name);

afterEach(async () => {
  await act(() => i18n.changeLanguage('zh-TW'));
});

describe('CityResultsView on the drill server', () => {
  it('gives each failing agency one re-drill control, the server one, and none to a passing agency', () => {
    const give = vi.fn();
    render(
      <CityResultsView
        input={input()}
        blocks={cityReportBlocks(input(), 'zh-TW')}
        fileStem="x"
        redrillAction={(a) => (
          <button type="button" onClick={() => give(a.key)}>
            {`give ${a.name}`}
          </button>
        )}
        redrillNote={<p role="status">note</p>}
      />,
    );
    expect(failingNames.length).toBeGreaterThan(0);
    const failing = screen.getByRole('heading', { name: '應再演練之機關（第三十九點第三款）' }).nextElementSibling as HTMLElement;
    for (const li of within(failing).getAllByRole('listitem')) expect(within(li).getAllByRole('button')).toHaveLength(1);
    expect(within(failing).getAllByRole('button').map((b) => b.textContent).sort()).toEqual(failingNames.map((n) => `give ${n}`).sort());
    // the records screen's re-drill record (T0 + download) is not offered beside it
    expect(screen.queryByRole('button', { name: /再演練紀錄/ })).toBeNull();
    expect(screen.queryByLabelText('再演練 T0')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('note');
    expect(screen.getByText('尚無已辦理之再演練。')).toBeInTheDocument();
    within(failing).getByRole('button', { name: `give ${failingNames[0]}` }).click();
    expect(give).toHaveBeenCalledWith(results.agencies.find((a) => a.name === failingNames[0])!.key);
  });

  it('without a server, offers the downloadable re-drill record instead', () => {
    render(<CityResultsView input={input()} blocks={[]} fileStem="x" />);
    expect(screen.getAllByRole('button', { name: /^建立「.+」再演練紀錄$/ })).toHaveLength(failingNames.length);
    expect(screen.queryByRole('button', { name: /^give / })).toBeNull();
  });

  it('opens earlier exercises’ summaries there and names what is wrong with a bad one', async () => {
    const user = userEvent.setup();
    const opened: string[] = [];
    const { rerender } = render(<CityResultsView input={input()} blocks={[]} fileStem="x" onEarlier={(files) => opened.push(...[...files].map((f) => f.name))} earlierErrors={['old.json: $.format: must be "taipei-city-summary/1", not "x"']} />);
    expect(screen.getByText('無先前演練資料：可開啟先前匯出之演練摘要（JSON）。')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('old.json: $.format');
    await user.upload(screen.getByLabelText('歷次府級演練摘要（JSON，選填）'), new File(['{}'], 'summary-2025.json', { type: 'application/json' }));
    expect(opened).toEqual(['summary-2025.json']);
    const earlier: CitySummary = { ...citySummary(results), id: 'city-2025', title: '114 年府級資安演練', startAt: '2025-03-03T09:00:00+08:00', pass: 1 };
    rerender(<CityResultsView input={input([earlier])} blocks={[]} fileStem="x" onEarlier={() => undefined} />);
    const table = screen.getByRole('rowheader', { name: '114 年府級資安演練' }).closest('table')!;
    expect(table.compareDocumentPosition(screen.getByRole('heading', { name: '與歷次府級演練比較' })) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['114 年府級資安演練', '115 年府級資安演練']);
    expect(rows[1]).toHaveAttribute('aria-current', 'true');
  });

  it('writes shortfalls in English with English punctuation', async () => {
    await act(() => i18n.changeLanguage('en'));
    render(<CityResultsView input={input()} blocks={[]} fileStem="x" />);
    const table = screen.getByRole('heading', { name: 'Score and verdict by agency' }).nextElementSibling as HTMLElement;
    const text = table.textContent ?? '';
    expect(text).toMatch(/Report within one hour \(Late by 10 min\)/);
    expect(text).not.toMatch(/[（）：、]/);
  });
});

describe('ReviewQueue with DoIT’s review control', () => {
  const nowMs = parseIsoMs('2026-03-02T12:00:00+08:00');
  const rows = reviewQueue(entries, nowMs);

  it('puts the review control in each open row, in its own column, and the report’s category in words', () => {
    const withCategory: QueueRow[] = rows.map((r, i) => (i === 0 ? { ...r, content: { ...r.content, category: 'intrusion' } } : r));
    render(<ReviewQueue rows={withCategory} review={(r) => (r.reviewedLevel === null ? <button type="button">{`review ${r.name}`}</button> : null)} />);
    const table = screen.getByRole('table', { name: '等級審核待辦' });
    expect(within(table).getAllByRole('columnheader').at(-1)).toHaveTextContent('資訊局審核');
    const body = within(table).getAllByRole('row').slice(1);
    for (const [i, r] of withCategory.entries()) {
      const cells = within(body[i]).getAllByRole('cell');
      if (r.reviewedLevel === null) expect(within(cells.at(-1)!).getByRole('button')).toHaveTextContent(`review ${r.name}`);
      else expect(within(cells.at(-1)!).queryByRole('button')).toBeNull();
    }
    expect(body[0]).toHaveTextContent('非法入侵');
    expect(body[0]).not.toHaveTextContent('intrusion');
  });

  it('on the records screen, shows a re-sorted queue by moving no row in the DOM, in the order assistive technology reads', () => {
    const shown = () => {
      const body = screen.getByRole('table', { name: '等級審核待辦' }).querySelector('tbody')!;
      const owned = body.getAttribute('aria-owns')!.split(' ').map((id) => document.getElementById(id)!);
      expect([...body.children].sort((a, b) => Number((a as HTMLElement).style.order) - Number((b as HTMLElement).style.order))).toEqual(owned);
      expect(owned.map((r) => r.getAttribute('aria-rowindex'))).toEqual(owned.map((_, i) => String(i + 2)));
      return owned;
    };
    const { rerender } = render(<ReviewQueue rows={rows} />);
    const before = shown();
    expect(before.map((r) => r.dataset.agency)).toEqual(rows.map((r) => r.key));
    const domBefore = [...before[0].parentElement!.children];
    // The first agency is reviewed: it moves to the end of the queue, and no row moves in the DOM.
    const moved = [...rows.slice(1), { ...rows[0], open: false, reviewedLevel: rows[0].reportedLevel }];
    rerender(<ReviewQueue rows={moved} />);
    const after = shown();
    expect(after.map((r) => r.dataset.agency)).toEqual(moved.map((r) => r.key));
    expect(after.at(-1)).toBe(before[0]);
    expect([...after[0].parentElement!.children]).toEqual(domBefore);
  });

  it('with the review control, keeps the rows in the queue’s order in the DOM, so that Tab follows the screen', () => {
    const review = (r: QueueRow) => <button type="button">{`review ${r.name}`}</button>;
    const { rerender } = render(<ReviewQueue rows={rows} review={review} />);
    const moved = [...rows.slice(1), rows[0]];
    rerender(<ReviewQueue rows={moved} review={review} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(moved.map((r) => `review ${r.name}`));
  });

  it('has no review column on the records screen', () => {
    render(<ReviewQueue rows={rows} />);
    expect(screen.queryByRole('columnheader', { name: '資訊局審核' })).toBeNull();
  });
});
