import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { disposeAllRuntimes, runtimeFor, useDrill } from './index';
import { storeTestDrill } from './test-windows';

afterEach(async () => {
  await disposeAllRuntimes();
});

function Probe({ id }: { id: string }) {
  const drill = useDrill(id);
  return (
    <p>
      {drill.state} {drill.isAuthority ? 'authority' : 'replica'} {drill.events.length} {drill.score ? 'scored' : 'no-score'}
    </p>
  );
}

describe('useDrill', () => {
  it('loads the drill as the authority where there are no Web Locks, and lets go of it when the last view leaves (StrictMode too)', async () => {
    await storeTestDrill('hook');
    const view = render(
      <StrictMode>
        <Probe id="hook" />
      </StrictMode>,
    );
    await screen.findByText('ready authority 0 no-score');
    const first = runtimeFor('hook');
    await first.command({ kind: 'start' });
    await screen.findByText(/^ready authority \d+ scored$/);
    view.unmount();
    await new Promise((r) => setTimeout(r, 250));
    // The old runtime was stopped: asking again makes a new one.
    expect(runtimeFor('hook')).not.toBe(first);
  });
});
