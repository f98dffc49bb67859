import { beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { getDrill, listDrills } from '@/ui/persistence/drill-db';
import type { DrillHeader } from '@/ui/persistence/drill-header';
import { parseIsoMs } from '@/engine/time/taipei';
import { parseScenario } from '@/engine/scenario/parse';
import SetupPage from './setup-page';
import { defaultAgency } from '@/engine/scenario/normalize';

// Free text is pasted, not typed key by key: typing is not what these tests check, and each key
// re-rendered the whole page, which made them slow on a busy machine (issue 14).

/**
 * The page parses all twelve bundled scenarios each time it opens: YAML parsing and validation took
 * most of each test on a busy machine, past findBy's 1 s (issue 14). The real parser runs once per
 * file and text here, and the page gets that result every time after.
 */
vi.mock('@/engine/scenario/parse', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/engine/scenario/parse')>();
  const { parseOnce } = await import('../../../../test/parse-once');
  return { ...real, parseScenario: parseOnce(real.parseScenario) };
});

const BUNDLED = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

beforeAll(async () => {
  // Parse the bundled scenarios once, as the page names them, before the first test opens it.
  for (const [path, load] of Object.entries(BUNDLED)) parseScenario(await load(), path.replace(/^\//, ''));
});

function renderSetup() {
  void i18n.changeLanguage('zh-TW');
  return render(
    <I18nextProvider i18n={i18n}>
      <SetupPage />
    </I18nextProvider>,
  );
}

describe('setup page', () => {
  it('preselects the ransomware scenario with its agency, people and roles, and the team fits Att.3', async () => {
    renderSetup();
    await screen.findByRole('textbox', { name: '機關名稱' });
    const radio = screen.getByRole('radio', { name: /社會救助案件管理系統遭勒索軟體加密/ });
    expect(radio).toBeChecked();
    expect(screen.getByRole('textbox', { name: '機關名稱' })).toHaveValue('臺北市政府社會救助處');
    expect(screen.getByLabelText(/知悉時間 T0/)).toHaveValue('2026-03-09T08:40');
    expect(screen.getByRole('checkbox', { name: '李佳穎：通報窗口' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '兵棋推演' })).toBeChecked();
    // The annual drill is an assessment: the desks give no hints unless coaching is chosen.
    expect(screen.getByRole('radio', { name: '評核模式' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '教練模式' })).not.toBeChecked();
    expect(screen.getByRole('spinbutton', { name: /合格分數/ })).toHaveValue(80);
    expect(screen.getByText(/小組角色分派符合附件三/)).toBeInTheDocument();
    expect(screen.getByText('資訊局審核人員：由演練主持人扮演')).toBeInTheDocument();
  });

  it('flags a vendor as reporting contact live, but still creates the drill and opens the console', async () => {
    const user = userEvent.setup();
    renderSetup();
    await screen.findByRole('textbox', { name: '機關名稱' });
    // The vendor's project manager becomes the only reporting contact: a mistake people make (P6).
    await user.click(screen.getByRole('checkbox', { name: '李佳穎：通報窗口' }));
    await user.click(screen.getByRole('checkbox', { name: '林志成：通報窗口' }));
    const check = screen.getByRole('heading', { name: '附件三小組檢查（即時）' }).closest('section')!;
    expect(within(check).getByText(/不符附件三/)).toBeInTheDocument();
    expect(within(check).getByText(/委外廠商/)).toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: '演練名稱' }));
    await user.click(screen.getByRole('textbox', { name: '演練名稱' }));
    await user.paste('114 年度社會救助處演練');
    await user.click(screen.getByRole('radio', { name: '實際作業演練' }));
    await user.click(screen.getByRole('button', { name: '建立演練' }));

    await expect.poll(() => window.location.hash).toMatch(/^#\/drill\/.+\/console$/);
    const id = decodeURIComponent(window.location.hash.split('/')[2]);
    const stored = await getDrill(id);
    expect(stored).toMatchObject({ title: '114 年度社會救助處演練', status: 'setup', eventCount: 0, agencyName: '臺北市政府社會救助處' });
    const header = stored!.header as DrillHeader;
    expect(header.mode).toBe('live');
    expect(header.guidance).toBe('assessment');
    expect(header.t0).toBe('2026-03-09T08:40:00+08:00');
    expect(header.participants[0]).toEqual({ name: '演練主持人', position: 'staff', roles: ['facilitator'] });
    expect(header.participants.find((p) => p.name === '林志成')?.roles).toContain('reporting-contact');
    expect(header.scenarioSource.text).toMatch(/ransomware-core/);
    // The clock waits at the SOC's alert, 45 minutes before awareness.
    expect((stored!.clock as { simNowMs: number }).simNowMs).toBe(parseIsoMs('2026-03-09T07:55:00+08:00'));
    expect((await listDrills()).map((d) => d.id)).toContain(id);
  });

  it('shows a broken scenario file with file, line, path and message, and keeps the current choice', async () => {
    const user = userEvent.setup();
    renderSetup();
    await screen.findByRole('textbox', { name: '機關名稱' });
    const file = new File(['format: taipei-drill-scenario/1\nmeta:\n  id: Bad Id\n'], 'broken.yaml', { type: 'text/yaml' });
    await user.upload(screen.getByLabelText('或從檔案載入情境（YAML）'), file);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('broken.yaml');
    expect(alert).toHaveTextContent(/broken\.yaml:3 meta\.id: must be a kebab-case id/);
    expect(screen.getByRole('radio', { name: /勒索軟體/ })).toBeChecked();
  });

  it('refuses to create without a title or with two people of the same name', async () => {
    const user = userEvent.setup();
    renderSetup();
    await screen.findByRole('textbox', { name: '機關名稱' });
    await user.clear(screen.getByRole('textbox', { name: '演練名稱' }));
    const names = screen.getAllByRole('textbox', { name: /^姓名/ });
    await user.clear(names[1]);
    await user.type(names[1], '陳淑芬');
    await user.click(screen.getByRole('button', { name: '建立演練' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('請輸入演練名稱。');
    expect(alert).toHaveTextContent('姓名不可重複');
  });

  it('numbers its sections as shown: 1–4 on the setup page; from 1 on the city roster step, where the scenario is DoIT’s', async () => {
    const { unmount } = renderSetup();
    await screen.findByRole('textbox', { name: '機關名稱' });
    const legends = () => [...document.querySelectorAll('fieldset.setup-section > legend')].map((l) => l.textContent);
    expect(legends()).toEqual(['1. 情境', '2. 演練基本資料', '3. 機關資料', '4. 人員與角色（附件三）']);
    unmount();

    // The city path: the agency's facilitator sees the drill the server made, its scenario section hidden.
    const text = await BUNDLED['/scenarios/ransomware-core.yaml']();
    const parsed = parseScenario(text, 'ransomware-core.yaml');
    if (!parsed.ok) throw new Error('the bundled scenario does not parse');
    const header = { t0: '2026-03-09T08:40:00+08:00', agency: defaultAgency(parsed.scenario), mode: 'tabletop', guidance: 'assessment', participants: [], scenarioSource: { id: 'ransomware-core', text } };
    const fetchStub = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ title: '115 年府級演練', header, city: {} }), { status: 200 })));
    vi.stubGlobal('fetch', fetchStub);
    try {
      render(
        <I18nextProvider i18n={i18n}>
          <SetupPage cityDrillId="city-t-a001" />
        </I18nextProvider>,
      );
      await screen.findByRole('textbox', { name: '機關名稱' });
      expect(fetchStub).toHaveBeenCalledWith('/api/city/drills/city-t-a001/setup', expect.anything());
      expect(legends()).toEqual(['1. 演練基本資料', '2. 機關資料', '3. 人員與角色（附件三）']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
