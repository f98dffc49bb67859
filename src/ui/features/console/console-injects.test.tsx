/**
 * The console for the annual drill (issue 12): a skip is confirmed and can be undone until the
 * inject's moment; ad-hoc injects can be scheduled later with an expected action and keep a blank
 * English title blank; the scenario's planned speed and auto-pause are offered; the tab names the drill.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { disposeAllRuntimes } from '@/ui/drill-runtime';
import { storeTestDrill, testHeader } from '@/ui/drill-runtime/test-windows';
import { loadEvents } from '@/ui/persistence/drill-db';
import ConsolePage from './console-page';

afterEach(async () => {
  await disposeAllRuntimes();
  vi.restoreAllMocks();
});

async function openStarted(id: string) {
  await storeTestDrill(id, { ...testHeader(), planSpeed: 20 });
  await i18n.changeLanguage('zh-TW');
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={i18n}>
      <ConsolePage drillId={id} />
    </I18nextProvider>,
  );
  await user.click(await screen.findByRole('button', { name: '開始演練' }));
  await user.click(await screen.findByRole('button', { name: '❚❚ 暫停' }));
  return user;
}

const rowOf = (container: HTMLElement, title: string) =>
  within(container)
    .getAllByRole('rowheader')
    .find((h) => h.textContent?.startsWith(title))!
    .closest('tr')!;

describe('skipping an inject', () => {
  it('asks first; cancelled, nothing happens; confirmed, it can be undone while its moment is ahead', async () => {
    const user = await openStarted('c12-skip');
    const msel = screen.getByRole('region', { name: '演練腳本（MSEL）' });
    const skips = within(msel).getAllByRole('button', { name: /^略過：/ });
    const last = skips[skips.length - 1];
    const title = last.getAttribute('aria-label')!.replace('略過：', '');

    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await user.click(last);
    expect(confirm).toHaveBeenCalledWith(`確定略過「${title}」？在其預定時間之前仍可復原。`);
    expect(within(rowOf(msel, title)).getByText('待發布')).toBeInTheDocument();

    confirm.mockReturnValue(true);
    await user.click(within(rowOf(msel, title)).getByRole('button', { name: `略過：${title}` }));
    await waitFor(() => expect(within(rowOf(msel, title)).getByText('已略過')).toBeInTheDocument());
    await user.click(within(rowOf(msel, title)).getByRole('button', { name: `復原略過：${title}` }));
    await waitFor(() => expect(within(rowOf(msel, title)).getByText('待發布')).toBeInTheDocument());
    const types = (await loadEvents('c12-skip')).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['inject.skipped', 'inject.unskipped']));
  });
});

describe('ad-hoc injects', () => {
  it('can be scheduled for later with an expected action, and a blank English title stays blank', async () => {
    const user = await openStarted('c12-adhoc');
    const msel = screen.getByRole('region', { name: '演練腳本（MSEL）' });
    await user.click(within(msel).getByRole('button', { name: '撰寫臨時情境指令' }));
    await user.selectOptions(screen.getByRole('combobox', { name: '發送對象' }), 'commander');
    // Pasted, not typed key by key: typing is not what this checks, and each key re-renders the console.
    await user.click(screen.getByRole('textbox', { name: '標題（中文）' }));
    await user.paste('市長室來電');
    await user.click(screen.getByRole('textbox', { name: '內容（中文）' }));
    await user.paste('市長室詢問是否對外說明。');
    // T0 of ransomware-core is 2026-03-09 08:40; deliver at 10:00.
    const when = screen.getByLabelText('發布時間（空白＝立即）');
    await user.clear(when);
    await user.click(when);
    await user.paste('2026-03-09T10:00');
    await user.selectOptions(screen.getByRole('combobox', { name: '預期動作（檢討用，可不選）' }), 'announcement.decided');
    await user.click(screen.getByRole('button', { name: '發布' }));
    await waitFor(() => expect(within(msel).getByRole('rowheader', { name: /市長室來電/ })).toBeInTheDocument());
    expect(within(rowOf(msel, '市長室來電')).getByText('待發布')).toBeInTheDocument();
    const composed = (await loadEvents('c12-adhoc')).find((e) => e.type === 'inject.composed')!;
    expect(composed.data?.inject).toMatchObject({
      offsetMs: 80 * 60_000,
      title: { zh: '市長室來電', en: '' },
      expected: [{ type: 'announcement.decided', role: 'commander' }],
    });
  });
});

describe('clock', () => {
  it('offers the scenario’s planned speed and auto-pause, and the tab names the console and the drill', async () => {
    const user = await openStarted('c12-clock');
    const speeds = screen.getByRole('radiogroup', { name: '倍速' });
    await user.click(within(speeds).getByRole('radio', { name: '20×（情境建議）' }));
    await waitFor(() => expect(within(speeds).getByRole('radio', { name: '20×（情境建議）' })).toBeChecked());

    const auto = screen.getByRole('group', { name: '自動暫停' });
    await user.click(within(auto).getByRole('checkbox', { name: '情境指令到時' }));
    await waitFor(() => expect(within(auto).getByRole('checkbox', { name: '情境指令到時' })).toBeChecked());
    expect(within(auto).getByRole('checkbox', { name: '期限屆至' })).not.toBeChecked();
    await waitFor(() => expect(document.title).toBe('主持人控制台 · 測試演練 c12-clock · 資安演練模擬器'));
  });
});
