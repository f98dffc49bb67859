/**
 * The drill session against the project's real scenarios: a facilitator and participants playing
 * each scenario's golden run (and each mistake) live, through dispatch and the clock, must produce
 * the same injects at the same moments and the same scores as the scenario player's record
 * (src/engine/scenario/play.ts) — and the machine must accept every mistake.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { applyMistake, goldenRecord, mistakesRecord, resolveGolden, type PlayedEvent } from '../scenario/play';
import { awarenessMs, defaultAgency, defaultTeam, scenarioFacts, toScheduledInjects } from '../scenario/normalize';
import { parseOffset } from '../scenario/offset';
import type { Scenario } from '../scenario/schema';
import { scoreRecord } from '../scoring/score';
import type { DrillRecord } from '../record/schema';
import type { ActorRole } from '../record/vocabulary';
import { createDrillSession, type SessionParticipant } from './drill-session';

const files = import.meta.glob('../../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
// Scenario files that do not load are the scenario checker's to report (npm run scenarios:check), not this test's.
const scenarios = Object.entries(files).flatMap(([path, text]) => {
  const r = parseScenario(text, path);
  return r.ok ? [r.scenario] : [];
});

const WALL = '2026-05-10T14:00:00+08:00';

/** Plays agency events live: jump to each event's moment (injects fire on the way), then dispatch it. */
function playLive(scenario: Scenario, agencyEvents: readonly PlayedEvent[]): DrillRecord {
  const t0Ms = awarenessMs(scenario);
  const injects = toScheduledInjects(scenario);
  const participants: SessionParticipant[] = scenario.meta.people.map((p) => ({ name: p.name, roles: [...(p.roles ?? [])] as ActorRole[], position: p.position }));
  const names = new Map<string, string>();
  for (const p of participants) for (const r of p.roles) if (!names.has(r)) names.set(r, p.name);
  const end = parseOffset(scenario.plan.simulatedSpan);
  const startOffset = Math.min(0, ...injects.map((i) => i.offsetMs), ...agencyEvents.map((e) => e.offsetMs));
  const session = createDrillSession({
    header: { agency: defaultAgency(scenario), scenario: scenarioFacts(scenario), participants, mode: 'tabletop' },
    injects,
    t0Ms,
    startMs: t0Ms + startOffset,
    speed: 3600,
  });
  expect(session.start(WALL).ok).toBe(true);
  const ordered = agencyEvents.map((e, i) => ({ e, i })).sort((a, b) => a.e.offsetMs - b.e.offsetMs || a.i - b.i);
  for (const { e } of ordered) {
    if (e.offsetMs > end) continue;
    session.jumpTo(Math.max(session.now(), t0Ms + e.offsetMs), WALL);
    const name = names.get(e.role);
    const data = e.type === 'team.formed' && e.data.members === undefined ? { ...e.data, members: defaultTeam(scenario) } : e.data;
    const r = session.dispatch({ type: e.type, actor: { role: e.role, ...(name ? { name } : {}) }, data, wallIso: WALL });
    if (!r.ok) throw new Error(`${scenario.meta.id}: ${e.type} at ${e.offsetMs} refused: ${r.reason.en}`);
  }
  session.jumpTo(t0Ms + end, WALL);
  expect(session.end(WALL).ok).toBe(true);
  return session.record();
}

const WORLD_TYPES = ['outage.started', 'outage.ended', 'level.reviewed', 'incident.designated'];
/** Delivered injects and the world events that follow them; `except` drops injects by id. */
const injectsOf = (record: DrillRecord) => {
  const out: unknown[][] = [];
  for (const e of record.events) {
    if (e.type === 'inject.delivered') out.push([e.type, e.at, e.data?.injectId]);
    else if (WORLD_TYPES.includes(e.type) && e.actor.role !== 'reporting-contact') out.push([e.type, e.at]);
  }
  return out;
};

const statuses = (record: DrillRecord) => {
  const s = scoreRecord(record);
  return { obligations: s.obligations.map((o) => [o.id, o.status, o.doneAt]), doit: s.doit.map((o) => [o.id, o.status]), score: s.score, passed: s.passed };
};

describe.each(scenarios.map((s) => [s.meta.id, s] as const))('scenario %s played live', (_id, scenario) => {
  it('golden run: same injects at the same moments and the same score as the scenario player', () => {
    const golden = resolveGolden(scenario.golden);
    const live = playLive(scenario, golden);
    const played = goldenRecord(scenario);
    // Same injects at the same moments, ties included: both judge a condition on what happened before the
    // inject, and at the same moment an inject comes before the agency's action.
    expect(injectsOf(live)).toEqual(injectsOf(played));
    expect(statuses(live)).toEqual(statuses(played));
    expect(scoreRecord(live).passed).toBe(true);
  });

  it.each(scenario.mistakes.map((m) => [m.name, m] as const))('mistake %s is accepted and scored the same', (name, mistake) => {
    const live = playLive(scenario, applyMistake(resolveGolden(scenario.golden), mistake));
    const played = mistakesRecord(scenario, name);
    expect(statuses(live)).toEqual(statuses(played));
  });
});
