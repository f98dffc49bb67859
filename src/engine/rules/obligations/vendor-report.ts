/**
 * P13 — vendor-report. procedure.md: "the agency's contracts make outsourced vendors report an
 * incident to the agency at once, by phone or an agreed means, and hand over records when told to;
 * in a drill, a vendor's call is an inject" · limit: immediately. Recorded, not scored.
 */
import { obligation } from './types';

export const vendorReport = obligation({
  id: 'vendor-report',
  points: ['P13'],
  who: 'vendor',
  trigger: 'incident.aware',
  doneBy: [],
  limit: { kind: 'none' },
  applies: { school: true },
  scored: false,
  weight: 0,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'vendor-report'.
  remedy: { tier: 'medium' },
});
