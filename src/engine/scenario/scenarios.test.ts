/**
 * Every scenario in scenarios/ proves itself against the REAL scoring (drill-record.md):
 * its golden run passes the default standard with every obligation met or not applicable, and
 * each named mistake fails in exactly the obligations it expects, with the expected statuses.
 * Loaded the way the UI loads them (Vite's import.meta.glob), so the browser path is tested too.
 */
import { describe, expect, it } from 'vitest';
import { scoreRecord } from '../scoring/score';
import type { ObligationResult } from '../scoring/types';
import { validateDrillRecord } from '../record/parse';
import { parseScenario, formatScenarioError } from './parse';
import { goldenRecord, mistakesRecord } from './play';
import type { Scenario } from './schema';

const files = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const FAILING = new Set(['late', 'violated', 'missed']);
const statusLine = (o: ObligationResult) => `${o.id}: ${o.status}${o.reasons.length ? ` (${o.reasons.join('; ')})` : ''}`;

function load(path: string): Scenario {
  const r = parseScenario(files[path], path);
  if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
  return r.scenario;
}

describe('the scenario library', () => {
  const paths = Object.keys(files).sort();

  it('has at least ten scenarios, each with 6–15 injects and a contingency inject', () => {
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const p of paths) {
      const s = load(p);
      expect(s.injects.length, p).toBeGreaterThanOrEqual(6);
      expect(s.injects.length, p).toBeLessThanOrEqual(15);
      expect(s.injects.some((i) => i.condition !== undefined), `${p} has a contingency inject`).toBe(true);
      expect(p).toBe(`/scenarios/${s.meta.id}.yaml`);
    }
  });

  describe.each(paths)('%s', (path) => {
    const scenario = load(path);

    it('golden run: a valid record that passes the default standard, every obligation met or not applicable', () => {
      const record = goldenRecord(scenario);
      expect(validateDrillRecord(JSON.parse(JSON.stringify(record)), path)).toMatchObject({ ok: true });
      const result = scoreRecord(record);
      const all = [...result.obligations, ...result.doit];
      const notMet = all.filter((o) => o.status !== 'met' && o.status !== 'not-applicable').map(statusLine);
      expect(notMet).toEqual([]);
      expect([result.verdict, result.passed]).toEqual(['pass', true]);
      expect(result.score).toBe(100);
    });

    it.each(scenario.mistakes.map((m) => [m.name, m] as const))('mistake %s fails exactly as expected', (_name, mistake) => {
      const result = scoreRecord(mistakesRecord(scenario, mistake.name));
      const failing = Object.fromEntries(
        [...result.obligations, ...result.doit].filter((o) => FAILING.has(o.status)).map((o) => [o.id, o.status]),
      );
      expect(failing).toEqual(mistake.expectFailing);
      expect(result.passed).toBe(mistake.expectPassed ?? false);
    });
  });
});

describe('school-student-records: the bureau calls after an e-mail-only notice (P12)', () => {
  const scenario = load('/scenarios/school-student-records.yaml');
  const delivered = (events: { type: string; data?: Record<string, unknown> }[]) =>
    events.filter((e) => e.type === 'inject.delivered').map((e) => e.data?.injectId);

  it('golden run (notified by phone at +00:32): the contingency is not delivered', () => {
    expect(delivered(goldenRecord(scenario).events)).not.toContain('bureau-calls');
  });

  it('mistake bureau-told-by-email: the contingency is delivered at +00:50', () => {
    const record = mistakesRecord(scenario, 'bureau-told-by-email');
    const call = record.events.find((e) => e.type === 'inject.delivered' && e.data?.injectId === 'bureau-calls');
    expect(call?.at).toBe('2026-10-14T11:10:00+08:00'); // T0 10:20 + 50 min
  });
});
