/**
 * The drill list. In the browser-only build a drill can be deleted from this browser's storage; on
 * the drill server the list is the server's, and there is no delete (it would remove nothing there).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { putDrill, type StoredDrill } from '@/ui/persistence/drill-db';
import '@/ui/i18n';
import { HomePage } from './home-page';

const row: StoredDrill = {
  id: 'd-home-1',
  title: '社會救助處演練',
  scenarioId: 'ransomware-core',
  scenarioTitle: { zh: '勒索軟體', en: 'Ransomware' },
  agencyName: '臺北市政府社會救助處',
  status: 'running',
  createdWall: '2026-03-09T08:00:00+08:00',
  updatedWall: '2026-03-09T09:00:00+08:00',
  eventCount: 3,
  header: null,
  clock: null,
};

afterEach(() => {
  document.querySelector('meta[name="tdrill-server"]')?.remove();
  vi.unstubAllGlobals();
});

describe('HomePage', () => {
  it('offers to delete a drill kept in this browser', async () => {
    await putDrill(row);
    render(<HomePage />);
    expect(await screen.findByRole('button', { name: '刪除 社會救助處演練' })).toBeInTheDocument();
  });

  it("lists the drill server's drills with no delete", async () => {
    const meta = document.createElement('meta');
    meta.name = 'tdrill-server';
    meta.content = '1';
    document.head.append(meta);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify([{ ...row, id: 'd-server-1', title: '伺服器上的演練' }]), { status: 200 })));
    render(<HomePage />);
    expect(await screen.findByRole('link', { name: '伺服器上的演練' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: '主持人控制台' }).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /^刪除/ })).toBeNull();
  });
});
