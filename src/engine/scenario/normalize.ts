/**
 * A parsed scenario in the shapes the rest of the engine uses: the injects the drill session
 * schedules (ScheduledInject), the record's `agency` and `scenario` objects, and the default team.
 */
import type { ScheduledInject, WorldChange } from '../drill/inject';
import type { Agency, ScenarioFacts, TeamMember } from '../record/schema';
import { TEAM_ROLES, type TeamRole } from '../record/vocabulary';
import { parseOffset } from './offset';
import { parseIsoMs } from '../time/taipei';
import type { Scenario } from './schema';

/** The scenario's injects, normalized and in delivery order (by offset, then file order). */
export function toScheduledInjects(scenario: Scenario): ScheduledInject[] {
  const injects = scenario.injects.map((inj, index): ScheduledInject & { index: number } => {
    const out: ScheduledInject & { index: number } = {
      index,
      id: inj.id,
      offsetMs: parseOffset(inj.offset),
      title: inj.title,
      message: inj.message,
      sender: inj.sender,
      to: inj.to,
      channel: inj.channel,
      expected: (inj.expected ?? []).map((e) => ({
        type: e.type,
        role: e.role,
        ...(e.within !== undefined ? { withinMs: parseOffset(e.within) } : {}),
        ...(e.note !== undefined ? { note: e.note } : {}),
      })),
    };
    if (inj.senderName !== undefined) out.senderName = inj.senderName;
    if (inj.notes !== undefined) out.facilitatorNotes = inj.notes;
    if (inj.condition !== undefined) {
      out.condition = {
        ...(inj.condition.ifHappened?.length ? { ifHappened: inj.condition.ifHappened } : {}),
        ...(inj.condition.unlessHappened?.length ? { unlessHappened: inj.condition.unlessHappened } : {}),
      };
      out.contingency = true;
    }
    if (inj.world !== undefined && inj.world.length > 0) out.world = inj.world.map((w): WorldChange => ({ ...w }));
    return out;
  });
  return injects
    .sort((a, b) => a.offsetMs - b.offsetMs || a.index - b.index)
    .map(({ index: _index, ...inj }) => inj);
}

/** The drill record's `scenario` object (drill-record.md): the facts scoring needs. */
export function scenarioFacts(scenario: Scenario): ScenarioFacts {
  const { meta, facts } = scenario;
  return {
    id: meta.id,
    title: meta.title.zh,
    referenceLevel: facts.referenceLevel,
    category: facts.category,
    affectedAgencies: [...facts.affectedAgencies],
    personalData: facts.personalData,
    malware: facts.malware,
    backup: facts.backup,
    tolerableDowntime: facts.tolerableDowntime,
    ...(facts.scope ? { scope: [...facts.scope] } : {}),
  };
}

/** The drill record's `agency` object for the scenario's default agency profile. */
export function defaultAgency(scenario: Scenario): Agency {
  const a = scenario.meta.agency;
  return {
    name: a.name.zh,
    type: a.type,
    hasItUnit: a.hasItUnit,
    hasSecurityOfficer: a.hasSecurityOfficer,
    reportsToCentral: a.reportsToCentral,
    oversight: [...a.oversight],
  };
}

const isTeamRole = (role: string): role is TeamRole => (TEAM_ROLES as readonly string[]).includes(role);

/**
 * The default response team from `meta.people[].roles`, in file order (Att.3: the first member
 * holding a role leads it). The `ciso` role is the approval desk, not a team role, so it is left out.
 */
export function defaultTeam(scenario: Scenario): TeamMember[] {
  const members: TeamMember[] = [];
  for (const person of scenario.meta.people) {
    for (const role of person.roles ?? []) {
      if (!isTeamRole(role)) continue;
      const member: TeamMember = { role, name: person.name, position: person.position };
      if (person.vendor === true || person.position === 'vendor') member.vendor = true;
      members.push(member);
    }
  }
  return members;
}

/** The T0 of the scenario (its default awareness time) as epoch ms. */
export function awarenessMs(scenario: Scenario): number {
  return parseIsoMs(scenario.facts.awareness);
}
