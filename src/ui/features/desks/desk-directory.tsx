/** The list of role desks: each role with who holds it, and "open desk" / "open in new window". */
import { useTranslation } from 'react-i18next';
import type { InboxEntry } from '@/engine/drill/drill-session';
import { DESK_ROLES, FACILITATOR_PLAYED_ROLES, type ActorRole } from '@/engine/record/vocabulary';
import { routeHref } from '@/ui/lib/routes';
import { holdersOf, type DeskParticipant } from './desk-model';
import './strings';

export function DeskDirectory({
  drillId,
  participants,
  inbox,
}: {
  drillId: string;
  participants: readonly DeskParticipant[];
  inbox?: Partial<Record<ActorRole, InboxEntry[]>>;
}) {
  const { t } = useTranslation(['desks', 'glossary']);
  const { t: tc } = useTranslation(['common', 'glossary']);
  return (
    <section className="page desks" aria-labelledby="desks-title">
      <h1 id="desks-title">{t('directory.title')}</h1>
      <p className="lead">{t('directory.intro')}</p>
      <table className="data-table desk-directory">
        <thead>
          <tr>
            <th scope="col">{t('directory.role')}</th>
            <th scope="col">{t('directory.holders')}</th>
            <th scope="col">{t('desk.inbox')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('directory.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {DESK_ROLES.map((role) => {
            const holders = holdersOf(participants, role);
            const name = tc(`glossary:roles.${role}`);
            const href = routeHref({ name: 'desk', drillId, role });
            const count = inbox?.[role]?.length ?? 0;
            return (
              <tr key={role}>
                <th scope="row">{name}</th>
                <td>
                  {holders.length > 0
                    ? holders.map((p) => t('common.paren', { a: p.name, b: tc(`glossary:positions.${p.position}`) })).join(t('common.listSep'))
                    : (FACILITATOR_PLAYED_ROLES as readonly ActorRole[]).includes(role)
                      ? t('directory.played')
                      : t('directory.nobody')}
                </td>
                <td className="num">{count}</td>
                <td className="row-actions">
                  <a className="button primary" href={href} aria-label={t('directory.openLabel', { role: name })}>
                    {t('directory.open')}
                  </a>
                  <a className="button" href={href} target="_blank" rel="noopener" aria-label={t('directory.openNewLabel', { role: name })}>
                    {t('directory.openNew')}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
