import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { ScoreResult } from '@/engine/scoring/types';
import { parseIsoMs } from '@/engine/time/taipei';
import { i18n } from '@/ui/i18n';
import { DeadlineBoard } from './deadline-board';

const row = (id: ScoreResult['obligations'][number]['id'], status: ScoreResult['obligations'][number]['status']) => ({
  id, status, due: '2026-03-02T10:00:00+08:00', doneAt: status === 'met' ? '2026-03-02T09:40:00+08:00' : null, lateByMinutes: 0, reasons: [],
});
const score = (verdict: ScoreResult['verdict']): ScoreResult => ({
  obligations: [row('report-1h', 'met'), row('team-formed', verdict === 'fail' ? 'missed' : 'not-reached'), row('recovery', 'not-reached')],
  doit: [],
  score: verdict === 'fail' ? 50 : 100,
  verdict,
  passed: verdict === 'pass',
});
const now = parseIsoMs('2026-03-02T09:50:00+08:00');

describe('DeadlineBoard verdict (drill-record.md "Score and standard")', () => {
  it.each<[ScoreResult['verdict'], string]>([
    ['incomplete', '目前得分 100 · 目前判定 未完成（2 項未屆期限）'],
    ['fail', '目前得分 50 · 目前判定 未通過'],
    ['pass', '目前得分 100 · 目前判定 通過'],
  ])('shows the %s verdict beside the score, in words', (verdict, text) => {
    render(<DeadlineBoard score={score(verdict)} nowMs={now} ended={false} />);
    expect(screen.getByText((_, el) => el?.classList.contains('score-now') === true)).toHaveTextContent(text);
  });

  it('reads in English, with the count of obligations not yet due', async () => {
    await i18n.changeLanguage('en');
    try {
      render(<DeadlineBoard score={score('incomplete')} nowMs={now} ended={false} />);
      expect(screen.getByText((_, el) => el?.classList.contains('score-now') === true)).toHaveTextContent('Score so far 100 · verdict so far: Incomplete (2 obligations not yet due)');
    } finally {
      await i18n.changeLanguage('zh-TW');
    }
  });
});
