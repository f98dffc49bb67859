/**
 * The annual drill's desks (issue 12): assessment mode gives no hints and fills in nothing; who is
 * acting is remembered per desk; optional times are left out when empty; the team form offers the
 * agency's people only and counts people.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeEvent } from '@/engine/report/event-text';
import { i18n } from '@/ui/i18n';
import { recordingDispatch, renderDesk, startedSession } from './desk-test-utils';

afterEach(async () => {
  await act(() => i18n.changeLanguage('zh-TW'));
});
beforeEach(() => sessionStorage.clear());

const openForm = async (name: RegExp | string) => {
  const forms = screen.getByRole('heading', { name: '本角色的表單與管道' }).closest('section')!;
  await userEvent.click(within(forms).getByRole('button', { name }));
};

describe('assessment mode', () => {
  it('says so on the desk and lists no obligations with point numbers', () => {
    renderDesk('reporting-contact', { guidance: 'assessment' });
    expect(screen.getByText('演練性質：評核模式')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '現在可做的事' })).toBeNull();
    expect(screen.queryByText('第十二點')).toBeNull();
  });

  it('shows no form guidance (the procedure’s how-to with its points)', async () => {
    renderDesk('response-execution', { guidance: 'assessment' });
    await openForm('損害控制及復原（第二十五點）');
    expect(screen.queryByText('第二十五點：先隔離，再依有無備援系統保存跡證及復原。')).toBeNull();
  });

  it('coaching mode keeps the list of what can be done now', () => {
    renderDesk('reporting-contact', { guidance: 'coaching' });
    expect(screen.getByText('演練性質：教練模式')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '現在可做的事' })).toBeInTheDocument();
  });

  it('during an outage the website only fails to load: no P11 quote, no "report by phone instead"', () => {
    renderDesk('reporting-contact', { session: startedSession(31), guidance: 'assessment' });
    expect(screen.getByRole('heading', { name: '無法連上這個網站' })).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByText(/第十一點/)).toBeNull();
    expect(screen.queryByRole('button', { name: '改以電話通報（第十一點）' })).toBeNull();
  });

  it('the phone report leaves the P11 reason and the level empty, so a report without a reason can be made (and scored)', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { session: startedSession(31), guidance: 'assessment', dispatch });
    await openForm('電話及公務雲(TaipeiON)聯繫');
    expect(screen.getByRole('textbox', { name: '無法上網填報的原因' })).toHaveValue('');
    expect(screen.getByRole('combobox', { name: '等級' })).toHaveValue('');
    expect(screen.queryByText(/第十一點/)).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '等級' }), '第3級');
    await userEvent.click(screen.getByRole('button', { name: '電話通報資安署' }));
    expect(calls.at(-1)).toMatchObject({ type: 'report.phoned', data: { to: 'acs', reason: '', level: 3 } });
  });

  it('the initial report leaves the awareness time for the participant to fill', () => {
    renderDesk('reporting-contact', { guidance: 'assessment' });
    expect(screen.getByLabelText('知悉時間')).toHaveValue('');
  });
});

describe('who is acting', () => {
  it('is remembered for each desk and survives a reload', async () => {
    renderDesk('reporting-contact', { identityKey: 'tdrill:d1:desk:reporting-contact:actor' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '我是' }), '李小華');
    cleanup();
    renderDesk('reporting-contact', { identityKey: 'tdrill:d1:desk:reporting-contact:actor' });
    expect(screen.getByRole('combobox', { name: '我是' })).toHaveValue('李小華');
    cleanup();
    // Another desk keeps its own choice.
    renderDesk('reporting-contact', { identityKey: 'tdrill:d2:desk:reporting-contact:actor' });
    expect(screen.getByRole('combobox', { name: '我是' })).toHaveValue('');
  });
});

describe('the engine’s answer sits next to the form that asked', () => {
  it('follows the active form, not the top of the card', async () => {
    const { dispatch } = recordingDispatch(() => ({ ok: false, reason: { code: 'x', zh: '不行', en: 'no' } }));
    renderDesk('reporting-contact', { dispatch });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '本次通報等級' }), '第3級');
    await userEvent.click(screen.getByRole('button', { name: '送出初報' }));
    const alert = await screen.findByRole('alert');
    const form = screen.getByRole('region', { name: '通報應變網站' });
    // The alert comes after the form in document order (under its submit button).
    expect(form.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('optional times', () => {
  it('are left out when empty, never stored as ""', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { dispatch, guidance: 'assessment' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '本次通報等級' }), '第3級');
    await userEvent.click(screen.getByRole('button', { name: '送出初報' }));
    expect(calls.at(-1)!.data).not.toHaveProperty('awareAt');
    expect(calls.at(-1)!.data).not.toHaveProperty('occurredAt');
    await openForm('結報');
    await userEvent.click(screen.getByRole('button', { name: '送出結報' }));
    expect(calls.at(-1)!.data).not.toHaveProperty('closedAt');
    await openForm('結報');
    fireEvent.change(screen.getByLabelText('結案時間'), { target: { value: '2026-03-20T10:00' } });
    await userEvent.click(screen.getByRole('button', { name: '送出結報' }));
    expect(calls.at(-1)!.data).toMatchObject({ closedAt: '2026-03-20T10:00:00+08:00' });
  });
});

describe('team form', () => {
  it('offers no facilitator or outside reviewer, and counts people rather than role rows', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('commander', { dispatch });
    const names = screen.getAllByRole('textbox', { name: /^姓名/ }).map((i) => (i as HTMLInputElement).value);
    expect(names).not.toContain('主持人甲');
    // 陳志明 holds two team roles: two rows, one person.
    expect(names.filter((n) => n === '陳志明')).toHaveLength(1);
    expect(screen.getByText(/^小組共 \d+ 人/)).toHaveTextContent('小組共 7 人（7 個角色）');
    await userEvent.click(within(screen.getByRole('region', { name: '組成通報應變小組' })).getByRole('button', { name: '成立通報應變小組' }));
    const members = calls.at(-1)!.data!.members as unknown[];
    expect(describeEvent({ type: 'team.formed', data: { members } }, 'zh-TW')).toContain('7 人');
    expect(describeEvent({ type: 'team.formed', data: { members: [...members, { role: 'press-contact', name: '陳志明', position: 'ciso' }] } }, 'zh-TW')).toContain('7 人');
  });
});

describe('before T0', () => {
  it('the agency’s desks can declare awareness, which the engine records with the scripted T0 beside it', async () => {
    const { createDrillSession } = await import('@/engine/drill/drill-session');
    const { AGENCY, SCENARIO, PEOPLE, INJECTS, T0_MS, engineDispatch } = await import('./desk-test-utils');
    const session = createDrillSession({
      header: { agency: AGENCY, scenario: SCENARIO, participants: PEOPLE.map((p) => ({ ...p, roles: [...p.roles] })), mode: 'tabletop' },
      injects: INJECTS,
      t0Ms: T0_MS,
      startMs: T0_MS - 30 * 60_000,
    });
    session.start();
    session.pause();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderDesk('reporting-contact', { session, dispatch: engineDispatch(session), guidance: 'assessment' });
    expect(screen.getByText('尚未知悉')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '我是' }), '王大明');
    await userEvent.click(screen.getByRole('button', { name: '宣告本機關已知悉此事件' }));
    expect(confirm).toHaveBeenCalled();
    const aware = session.events().find((e) => e.type === 'incident.aware');
    expect(aware).toMatchObject({ at: '2026-03-02T08:30:00+08:00', actor: { role: 'reporting-contact', name: '王大明' }, data: { declared: true, scriptedT0: '2026-03-02T09:00:00+08:00' } });
    expect(session.t0Ms).toBe(T0_MS - 30 * 60_000);
    confirm.mockRestore();
  });

  it('is not offered once the agency is aware, nor on an outside party’s desk', () => {
    renderDesk('reporting-contact');
    expect(screen.queryByRole('button', { name: '宣告本機關已知悉此事件' })).toBeNull();
  });
});
