/**
 * The scenario list comes from the build-time index; a scenario is read when it is chosen (issue 12
 * item 10), and choosing another one fills the form from it.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '@/ui/i18n';
import SCENARIO_INDEX from 'virtual:scenario-index';
import SetupPage from './setup-page';

const READ = { timeout: 30_000 };

describe('choosing a bundled scenario', () => {
  it('lists every bundled scenario at once and fills the form from the one chosen', async () => {
    await i18n.changeLanguage('zh-TW');
    render(<SetupPage />);
    // Listed before any file is parsed: the titles and counts come from the index.
    expect(screen.getAllByRole('radio', { name: /情境指令/ })).toHaveLength(SCENARIO_INDEX.length);
    const title = await screen.findByRole('textbox', { name: '演練名稱' }, READ);
    const ransomware = SCENARIO_INDEX.find((e) => e.id === 'ransomware-core')!;
    expect(title).toHaveValue(ransomware.title.zh);

    const other = SCENARIO_INDEX.find((e) => e.id === 'ddos-new-year-eve')!;
    const radio = screen.getByRole('radio', { name: new RegExp(other.title.zh) });
    await userEvent.click(radio);
    expect(radio).toBeChecked();
    await waitFor(() => expect(screen.getByRole('textbox', { name: '演練名稱' })).toHaveValue(other.title.zh), READ);
    expect(screen.getByRole('radio', { name: new RegExp(ransomware.title.zh) })).not.toBeChecked();
  }, 60_000); // renders the whole page: slow on a shared machine, not a timing test
});
