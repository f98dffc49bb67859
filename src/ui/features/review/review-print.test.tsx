/**
 * The printed report (issue 12): it carries the scored timeline chart (kept in print) and a
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
    expect(within(signatures).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['事件處理權責人員', '資通安全長', '演練主持人']);
    expect(screen.getByRole('region', { name: '評分時間軸' })).toHaveClass('review-print-too');
    for (let i = 0; i < 100 && document.title !== '檢討報告：115 年度年度演練'; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(document.title).toBe('檢討報告：115 年度年度演練');
  });
});
