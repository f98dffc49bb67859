/**
 * P29 — improvement-plan. procedure.md: "short-term (immediate fixes) and medium-term (done within
 * 3–6 months) improvements; long-term (within 2 years) as needed" · limit: by the closure limit (drill).
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import { obligation } from './types';

export const improvementPlan = obligation({
  id: 'improvement-plan',
  points: ['P29'],
  who: 'intel-planning',
  trigger: 'incident.aware',
  doneBy: ['improvement.planned'],
  limit: { kind: 'closure-limit' },
  applies: { school: false },
  scored: true,
  weight: 3,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'improvement-plan'.
  remedy: { tier: 'short' },
  check: (ctx, { done }) => {
    const violations: ReasonRef[] = [];
    if (done === undefined) return { violations };
    const d = ctx.data(done);
    const items = (k: string): Array<Record<string, unknown>> => (Array.isArray(d[k]) ? (d[k] as Array<Record<string, unknown>>) : []);
    if (items('short').length === 0) violations.push(say('improvement-plan.no-short'));
    if (items('medium').length === 0) violations.push(say('improvement-plan.no-medium'));
    // P29: medium within 6 months, long within 2 years.
    const overdue = (k: 'medium' | 'long', max: number): void => {
      items(k).forEach((it, i) => {
        const m = it?.dueMonths;
        if (typeof m !== 'number' || m > max) {
          violations.push(
            say('improvement-plan.item-too-far', {
              tier: { value: k, of: 'tier' },
              n: i + 1,
              name: it?.item ? say('improvement-plan.item-name', { item: String(it.item) }) : '',
              months: typeof m === 'number' ? say('improvement-plan.months', { months: m }) : say('improvement-plan.no-months'),
              max,
            }),
          );
        }
      });
    };
    overdue('medium', 6);
    overdue('long', 24);
    return { violations };
  },
});
