/** #/drill/:id/desk/:role — one role's desk, wired to the drill runtime (any window, in sync). */
import { useTranslation } from 'react-i18next';
import { useDrill } from '@/ui/drill-runtime';
import { routeHref } from '@/ui/lib/routes';
import { pick } from '@/ui/i18n';
import { guidanceOf } from '@/ui/persistence/drill-header';
import { useDocumentTitle } from '@/ui/lib/document-title';
import { ConnectionStatus, OfflineGuard } from '@/ui/components/connection/connection-status';
import { isDeskRole } from './desk-model';
import { DeskView } from './desk-view';
import './desks.css';
import './strings';

export default function DeskPage({ drillId, role }: { drillId: string; role: string }) {
  const { t, i18n } = useTranslation(['desks', 'glossary']);
  const drill = useDrill(drillId);
  const tc = useTranslation(['common', 'glossary']).t;
  useDocumentTitle([isDeskRole(role) ? t('desk.title', { role: tc(`glossary:roles.${role}`) }) : null, drill.stored?.title, tc('app.short')]);
  if (!isDeskRole(role)) {
    return (
      <section className="page">
        <p role="alert">{t('desk.unknownRole', { role })}</p>
        <a href={routeHref({ name: 'desks', drillId })}>{t('desk.backToList')}</a>
      </section>
    );
  }
  if (drill.state === 'loading') return <p aria-busy="true">{t('directory.loading')}</p>;
  if (drill.state === 'missing') return <p role="alert">{t('directory.notFound')}</p>;
  if (drill.state === 'error' || !drill.header) return <p role="alert">{drill.error ? pick(drill.error, i18n.language) : t('directory.notFound')}</p>;
  const { header } = drill;
  return (
    <>
      {drill.storageError && <p role="alert">{pick(drill.storageError, i18n.language)}</p>}
      <ConnectionStatus connection={drill.connection} />
      <OfflineGuard connection={drill.connection}>
      {/* Keyed by role: another desk in the same tab starts afresh (who is acting, open form, read marks). */}
      <DeskView
        key={role}
        role={role}
        agency={header.agency}
        scenario={header.scenario}
        participants={header.participants}
        {...(drill.me?.name && drill.me.kind !== 'facilitator' ? { actingAs: drill.me.name } : {})}
        events={drill.events}
        snapshot={drill.snapshot}
        clock={drill.clock}
        dispatch={drill.dispatch}
        directoryHref={routeHref({ name: 'desks', drillId })}
        guidance={guidanceOf(header)}
        identityKey={`tdrill:${drillId}:desk:${role}:actor`}
      />
      </OfflineGuard>
    </>
  );
}
