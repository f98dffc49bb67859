import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { disposeAllRuntimes } from '@/ui/drill-runtime';
import { storeTestDrill } from '@/ui/drill-runtime/test-windows';
import { loadEvents } from '@/ui/persistence/drill-db';
import ConsolePage from './console-page';

// Each opened drill parses its scenario again (the runtime's session host): once per file is enough
// here, as that parsing made these tests slow on a busy machine (issue 14).
vi.mock('@/engine/scenario/parse', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/engine/scenario/parse')>();
  const { parseOnce } = await import('../../../../test/parse-once');
  return { ...real, parseScenario: parseOnce(real.parseScenario) };
});

// Free text is pasted, not typed key by key: typing is not what these tests check, and each key
// re-rendered the whole page, which made them slow on a busy machine (issue 14).

afterEach(async () => {
  await disposeAllRuntimes();
  vi.restoreAllMocks();
});

async function openConsole(id: string, language: 'zh-TW' | 'en' = 'zh-TW') {
  await storeTestDrill(id);
  await i18n.changeLanguage(language);
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={i18n}>
      <ConsolePage drillId={id} />
    </I18nextProvider>,
  );
  await screen.findByRole('heading', { name: /主持人控制台|Facilitator console/ });
  return user;
}

const since = () => screen.getByTestId('since').textContent;
const rowOf = (container: HTMLElement, title: string) =>
  within(container)
    .getAllByRole('rowheader')
    .find((h) => h.textContent?.startsWith(title))!
    .closest('tr')!;

describe('facilitator console', () => {
  it('starts the drill, then pauses, changes speed and jumps through the runtime', async () => {
    const user = await openConsole('console-clock');
    expect(screen.getByRole('button', { name: '▶ 繼續' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '開始演練' }));
    // Started: the clock runs from T0 (this test drill's clock starts there).
    await screen.findByRole('button', { name: '❚❚ 暫停' });
    expect(since()).toMatch(/^T\+00:00:/);
    await user.click(screen.getByRole('button', { name: '❚❚ 暫停' }));
    await screen.findByText('已暫停');

    const speeds = screen.getByRole('radiogroup', { name: '倍速' });
    await user.click(within(speeds).getByRole('radio', { name: '3600×' }));
    await waitFor(() => expect(within(speeds).getByRole('radio', { name: '3600×' })).toBeChecked());

    const before = since();
    await user.click(screen.getByRole('button', { name: '+1 小時' }));
    await waitFor(() => expect(since()).not.toBe(before));
    expect(since()).toMatch(/^T\+01:00:/);
    await user.click(screen.getByRole('button', { name: '+15 分鐘' }));
    await waitFor(() => expect(since()).toMatch(/^T\+01:15:/));

    const stored = await loadEvents('console-clock');
    expect(stored.map((e) => e.type)).toEqual(expect.arrayContaining(['drill.started', 'incident.aware', 'inject.delivered']));
  });

  it('shows the deadline board from the engine: the report hour counts down, then is overdue in words', async () => {
    const user = await openConsole('console-board');
    await user.click(screen.getByRole('button', { name: '開始演練' }));
    await user.click(await screen.findByRole('button', { name: '❚❚ 暫停' }));
    await user.click(screen.getByRole('button', { name: '+15 分鐘' }));
    const row = () => screen.getByRole('rowheader', { name: '一小時內完成通報' }).closest('tr')!;
    await waitFor(() => expect(within(row()).getByText('未屆期限')).toBeInTheDocument());
    expect(within(row()).getByText(/^剩 00:4[45]:\d\d$/)).toBeInTheDocument();
    // Past T0 + 1 h with no report: missed, overdue time shown in words, not colour alone.
    await user.click(screen.getByRole('button', { name: '+1 小時' }));
    await waitFor(() => expect(within(row()).getByText('逾期未辦')).toBeInTheDocument());
    expect(within(row()).getByText(/^逾時 00:\d\d:\d\d$/)).toBeInTheDocument();
    expect(screen.getByText(/目前得分/)).toBeInTheDocument();
  });

  it('delivers, skips and composes injects from the MSEL, and records world changes and notes in the log', async () => {
    const user = await openConsole('console-msel');
    await user.click(screen.getByRole('button', { name: '開始演練' }));
    await user.click(await screen.findByRole('button', { name: '❚❚ 暫停' }));
    const msel = screen.getByRole('region', { name: '演練腳本（MSEL）' });
    const deliverButtons = within(msel).getAllByRole('button', { name: /^立即發布：/ });
    const firstName = deliverButtons[0].getAttribute('aria-label')!.replace('立即發布：', '');
    await user.click(deliverButtons[0]);
    await waitFor(() => expect(within(rowOf(msel, firstName)).getByText('已發布')).toBeInTheDocument());

    // Skipping asks first (see console-injects.test.tsx for the question and the undo).
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const skipButtons = within(msel).getAllByRole('button', { name: /^略過：/ });
    const skipName = skipButtons[skipButtons.length - 1].getAttribute('aria-label')!.replace('略過：', '');
    await user.click(skipButtons[skipButtons.length - 1]);
    await waitFor(() => expect(within(rowOf(msel, skipName)).getByText('已略過')).toBeInTheDocument());

    await user.click(within(msel).getByRole('button', { name: '撰寫臨時情境指令' }));
    await user.selectOptions(screen.getByRole('combobox', { name: '發送對象' }), 'ciso');
    await user.click(screen.getByRole('textbox', { name: '標題（中文）' }));
    await user.paste('議員辦公室來電關切');
    await user.click(screen.getByRole('textbox', { name: '內容（中文）' }));
    await user.paste('聯合報記者來電詢問系統是否遭駭。');
    await user.click(screen.getByRole('button', { name: '發布' }));
    await waitFor(() => expect(within(msel).getByRole('rowheader', { name: /議員辦公室來電關切/ })).toBeInTheDocument());

    const world = screen.getByRole('region', { name: '情境控制' });
    await user.selectOptions(within(world).getByRole('combobox', { name: '中斷原因' }), 'power');
    await user.click(within(world).getByRole('button', { name: '開始中斷' }));
    await waitFor(() => expect(within(world).getByText('中斷中：電力中斷')).toBeInTheDocument());
    await user.click(within(world).getByRole('button', { name: '結束中斷' }));
    await waitFor(() => expect(within(world).getByText('可連線')).toBeInTheDocument());

    await user.click(screen.getByRole('textbox', { name: /新增筆記/ }));
    await user.paste('通報窗口未確認核可即準備通報');
    await user.click(screen.getByRole('button', { name: '加入筆記' }));
    const log = screen.getByRole('region', { name: '即時行動紀錄' });
    await waitFor(() => expect(within(log).getByText(/通報窗口未確認核可即準備通報/)).toBeInTheDocument());

    const types = (await loadEvents('console-msel')).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['inject.skipped', 'inject.composed', 'outage.started', 'outage.ended', 'ui.note.added']));
  });

  it('ends the drill and shows the score with a link to the debrief', async () => {
    const user = await openConsole('console-end');
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: '開始演練' }));
    await user.click(await screen.findByRole('button', { name: '結束演練' }));
    const ended = await screen.findByRole('status');
    expect(ended).toHaveTextContent('演練已結束');
    // Ended before any core limit: neither passed nor failed (drill-record.md verdict), with the count not yet due.
    expect(ended).toHaveTextContent(/得分 \d+ · 未完成（\d+ 項未屆期限）/);
    expect(ended).not.toHaveTextContent('通過');
    expect(within(ended).getByRole('link', { name: '前往檢討座談會' })).toHaveAttribute('href', '#/drill/console-end/review');
    expect(screen.getByRole('button', { name: '▶ 繼續' })).toBeDisabled();
  });

  it('reads in English', async () => {
    await openConsole('console-en', 'en');
    expect(screen.getByRole('button', { name: 'Start the drill' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Speed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Reporting Contact.*\(opens the desk in a new window\)$/ })).toHaveAttribute('target', '_blank');
    await i18n.changeLanguage('zh-TW');
  });
});
