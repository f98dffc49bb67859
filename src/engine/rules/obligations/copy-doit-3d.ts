/**
 * P14 — copy-doit-3d. procedure.md: "agencies whose reports go to a central-government body send
 * DoIT a copy of the report and the latest handling" · limit: within 3 days counting the report's
 * date as day 1: end of report date + 2 days.
 */
import { obligation } from './types';

export const copyDoit3d = obligation({
  id: 'copy-doit-3d',
  points: ['P14'],
  who: 'reporting-contact',
  title: { zh: '三日內副知資訊局', en: 'Copy DoIT within three days' },
  trigger: 'report.submitted',
  doneBy: ['doit.copied'],
  limit: { kind: 'end-of-day-plus', plusDays: 2 },
  applies: { school: true, only: ['reports-to-central'] },
  scored: true,
  weight: 4,
  remedy: {
    tier: 'short',
    timely: { zh: '通報中央機關後三日內將通報及最新處理情形副知資訊局（第十四點）。', en: 'Send DoIT a copy of the report and the latest handling within three days of reporting to the central body (P14).' },
    correct: { zh: '副知資訊局之內容應含通報及最新處理情形（第十四點）。', en: 'The copy to DoIT must carry the report and the latest handling (P14).' },
  },
  // A copy sent before the report still counts (the report's day is only where the three days start).
  done: (ctx) => ctx.first('doit.copied'),
});
