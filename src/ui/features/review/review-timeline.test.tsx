import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { recordBuilder } from '@/engine/record/record-builder';
import ReviewPage from './review-page';

// The review's charts, rendered for real (review-page.test.tsx leaves them out to stay fast).

async function openFile(value: unknown) {
  const user = userEvent.setup();
  render(<ReviewPage />);
  await user.upload(screen.getByLabelText('選擇演練紀錄檔'), new File([JSON.stringify(value)], 'drill.json', { type: 'application/json' }));
  return user;
}

describe('ReviewPage charts', () => {
  it('opens the timeline of a month-long drill on its first three days, says what comes after, and shows the whole drill on request', async () => {
    const record = recordBuilder({ level: 3 })
      .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('50m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('2h', 'action.isolated', {}, 'response-execution')
      .on('1d', 'containment.initial', {}, 'response-execution')
      .on('12d', 'rootcause.completed', {}, 'intel-planning')
      .on('30d', 'drill.ended')
      .build();
    const user = await openFile(record);
    const span = await screen.findByRole('combobox', { name: '時間範圍' });
    expect(span).toHaveDisplayValue('T0 起 3 天');
    expect(screen.getByText(/此範圍之後另有 2 筆行動或指令（至 2026-04-01 09:00）/)).toBeInTheDocument();
    // Each chart is an image with a name and a description in words.
    const actions = screen.getByRole('img', { name: '各角色行動' });
    expect(actions).toHaveAccessibleDescription(/4 個角色共 5 筆行動、0 則情境指令，2026-03-02 09:00 至 2026-03-05 09:00/);
    expect(screen.getByRole('img', { name: '應辦事項時間窗' })).toHaveAccessibleDescription(/項應辦事項依起算時點排列：如期完成 \d+/);
    await user.click(screen.getByRole('button', { name: '顯示全程' }));
    expect(span).toHaveDisplayValue('全程');
    expect(screen.queryByText(/此範圍之後另有/)).not.toBeInTheDocument();
  });
});
