import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '@/engine/scoring/types';
import { parseIsoMs } from '@/engine/time/taipei';
import { deadlineBoard, nextOpenDeadline } from './deadline-board-model';

const at = (iso: string) => parseIsoMs(iso);
const score: ScoreResult = {
  obligations: [
    { id: 'report-1h', status: 'not-reached', due: '2026-03-09T09:40:00+08:00', doneAt: null, lateByMinutes: 0, reasons: [] },
    { id: 'team-formed', status: 'missed', due: '2026-03-09T09:40:00+08:00', doneAt: null, lateByMinutes: 0, reasons: [] },
    { id: 'recovery', status: 'not-reached', due: '2026-03-10T20:40:00+08:00', doneAt: null, lateByMinutes: 0, reasons: [] },
    { id: 'report-approval', status: 'met', due: null, doneAt: '2026-03-09T08:50:00+08:00', lateByMinutes: 0, reasons: [] },
    { id: 'copy-doit-3d', status: 'not-applicable', due: null, doneAt: null, lateByMinutes: 0, reasons: [] },
  ],
  doit: [{ id: 'review-level', status: 'not-reached', due: '2026-03-09T11:00:00+08:00', doneAt: null, lateByMinutes: 0, reasons: [] }],
  score: 50,
  verdict: 'fail',
  passed: false,
};

describe('deadline board model', () => {
  it('lists every applicable obligation with a countdown, overdue ones counting over, done ones last', () => {
    const rows = deadlineBoard(score, at('2026-03-09T09:39:00+08:00'));
    expect(rows.map((r) => r.id)).toEqual(['report-1h', 'team-formed', 'review-level', 'recovery', 'report-approval']);
    expect(rows.find((r) => r.id === 'report-1h')?.remainingMs).toBe(60_000);
    expect(rows.find((r) => r.id === 'team-formed')?.remainingMs).toBe(60_000);
    expect(rows.find((r) => r.id === 'review-level')?.reviewer).toBe(true);
    expect(rows.find((r) => r.id === 'report-approval')?.remainingMs).toBeNull();
    expect(nextOpenDeadline(rows)?.id).toBe('report-1h');
    const later = deadlineBoard(score, at('2026-03-09T09:45:00+08:00'));
    expect(later.find((r) => r.id === 'team-formed')?.remainingMs).toBe(-300_000);
  });

  it('stops counting down not-reached limits once the drill has ended', () => {
    const rows = deadlineBoard(score, at('2026-03-09T09:00:00+08:00'), true);
    expect(rows.find((r) => r.id === 'report-1h')?.remainingMs).toBeNull();
    expect(rows.filter((r) => r.status === 'not-reached').every((r) => r.remainingMs === null)).toBe(true);
  });
});

describe('the projected board puts what went wrong first, with its reason', () => {
  const wrong: ScoreResult = {
    ...score,
    obligations: [
      ...score.obligations,
      {
        id: 'report-fallback',
        status: 'violated',
        due: '2026-03-09T09:40:00+08:00',
        doneAt: '2026-03-09T09:20:00+08:00',
        lateByMinutes: 0,
        reasons: ['the phone report gives no reason'],
        reasonsZh: ['電話通報未說明無法上網的原因'],
      },
      { id: 'pdpa-assessment', status: 'late', due: '2026-03-09T09:30:00+08:00', doneAt: '2026-03-09T09:35:00+08:00', lateByMinutes: 5, reasons: ['5 min late'] },
    ],
  };

  it('violated first, then overdue, then open by how soon, then late, then done', () => {
    const rows = deadlineBoard(wrong, at('2026-03-09T09:45:00+08:00'));
    expect(rows.map((r) => r.id)).toEqual(['report-fallback', 'report-1h', 'team-formed', 'review-level', 'recovery', 'pdpa-assessment', 'report-approval']);
    expect(rows[0].why).toEqual({ reasons: ['the phone report gives no reason'], reasonsZh: ['電話通報未說明無法上網的原因'] });
    expect(rows.find((r) => r.id === 'pdpa-assessment')?.why?.reasons).toEqual(['5 min late']);
    // Rows without a problem carry no reason.
    expect(rows.find((r) => r.id === 'report-approval')?.why).toBeNull();
  });
});
