/**
 * ScoreOptions.levelOverride (the review's what-if): every limit judged at the given level instead of
 * the level in force. An agency that reports level 2 for a level-3 incident earns P18's level-2 team
 * limit (3 h) as scored, until DoIT's review raises it at +01:50; at the reference level the team
 * was due within the hour.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse';
import { mistakesRecord } from '../scenario/play';
import { scoreRecord } from './score';

const text = Object.values(import.meta.glob('/scenarios/ransomware-core.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)[0];

function underReported(teamAt: string) {
  const scenario = structuredClone(loadScenario(text, 'ransomware-core.yaml'));
  scenario.mistakes.push({
    name: 'under-reported',
    description: { zh: '以第二級通報', en: 'Reported as level 2' },
    changes: [
      { replace: 'level.assessed', with: { data: { level: 2 } } },
      { replace: 'level.approved', with: { data: { level: 2 } } },
      { replace: 'report.submitted', with: { data: { level: 2 } } },
      { move: 'team.formed', to: teamAt },
    ],
    expectFailing: {},
  });
  return mistakesRecord(scenario, 'under-reported');
}

const status = (r: ReturnType<typeof scoreRecord>, id: string) => r.obligations.find((o) => o.id === id);

describe('levelOverride', () => {
  it.each([
    ['+01:00', 'met', 'met'],
    ['+01:00:01', 'met', 'late'],
    // DoIT's review puts level 3 in force at +01:50 (an inject of the scenario); until then level 2 is.
    ['+01:49', 'met', 'late'],
  ])('team formed at %s: %s as scored (level 2 in force), %s at the reference level 3', (at, scored, whatIf) => {
    const record = underReported(at);
    expect(status(scoreRecord(record), 'team-formed')?.status).toBe(scored);
    expect(status(scoreRecord(record, { levelOverride: 3 }), 'team-formed')?.status).toBe(whatIf);
  });

  it('leaves the record and the scored result alone', () => {
    const record = underReported('+02:00');
    const before = JSON.stringify(record);
    const scored = scoreRecord(record);
    scoreRecord(record, { levelOverride: 3 });
    expect(JSON.stringify(record)).toBe(before);
    expect(scoreRecord(record)).toEqual(scored);
  });
});
