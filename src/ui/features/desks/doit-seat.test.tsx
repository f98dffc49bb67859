/**
 * DoIT's reviewer seat (issue 12, P15, P16): the reviewer reads each received report in full, a
 * scripted review arrives as their task when someone holds the seat, and what they ask the agency
 * for reaches the reporting contact.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createDrillSession } from '@/engine/drill/drill-session';
import type { ScheduledInject } from '@/engine/drill/inject';
import type { DrillEvent } from '@/engine/record/schema';
import { i18n } from '@/ui/i18n';
import { AGENCY, PEOPLE, SCENARIO, T0_MS, engineDispatch, snapshotOf, startedSession } from './desk-test-utils';
import { DeskView } from './desk-view';

const MIN = 60_000;
const RC = { role: 'reporting-contact' as const, name: '王大明' };

const FULL_REPORT = {
  level: 2,
  description: '檔案伺服器遭加密，勒索訊息要求比特幣',
  scope: '社福系統 3 台主機',
  category: 'intrusion',
  symptom: 'malware-planted',
  impact: {
    c: { level: null, affected: false },
    i: { level: 2, affected: true, basis: '資料遭加密' },
    a: { level: 2, affected: true, basis: '服務中斷 4 小時' },
  },
  support: { needed: true, what: '鑑識人員' },
};

describe('DoIT reviewer seat', () => {
  it('reads a received report in full: description, scope, C/I/A impact and measures', async () => {
    const session = startedSession(16);
    session.dispatch({ type: 'report.submitted', actor: RC, data: FULL_REPORT });
    session.dispatch({ type: 'level.change.requested', actor: RC, data: { from: 2, to: 3, findings: '發現境外連線', steps: '已隔離主機並更換密碼' } });
    render(
      <I18nextProvider i18n={i18n}>
        <DeskView
          role="doit-reviewer"
          agency={AGENCY}
          scenario={SCENARIO}
          participants={PEOPLE}
          events={session.events() as DrillEvent[]}
          snapshot={snapshotOf(session)}
          clock={{ simNowMs: session.now(), running: false }}
          dispatch={engineDispatch(session)}
          guidance="assessment"
        />
      </I18nextProvider>,
    );
    const table = screen.getByRole('table');
    const [change, filed] = within(table).getAllByRole('group');
    await userEvent.click(within(filed).getByText('閱讀全文'));
    expect(within(filed).getByText('檔案伺服器遭加密，勒索訊息要求比特幣')).toBeVisible();
    expect(within(filed).getByText('社福系統 3 台主機')).toBeVisible();
    expect(within(filed).getByText('機密性：未受影響；完整性：第2級（依據：資料遭加密）；可用性：第2級（依據：服務中斷 4 小時）')).toBeVisible();
    expect(within(filed).getByText('鑑識人員')).toBeVisible();
    await userEvent.click(within(change).getByText('閱讀全文'));
    expect(within(change).getByText('已隔離主機並更換密碼')).toBeVisible();
    // Assessment: the reviewer's level is theirs to state.
    expect(screen.getByRole('combobox', { name: '審核後等級' })).toHaveValue('');
  });

  it('a scripted review is a task on the held seat’s desk; recorded in the reviewer’s name only when they act', async () => {
    const people = [...PEOPLE, { name: '資訊局林審核', position: 'staff' as const, roles: ['doit-reviewer' as const] }];
    const review: ScheduledInject = {
      id: 'doit-review',
      offsetMs: 110 * MIN,
      title: { zh: '資訊局審核等級', en: 'DoIT reviews the level' },
      message: { zh: '資訊局完成審核，{{reviewOutcome}}。', en: 'DoIT {{reviewOutcome}}.' },
      sender: 'doit',
      to: 'reporting-contact',
      channel: 'reporting-website',
      expected: [],
      world: [{ kind: 'level.review', level: 3 }],
    };
    const session = createDrillSession({
      header: { agency: AGENCY, scenario: SCENARIO, participants: people.map((p) => ({ ...p, roles: [...p.roles] })), mode: 'tabletop' },
      injects: [review],
      t0Ms: T0_MS,
    });
    session.start();
    session.pause();
    session.dispatch({ type: 'report.submitted', actor: RC, data: FULL_REPORT });
    session.jumpBy(2 * 60 * MIN);
    expect(session.events().some((e) => e.type === 'level.reviewed')).toBe(false);
    const view = () => (
      <I18nextProvider i18n={i18n}>
        <DeskView
          role="doit-reviewer"
          agency={AGENCY}
          scenario={SCENARIO}
          participants={people}
          events={session.events() as DrillEvent[]}
          snapshot={snapshotOf(session)}
          clock={{ simNowMs: session.now(), running: false }}
          dispatch={engineDispatch(session)}
          guidance="assessment"
        />
      </I18nextProvider>
    );
    const { rerender } = render(view());
    const task = screen.getByRole('article', { name: '資訊局審核等級' });
    expect(within(task).getByText('審核任務')).toBeInTheDocument();
    expect(within(task).getByText(/審核事件等級並說明依據/)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '我是' }), '資訊局林審核');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '審核後等級' }), '第3級');
    await userEvent.type(screen.getByRole('textbox', { name: '審核依據' }), '境外連線');
    await userEvent.click(screen.getByRole('button', { name: '送出審核結果' }));
    rerender(view());
    expect(session.events().at(-1)).toMatchObject({ type: 'level.reviewed', actor: { role: 'doit-reviewer', name: '資訊局林審核' }, data: { level: 3, basis: '境外連線' } });
  });

  it('what DoIT asks for (P16) reaches the reporting contact’s desk', () => {
    const session = startedSession(16);
    session.dispatch({ type: 'ui.data.requested', actor: { role: 'doit-reviewer' }, data: { by: 'doit', what: '防火牆近 7 日紀錄' } });
    render(
      <I18nextProvider i18n={i18n}>
        <DeskView
          role="reporting-contact"
          agency={AGENCY}
          scenario={SCENARIO}
          participants={PEOPLE}
          events={session.events() as DrillEvent[]}
          snapshot={snapshotOf(session)}
          clock={{ simNowMs: session.now(), running: false }}
          dispatch={engineDispatch(session)}
        />
      </I18nextProvider>,
    );
    const box = screen.getByRole('region', { name: '資訊局的資料需求（第十六點）' });
    expect(within(box).getByText(/資訊局請提供：防火牆近 7 日紀錄/)).toBeInTheDocument();
  });
});
