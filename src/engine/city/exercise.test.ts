import { describe, expect, it } from 'vitest';
import { checkExercise, recordAgency, scenarioFor, type CityExercise } from './exercise';

const base: CityExercise = {
  id: 'city-2026',
  title: '115 年府級演練',
  startAt: '2026-03-02T09:00:00+08:00',
  scenarios: { kind: 'by-type', byType: { agency: 'ransomware-core', school: 'school-student-records' } },
  agencies: [
    { name: '臺北市政府工務局', type: 'agency', oversight: ['superior'], reportsToCentral: false, contact: '' },
    { name: '臺北市立建國高級中學', type: 'school', oversight: ['superior'], reportsToCentral: true, contact: '' },
  ],
};

describe('city exercise', () => {
  it('gives each agency its type’s scenario, or the one scenario', () => {
    expect(scenarioFor(base, { type: 'school' })).toBe('school-student-records');
    expect(scenarioFor(base, { type: 'administrative-corporation' })).toBeNull();
    expect(scenarioFor({ scenarios: { kind: 'one', scenarioId: 'x' } }, { type: 'school' })).toBe('x');
    expect(checkExercise(base)).toEqual([]);
  });

  it('refuses a duplicate agency name (as people read it), a type with no scenario and a bad start', () => {
    const bad: CityExercise = {
      ...base,
      startAt: '2026-02-30T09:00:00+08:00',
      agencies: [...base.agencies, { ...base.agencies[0], name: ' 臺北市政府工務局 ' }, { name: '臺北流行音樂中心', type: 'administrative-corporation', oversight: ['supervisory'], reportsToCentral: false, contact: '' }],
    };
    expect(checkExercise(bad).map((p) => `${p.field}: ${p.message.en}`)).toEqual([
      'startAt: start time "2026-02-30T09:00:00+08:00" is not ISO 8601 with an offset',
      'agencies[2].name: agency name "臺北市政府工務局" is a duplicate (already agency 1)',
      'agencies[3].type: no scenario is set for the type of "臺北流行音樂中心"',
    ]);
  });

  it('states the agency as its drill record does', () => {
    expect(recordAgency(base.agencies[1], { hasSecurityOfficer: true })).toEqual({ name: '臺北市立建國高級中學', type: 'school', reportsToCentral: true, oversight: ['superior'], hasSecurityOfficer: true });
  });
});
