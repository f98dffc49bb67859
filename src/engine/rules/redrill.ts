/**
 * P39(3): an agency that falls short of DoIT's standard is drilled again within three months, and
 * again, until it meets it. One rule for the review, the after-action report and the city results.
 *
 * - Only a `fail` gets a due date. `incomplete` (drill-record.md "Score and standard": ended before
 *   a core limit in scope) has not been judged against the standard yet, so it has not fallen short;
 *   `pass` has met it.
 * - Counted from the Taipei date the drill ended in real time (drill.ended's `wall`, else its
 *   simulated `at`; with no drill.ended, the last event's), to the same day three calendar months
 *   later, clamped to that month's last day (31 May → 31 Aug; 30 Nov → 28 or 29 Feb).
 */
import type { DrillEvent } from '../record/schema';
import type { Verdict } from '../record/vocabulary';
import { addMonths, parseIsoMs, taipeiDate } from '../time/taipei';

/** P39(3): 「三個月內」. */
const REDRILL_MONTHS = 3;

/** The real (or, lacking it, simulated) moment the drill ended, as ISO text. */
function drillEndMoment(events: readonly DrillEvent[]): string | null {
  if (events.length === 0) return null;
  const ended = events.find((e) => e.type === 'drill.ended') ?? events[events.length - 1];
  return ended.wall ?? ended.at;
}

/** P39(3): the date (YYYY-MM-DD, Taipei) a failing agency must be drilled again by; null unless the verdict is `fail`. */
export function redrillDue(events: readonly DrillEvent[], verdict: Verdict): string | null {
  if (verdict !== 'fail') return null;
  const end = drillEndMoment(events);
  if (end === null) return null;
  return addMonths(taipeiDate(parseIsoMs(end)), REDRILL_MONTHS);
}
