/**
 * What the handouts print, as data: one briefing card per role (Att.3 duties; in coaching mode the
 * role's obligations and limits at the drill's level), paper inject cards in schedule order, and the
 * P32 sign-off lines. Pure, so the page and its test share it.
 */
import type { ScheduledInject } from '@/engine/drill/inject';
import type { Bilingual } from '@/engine/base/bilingual';
import { OBLIGATIONS, type LimitRule } from '@/engine/rules/obligations';
import { ROLE_DUTIES, type Duty } from '@/engine/rules/team-duties';
import { DESK_ROLES, type ActorRole, type Level } from '@/engine/record/vocabulary';
import type { Guidance, Participant } from '@/ui/persistence/drill-header';
import { interpolate, termWords } from '@/engine/text/glossary';
import zhConsole from '@/locales/zh-TW/console.json';
import enConsole from '@/locales/en/console.json';

export interface RoleCard {
  role: ActorRole;
  holders: string[];
  duties: readonly Duty[];
  /** Coaching only: the role's obligations with their point and limit at the drill's level. */
  limits: { title: Bilingual; points: string[]; limit: Bilingual | null }[];
}

const limit = (key: keyof typeof zhConsole.handouts.limitWords, n?: number): Bilingual => ({
  zh: interpolate(zhConsole.handouts.limitWords[key], n === undefined ? {} : { n }),
  en: interpolate(enConsole.handouts.limitWords[key], n === undefined ? {} : { n }),
});

/** A limit in words at a level, where the rule is a plain count of hours; otherwise none (the card cites the point). */
export function limitWords(rule: LimitRule, level: Level): Bilingual | null {
  if (rule.kind === 'hours-from-aware') return limit('hoursFromAware', rule.byLevel[level]);
  if (rule.kind === 'hours-from-report') return limit('hoursFromReport', rule.byLevel[level]);
  if (rule.kind === 'one-month') return limit('oneMonth');
  if (rule.kind === 'before-report') return limit('beforeReport');
  if (rule.kind === 'end-of-day-plus') return limit('endOfDayPlus', rule.plusDays);
  return null;
}

export function roleCards(participants: readonly Participant[], guidance: Guidance, level: Level): RoleCard[] {
  return DESK_ROLES.filter((role) => role !== 'vendor' && ROLE_DUTIES[role])
    .map((role) => ({
      role,
      holders: participants.filter((p) => p.roles.includes(role)).map((p) => p.name),
      duties: ROLE_DUTIES[role] ?? [],
      limits:
        guidance === 'coaching'
          ? OBLIGATIONS.filter((o) => o.who === role || (o.reviewer && role === 'doit-reviewer')).map((o) => ({ title: termWords('obligations', o.id), points: o.points, limit: limitWords(o.limit, level) }))
          : [],
    }));
}

/** Paper inject cards, in schedule order (as the facilitator hands them out). */
export function injectCards(injects: readonly ScheduledInject[]): ScheduledInject[] {
  return [...injects].sort((a, b) => a.offsetMs - b.offsetMs);
}

/** "T+01:50" / "T−00:45" for a card. */
export function offsetWords(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const hh = String(Math.floor((m % 1440) / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `T${sign}${d > 0 ? `${d}d ` : ''}${hh}:${mm}`;
}
