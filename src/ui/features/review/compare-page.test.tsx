import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { recordBuilder } from '@/engine/record/record-builder';
import { scoreRecord } from '@/engine/scoring/score';
import { notReachedCount } from '@/engine/scoring/types';
import ComparePage from './compare-page';

const record = (t0: string, reportAt: string) =>
  recordBuilder({ level: 3, t0 })
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
    .on(reportAt, 'report.submitted', { level: 3 }, 'reporting-contact')
    .on('4h', 'drill.ended')
    .build();

describe('ComparePage', () => {
  it('loads several records and lines up score and each obligation status by drill date', async () => {
    const user = userEvent.setup();
    render(<ComparePage />);
    const later = record('2026-03-02T09:00:00+08:00', '40m');
    const earlier = record('2025-09-01T09:00:00+08:00', '1h30m');
    await user.upload(screen.getByLabelText('選擇多份演練紀錄檔'), [
      new File([JSON.stringify(later)], 'march.json'),
      new File([JSON.stringify(earlier)], 'sept.json'),
      new File(['{ nope'], 'broken.json'),
    ]);
    const table = await screen.findByRole('table', { name: '比較演練' });
    const heads = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(heads[1]).toContain('2025-09-01');
    expect(heads[2]).toContain('2026-03-02');
    const scores = within(within(table).getByRole('row', { name: /^分數/ })).getAllByRole('cell').map((c) => c.textContent);
    expect(scores).toEqual([String(scoreRecord(earlier).score), String(scoreRecord(later).score)]);
    const report = within(table).getByRole('row', { name: /一小時內完成通報/ });
    expect(within(report).getAllByRole('cell').map((c) => c.textContent)).toEqual(['逾時完成', '如期完成']);
    // The broken file is listed with the parser's error; the others still load.
    expect(within(screen.getByRole('alert')).getByText('broken.json')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: '歷次分數' })).toBeInTheDocument();
  });

  it('shows each drill’s verdict, and for an incomplete one how many obligations were not yet due', async () => {
    const user = userEvent.setup();
    render(<ComparePage />);
    const failed = record('2026-03-02T09:00:00+08:00', '40m');
    const early = recordBuilder({ level: 3, t0: '2026-06-01T09:00:00+08:00' }).on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('30m', 'drill.ended').build();
    await user.upload(screen.getByLabelText('選擇多份演練紀錄檔'), [new File([JSON.stringify(failed)], 'march.json'), new File([JSON.stringify(early)], 'june.json')]);
    const table = await screen.findByRole('table', { name: '比較演練' });
    const result = within(table).getByRole('row', { name: /^結果/ });
    const n = notReachedCount(scoreRecord(early));
    expect(n).toBeGreaterThan(0);
    expect(within(result).getAllByRole('cell').map((c) => c.textContent)).toEqual(['未通過', `未完成（${n} 項未屆期限）`]);
  });
});
