/**
 * P34 — intel-shared. procedure.md: "share threat intelligence (recon, vulnerabilities, exploitation
 * methods, malware, damage, countermeasures, other technical info) as the sharing regulation
 * requires" · limit: by the closure limit (drill).
 */
import { obligation } from './types';

export const intelShared = obligation({
  id: 'intel-shared',
  points: ['P34'],
  who: 'intel-planning',
  trigger: 'incident.aware',
  doneBy: ['intel.shared'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['not-equipment-failure'] },
  scored: true,
  weight: 2,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'intel-shared'.
  remedy: { tier: 'medium' },
});
