/**
 * A scenario proves itself: play its golden run (what a well-run agency does) or one of its
 * mistakes into a complete drill record, which the real scoring then judges.
 *
 * The record holds, in time order: drill.started, incident.aware at T0, every inject whose
 * condition holds at its time (as inject.delivered, followed by its world changes as events),
 * the golden events, and drill.ended at the end of plan.simulatedSpan. Events that a mistake
 * pushes past the end are left out: they did not happen within the drill.
 */
import type { DrillEvent, DrillRecord } from '../record/schema';
import { RECORD_FORMAT } from '../record/schema';
import type { ActorRole } from '../record/vocabulary';
import { conditionHolds, type WorldChange } from '../drill/inject';
import { awarenessMs, defaultAgency, defaultTeam, scenarioFacts, toScheduledInjects } from './normalize';
import { formatTaipei, parseIsoMs } from '../time/taipei';
import { parseOffset } from './offset';
import { KEBAB_ID, type GoldenEvent, type Mistake, type Scenario } from './schema';

export interface PlayOptions {
  /** T0 as ISO 8601 with offset; default: the scenario's facts.awareness. */
  awareness?: string;
  /** Where drill.ended goes, as ms from T0; default: plan.simulatedSpan. */
  endOffsetMs?: number;
}

/** A golden event with its offset resolved, as mistakes edit it. */
export interface PlayedEvent {
  id?: string;
  offsetMs: number;
  role: ActorRole;
  type: string;
  data: Record<string, unknown>;
}

// Order of events that share a moment: the drill frame first, then what the facilitator
// delivers, then what the agency does in answer, and drill.ended last.
const RANK = { start: 0, aware: 1, inject: 2, golden: 3, end: 4 } as const;

interface Timed extends PlayedEvent {
  rank: number;
  order: number;
}

export function resolveGolden(golden: readonly GoldenEvent[]): PlayedEvent[] {
  return golden.map((g) => ({
    ...(g.id !== undefined ? { id: g.id } : {}),
    offsetMs: parseOffset(g.offset),
    role: g.role,
    type: g.type,
    data: { ...(g.data ?? {}) },
  }));
}

function selects(selector: string, ev: PlayedEvent): boolean {
  // Ids are kebab-case and event types always contain a dot, so the two never collide.
  return KEBAB_ID.test(selector) ? ev.id === selector : ev.type === selector;
}

/** Apply a mistake's changes, in order, to the golden events. */
export function applyMistake(events: readonly PlayedEvent[], mistake: Mistake): PlayedEvent[] {
  let out = events.map((e) => ({ ...e, data: { ...e.data } }));
  for (const change of mistake.changes) {
    if ('drop' in change) {
      out = out.filter((e) => !selects(change.drop, e));
    } else if ('delay' in change) {
      const by = parseOffset(change.by);
      out = out.map((e) => (selects(change.delay, e) ? { ...e, offsetMs: e.offsetMs + by } : e));
    } else if ('move' in change) {
      const to = parseOffset(change.to);
      out = out.map((e) => (selects(change.move, e) ? { ...e, offsetMs: to } : e));
    } else if ('replace' in change) {
      const w = change.with;
      out = out.map((e) =>
        selects(change.replace, e)
          ? {
              ...e,
              ...(w.offset !== undefined ? { offsetMs: parseOffset(w.offset) } : {}),
              ...(w.role !== undefined ? { role: w.role } : {}),
              ...(w.type !== undefined ? { type: w.type } : {}),
              // Shallow merge: a replacement names only the fields it changes.
              data: { ...e.data, ...(w.data ?? {}) },
            }
          : e,
      );
    } else {
      out.push(...resolveGolden([change.add]));
    }
  }
  return out;
}

function worldEvent(w: WorldChange): Pick<PlayedEvent, 'role' | 'type' | 'data'> {
  switch (w.kind) {
    case 'outage.start':
      return { role: 'facilitator', type: 'outage.started', data: { what: w.what } };
    case 'outage.end':
      return { role: 'facilitator', type: 'outage.ended', data: { what: w.what } };
    case 'level.review':
      // P15/P16: DoIT (or the central body, P14) reviews the level on the reporting website.
      return { role: 'doit-reviewer', type: 'level.reviewed', data: { level: w.level } };
    case 'incident.designate':
      // P31(4): a designated incident owes progress reports.
      return { role: w.by === 'doit' ? 'doit-reviewer' : 'facilitator', type: 'incident.designated', data: { by: w.by } };
  }
}

/** Build a complete drill record from agency events (golden or altered) and the scenario's injects. */
export function playRecord(scenario: Scenario, agencyEvents: readonly PlayedEvent[], options: PlayOptions = {}): DrillRecord {
  const t0 = options.awareness !== undefined ? parseIsoMs(options.awareness) : awarenessMs(scenario);
  if (Number.isNaN(t0)) throw new Error(`playRecord: awareness "${options.awareness}" is not an ISO 8601 date-time`);
  const end = options.endOffsetMs ?? parseOffset(scenario.plan.simulatedSpan);
  const team = defaultTeam(scenario);

  let order = 0;
  const timed: Timed[] = agencyEvents.map((e) => ({
    ...e,
    // A golden team.formed without members forms the scenario's default team (meta.people).
    data: e.type === 'team.formed' && e.data.members === undefined ? { ...e.data, members: team } : e.data,
    rank: RANK.golden,
    order: order++,
  }));

  const injects = toScheduledInjects(scenario);
  const start = Math.min(0, ...injects.map((i) => i.offsetMs), ...timed.map((e) => e.offsetMs));
  timed.push({ offsetMs: start, role: 'facilitator', type: 'drill.started', data: {}, rank: RANK.start, order: order++ });
  timed.push({ offsetMs: 0, role: 'facilitator', type: 'incident.aware', data: {}, rank: RANK.aware, order: order++ });

  // Contingency injects: deliver only if the condition holds given what happened before them. At the same
  // moment an inject comes before the agency's actions (RANK), so a same-moment action has not happened yet:
  // the live session (drill-session.ts) judges conditions on the log as it stands at delivery, the same way.
  for (const inj of injects) {
    const before = timed.filter((e) => e.offsetMs < inj.offsetMs || (e.offsetMs === inj.offsetMs && e.rank < RANK.inject));
    if (!conditionHolds(inj.condition, before)) continue;
    timed.push({
      offsetMs: inj.offsetMs,
      role: 'facilitator',
      type: 'inject.delivered',
      data: { injectId: inj.id, title: inj.title.zh },
      rank: RANK.inject,
      order: order++,
    });
    for (const w of inj.world ?? []) timed.push({ offsetMs: inj.offsetMs, ...worldEvent(w), rank: RANK.inject, order: order++ });
  }
  timed.push({ offsetMs: end, role: 'facilitator', type: 'drill.ended', data: {}, rank: RANK.end, order: order++ });

  const names = new Map<string, string>();
  for (const p of scenario.meta.people) for (const r of p.roles ?? []) if (!names.has(r)) names.set(r, p.name);

  const events: DrillEvent[] = timed
    .filter((e) => e.offsetMs <= end)
    .sort((a, b) => a.offsetMs - b.offsetMs || a.rank - b.rank || a.order - b.order)
    .map((e, i) => {
      const name = names.get(e.role);
      return {
        seq: i + 1,
        at: formatTaipei(t0 + e.offsetMs),
        actor: name !== undefined ? { role: e.role, name } : { role: e.role },
        type: e.type,
        data: e.data,
      };
    });

  return { format: RECORD_FORMAT, agency: defaultAgency(scenario), scenario: scenarioFacts(scenario), events };
}

/** The golden run: the record of a well-run agency. It must pass the default standard. */
export function goldenRecord(scenario: Scenario, options: PlayOptions = {}): DrillRecord {
  return playRecord(scenario, resolveGolden(scenario.golden), options);
}

/** The golden run with the named mistake applied. Throws if the scenario has no such mistake. */
export function mistakesRecord(scenario: Scenario, variantName: string, options: PlayOptions = {}): DrillRecord {
  const mistake = scenario.mistakes.find((m) => m.name === variantName);
  if (mistake === undefined) {
    const known = scenario.mistakes.map((m) => m.name).join(', ');
    throw new Error(`scenario "${scenario.meta.id}" has no mistake "${variantName}" (it has: ${known})`);
  }
  return playRecord(scenario, applyMistake(resolveGolden(scenario.golden), mistake), options);
}
