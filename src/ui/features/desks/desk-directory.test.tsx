import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DeskDirectory } from './desk-directory';
import { PEOPLE, startedSession, snapshotOf } from './desk-test-utils';

describe('desk directory', () => {
  it('lists every role with who holds it, the inbox count, and links to open its desk here or in a new window', () => {
    const snapshot = snapshotOf(startedSession(12));
    render(<DeskDirectory drillId="d-1" participants={PEOPLE} inbox={snapshot.inbox} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      '事件指揮官',
      '執行秘書',
      '新聞聯絡人',
      '通報窗口',
      '情資及計畫組',
      '應變執行組',
      '資通安全長',
      '資訊局審核人員',
      '數位發展部資通安全署',
      '委外廠商',
    ]);
    const contact = rows[3];
    expect(contact).toHaveTextContent('王大明（資通安全專責人員）、李小華（通報窗口代理人）');
    expect(within(contact).getByRole('cell', { name: '2' })).toBeInTheDocument();
    expect(rows[7]).toHaveTextContent('由演練主持人扮演');

    const same = screen.getByRole('link', { name: '開啟通報窗口工作台' });
    expect(same).toHaveAttribute('href', '#/drill/d-1/desk/reporting-contact');
    expect(same).not.toHaveAttribute('target');
    const other = screen.getByRole('link', { name: '在新視窗開啟通報窗口工作台' });
    expect(other).toHaveAttribute('href', '#/drill/d-1/desk/reporting-contact');
    expect(other).toHaveAttribute('target', '_blank');
    expect(other).toHaveAttribute('rel', 'noopener');
  });
});
