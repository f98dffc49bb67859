import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import CityPage from './city-page';

const DIR = join(process.cwd(), 'test', 'fixtures', 'city');
const recordFiles = () => readdirSync(join(DIR, 'records')).map((n) => new File([readFileSync(join(DIR, 'records', n))], n, { type: 'application/json' }));

async function openAll() {
  const user = userEvent.setup();
  render(<CityPage />);
  await user.upload(screen.getByLabelText('選擇各機關演練紀錄檔（可多選）'), recordFiles());
  await screen.findByRole('grid');
  return user;
}

describe('CityPage', () => {
  it('shows the board: agencies × obligations with the status in words, overdue first, reason on keyboard focus', async () => {
    await openAll();
    const grid = screen.getByRole('grid');
    expect(within(grid).getByText(/全府看板：5 \/ 5 個機關 × 25 項應辦事項/)).toBeInTheDocument();
    // The rows in the order shown (aria-rowindex: the DOM keeps one order, see row-order.ts).
    const rows = within(grid)
      .getAllByRole('row')
      .slice(1)
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
    const names = rows.map((r) => within(r).getByRole('rowheader').querySelector('.city-agency-name')!.textContent);
    expect(names).toHaveLength(5);
    expect(names[0]).toBe('臺北市政府消防局'); // the one with overdue cells
    // every overdue count is at least the next row's (overdue first)
    const overdue = rows.map((r) => Number(/逾期 (\d+)/.exec(within(r).getByRole('rowheader').textContent ?? '')?.[1] ?? 0));
    expect([...overdue].sort((a, b) => b - a)).toEqual(overdue);
    const env = rows.find((r) => r.textContent?.includes('臺北市政府環境保護局'))!;
    const cells = within(env).getAllByRole('gridcell');
    expect(cells[2]).toHaveTextContent('逾時完成'); // report-1h, the third column
    expect(cells[2]).toHaveClass('status-late');

    act(() => cells[2].focus());
    const tip = screen.getByRole('tooltip');
    expect(tip).toBeVisible();
    expect(tip).toHaveTextContent('臺北市政府環境保護局 · 一小時內完成通報');
    expect(tip).toHaveTextContent('逾時完成：期限 03-02 10:00，03-02 10:10 完成，逾時 10 分');
    expect(cells[2]).toHaveAttribute('aria-describedby', tip.id);
    // arrow keys move along the row; the tooltip follows
    fireEvent.keyDown(cells[2], { key: 'ArrowRight' });
    expect(cells[3]).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent('無法上網時以電話通報');
  });

  it('filters by agency type and by the nearest deadline, and moves the simulated now', async () => {
    const user = await openAll();
    await user.click(screen.getByRole('checkbox', { name: '學校' }));
    const grid = screen.getByRole('grid');
    expect(within(grid).getAllByRole('rowheader').map((h) => h.querySelector('.city-agency-name')!.textContent)).toEqual(['臺北市立建國高級中學']);
    await user.click(screen.getByRole('checkbox', { name: '學校' }));
    // at T0 + 30 min nothing is overdue yet and 環保局's report is still open
    fireEvent.change(screen.getByRole('slider', { name: '模擬時間' }), { target: { value: String(Date.parse('2026-03-02T09:30:00+08:00')) } });
    expect(screen.getByText(/模擬時間：2026-03-02（一） 09:30:00/)).toBeInTheDocument();
    const env = within(screen.getByRole('grid')).getAllByRole('row').find((r) => r.textContent?.includes('臺北市政府環境保護局'))!;
    expect(within(env).getAllByRole('gridcell')[2]).toHaveTextContent('未屆期限');
    await user.selectOptions(screen.getByRole('combobox', { name: '最近期限' }), '1');
    expect(within(screen.getByRole('grid')).getAllByRole('rowheader').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: '大螢幕模式' }));
    expect(screen.getByRole('button', { name: '離開大螢幕模式' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('lists the level-review queue with the reported level beside what the evidence suggests', async () => {
    await openAll();
    const queue = screen.getByRole('table', { name: '等級審核待辦' });
    // The rows as shown (and as assistive technology reads them: aria-rowindex), not in DOM order (review-queue.tsx).
    const rows = within(queue)
      .getAllByRole('row')
      .slice(1)
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
    // open reviews first: 工務局 (reviewed) is last
    expect(rows.at(-1)).toHaveTextContent('臺北市政府工務局');
    const music = rows.find((r) => r.textContent?.includes('臺北流行音樂中心'))!;
    expect(music).toHaveTextContent('第2級');
    expect(music).toHaveTextContent('低於參考等級');
    expect(music).toHaveTextContent('情境參考等級 第3級');
    expect(music).toHaveTextContent('等級判斷精靈 第2級');
    expect(music).toHaveTextContent('售票網站回應緩慢，疑似遭加密');
    expect(music).toHaveTextContent('需要支援：鑑識支援');
  });

  it('shows the results: verdicts, failing agencies with re-drill dates, the re-drill compared, exports', async () => {
    await openAll();
    expect(screen.getByText('通過 2、未通過 3、未完成 0（共 5 個機關），平均 74.5 分')).toBeInTheDocument();
    const failing = screen.getByRole('heading', { name: '應再演練之機關（第三十九點第三款）' }).nextElementSibling as HTMLElement;
    expect(within(failing).getAllByRole('listitem').map((li) => li.querySelector('strong')!.textContent)).toEqual(['臺北市政府消防局', '臺北市政府環境保護局', '臺北流行音樂中心']);
    expect(failing).toHaveTextContent('2026-06-02 前再演練');
    expect(screen.getByRole('button', { name: '建立「臺北市政府環境保護局」再演練紀錄' })).toBeInTheDocument();
    const redrills = screen.getByRole('heading', { name: '再演練結果' }).nextElementSibling as HTMLElement;
    expect(within(redrills).getByText(/府級演練 66\.7 分（未通過）→ 再演練 [\d.]+ 分（通過）；期限 2026-06-02，2026-05-04 辦理/)).toBeInTheDocument();
    for (const name of ['下載成果報告（Markdown）', '下載機關 × 應辦事項（CSV）', '下載演練摘要（JSON，供日後比較）', '列印成果報告（A4）']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(within(screen.getByRole('region', { name: '成果報告' })).getByRole('heading', { name: '府級資安事件通報應變演練 成果報告' })).toBeInTheDocument();
  });

  it('refuses a bad agency list whole, naming row, column and what is wrong; reads a Big5 list', async () => {
    const user = await openAll();
    const input = screen.getByLabelText('機關名單（CSV，選填）');
    await user.upload(input, new File(['機關名稱,機關類型\n臺北市政府工務局,局處\n'], 'bad.csv', { type: 'text/csv' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('bad.csv: 第 2 列，B（機關類型） 欄: 無法辨識機關類型「局處」');
    expect(screen.queryByRole('heading', { name: '紀錄核對' })).toBeNull();
    await user.upload(input, new File([readFileSync(join(DIR, 'agencies-big5.csv'))], 'agencies-big5.csv', { type: 'text/csv' }));
    expect(await screen.findByText('已開啟 6 份紀錄、5 個機關')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('takes the exercise from records that carry it, and refuses records of two exercises, naming the files', async () => {
    const tagged = (name: string, exercise: Record<string, unknown>) => {
      const record = JSON.parse(readFileSync(join(DIR, 'records', name), 'utf8'));
      return new File([JSON.stringify({ ...record, cityExercise: exercise })], name, { type: 'application/json' });
    };
    const A = { id: 'city-a', title: '115 年府級演練', startAt: '2026-03-02T09:00:00+08:00', scenarios: { kind: 'one', scenarioId: 'ransomware-core' } };
    const user = userEvent.setup();
    render(<CityPage />);
    const input = screen.getByLabelText('選擇各機關演練紀錄檔（可多選）');
    await user.upload(input, [tagged('fire.json', { ...A, index: 0 }), tagged('public-works.json', { ...A, index: 1 })]);
    const report = await screen.findByRole('region', { name: '成果報告' });
    expect(within(report).getByRole('cell', { name: '115 年府級演練 (city-a)' })).toBeInTheDocument();
    await user.upload(input, [tagged('environment.json', { ...A, id: 'city-b', title: '114 年府級演練', index: 0 })]);
    const alert = (await screen.findByText(/這些紀錄不屬於同一場府級演練/)).closest('[role="alert"]') as HTMLElement;
    expect(alert).toHaveTextContent('府級演練 city-a「115 年府級演練」：fire.json、public-works.json');
    expect(alert).toHaveTextContent('府級演練 city-b「114 年府級演練」：environment.json');
    expect(screen.queryByRole('region', { name: '成果報告' })).toBeNull();
  });
});
