/**
 * The walkthrough marks its step on the review's scored timeline, and names the step's recorded
 * fields in words (issue 12 item 8).
 */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { recordBuilder } from '@/engine/record/record-builder';
import { i18n } from '@/ui/i18n';
import { ReviewView } from './review-view';

const record = recordBuilder({ level: 3, agency: { name: '臺北市政府測試局' } })
  .on('20m', 'team.formed', { members: [{ role: 'commander', name: '王大明', position: 'ciso' }] }, 'commander')
  .on('30m', 'report.submitted', { level: 2, description: '檔案伺服器遭加密', ticketNo: 'A-17' }, 'reporting-contact')
  .on('2h', 'recovery.completed', { registeredOnWebsite: true }, 'response-execution')
  .on('4h', 'drill.ended')
  .build();

const view = () => render(<ReviewView record={record} origin={{ kind: 'drill', drillId: 'd1' }} notes={[]} onAddNote={() => {}} onDeleteNote={() => {}} />);
const stepText = () => screen.getByTestId('timeline-step').textContent ?? '';

describe('the walkthrough on the scored timeline', () => {
  it('marks the current step on the chart and moves the mark as the user steps', async () => {
    await i18n.changeLanguage('zh-TW');
    view();
    const chart = await screen.findByRole('img', { name: '各角色行動' }, { timeout: 30_000 });
    // The chart's accessible description names the step it marks.
    const described = () => (chart.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const first = record.events[0];
    expect(described()).toContain(`#${first.seq}`);
    const lineAt = () => chart.querySelector('.walk-step-line line')?.getAttribute('x1');
    const x0 = lineAt();

    const walk = screen.getByRole('region', { name: '逐步回顧' });
    const report = record.events.find((e) => e.type === 'report.submitted')!;
    while (!within(walk).queryByRole('article', { name: `#${report.seq}` })) await userEvent.click(within(walk).getByRole('button', { name: '下一筆' }));
    expect(stepText()).toContain(`#${report.seq}`);
    expect(stepText()).not.toContain(`#${first.seq}（`);
    expect(described()).toContain(`#${report.seq}`);
    // Where recharts draws in this DOM, the line itself has moved right (later in time).
    if (x0 !== undefined && x0 !== null) expect(Number(lineAt())).toBeGreaterThan(Number(x0));

    await userEvent.click(within(walk).getByRole('button', { name: '最後一筆' }));
    expect(stepText()).toContain(`#${record.events[record.events.length - 1].seq}`);
  }, 60_000); // renders the whole page: slow on a shared machine, not a timing test

  it('names the recorded fields in words, zh-TW and English, keeping unknown keys as recorded', async () => {
    await i18n.changeLanguage('zh-TW');
    const { unmount } = view();
    const walk = screen.getByRole('region', { name: '逐步回顧' });
    const report = record.events.find((e) => e.type === 'report.submitted')!;
    while (!within(walk).queryByRole('article', { name: `#${report.seq}` })) await userEvent.click(within(walk).getByRole('button', { name: '下一筆' }));
    const terms = () => [...within(walk).getByRole('article').querySelectorAll('dt')].map((d) => d.textContent);
    expect(terms()).toEqual(['等級', '事件說明', 'ticketNo']);
    // Codes inside a value (a member's role) in words too.
    const team = record.events.find((e) => e.type === 'team.formed')!;
    while (!within(walk).queryByRole('article', { name: `#${team.seq}` })) await userEvent.click(within(walk).getByRole('button', { name: '上一筆' }));
    const members = within(walk).getByRole('article').querySelector('dd')!.textContent!;
    expect(members).toContain('角色：事件指揮官');
    expect(members).toContain('姓名：王大明');
    expect(members).not.toContain('commander');
    unmount();

    await i18n.changeLanguage('en');
    view();
    const walkEn = screen.getByRole('region', { name: 'Walkthrough' });
    const recovery = record.events.find((e) => e.type === 'recovery.completed')!;
    while (!within(walkEn).queryByRole('article', { name: `#${recovery.seq}` })) await userEvent.click(within(walkEn).getByRole('button', { name: 'Next' }));
    const article = within(walkEn).getByRole('article');
    expect([...article.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Registered on the reporting website']);
    expect(article.querySelector('dd')?.textContent).toBe('yes');
    await i18n.changeLanguage('zh-TW');
  }, 60_000); // renders the whole page: slow on a shared machine, not a timing test
});
