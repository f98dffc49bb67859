import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/ui/i18n';
import { DESK_ROLES } from '@/engine/record/vocabulary';
import { PEOPLE, engineDispatch, recordingDispatch, renderDesk, startedSession } from './desk-test-utils';

// Free text is pasted, not typed key by key: typing is not what these tests check, and each key
// re-rendered the whole page, which made them slow on a busy machine (issue 14).

afterEach(async () => {
  await act(() => i18n.changeLanguage('zh-TW'));
});

/** Opens a form or channel from the desk's form list (not the engine's what-now list). */
const openForm = async (name: RegExp | string) => {
  const forms = screen.getByRole('heading', { name: '本角色的表單與管道' }).closest('section')!;
  await userEvent.click(within(forms).getByRole('button', { name }));
};
/** The form on screen, by its name. */
const activeForm = (name: string) => screen.getByRole('region', { name });

describe('every role has a desk', () => {
  it.each(DESK_ROLES)('%s: heading, clock, inbox, what-now and its forms', (role) => {
    renderDesk(role);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('工作台');
    expect(screen.getByRole('heading', { name: /收件匣/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '現在可做的事' })).toBeInTheDocument();
    const clock = screen.getAllByRole('definition');
    expect(clock.map((d) => d.textContent)).toEqual(['2026-03-02 09:12:00已暫停', 'T+00:12:00']);
  });
});

describe('reporting contact desk', () => {
  it('lists the injects delivered to the role, newest first, with sender, channel and an unread marker', async () => {
    renderDesk('reporting-contact');
    const inbox = screen.getByRole('list', { name: '收件匣' });
    const items = within(inbox).getAllByRole('article');
    expect(items.map((a) => a.getAttribute('aria-label'))).toEqual(['廠商回報加密情形', '資安監控中心來電']);
    expect(within(items[0]).getByText('寄件者：維護廠商甲公司')).toBeInTheDocument();
    expect(within(items[0]).getByText('管道：電子郵件')).toBeInTheDocument();
    expect(within(items[1]).getByText('寄件者：資安監控中心')).toBeInTheDocument();
    expect(within(items[1]).getByText('資安監控中心來電：詳細內容')).toBeInTheDocument();
    // DoIT's inject is not in this inbox.
    expect(within(inbox).queryByText('資訊局收到通報')).toBeNull();
    expect(within(inbox).getAllByText('未讀')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: '全部標為已讀' }));
    expect(within(inbox).queryByText('未讀')).toBeNull();
  });

  it('the acting-person picker lists only the holders of the role', () => {
    renderDesk('reporting-contact');
    const picker = screen.getByRole('combobox', { name: '我是' });
    const options = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['請選擇您的身分', '王大明（資通安全專責人員）', '李小華（通報窗口代理人）']);
  });

  it('files the initial report with the wizard, letting the person report a different level than the wizard suggests', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { dispatch });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '我是' }), '王大明');
    // The website is the reporting contact's first channel.
    expect(screen.getByRole('heading', { name: '初報' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('textbox', { name: '通報人電話' }));
    await userEvent.paste('02-2720-8889');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '事件分類' }), '阻斷服務');
    expect(within(screen.getByRole('combobox', { name: '事件現象' })).getAllByRole('option').map((o) => o.textContent)).toEqual(['服務中斷', '效能降低']);
    await userEvent.click(screen.getByRole('textbox', { name: '事件說明' }));
    await userEvent.paste('檔案伺服器遭加密');
    await userEvent.click(screen.getByRole('radio', { name: '有影響' }));

    const wizard = screen.getByRole('region', { name: /等級判斷精靈/ });
    await userEvent.click(within(wizard).getAllByRole('checkbox', { name: '受影響' })[2]);
    await userEvent.selectOptions(within(wizard).getByRole('combobox', { name: /可用性.*資通系統/ }), 'core');
    // Nothing is ticked in advance: "restored within tolerable downtime" is the person's to tick.
    expect(within(wizard).getByRole('checkbox', { name: '於可容忍中斷時間內恢復正常運作' })).not.toBeChecked();
    expect(within(wizard).getByText('精靈判斷：第3級')).toBeInTheDocument();
    expect(within(wizard).getByText('第3級：核心資通系統(非關鍵基礎設施)運作受影響或停頓，無法於可容忍中斷時間內恢復正常運作')).toBeInTheDocument();

    const overall = screen.getByRole('combobox', { name: '本次通報等級' });
    expect(overall).toHaveValue('3');
    await userEvent.selectOptions(overall, '第2級');
    expect(screen.getByText('通報等級與精靈建議不同。')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '送出初報' }));

    expect(calls).toHaveLength(1);
    const [cmd] = calls;
    expect(cmd.type).toBe('report.submitted');
    expect(cmd.actor).toEqual({ role: 'reporting-contact', name: '王大明' });
    expect(cmd.data).toMatchObject({
      level: 2,
      wizardLevel: 3,
      agency: '臺北市政府測試局',
      filedAt: '2026-03-02 09:12:00',
      reporter: { name: '王大明', phone: '02-2720-8889' },
      category: 'dos',
      symptom: 'service-down',
      description: '檔案伺服器遭加密',
      othersAffected: 'yes',
      impact: { a: { level: 3, affected: true, system: 'core', restoredWithinTolerable: false } },
      // Prefilled from the log's moment of awareness (T0).
      awareAt: '2026-03-02T09:00:00+08:00',
    });
    expect(await screen.findByText(/^已記錄：於通報應變網站通報：第2級/)).toHaveAttribute('role', 'status');
  });

  it('prefills the awareness time with T0 but lets the person report another (a later awareness time is theirs to get wrong)', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { dispatch });
    const aware = screen.getByLabelText('知悉時間');
    expect(aware).toHaveValue('2026-03-02T09:00');
    expect(aware).toHaveAccessibleDescription('已依紀錄預填知悉時間（T0），如有不同請修改。');
    fireEvent.change(aware, { target: { value: '2026-03-02T09:30' } });
    expect(aware).toHaveValue('2026-03-02T09:30');
    expect(screen.queryByText('已依紀錄預填知悉時間（T0），如有不同請修改。')).toBeNull();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '本次通報等級' }), '第3級');
    await userEvent.click(screen.getByRole('button', { name: '送出初報' }));
    expect(calls[0].data).toMatchObject({ level: 3, awareAt: '2026-03-02T09:30:00+08:00', filedAt: '2026-03-02 09:12:00' });
  });

  it('shows the engine refusal as an alert', async () => {
    const { dispatch } = recordingDispatch(() => ({ ok: false, reason: { code: 'role-not-held', zh: '「陳志明」未擔任通報窗口', en: '"陳志明" does not hold the role reporting-contact' } }));
    renderDesk('reporting-contact', { dispatch });
    await openForm('電話及公務雲(TaipeiON)聯繫');
    await userEvent.click(screen.getByRole('button', { name: '電話通知資訊局' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('未能記錄：「陳志明」未擔任通報窗口');
  });

  it('through the real engine: acting before choosing who you are is refused with the engine’s reason', async () => {
    const session = startedSession();
    renderDesk('reporting-contact', { session, dispatch: engineDispatch(session) });
    await openForm('電話及公務雲(TaipeiON)聯繫');
    await userEvent.click(screen.getByRole('button', { name: '電話通知資訊局' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('請先選擇操作者姓名');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '我是' }), '李小華');
    await userEvent.click(screen.getByRole('button', { name: '電話通知資訊局' }));
    expect(await screen.findByText(/^已記錄：電話通報資訊局/)).toHaveAttribute('role', 'status');
    expect(session.events().at(-1)).toMatchObject({ type: 'doit.phoned', actor: { role: 'reporting-contact', name: '李小華' } });
  });

  it('during a network outage the website fails to load and points to the phone report (P11), which records report.phoned', async () => {
    const session = startedSession(31);
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { session, dispatch });
    expect(screen.getByText('網路中斷中：通報應變網站無法連線。')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '無法連上這個網站' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('作業程序第十一點');
    expect(screen.queryByRole('button', { name: '送出初報' })).toBeNull();
    // The engine marks website filing impossible now, with its reason.
    expect(screen.getAllByText(/目前無法：.*無法連上通報應變網站/).length).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole('button', { name: '改以電話通報（第十一點）' }));
    expect(screen.getByRole('heading', { name: '數位發展部資通安全署（電話通報）' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '無法上網填報的原因' })).toHaveValue('網路中斷，無法上網填報');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '等級' }), '第3級');
    await userEvent.click(screen.getByRole('button', { name: '電話通報資安署' }));
    expect(calls.at(-1)).toMatchObject({ type: 'report.phoned', data: { to: 'acs', reason: '網路中斷，無法上網填報', level: 3 } });
  });

  it('notifies agencies by phone, TaipeiON or e-mail (e-mail is a real choice), and a free entry', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { dispatch });
    await openForm('電話及公務雲(TaipeiON)聯繫');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '聯繫方式（臺北市政府警察局）' }), '電子郵件');
    await userEvent.click(screen.getByRole('button', { name: '通知臺北市政府警察局' }));
    expect(calls.at(-1)).toMatchObject({ type: 'agency.notified', data: { agency: '臺北市政府警察局', channel: 'email' } });

    await userEvent.click(screen.getByRole('textbox', { name: '其他機關名稱' }));
    await userEvent.paste('臺北市政府環境保護局');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '聯繫方式' }), '公務雲(TaipeiON)');
    await userEvent.click(screen.getByRole('button', { name: '通知此機關' }));
    expect(calls.at(-1)).toMatchObject({ type: 'agency.notified', data: { agency: '臺北市政府環境保護局', channel: 'taipeion' } });
  });

  it('follow-up with a level change records level.change.requested from the level in force', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { dispatch });
    await openForm('續報及等級變更');
    await userEvent.click(screen.getByRole('checkbox', { name: '申請變更等級' }));
    // "From" is the level in force, shown, not chosen.
    expect(screen.queryByRole('combobox', { name: '原等級' })).toBeNull();
    expect(screen.getByText('原等級：').querySelector('output')).toHaveTextContent('第3級');
    // A "change" to the level in force is no change: said so, and nothing is sent.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '變更為' }), '第3級');
    expect(screen.getByText('變更後的等級與目前等級相同，不是等級變更。')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '送出續報' }));
    expect(calls).toHaveLength(0);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '變更為' }), '第4級');
    await userEvent.click(screen.getByRole('button', { name: '送出續報' }));
    expect(calls.at(-1)).toMatchObject({ type: 'level.change.requested', data: { from: 3, to: 4 } });
  });

  it('closure report fields go into closure.submitted', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('reporting-contact', { dispatch });
    await openForm('結報');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '事件根因' }), '弱密碼');
    await userEvent.type(screen.getByRole('textbox', { name: '處理人員' }), '王大明');
    await userEvent.click(screen.getByRole('button', { name: '送出結報' }));
    expect(calls.at(-1)).toMatchObject({ type: 'closure.submitted', data: { rootCause: 'weak-password', handler: '王大明' } });
  });

  it('lists what the engine says the role can do now, and opens the matching form', async () => {
    renderDesk('reporting-contact');
    const now = screen.getByRole('heading', { name: '現在可做的事' }).closest('section')!;
    // Citations as the procedure says them in zh-TW.
    expect(within(within(now).getByRole('button', { name: '通知受影響機關' }).closest('li')!).getByText('第十二點')).toBeInTheDocument();
    await userEvent.click(within(now).getByRole('button', { name: '通知受影響機關' }));
    expect(screen.getByRole('heading', { name: '通知其他機關（第十二點）' })).toBeInTheDocument();
  });
});

describe('intel & planning desk', () => {
  it('offers Virus Check, the forensic exchange area and the public platforms as real choices', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('intel-planning', { dispatch });
    await userEvent.click(screen.getByRole('textbox', { name: '送交內容' }));
    await userEvent.paste('locker.exe');
    for (const site of ['鑑識採證檔案交換區', 'Virus Check (viruscheck.tw)', 'VirusTotal', 'Hybrid Analysis', 'ANY.RUN']) {
      expect(screen.getByRole('button', { name: `上傳至${site}` })).toBeEnabled();
    }
    await userEvent.click(screen.getByRole('button', { name: '上傳至VirusTotal' }));
    expect(calls.at(-1)).toMatchObject({ type: 'evidence.submitted', actor: { role: 'intel-planning', name: '林美玲' }, data: { destination: 'virustotal', what: 'locker.exe' } });
  });

  it('records the root cause and the improvement plan', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('intel-planning', { dispatch });
    await openForm('事件根因分析');
    await userEvent.click(screen.getByRole('radio', { name: '外部專家' }));
    await userEvent.click(screen.getByRole('checkbox', { name: '含惡意程式分析' }));
    await userEvent.click(screen.getByRole('button', { name: '記錄根因分析' }));
    expect(calls.at(-1)).toMatchObject({ type: 'rootcause.completed', data: { by: 'external-expert', malwareAnalysis: true } });

    await openForm('短中長期改善策略');
    await userEvent.click(screen.getByRole('textbox', { name: '短期第 1 項 · 改善項目' }));
    await userEvent.paste('全面更換密碼');
    await userEvent.click(screen.getByRole('textbox', { name: '中期第 1 項 · 改善項目' }));
    await userEvent.paste('導入多因子驗證');
    await userEvent.clear(screen.getByRole('spinbutton', { name: '中期第 1 項 · 完成月數' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: '中期第 1 項 · 完成月數' }), '9');
    await userEvent.click(screen.getByRole('button', { name: '記錄改善策略' }));
    expect(calls.at(-1)).toMatchObject({
      type: 'improvement.planned',
      data: { short: [{ item: '全面更換密碼', dueMonths: 1 }], medium: [{ item: '導入多因子驗證', dueMonths: 9 }], long: [] },
    });
  });
});

describe('response execution desk', () => {
  it('records P25 steps in any order (rebuild before imaging, not on clean media) and recovery without registering', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('response-execution', { dispatch });
    expect(screen.getByRole('heading', { name: '損害控制及復原（第二十五點）' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: '使用乾淨媒體重建' }));
    await userEvent.click(screen.getByRole('button', { name: '記錄重建' }));
    await userEvent.click(screen.getByRole('button', { name: '記錄映像' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '隔離方式' }), '限制權限');
    await userEvent.click(screen.getByRole('button', { name: '記錄隔離' }));
    await userEvent.click(screen.getByRole('button', { name: '記錄復原完成（未上網登錄）' }));
    expect(calls.map((c) => [c.type, c.data])).toEqual([
      ['system.rebuilt', { cleanMedia: false }],
      ['media.imaged', { what: 'disk' }],
      ['action.isolated', { method: 'restrict-privileges' }],
      ['recovery.completed', { registeredOnWebsite: false }],
    ]);
  });

  it('registers recovery on the website and reports effectiveness to the chosen recipients', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('response-execution', { dispatch });
    await openForm('通報應變網站');
    await openForm('復原登錄');
    await userEvent.click(screen.getByRole('button', { name: '登錄復原完成' }));
    expect(calls.at(-1)).toMatchObject({ type: 'recovery.completed', data: { registeredOnWebsite: true, recoveryStatus: 'recovered' } });
    await openForm('控制措施成效回報');
    await userEvent.click(screen.getByRole('checkbox', { name: '事件指揮官' }));
    await userEvent.click(screen.getByRole('checkbox', { name: '資訊局' }));
    await userEvent.click(screen.getByRole('button', { name: '回報成效' }));
    expect(calls.at(-1)).toMatchObject({ type: 'effectiveness.reported', data: { to: ['commander', 'doit'] } });
  });
});

describe('commander desk', () => {
  it('forms the team with the engine’s live Att.3 check, and a vendor can be made reporting contact (the check says so)', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('commander', { dispatch });
    const check = screen.getByRole('region', { name: '附件三檢核' });
    expect(within(check).getByText('符合附件三。')).toBeInTheDocument();

    // 趙廠商 (vendor staff) is listed unticked; tick him and make him the reporting contact, ahead of the others.
    const rows = screen.getAllByRole('row');
    const vendorRow = rows.find((r) => within(r).queryByDisplayValue('趙廠商'))!;
    await userEvent.click(within(vendorRow).getByRole('checkbox', { name: /納入/ }));
    await userEvent.selectOptions(within(vendorRow).getByRole('combobox', { name: /小組角色/ }), '通報窗口');
    // Untick the real reporting contacts so the vendor leads the role.
    for (const name of ['王大明', '李小華']) {
      const row = rows.find((r) => within(r).queryByDisplayValue(name))!;
      await userEvent.click(within(row).getByRole('checkbox', { name: /納入/ }));
    }
    expect(within(check).getByText(/通報窗口由委外廠商人員擔任/)).toBeInTheDocument();
    await userEvent.click(within(activeForm('組成通報應變小組')).getByRole('button', { name: '成立通報應變小組' }));
    const members = (calls.at(-1)!.data as { members: { name: string; role: string; vendor?: boolean }[] }).members;
    expect(calls.at(-1)!.type).toBe('team.formed');
    expect(members).toContainEqual({ role: 'reporting-contact', name: '趙廠商', position: 'vendor', vendor: true });
    expect(members.map((m) => m.name)).not.toContain('王大明');
  });

  it('holds a meeting without the scope topic (a mistake the desk allows)', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('commander', { dispatch });
    await openForm('會議紀錄');
    await userEvent.click(screen.getByRole('checkbox', { name: '事件概況' }));
    await userEvent.click(screen.getByRole('checkbox', { name: '資訊局' }));
    await userEvent.click(screen.getByRole('textbox', { name: '會議紀錄' }));
    await userEvent.paste('決議先隔離');
    await userEvent.click(screen.getByRole('button', { name: '記錄會議' }));
    expect(calls.at(-1)).toMatchObject({ type: 'meeting.held', data: { chair: 'commander', topics: ['overview'], invited: ['doit'], minutes: '決議先隔離' } });
  });

  it('can open any team form from its own desk (the engine decides what is impossible)', async () => {
    renderDesk('commander');
    const others = screen.getByRole('group', { name: '其他表單' });
    expect(within(others).getByRole('button', { name: '通報應變網站' })).toBeInTheDocument();
    expect(within(others).queryByRole('button', { name: '資訊局等級審核' })).toBeNull();
  });
});

describe('CISO desk', () => {
  it('approves the level (as CISO or someone authorised) and signs off the records', async () => {
    const session = startedSession();
    session.dispatch({ type: 'level.assessed', actor: { role: 'reporting-contact', name: '王大明' }, data: { level: 3 } });
    const { dispatch, calls } = recordingDispatch();
    renderDesk('ciso', { session, dispatch });
    expect(screen.getByText('第3級（03-02 09:12、王大明）')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '核可等級' })).toHaveValue('3');
    await userEvent.click(screen.getByRole('radio', { name: '資通安全長授權人員' }));
    await userEvent.click(screen.getByRole('button', { name: '核可' }));
    expect(calls.at(-1)).toMatchObject({ type: 'level.approved', actor: { role: 'ciso', name: '陳志明' }, data: { level: 3, by: 'authorized' } });
    await openForm('紀錄簽核');
    await userEvent.click(screen.getByRole('button', { name: '簽核紀錄' }));
    expect(calls.at(-1)).toMatchObject({ type: 'records.signed', data: { by: ['ciso'] } });
  });
});

describe('DoIT review desk', () => {
  it('lists incoming reports from the log, reviews the level with its basis and asks for data (P16)', async () => {
    const session = startedSession(16);
    session.dispatch({ type: 'report.submitted', actor: { role: 'reporting-contact', name: '王大明' }, data: { level: 2 } });
    const { dispatch, calls } = recordingDispatch();
    renderDesk('doit-reviewer', { session, dispatch });
    expect(screen.getByText('演練主持人（扮演此角色）', { exact: false })).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getByText('網站通報')).toBeInTheDocument();
    expect(within(table).getByText('第2級')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: '資訊局收到通報' })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: '審核後等級' }), '第3級');
    await userEvent.click(screen.getByRole('textbox', { name: '審核依據' }));
    await userEvent.paste('核心系統無法於可容忍中斷時間內恢復');
    await userEvent.click(screen.getByRole('button', { name: '送出審核結果' }));
    expect(calls.at(-1)).toMatchObject({ type: 'level.reviewed', actor: { role: 'doit-reviewer' }, data: { level: 3, basis: '核心系統無法於可容忍中斷時間內恢復' } });
    expect(calls.at(-1)!.actor.name).toBeUndefined();

    await userEvent.click(screen.getByRole('button', { name: '列管此事件' }));
    expect(calls.at(-1)).toMatchObject({ type: 'incident.designated', data: { by: 'doit' } });

    await userEvent.click(screen.getByRole('textbox', { name: '需要的資料' }));
    await userEvent.paste('受影響主機清單');
    await userEvent.click(screen.getByRole('button', { name: '送出資料需求' }));
    expect(calls.at(-1)).toMatchObject({ type: 'ui.data.requested', data: { by: 'doit', what: '受影響主機清單' } });
  });
});

describe('press contact desk', () => {
  it('records a public statement; the announcement decision (the commander’s, P22(2)) is not among its tasks, and if taken anyway is recorded as the press contact’s', async () => {
    const { dispatch, calls } = recordingDispatch();
    renderDesk('press-contact', { dispatch });
    const own = screen.getByRole('group', { name: '本角色的表單與管道' });
    expect(within(own).queryByRole('button', { name: '對外公告決定' })).toBeNull();
    await userEvent.click(screen.getByRole('textbox', { name: '說明內容' }));
    await userEvent.paste('本局系統異常，正全力搶修');
    await userEvent.click(screen.getByRole('button', { name: '記錄對外說明' }));
    expect(calls.at(-1)).toMatchObject({ type: 'ui.press.statement', data: { text: '本局系統異常，正全力搶修', channel: 'news' } });
    await openForm('對外公告決定');
    await userEvent.click(screen.getByRole('radio', { name: '不對外公告' }));
    await userEvent.click(screen.getByRole('button', { name: '記錄公告決定' }));
    expect(calls.at(-1)).toMatchObject({ type: 'announcement.decided', actor: { role: 'press-contact', name: '黃新聞' }, data: { public: false } });
  });
});

describe('English', () => {
  it('shows the desk in English with the procedure’s terms', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderDesk('reporting-contact');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Reporting Contact desk');
    expect(screen.getByText('通報窗口')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'SOC calls' })).toHaveTextContent('SOC calls: details');
    expect(screen.getByRole('heading', { name: 'Initial report' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'I am' })).toBeInTheDocument();
  });
});

it('people in the fixture hold the roles the tests assume', () => {
  expect(PEOPLE.filter((p) => p.roles.includes('reporting-contact')).map((p) => p.name)).toEqual(['王大明', '李小華']);
});
