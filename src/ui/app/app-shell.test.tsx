/**
 * The app menu on the drill server (issue 9): the console is listed for the facilitator and the
 * observer/projector (whose link opens it), not for a participant's or the reviewer's window; in
 * the browser-only build (no sessions) it is always listed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import '@/ui/i18n';
import { useSessionKinds } from '@/ui/drill-runtime/session-kind';
import { AppShell } from './app-shell';

afterEach(() => useSessionKinds.setState({ byDrill: {} }));

const menu = (drillId: string) => {
  render(
    <AppShell route={{ name: 'desks', drillId }}>
      <p />
    </AppShell>,
  );
  const nav = within(screen.getByRole('navigation', { name: '主要導覽' }));
  return { console: nav.queryByRole('link', { name: '主持人控制台' }), desks: nav.getByRole('link', { name: '角色工作台' }) };
};

describe('app menu', () => {
  it.each([
    ['participant', false],
    ['reviewer', false],
    ['facilitator', true],
    ['observer', true],
  ] as const)('a %s session sees the console entry: %s', (kind, shown) => {
    useSessionKinds.getState().remember('d1', kind);
    const m = menu('d1');
    expect(m.desks).toBeTruthy();
    expect(m.console !== null).toBe(shown);
  });

  it('lists the console when no session is known (browser-only, or another drill)', () => {
    useSessionKinds.getState().remember('other', 'participant');
    expect(menu('d1').console).not.toBeNull();
  });
});
