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
  title: { zh: '委外廠商立即通報', en: 'Vendor reports at once' },
  trigger: 'incident.aware',
  doneBy: [],
  limit: { kind: 'none' },
  applies: { school: true },
  scored: false,
  weight: 0,
  remedy: {
    tier: 'medium',
    timely: { zh: '於委外契約明定廠商發生資安事件時應立即通報機關並提供紀錄（第十三點）。', en: 'Put in outsourcing contracts that vendors report incidents to the agency at once and hand over records (P13).' },
    correct: { zh: '於委外契約明定廠商之通報方式（第十三點）。', en: "State the vendors' reporting means in the contracts (P13)." },
  },
});
