/**
 * Handouts (issue 12): a briefing card per role with its Att.3 duties (coaching adds obligations and
 * limits, assessment does not), a paper card per inject, the P32 sign-off sheet; the title names the drill.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { disposeAllRuntimes } from '@/ui/drill-runtime';
import { storeTestDrill, testHeader } from '@/ui/drill-runtime/test-windows';
import HandoutsPage from './handouts-page';
import { offsetWords } from './handouts-model';

afterEach(async () => {
  await disposeAllRuntimes();
});

async function open(id: string, guidance: 'assessment' | 'coaching') {
  await storeTestDrill(id, { ...testHeader(), guidance });
  await i18n.changeLanguage('zh-TW');
  render(
    <I18nextProvider i18n={i18n}>
      <HandoutsPage drillId={id} />
    </I18nextProvider>,
  );
  await screen.findByRole('heading', { level: 1, name: `演練講義：測試演練 ${id}` }, { timeout: 30_000 });
}

describe('handouts', () => {
  it('assessment: one card per role with its Att.3 duties and no obligations or limits', async () => {
    await open('h-assess', 'assessment');
    const rc = screen.getByRole('article', { name: '通報窗口' });
    expect(within(rc).getByText(/於知悉資通安全事件後一小時內至通報應變網站，完成通報/)).toBeInTheDocument();
    expect(within(rc).getByText(/^擔任者：/)).toBeInTheDocument();
    expect(within(rc).queryByRole('heading', { name: /應辦事項與時限/ })).toBeNull();
    expect(within(rc).getByText('評核模式：應辦事項與時限不列於卡片，請依作業程序自行判斷。')).toBeInTheDocument();
    for (const role of ['事件指揮官', '執行秘書', '新聞聯絡人', '情資及計畫組', '應變執行組', '資通安全長', '資訊局審核人員']) {
      expect(screen.getByRole('article', { name: role })).toBeInTheDocument();
    }
    expect(within(screen.getByRole('article', { name: '事件指揮官' })).getByText(/決定是否對外公告/)).toBeInTheDocument();
    await waitForTitle('演練講義：測試演練 h-assess');
  });

  it('coaching: the card adds the role’s obligations with their limits at the drill’s level', async () => {
    await open('h-coach', 'coaching');
    const rc = screen.getByRole('article', { name: '通報窗口' });
    expect(within(rc).getByText('應辦事項與時限（教練模式；第3級）')).toBeInTheDocument();
    expect(within(rc).getByText(/一小時內完成通報：知悉後 1 小時內/)).toBeInTheDocument();
  });

  it('prints a card per inject in schedule order, and the P32 sign-off sheet', async () => {
    await open('h-cards', 'assessment');
    const soc = screen.getByRole('article', { name: 'SOC 告警郵件（未即時處理）' });
    expect(soc).toHaveTextContent('T−00:45');
    expect(screen.getByRole('article', { name: '資訊局審核等級' })).toHaveTextContent('交給：通報窗口');
    const sign = screen.getByRole('article', { name: '事件處理紀錄簽核單（第三十二點）' });
    expect(within(sign).getByRole('rowheader', { name: '資通安全長' })).toBeInTheDocument();
    expect(within(sign).getByRole('rowheader', { name: '承辦之權責人員' })).toBeInTheDocument();
    expect(within(sign).getByText('測試演練 h-cards')).toBeInTheDocument();
  });

  it('writes offsets as the MSEL does', () => {
    expect(offsetWords(-45 * 60_000)).toBe('T−00:45');
    expect(offsetWords(110 * 60_000)).toBe('T+01:50');
    expect(offsetWords((36 * 60 + 5) * 60_000)).toBe('T+1d 12:05');
  });
});

async function waitForTitle(title: string) {
  for (let i = 0; i < 100 && document.title !== title; i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(document.title).toBe(title);
}
