import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { recordBuilder } from '@/engine/record/record-builder';
import { putDrill, appendEvent } from '@/ui/persistence/drill-db';
import ReviewPage from './review-page';

// A full disk for the notes database: the write is refused (issue 10: notes were shown as saved and lost).
vi.mock('./review-db', async (importOriginal) => {
  const real = await importOriginal<typeof import('./review-db')>();
  return { ...real, putNote: async () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) };
});
// The recharts charts are not what this test checks, and rendering them took most of its time on a
// busy machine (issue 14); review-page.test.tsx checks them.
vi.mock('./review-charts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./review-charts')>()),
  TimelineChart: () => null,
  BreakdownChart: () => null,
}));

describe('hot-wash notes when storage fails', () => {
  it('does not show a note as saved when its write fails, and says so with the note’s text', async () => {
    const record = recordBuilder({ level: 3 })
      .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('1h20m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('4h', 'drill.ended')
      .build();
    await putDrill({
      id: 'nf',
      title: '演練',
      scenarioId: 'test-scenario',
      scenarioTitle: { zh: '勒索軟體', en: 'Ransomware' },
      agencyName: record.agency.name,
      status: 'ended',
      createdWall: '2026-05-20T09:00:00+08:00',
      updatedWall: '2026-05-20T14:00:00+08:00',
      eventCount: 0,
      header: { version: 1, agency: record.agency, scenario: record.scenario, scenarioSource: { id: 'test-scenario' }, participants: [], mode: 'tabletop', t0: record.events[0].at },
      clock: null,
    });
    for (const e of record.events) await appendEvent('nf', e, '2026-05-20T10:00:00+08:00');
    const user = userEvent.setup();
    render(<ReviewPage drillId="nf" />);
    const table = await screen.findByRole('table', { name: '應辦事項評定' });
    await user.click(within(table).getByRole('button', { name: '為「一小時內完成通報」新增註記' }));
    // Pasted, not typed key by key: typing is not what is tested, and each key re-rendered the page.
    await user.click(screen.getByLabelText('註記內容'));
    await user.paste('通報延誤二十分鐘');
    await user.click(screen.getByRole('button', { name: '儲存註記' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/註記未能儲存（.*QuotaExceededError.*「通報延誤二十分鐘」/);
    expect(within(table).queryByText('通報延誤二十分鐘')).not.toBeInTheDocument();
  });
});
