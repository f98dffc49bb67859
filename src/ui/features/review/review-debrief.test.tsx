/**
^ * The printed report and the walkthrough (issue 12): the report carries the scored timeline chart (kept in print) and a
 * signature block, and the tab's title (the PDF's title) names the drill.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { recordBuilder } from '@/engine/record/record-builder';
import { i18n } from '@/ui/i18n';
import { ReviewView } from './review-view';

const record = recordBuilder({ level: 3, agency: { name: '臺北市政府測試局' }, scenario: { title: '核心系統勒索軟體' } })
  .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
  .on('50m', 'report.submitted', { level: 3 }, 'reporting-contact')
  .on('4h', 'drill.ended')
  .build();

describe('the printed report', () => {
  it('has a signature block, keeps the scored timeline for print, and names the drill in the title', async () => {
    await i18n.changeLanguage('zh-TW');
    render(<ReviewView record={record} origin={{ kind: 'drill', drillId: 'd1' }} notes={[]} onAddNote={() => {}} onDeleteNote={() => {}} drillTitle="115 年度年度演練" />);
    const report = screen.getByRole('region', { name: '檢討報告及改善計畫' });
    const signatures = within(report).getByRole('region', { name: '簽核' });
    expect(within(signatures).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['承辦之權責人員', '資通安全長', '演練主持人']);
    expect(screen.getByRole('region', { name: '評分時間軸' })).toHaveClass('review-print-too');
    for (let i = 0; i < 100 && document.title !== '檢討報告：115 年度年度演練'; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(document.title).toBe('檢討報告：115 年度年度演練');
  });
});

describe('the walkthrough', () => {
  it('shows each step’s content, the verdicts it decided with their reasons, and marks it on the timeline', async () => {
    const { Walkthrough } = await import('./walkthrough');
    const userEvent = (await import('@testing-library/user-event')).default;
    const rec = recordBuilder({ level: 3, agency: { name: '臺北市政府測試局' } })
      .on('30m', 'report.submitted', { level: 2, description: '檔案伺服器遭加密' }, 'reporting-contact')
      .on('4h', 'drill.ended')
      .build();
    await i18n.changeLanguage('zh-TW');
    render(<Walkthrough record={rec} notes={[]} onAddNote={() => {}} onDeleteNote={() => {}} />);
    const seq = rec.events.find((e) => e.type === 'report.submitted')!.seq;
    for (let i = 1; i < rec.events.findIndex((e) => e.seq === seq) + 1; i += 1) await userEvent.click(screen.getByRole('button', { name: '下一筆' }));
    const step = screen.getByRole('article', { name: `#${seq}` });
    expect(within(step).getByText('檔案伺服器遭加密')).toBeInTheDocument();
    // The first report at level 2 under a level-3 reference: violated, and why.
    const verdicts = within(step).getByRole('list');
    const item = within(verdicts).getByText('等級判定正確').closest('li')!;
    expect(within(item).getByText('不符規定')).toBeInTheDocument();
    expect(item.querySelector('.walk-reason')?.textContent).toMatch(/第2級/);
    expect(within(step).getByRole('figure', { name: '在演練時間軸上的位置' })).toBeInTheDocument();
  });
});
