/**
 * The derived snapshot (issue 14 item 4) against the project's real scenarios: a snapshot derived
 * once per event and once per crossed limit shows the same score as scoring the record at every
 * moment in between (scoring results must not change), a replica's fold of the events gives the
 * authority's incident state, and a running clock re-derives exactly when a limit passes.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { goldenRecord, mistakesRecord } from '../scenario/play';
import { awarenessMs, toScheduledInjects } from '../scenario/normalize';
import type { DrillRecord } from '../record/schema';
import { scoreRecord } from '../scoring/score';
import type { ScoreResult } from '../scoring/types';
import { parseIsoMs } from '../time/taipei';
import { summarizeIncident } from '../machine/incident-machine';
import { createDrillSession } from './drill-session';
import { deriveLimits, deriveSnapshot, incidentOf, snapshotHolds, type DrillBasis } from './derived-snapshot';

const files = import.meta.glob('../../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const scenarios = Object.entries(files).flatMap(([path, text]) => {
  const r = parseScenario(text, path);
  return r.ok ? [r.scenario] : [];
});

const MIN = 60_000;

/**
 * A score without the wording of not-reached obligations: that wording quotes the moment it was
 * judged at ("the limit … had not passed at …"), and the live board does not show it (it shows
 * reasons for late, missed and violated rows only). Everything else must be equal.
 */
const comparable = (score: ScoreResult | null) =>
  score && {
    ...score,
    obligations: score.obligations.map((o) => (o.status === 'not-reached' ? { ...o, reasons: [], reasonsZh: [], reasonCodes: [] } : o)),
    doit: score.doit.map((o) => (o.status === 'not-reached' ? { ...o, reasons: [], reasonsZh: [], reasonCodes: [] } : o)),
  };

/** The record cut at a moment, as a live drill holds it then. */
const upTo = (record: DrillRecord, atMs: number): DrillRecord => ({ ...record, events: record.events.filter((e) => parseIsoMs(e.at) <= atMs) });

describe('a snapshot derived per event and per crossed limit scores like scoring at every moment', () => {
  it.each(scenarios.map((s) => [s.meta.id, s] as const))('%s: golden and every mistake', (_id, scenario) => {
    const records = [goldenRecord(scenario), ...scenario.mistakes.map((m) => mistakesRecord(scenario, m.name))];
    for (const record of records) {
      const basis: DrillBasis = { injects: toScheduledInjects(scenario), scriptedT0Ms: awarenessMs(scenario), participants: (record.participants as DrillBasis['participants']) ?? [] };
      const aware = parseIsoMs(record.events.find((e) => e.type === 'incident.aware')!.at);
      const last = parseIsoMs(record.events.at(-1)!.at);
      let held: { length: number; snapshot: ReturnType<typeof deriveSnapshot> } | null = null;
      let derivations = 0;
      let checked = 0;
      // The moments a live board looks at: every event, every limit, one moment either side, and between.
      const limits = scoreRecord(record).obligations.concat(scoreRecord(record).doit).flatMap((o) => (o.due ? [parseIsoMs(o.due)] : []));
      const marks = [...record.events.map((e) => parseIsoMs(e.at)), ...limits].filter((m) => m >= aware);
      const moments = [...new Set(marks.flatMap((m) => [m - 1, m, m + 1, m + 13 * MIN]))].filter((m) => m >= aware && m <= last + 10 * MIN).sort((a, b) => a - b);
      for (const m of moments) {
        const now = upTo(record, m);
        if (!held || held.length !== now.events.length || !snapshotHolds(held.snapshot, m)) {
          held = { length: now.events.length, snapshot: deriveSnapshot(basis, now, m) };
          derivations += 1;
        }
        expect(comparable(held.snapshot.score), `${record.scenario.id} at ${new Date(m).toISOString()}`).toEqual(comparable(scoreRecord(now, { evaluateAt: m })));
        checked += 1;
      }
      // Derived far less often than looked at: only at events and limits.
      expect(derivations).toBeLessThan(checked);
    }
  });
});

describe('a replica folds the events as data', () => {
  it.each(scenarios.map((s) => [s.meta.id, s] as const))('%s: the fold gives the authority session’s incident state', (_id, scenario) => {
    const record = goldenRecord(scenario);
    const participants = (record.participants as DrillBasis['participants']) ?? [];
    const session = createDrillSession({
      header: { agency: record.agency, scenario: record.scenario, participants: participants.map((p) => ({ name: p.name, roles: [...p.roles] })), mode: 'tabletop' },
      injects: toScheduledInjects(scenario),
      t0Ms: awarenessMs(scenario),
      events: record.events,
    });
    expect(summarizeIncident(incidentOf(record, participants))).toEqual(session.summary());
  });
});

describe('the limits alone (what the clock needs on the server) are the full snapshot\'s', () => {
  it.each(scenarios.map((s) => [s.meta.id, s] as const))('%s: golden and every mistake, at every event and limit', (_id, scenario) => {
    const records = [goldenRecord(scenario), ...scenario.mistakes.map((m) => mistakesRecord(scenario, m.name))];
    for (const record of records) {
      const basis: DrillBasis = { injects: toScheduledInjects(scenario), scriptedT0Ms: awarenessMs(scenario), participants: (record.participants as DrillBasis['participants']) ?? [] };
      const limits = scoreRecord(record).obligations.concat(scoreRecord(record).doit).flatMap((o) => (o.due ? [parseIsoMs(o.due)] : []));
      const moments = [...new Set([...record.events.map((e) => parseIsoMs(e.at)), ...limits].flatMap((m) => [m - 1, m, m + 1]))].sort((a, b) => a - b);
      for (const m of moments) {
        const now = upTo(record, m);
        const full = deriveSnapshot(basis, now, m);
        const alone = deriveLimits(basis, now, m, full.ended);
        expect(alone.validUntilMs, `${record.scenario.id} at ${new Date(m).toISOString()}`).toBe(full.validUntilMs);
        expect(alone.score).toEqual(full.score);
      }
    }
  });
});

describe('the authority derives again when the clock passes a limit', () => {
  it('a running clock crossing report-1h gives a new snapshot with it missed, and no event', () => {
    const scenario = scenarios.find((s) => s.meta.id === 'ransomware-core') ?? scenarios[0];
    const t0Ms = awarenessMs(scenario);
    const record = goldenRecord(scenario);
    const participants = ((record.participants as DrillBasis['participants']) ?? []).map((p) => ({ name: p.name, roles: [...p.roles] }));
    const session = createDrillSession({
      header: { agency: record.agency, scenario: record.scenario, participants, mode: 'tabletop' },
      injects: [],
      t0Ms,
    });
    expect(session.start().ok).toBe(true);
    const atStart = session.derived();
    expect(atStart.score?.obligations.find((o) => o.id === 'report-1h')?.status).toBe('not-reached');
    expect(atStart.validUntilMs).toBe(t0Ms + 60 * MIN);
    // Up to the limit itself nothing changes: the same object (no re-scoring per tick).
    session.jumpTo(t0Ms + 60 * MIN);
    expect(session.derived()).toBe(atStart);
    const events = session.events().length;
    session.advance(1);
    const after = session.derived();
    expect(after).not.toBe(atStart);
    expect(after.score?.obligations.find((o) => o.id === 'report-1h')?.status).toBe('missed');
    expect(session.events().length).toBe(events);
  });
});
