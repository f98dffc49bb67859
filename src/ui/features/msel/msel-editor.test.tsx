import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { loadScenario } from '@/engine/scenario/parse';
import { listLibraryScenarios } from '@/ui/persistence/scenario-library';
import { MselEditor } from './msel-editor';
import './strings';

const text = Object.values(import.meta.glob('/scenarios/defacement-noncore.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)[0];

function renderEditor(lang: 'zh-TW' | 'en', edit: (s: ReturnType<typeof loadScenario>) => void = () => {}) {
  void i18n.changeLanguage(lang);
  const s = structuredClone(loadScenario(text, 'defacement-noncore.yaml'));
  edit(s);
  return render(
    <I18nextProvider i18n={i18n}>
      <MselEditor initial={s} />
    </I18nextProvider>,
  );
}

describe('MSEL editor validation', () => {
  it('says a bad time and an unknown player beside their fields (zh-TW), and saving waits until they are fixed', async () => {
    renderEditor('zh-TW', (s) => {
      s.injects[1].offset = '明天上午';
      (s.injects[2] as { to: string }).to = '資訊室';
    });
    const time = screen.getByRole('textbox', { name: '時間 2' });
    expect(time).toHaveAttribute('aria-invalid', 'true');
    expect(time).toHaveAccessibleDescription(/時間「明天上午」無法解讀/);
    const player = screen.getByRole('combobox', { name: '對象 3' });
    expect(player).toHaveAccessibleDescription(/不認得的角色「資訊室」/);
    expect(screen.getByText('2 個問題需修正')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '存入腳本庫' })).toBeDisabled();

    fireEvent.change(time, { target: { value: '+00:40' } });
    await userEvent.selectOptions(player, '通報窗口');
    expect(await screen.findByText('腳本有效，可儲存')).toBeInTheDocument();
    expect(time).not.toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: '存入腳本庫' }));
    expect(await screen.findByText(/已存入腳本庫：defacement-noncore/)).toBeInTheDocument();
    const saved = await listLibraryScenarios();
    expect(saved.map((s) => s.id)).toContain('defacement-noncore');
    expect(saved.find((s) => s.id === 'defacement-noncore')?.text).toContain("offset: +00:40");
  }, 30_000); // many user events on a shared machine; nothing here is timed

  it('speaks English in English, and an empty English title is named', async () => {
    renderEditor('en', (s) => {
      s.injects[0].title.en = '';
    });
    expect(screen.getByRole('textbox', { name: 'Title (en) 1' })).toHaveAccessibleDescription(/empty translation \(en\)/);
    expect(screen.getByText('1 problems to fix')).toBeInTheDocument();
    // Channel and sender names are the desks' words, in the current language.
    const method = screen.getByRole('combobox', { name: 'Method 1' });
    expect([...method.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Phone', 'E-mail', 'TaipeiON', 'Reporting website', 'News media', 'In person', 'Other']);
    expect([...screen.getByRole('combobox', { name: 'From 1' }).querySelectorAll('option')].map((o) => o.textContent)).toContain('Administration for Cyber Security');
  });

  it('moves an inject on the timeline with the arrow keys (1 minute, Shift 10)', async () => {
    renderEditor('en');
    const marker = screen.getAllByRole('slider')[0];
    const before = screen.getByRole('textbox', { name: 'Time 1' }).getAttribute('value')!;
    marker.focus();
    await userEvent.keyboard('{ArrowRight}');
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    const toMin = (o: string) => {
      const m = /^([+-])(?:(\d+)d)?(\d+):(\d+)/.exec(o)!;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2] ?? 0) * 1440 + Number(m[3]) * 60 + Number(m[4]));
    };
    expect(toMin(screen.getByRole('textbox', { name: 'Time 1' }).getAttribute('value')!)).toBe(toMin(before) + 11);
  });

  it('drags an inject on the timeline: only the marker moves during the drag, the time is kept on drop', () => {
    renderEditor('en');
    const time = screen.getByRole('textbox', { name: 'Time 1' });
    const before = time.getAttribute('value')!;
    const marker = screen.getAllByRole('slider')[0];
    const track = marker.parentElement!;
    // jsdom lays nothing out: a 1,000-px track, and pointer capture as a no-op.
    track.getBoundingClientRect = () => ({ left: 0, top: 0, width: 1000, height: 110, right: 1000, bottom: 110, x: 0, y: 0, toJSON: () => ({}) });
    marker.setPointerCapture = () => {};
    fireEvent.pointerDown(marker, { pointerId: 1, buttons: 1 });
    fireEvent.pointerMove(marker, { pointerId: 1, buttons: 1, clientX: 500 });
    expect(marker.style.transform).toMatch(/^translateX\(/);
    const during = marker.getAttribute('aria-valuetext')!;
    expect(during).not.toBe(before);
    // The table still shows the old time until the drop.
    expect(time).toHaveValue(before);
    fireEvent.pointerUp(marker, { pointerId: 1 });
    expect(screen.getByRole('textbox', { name: 'Time 1' })).toHaveValue(during);
    expect(marker.style.transform).toBe('');
    expect(screen.getAllByRole('slider')[0]).toHaveAttribute('aria-valuetext', during);
  });

  it('previews a role’s inbox in time order', async () => {
    renderEditor('en');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'Reporting Contact');
    expect(screen.getByRole('heading', { name: "Preview a participant's inbox" })).toBeInTheDocument();
  });

  describe('served by the drill server', () => {
    afterEach(() => {
      document.head.querySelector('meta[name="tdrill-server"]')?.remove();
      vi.unstubAllGlobals();
    });
    /** The page as the drill server serves it, and a server whose answer to the save the test gives. */
    function onServer() {
      const meta = document.createElement('meta');
      meta.name = 'tdrill-server';
      document.head.append(meta);
      let answer!: (r: Response) => void;
      const calls: { url: string; method?: string; body?: string }[] = [];
      vi.stubGlobal(
        'fetch',
        vi.fn((url: string, init?: RequestInit) => {
          calls.push({ url, method: init?.method, body: init?.body as string | undefined });
          return new Promise<Response>((resolve) => (answer = resolve));
        }),
      );
      return { calls, answer: (status: number, body: unknown) => answer(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) };
    }

    it('sends the scenario as just edited to the server, and says it is saved only once the server has stored it', async () => {
      const server = onServer();
      renderEditor('zh-TW');
      fireEvent.change(screen.getByRole('textbox', { name: '時間 2' }), { target: { value: '+00:41' } });
      // Saved at once, before validation has caught up with the edit: what is sent is the edit.
      await userEvent.click(screen.getByRole('button', { name: '存入腳本庫' }));
      await vi.waitFor(() => expect(server.calls).toHaveLength(1));
      expect(server.calls[0]).toMatchObject({ url: '/api/scenarios/defacement-noncore', method: 'PUT' });
      expect((JSON.parse(server.calls[0].body!) as { text: string }).text).toContain('offset: +00:41');
      expect(screen.getByText('儲存中…')).toBeInTheDocument();
      expect(screen.queryByText(/已存入/)).toBeNull();
      server.answer(200, { ok: true, scenario: { id: 'defacement-noncore', title: { zh: '', en: '' }, updatedWall: '2026-03-02T09:00:00.000+08:00' } });
      expect(await screen.findByText(/已存入本瀏覽器與伺服器的腳本庫：defacement-noncore/)).toBeInTheDocument();
    }, 30_000);

    it('says the server’s refusal in words when it does not store the scenario; this browser keeps it', async () => {
      const server = onServer();
      renderEditor('en');
      await userEvent.click(screen.getByRole('button', { name: 'Save to the library' }));
      await vi.waitFor(() => expect(server.calls).toHaveLength(1));
      server.answer(403, { ok: false, reason: { code: 'facilitator-only', zh: '只有主持人或資訊局能存入伺服器的腳本庫', en: 'Only a facilitator or DoIT can save to the server’s scenario library' } });
      expect(await screen.findByRole('alert')).toHaveTextContent("Saved to this browser's library, but the server did not store it: Only a facilitator or DoIT can save to the server’s scenario library");
      expect(screen.queryByText(/Saved to this browser's and the server's library/)).toBeNull();
    }, 30_000);
  });
});
