import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteDrill, type StoredDrill } from '@/ui/persistence/drill-db';
import { isServerMode, listSavedDrills as listDrills } from '@/ui/drill-runtime/server-mode';
import { routeHref } from '@/ui/lib/routes';
import { pick } from '@/ui/i18n';
import './home.css';

type Load = { state: 'loading' } | { state: 'ready'; drills: StoredDrill[] } | { state: 'error'; message: string };

function formatWall(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'en' ? 'en-GB' : 'zh-TW', { timeZone: 'Asia/Taipei', dateStyle: 'medium', timeStyle: 'short' });
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const server = isServerMode();

  const refresh = useCallback(() => {
    listDrills()
      .then((drills) => setLoad({ state: 'ready', drills }))
      .catch((error: unknown) => setLoad({ state: 'error', message: String(error) }));
  }, []);
  useEffect(refresh, [refresh]);

  return (
    <section className="page home" aria-labelledby="home-title">
      <div className="page-head">
        <h1 id="home-title">{t('home.title')}</h1>
        <div className="page-actions">
          <a className="button primary" href={routeHref({ name: 'new' })}>
            {t('actions.newDrill')}
          </a>
          <a className="button" href={routeHref({ name: 'review-file' })}>
            {t('actions.importRecord')}
          </a>
          <a className="button" href={routeHref({ name: 'city' })}>
            {t('actions.cityResults')}
          </a>
          {isServerMode() && (
            <a className="button" href={routeHref({ name: 'city-live' })}>
              {t('actions.cityLive')}
            </a>
          )}
          <a className="button" href={routeHref({ name: 'msel' })}>
            {t('actions.msel')}
          </a>
        </div>
      </div>
      <p className="lead">{t('home.intro')}</p>
      <h2>{t('home.savedDrills')}</h2>
      {load.state === 'loading' && <p aria-busy="true">…</p>}
      {load.state === 'error' && <p role="alert">{load.message}</p>}
      {load.state === 'ready' && load.drills.length === 0 && <p className="empty">{t('home.none')}</p>}
      {load.state === 'ready' && load.drills.length > 0 && (
        <table className="data-table drill-list">
          <thead>
            <tr>
              <th scope="col">{t('home.columns.title')}</th>
              <th scope="col">{t('home.columns.scenario')}</th>
              <th scope="col">{t('home.columns.agency')}</th>
              <th scope="col">{t('home.columns.status')}</th>
              <th scope="col">{t('home.columns.events')}</th>
              <th scope="col">{t('home.columns.updated')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {load.drills.map((drill) => (
              <tr key={drill.id}>
                <th scope="row">
                  <a href={routeHref({ name: drill.status === 'ended' ? 'review' : 'console', drillId: drill.id })}>{drill.title}</a>
                </th>
                <td data-label={t('home.columns.scenario')}>{pick(drill.scenarioTitle, i18n.language)}</td>
                <td data-label={t('home.columns.agency')}>{drill.agencyName}</td>
                <td data-label={t('home.columns.status')}>
                  <span className={`badge status-${drill.status}`}>{t(`home.status.${drill.status}`)}</span>
                </td>
                <td className="num" data-label={t('home.columns.events')}>
                  {drill.eventCount}
                </td>
                <td data-label={t('home.columns.updated')}>{formatWall(drill.updatedWall, i18n.language)}</td>
                <td className="row-actions">
                  <a href={routeHref({ name: 'console', drillId: drill.id })}>{t('nav.console')}</a>
                  <a href={routeHref({ name: 'desks', drillId: drill.id })}>{t('nav.desks')}</a>
                  <a href={routeHref({ name: 'review', drillId: drill.id })}>{t('nav.review')}</a>
                  {/* Deleting removes a drill from this browser's storage; a drill server's drills are not kept here. */}
                  {!server && (
                    <button
                      type="button"
                      className="link danger"
                      aria-label={`${t('actions.delete')} ${drill.title}`}
                      onClick={() => {
                        if (window.confirm(`${t('actions.delete')} ${drill.title}?`)) void deleteDrill(drill.id).then(refresh);
                      }}
                    >
                      {t('actions.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
