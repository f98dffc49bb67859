/**
 * P18/P19, Att.3: form the response team from the drill's participants (post, team role, vendor
 * flag per member), with the engine's live Att.3 check; and record an adjustment under P19.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamMember } from '@/engine/record/schema';
import { ACTOR_ROLES, POSITIONS, TEAM_ROLES, type ActorRole, type Position } from '@/engine/record/vocabulary';
import { checkTeam } from '@/engine/rules/team';
import { pick } from '@/ui/i18n';
import { useDesk } from '../desk-context';
import type { DeskParticipant } from '../desk-model';
import { ActionForm, SubmitButton, TextField } from './form-parts';

interface Row {
  include: boolean;
  name: string;
  position: Position;
  role: ActorRole;
  vendor: boolean;
}

const TEAM_ROLE_SET = new Set<string>(TEAM_ROLES);

/** Outside parties: the facilitator runs the drill and DoIT's reviewer and ACS review it; none is a team member. */
const OUTSIDE = new Set<ActorRole>(['facilitator', 'doit-reviewer', 'acs']);

/**
 * One row per team role each participant holds in the setup; the agency's people without one are
 * listed unticked. The facilitator and the outside reviewers are not offered (Att.3's team is the agency's).
 */
export function initialRows(participants: readonly DeskParticipant[]): Row[] {
  const rows: Row[] = [];
  for (const p of participants) {
    const roles = p.roles.filter((r) => TEAM_ROLE_SET.has(r));
    if (roles.length === 0 && p.roles.some((r) => OUTSIDE.has(r))) continue;
    if (roles.length === 0) rows.push({ include: false, name: p.name, position: p.position, role: 'commander', vendor: !!p.vendor });
    for (const role of roles) rows.push({ include: true, name: p.name, position: p.position, role, vendor: !!p.vendor || p.position === 'vendor' });
  }
  return rows;
}

export function toMembers(rows: readonly Row[]): TeamMember[] {
  return rows
    .filter((r) => r.include && r.name.trim())
    .map((r) => ({ role: r.role, name: r.name.trim(), position: r.position, ...(r.vendor ? { vendor: true } : {}) }));
}

/** People, not role rows: one person holding two roles is one person. */
export function peopleIn(members: readonly TeamMember[]): number {
  return new Set(members.map((m) => m.name)).size;
}

export function TeamForm() {
  const { t, i18n } = useTranslation(['desks', 'glossary']);
  const { t: tc } = useTranslation(['common', 'glossary']);
  const { act, participants, agency, scenario, levelInForce } = useDesk();
  const [rows, setRows] = useState<Row[]>(() => initialRows(participants));
  const [reason, setReason] = useState('');
  const members = toMembers(rows);
  // The engine's Att.3 rules, at the level in force now (the level the team would be judged by if formed now).
  const issues = checkTeam({ agency, level: levelInForce ?? scenario.referenceLevel, members });
  const check = { ok: issues.length === 0, problems: issues.map((i) => i.message) };
  const update = (i: number, patch: Partial<Row>) => setRows((prev) => prev.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const roleOptions = [...TEAM_ROLES, ...ACTOR_ROLES.filter((r) => !TEAM_ROLE_SET.has(r) && r !== 'facilitator' && r !== 'acs' && r !== 'doit-reviewer')];

  return (
    <div className="desk-stack">
      <ActionForm
        title={t('forms.team')}
        intro={t('team.intro')}
        onSubmit={() => {
          if (members.length > 0) void act('team.formed', { members });
        }}
      >
        <table className="data-table desk-team">
          <thead>
            <tr>
              <th scope="col">{t('team.include')}</th>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.position')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('team.vendor')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const label = r.name ? t('common.paren', { a: t('team.memberLabel', { n: i + 1 }), b: r.name }) : t('team.memberLabel', { n: i + 1 });
              return (
                <tr key={i}>
                  <td>
                    <input type="checkbox" aria-label={`${t('team.include')} ${label}`} checked={r.include} onChange={(e) => update(i, { include: e.target.checked })} />
                  </td>
                  <td>
                    <input type="text" aria-label={`${t('team.name')} ${label}`} value={r.name} onChange={(e) => update(i, { name: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`${t('team.position')} ${label}`} value={r.position} onChange={(e) => update(i, { position: e.target.value as Position })}>
                      {POSITIONS.map((p) => (
                        <option key={p} value={p}>
                          {tc(`glossary:positions.${p}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('team.role')} ${label}`} value={r.role} onChange={(e) => update(i, { role: e.target.value as ActorRole })}>
                      {roleOptions.map((role) => (
                        <option key={role} value={role}>
                          {tc(`glossary:roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`${t('team.vendor')} ${label}`} checked={r.vendor} onChange={(e) => update(i, { vendor: e.target.checked })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => setRows((prev) => [...prev, { include: true, name: '', position: 'staff', role: 'response-execution', vendor: false }])}
        >
          {t('team.addRow')}
        </button>
        <section className="desk-check" aria-label={t('team.check')} aria-live="polite">
          <h4>{t('team.check')}</h4>
          {check.ok && <p className="desk-ok">{t('team.checkOk')}</p>}
          {!check.ok && (
            <ul className="desk-problems">
              {check.problems.map((p) => (
                <li key={p.en}>{pick(p, i18n.language)}</li>
              ))}
            </ul>
          )}
        </section>
        <p role="status">{t('team.count', { people: peopleIn(members), roles: members.length })}</p>
        {members.length === 0 && <p className="desk-warn">{t('team.noMembers')}</p>}
        <SubmitButton>{t('team.submit')}</SubmitButton>
      </ActionForm>
      <ActionForm title={t('team.adjustTitle')} onSubmit={() => void act('team.adjusted', { reason })}>
        <TextField label={t('team.adjustReason')} multiline value={reason} onChange={setReason} />
        <SubmitButton>{t('team.adjust')}</SubmitButton>
      </ActionForm>
    </div>
  );
}
