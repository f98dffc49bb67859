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
  title: { zh: '資安情資分享', en: 'Share threat intelligence' },
  trigger: 'incident.aware',
  doneBy: ['intel.shared'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['not-equipment-failure'] },
  scored: true,
  weight: 2,
  remedy: {
    tier: 'medium',
    timely: { zh: '建立資安情資分享流程，依規定分享事件情資（第三十四點）。', en: "Set up a threat-intelligence sharing routine and share the incident's intelligence as required (P34)." },
    correct: { zh: '依資安情資分享規定辦理（第三十四點）。', en: 'Share as the sharing regulation requires (P34).' },
  },
});
