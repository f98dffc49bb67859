/**
 * P15, P16 — review-level. procedure.md: "review the level on the reporting website, from receipt
 * of the report; may ask the agency for data, and gives the basis of its review" · limit: report +
 * 8 h (reported L1/2), report + 2 h (reported L3/4). The reviewer's (DoIT's), scored apart.
 */
import { byBand, obligation } from './types';

export const reviewLevel = obligation({
  id: 'review-level',
  points: ['P15', 'P16'],
  who: 'reviewer',
  reviewer: true,
  trigger: 'report.submitted',
  doneBy: ['level.reviewed'],
  // Settled point 7: by the level of the first report.submitted, counted from it.
  limit: { kind: 'hours-from-report', byLevel: byBand(8, 2) },
  applies: { school: false, only: ['website-report'] },
  scored: true,
  weight: 1,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'review-level'.
  remedy: { tier: 'short' },
});
