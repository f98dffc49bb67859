/**
 * P12 — notify-agencies-1h. procedure.md: "if the incident affects other agencies or falls under
 * their legal remit, notify each one's reporting contact by phone or TaipeiON" · limit: T0 + 1 h.
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import type { DrillEvent } from '../../record/schema';
import { byBand, obligation } from './types';

export const notifyAgencies1h = obligation({
  id: 'notify-agencies-1h',
  points: ['P12'],
  who: 'reporting-contact',
  trigger: 'incident.aware',
  doneBy: ['agency.notified'],
  limit: { kind: 'hours-from-aware', byLevel: byBand(1, 1) },
  applies: { school: true, only: ['affected-agencies'] },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'notify-agencies-1h'.
  remedy: { tier: 'short' },
  // Done when every affected agency has had its first permitted notice: the last of those.
  check: (ctx, { due }) => {
    const agencies = (ctx.record.scenario.affectedAgencies ?? []).filter((a) => a.trim() !== '');
    const notices = ctx.all('agency.notified');
    const permitted = (e: DrillEvent): boolean => ['phone', 'taipeion'].includes(String(ctx.data(e).channel ?? '').toLowerCase());
    const notes: ReasonRef[] = [];
    const late: ReasonRef[] = [];
    const missing: string[] = [];
    let lastMs = -Infinity;
    let last: DrillEvent | undefined;
    for (const name of agencies) {
      const forIt = notices.filter((e) => String(ctx.data(e).agency ?? '').trim() === name.trim());
      const ok = forIt.find(permitted);
      for (const e of forIt) {
        if (!permitted(e) && (ok === undefined || e.seq < ok.seq)) {
          const channel = String(ctx.data(e).channel ?? '');
          notes.push(say('notify-agencies-1h.wrong-channel', { agency: name, channel: channel || say('unnamed.channel'), seq: e.seq }));
        }
      }
      if (ok === undefined) {
        missing.push(name);
        continue;
      }
      const ms = ctx.ms(ok);
      if (ms > (due as number)) late.push(say('notify-agencies-1h.notified-late', { agency: name, at: { at: ok.at } }));
      if (ms > lastMs) {
        lastMs = ms;
        last = ok;
      }
    }
    if (missing.length > 0) return { done: undefined, notes, pending: missing.map((n) => say('notify-agencies-1h.not-notified', { agency: n })) };
    return { done: last, doneMs: lastMs, notes, lateReasons: late };
  },
});
