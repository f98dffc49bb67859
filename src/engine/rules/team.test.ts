import { describe, expect, it } from 'vitest';
import type { Agency, TeamMember } from '../record/schema';
import type { Level } from '../record/vocabulary';
import { checkTeam } from './team';

type M = [TeamMember['role'], TeamMember['position'], boolean?];
const team = (...ms: M[]): TeamMember[] => ms.map(([role, position, vendor]) => ({ role, position, name: role, ...(vendor ? { vendor } : {}) }));

const withIt: Agency = { name: 'a', type: 'agency', hasItUnit: true, hasSecurityOfficer: true };
const withoutIt: Agency = { name: 'b', type: 'agency', hasItUnit: false, hasSecurityOfficer: false };
const corp: Agency = { name: 'c', type: 'administrative-corporation', hasSecurityOfficer: true };
const doit: Agency = { name: 'd', type: 'doit', hasSecurityOfficer: true };
const school: Agency = { name: 'e', type: 'school', hasSecurityOfficer: true };

const rules = (agency: Agency, level: Level, members: TeamMember[]) => checkTeam({ agency, level, members }).map((i) => i.rule);

describe('checkTeam: valid teams per Att.3', () => {
  it.each<[string, Agency, Level, TeamMember[]]>([
    ['agency with IT, L1, IT head commands', withIt, 1, team(['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head'])],
    ['agency with IT, L2, ciso commands, IT head secretary', withIt, 2, team(['commander', 'ciso'], ['executive-secretary', 'it-unit-head'], ['reporting-contact', 'deputy-reporting-contact'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head'])],
    ['agency with IT, L3, head commands with ciso', withIt, 3, team(['commander', 'agency-head'], ['executive-secretary', 'ciso'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head'])],
    ['agency with IT, L4, ciso commands', withIt, 4, team(['commander', 'ciso'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head'])],
    ['agency without IT, L1, ciso commands, anyone appointed', withoutIt, 1, team(['commander', 'ciso'], ['executive-secretary', 'staff'], ['reporting-contact', 'staff'], ['intel-planning', 'staff'], ['response-execution', 'affected-unit-head'])],
    ['administrative corporation, L2', corp, 2, team(['commander', 'it-security-unit-head'], ['executive-secretary', 'staff'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-unit-senior-staff'])],
    ['administrative corporation, L3, ciso', corp, 3, team(['commander', 'ciso'], ['executive-secretary', 'it-security-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-security-unit-head'], ['response-execution', 'affected-unit-head'])],
    ['doit, L1, director', doit, 1, team(['commander', 'security-center-director'], ['executive-secretary', 'section-chief'], ['reporting-contact', 'security-officer'], ['intel-planning', 'senior-analyst'], ['response-execution', 'affected-unit-senior-analyst'])],
    ['doit, L3, ciso', doit, 3, team(['commander', 'ciso'], ['executive-secretary', 'senior-analyst-grade'], ['reporting-contact', 'security-officer'], ['intel-planning', 'security-center-director'], ['response-execution', 'affected-unit-head'])],
    ['school: only the contact counts', school, 3, team(['reporting-contact', 'security-officer'])],
    ['the first member with a role is its lead', withIt, 3, team(['commander', 'ciso'], ['commander', 'vendor'], ['reporting-contact', 'security-officer'], ['reporting-contact', 'vendor', true], ['intel-planning', 'it-unit-head'], ['intel-planning', 'vendor'], ['response-execution', 'affected-unit-head'])],
  ])('%s', (_name, agency, level, members) => expect(checkTeam({ agency, level, members })).toEqual([]));
});

describe('checkTeam: each broken rule is one issue', () => {
  it.each<[string, Agency, Level, TeamMember[], string[]]>([
    ['IT head may not command at L3', withIt, 3, team(['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']), ['commander']],
    ['agency head may not command at L2', withIt, 2, team(['commander', 'agency-head'], ['executive-secretary', 'ciso'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']), ['commander']],
    ['without IT unit, IT head may not command at L1', withoutIt, 1, team(['commander', 'it-unit-head'], ['reporting-contact', 'staff'], ['intel-planning', 'staff'], ['response-execution', 'affected-unit-head']), ['commander']],
    ['corp: it-unit-head is not the corp post', corp, 1, team(['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']), ['commander']],
    ['doit: it-unit-head may not command', doit, 2, team(['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'senior-analyst'], ['response-execution', 'affected-unit-section-chief']), ['commander']],
    ['head commands without a secretary', withIt, 3, team(['commander', 'agency-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']), ['executive-secretary']],
    ['head commands, secretary not the ciso', withIt, 4, team(['commander', 'agency-head'], ['executive-secretary', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']), ['executive-secretary']],
    ['ciso commands, secretary not the IT head', withIt, 3, team(['commander', 'ciso'], ['executive-secretary', 'staff'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']), ['executive-secretary']],
    ['IT head commands, vendor secretary', withIt, 1, team(['commander', 'it-unit-head'], ['executive-secretary', 'staff', true], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']), ['executive-secretary']],
    ['doit director commands, secretary specialist-commissioner', doit, 1, team(['commander', 'security-center-director'], ['executive-secretary', 'specialist-commissioner'], ['reporting-contact', 'security-officer'], ['intel-planning', 'senior-analyst'], ['response-execution', 'affected-unit-senior-analyst']), ['executive-secretary']],
    ['contact is not the security officer', withIt, 1, team(['commander', 'it-unit-head'], ['reporting-contact', 'it-staff'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']), ['reporting-contact']],
    ['contact is vendor staff (flag)', withoutIt, 1, team(['commander', 'ciso'], ['reporting-contact', 'staff', true], ['intel-planning', 'staff'], ['response-execution', 'affected-unit-head']), ['reporting-contact']],
    ['contact is vendor (position)', withoutIt, 1, team(['commander', 'ciso'], ['reporting-contact', 'vendor'], ['intel-planning', 'staff'], ['response-execution', 'affected-unit-head']), ['reporting-contact']],
    ['no contact', withIt, 1, team(['commander', 'it-unit-head'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']), ['reporting-contact']],
    ['ciso commands, intel lead it-staff', withIt, 3, team(['commander', 'ciso'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-unit-head']), ['intel-planning']],
    ['IT head commands, intel lead IT head', withIt, 1, team(['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-subunit-head']), ['intel-planning']],
    ['without IT: vendor intel lead', withoutIt, 2, team(['commander', 'ciso'], ['reporting-contact', 'staff'], ['intel-planning', 'vendor'], ['response-execution', 'affected-unit-head']), ['intel-planning']],
    ['doit ciso: intel lead senior analyst', doit, 3, team(['commander', 'ciso'], ['reporting-contact', 'security-officer'], ['intel-planning', 'senior-analyst'], ['response-execution', 'affected-unit-head']), ['intel-planning']],
    ['ciso commands, execution lead subunit head', corp, 3, team(['commander', 'ciso'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-security-unit-head'], ['response-execution', 'affected-subunit-head']), ['response-execution']],
    ['doit director: execution lead unit head', doit, 2, team(['commander', 'security-center-director'], ['reporting-contact', 'security-officer'], ['intel-planning', 'section-chief'], ['response-execution', 'affected-unit-head']), ['response-execution']],
    ['empty team', withIt, 3, [], ['reporting-contact', 'commander', 'intel-planning', 'response-execution']],
    ['school: only the contact rule, vendor contact', school, 4, team(['commander', 'vendor'], ['reporting-contact', 'vendor']), ['reporting-contact']],
    ['school: no contact', school, 1, [], ['reporting-contact']],
  ])('%s', (_name, agency, level, members, expected) => expect(rules(agency, level, members)).toEqual(expected));

  it('words the issue with the post held and the posts allowed, and cites the point', () => {
    const [issue] = checkTeam({ agency: withIt, level: 3, members: team(['commander', 'ciso'], ['reporting-contact', 'staff', true], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']) });
    expect(issue.cite).toBe('P6');
    expect(issue.message.en).toBe('reporting contact is held by staff (vendor staff), not security-officer or deputy-reporting-contact (never vendor staff (P6))');
    expect(issue.message.zh).toContain('通報窗口');
  });
});
