/**
 * P19, Att.3 — team-roles. procedure.md: "the team's roles are held by the posts Att.3 names; the
 * agency may adjust the team to its size, staff and the incident (P19)" · limit: with the team.
 * Att.3 itself is rules/team.ts.
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import { levelBand } from '../level-band';
import { checkTeam, type TeamIssue } from '../team';
import { obligation } from './types';

const issue = (i: TeamIssue): ReasonRef => say('team-roles.issue', { issue: { text: i.message }, cite: i.cite });

export const teamRoles = obligation({
  id: 'team-roles',
  points: ['P19', 'Att.3'],
  who: 'agency',
  // Judged with team-formed, so its window is team-formed's (from awareness).
  trigger: 'incident.aware',
  doneBy: ['team.formed'],
  limit: { kind: 'with', obligation: 'team-formed' },
  // Schools too, but only the reporting-contact rule (P6, settled point 10): checkTeam and `check` decide.
  applies: { school: true },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'team-roles'.
  remedy: { tier: 'medium' },
  check: (ctx, { done: team }) => {
    if (team === undefined) {
      // Settled point 10: a school's team-roles judges only P6 on the first team.formed; with none it does not apply.
      if (ctx.isSchool) return { notApplicable: say('team-roles.school-no-team') };
      return { pending: [say('team-roles.no-team')] };
    }
    const level = ctx.levelWhen(team);
    const members = Array.isArray(ctx.data(team).members) ? (ctx.data(team).members as Parameters<typeof checkTeam>[0]['members']) : [];
    const issues = checkTeam({ agency: ctx.agency, level, members });
    // Settled point 9: only the commander's or the facilitator's team.adjusted counts, whenever it comes.
    const adjustments = ctx.all('team.adjusted');
    const adjusted = adjustments.find((e) => e.actor.role === 'commander' || e.actor.role === 'facilitator');
    const ignored = adjustments
      .filter((e) => e.actor.role !== 'commander' && e.actor.role !== 'facilitator')
      .map((e) => say('team-roles.adjustment-ignored', { seq: e.seq, role: { role: e.actor.role } }));
    if (issues.length > 0 && adjusted !== undefined) {
      // Settled point 9: the adjustment excuses Att.3's composition only, never the reporting-contact rule (P5–P6, P9).
      const why = String(ctx.data(adjusted).reason ?? '').trim();
      return {
        violations: issues.filter((i) => i.rule === 'reporting-contact').map(issue),
        notes: [
          ...issues.filter((i) => i.rule !== 'reporting-contact').map(issue),
          why ? say('team-roles.accepted-as-formed-because', { seq: adjusted.seq, why }) : say('team-roles.accepted-as-formed', { seq: adjusted.seq }),
          ...ignored,
        ],
      };
    }
    return { violations: issues.map(issue), notes: [say('team-roles.judged-at-level', { level, band: levelBand(level) }), ...ignored] };
  },
});
