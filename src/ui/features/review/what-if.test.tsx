import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { loadScenario } from '@/engine/scenario/parse';
import { mistakesRecord } from '@/engine/scenario/play';
import { ReviewView } from './review-view';
import './strings';

const text = Object.values(import.meta.glob('/scenarios/ransomware-core.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)[0];

function underReported() {
  const scenario = structuredClone(loadScenario(text, 'ransomware-core.yaml'));
  scenario.mistakes.push({
    name: 'under',
    description: { zh: '以第二級通報', en: 'Reported as level 2' },
    changes: [
      { replace: 'level.approved', with: { data: { level: 2 } } },
      { replace: 'report.submitted', with: { data: { level: 2 } } },
      { move: 'team.formed', to: '+01:30' },
    ],
    expectFailing: {},
  });
  return mistakesRecord(scenario, 'under');
}

describe('what-if in the review', () => {
  it('re-scores at the reference level beside the scored result, and the report gets a hypothetical appendix', async () => {
    void i18n.changeLanguage('en');
    render(
      <I18nextProvider i18n={i18n}>
        <ReviewView record={underReported()} origin={{ kind: 'file', fileName: 'x.json' }} notes={[]} onAddNote={() => {}} onDeleteNote={() => {}} />
      </I18nextProvider>,
    );
    expect(screen.queryByText(/hypothetical re-scoring \(NOT the scored result\)/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show a what-if' }));
    await userEvent.click(screen.getByRole('checkbox', { name: /reference level \(3\)/ }));
    const table = screen.getByRole('table', { name: /Scored result beside the hypothetical/ });
    const team = within(table).getByRole('row', { name: /Form the response team/ });
    expect(within(team).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Met', 'Late (differs from the scored result)']);
    expect(within(table).getByRole('row', { name: /^Result/ })).toHaveTextContent(/Result\s*Passed\s*Failed|Result\s*Failed\s*Failed/);
    expect(screen.getByText(/hypothetical re-scoring \(NOT the scored result\)/)).toBeInTheDocument();
  }, 60_000); // renders the whole review (charts, walkthrough): slow on a shared machine, not a timing test
});
