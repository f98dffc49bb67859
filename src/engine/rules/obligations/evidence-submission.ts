/**
 * P27 — evidence-submission. procedure.md: "collected evidence and suspicious samples go to the
 * city's forensic exchange area; malware also goes to Virus Check; no other platform
 * (不宜上傳至其他平臺)" · limit: by the closure limit (drill).
 */
import { say } from '../../base/reason-ref';
import type { DrillEvent } from '../../record/schema';
import { obligation } from './types';

const PERMITTED = ['forensic-exchange', 'viruscheck'];

export const evidenceSubmission = obligation({
  id: 'evidence-submission',
  points: ['P27'],
  who: 'intel-planning',
  trigger: 'incident.aware',
  doneBy: ['evidence.submitted'],
  limit: { kind: 'closure-limit' },
  applies: { school: false, only: ['not-equipment-failure'] },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'evidence-submission'.
  remedy: { tier: 'medium' },
  // Done when every required platform has had its first submission: the last of those.
  check: (ctx) => {
    const subs = ctx.all('evidence.submitted');
    const dest = (e: DrillEvent): string => String(ctx.data(e).destination ?? '');
    const wrong = subs.filter((e) => !PERMITTED.includes(dest(e)));
    if (wrong.length > 0) {
      return { done: wrong[0], violations: wrong.map((e) => say('evidence-submission.wrong-platform', { platform: dest(e) || say('unnamed.platform'), seq: e.seq })) };
    }
    const required = ['forensic-exchange', ...(ctx.record.scenario.malware === true ? ['viruscheck'] : [])];
    const firsts = required.map((r) => subs.find((e) => dest(e) === r));
    const missing = required.filter((_, i) => firsts[i] === undefined);
    if (missing.length > 0) return { done: undefined, pending: missing.map((m) => say('evidence-submission.not-submitted', { platform: { value: m, of: 'destination' } })) };
    return { done: firsts.reduce((a, b) => ((b as DrillEvent).seq > (a as DrillEvent).seq ? b : a)) };
  },
});
