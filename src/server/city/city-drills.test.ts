// @vitest-environment node
/**
 * What an agency drill of a city exercise is made of (issue 11): DoIT's agency, scenario and start;
 * the agency's roster with DoIT's reviewer kept in it; a roster that names no one or names DoIT's
 * reviewer, a role or position that does not exist, is refused with the field named.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { CityExercise } from '@/engine/city/exercise';
import type { DrillHeader } from '@/runtime/drill-header';
import { agencyDrill, DEFAULT_REVIEWER_NAME, loadScenarios, rosterProblems, sharedClock, withRoster } from './city-drills';

const lib = loadScenarios(join(process.cwd(), 'scenarios'));
const exercise: CityExercise = {
  id: 'c1',
  title: '府級演練',
  startAt: '2026-03-09T08:40:30+08:00',
  scenarios: { kind: 'one', scenarioId: 'ransomware-core' },
  agencies: [{ name: '臺北市政府消防局', type: 'agency', oversight: ['superior'], reportsToCentral: false, contact: '值班室 119' }],
};

describe('city agency drills', () => {
  it('builds the agency drill from DoIT’s list, scenario and start, with DoIT’s reviewer in the roster', () => {
    const row = agencyDrill(exercise, exercise.agencies[0], 0, lib.get('ransomware-core')!, sharedClock(exercise, lib), '2026-01-01T00:00:00+08:00', DEFAULT_REVIEWER_NAME);
    const header = row.header as DrillHeader;
    expect(row.id).toBe('c1-a001');
    expect(header.t0).toBe('2026-03-09T08:40:30+08:00');
    expect(header.agency).toMatchObject({ name: '臺北市政府消防局', type: 'agency', reportsToCentral: false, oversight: ['superior'] });
    expect(header.participants.map((p) => p.roles)).toEqual([['facilitator'], ['doit-reviewer']]);
    expect(row.city).toMatchObject({ exerciseId: 'c1', index: 0, contact: '值班室 119' });
    expect(row.clock).toMatchObject({ running: false });
  });

  it('takes the agency’s roster but keeps DoIT’s reviewer seat DoIT’s', () => {
    const row = agencyDrill(exercise, exercise.agencies[0], 0, lib.get('ransomware-core')!, sharedClock(exercise, lib), '', DEFAULT_REVIEWER_NAME);
    const header = withRoster(row.header as DrillHeader, DEFAULT_REVIEWER_NAME, {
      facilitatorName: ' 主持人 ',
      participants: [{ name: '王通報', position: 'it-staff', roles: ['reporting-contact', 'doit-reviewer'] }],
      hasSecurityOfficer: false,
    });
    expect(header.participants).toEqual([
      { name: '主持人', position: 'staff', roles: ['facilitator'] },
      { name: '王通報', position: 'it-staff', roles: ['reporting-contact'] },
      { name: DEFAULT_REVIEWER_NAME, position: 'staff', roles: ['doit-reviewer'] },
    ]);
    expect(header.agency.hasSecurityOfficer).toBe(false);
    expect(header.agency.name).toBe('臺北市政府消防局');
  });

  it('refuses a roster with no one, a duplicate or DoIT’s name, an unknown role or position', () => {
    expect(rosterProblems({ facilitatorName: 'F', participants: [] }, DEFAULT_REVIEWER_NAME)).toEqual(['$.participants: the roster needs at least one person']);
    expect(rosterProblems({ facilitatorName: 'F', participants: [{ name: 'F', position: 'staff', roles: [] }] }, DEFAULT_REVIEWER_NAME)[0]).toMatch(/two people have one name/);
    expect(rosterProblems({ facilitatorName: 'F', participants: [{ name: DEFAULT_REVIEWER_NAME, position: 'staff', roles: [] }] }, DEFAULT_REVIEWER_NAME)[0]).toMatch(/DoIT's reviewer/);
    const bad = rosterProblems({ facilitatorName: 'F', participants: [{ name: 'A', position: 'wizard' as never, roles: ['king' as never] }] }, DEFAULT_REVIEWER_NAME);
    expect(bad).toEqual(['$.participants[0].position: "wizard" is not a position', '$.participants[0].roles: "king" is not a role a person can be given']);
  });
});
