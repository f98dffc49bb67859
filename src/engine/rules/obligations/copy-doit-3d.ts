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
  trigger: 'report.submitted',
  doneBy: ['doit.copied'],
  limit: { kind: 'end-of-day-plus', plusDays: 2 },
  applies: { school: true, only: ['reports-to-central'] },
  scored: true,
  weight: 4,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'copy-doit-3d'.
  remedy: { tier: 'short' },
  // A copy sent before the report still counts (the report's day is only where the three days start).
  done: (ctx) => ctx.first('doit.copied'),
});
