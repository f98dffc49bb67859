import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@/ui/i18n';
import { useUiStore } from '@/ui/stores/ui-store';
import { routeHref, type Route } from '@/ui/lib/routes';
import { useConsoleInMenu } from '@/ui/drill-runtime/session-kind';

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const language = useUiStore((s) => s.language);
  const setLanguage = useUiStore((s) => s.setLanguage);
  const projector = useUiStore((s) => s.projector);
  const setProjector = useUiStore((s) => s.setProjector);
  const drillId = 'drillId' in route ? route.drillId : undefined;
  // A participant's or the reviewer's session has no console to go to (issue 9).
  const showConsole = useConsoleInMenu(drillId);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <a className="brand" href={routeHref({ name: 'home' })}>
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span>
            <span className="brand-org">{t('app.org')}</span>
            <span className="brand-name">{t('app.name')}</span>
          </span>
        </a>
        <nav aria-label={t('nav.main')} className="app-nav">
          <a href={routeHref({ name: 'home' })} aria-current={route.name === 'home' ? 'page' : undefined}>
            {t('nav.home')}
          </a>
          {drillId && (
            <>
              {showConsole && (
                <a href={routeHref({ name: 'console', drillId })} aria-current={route.name === 'console' ? 'page' : undefined}>
                  {t('nav.console')}
                </a>
              )}
              <a
                href={routeHref({ name: 'desks', drillId })}
                aria-current={route.name === 'desks' || route.name === 'desk' ? 'page' : undefined}
              >
                {t('nav.desks')}
              </a>
              <a href={routeHref({ name: 'review', drillId })} aria-current={route.name === 'review' ? 'page' : undefined}>
                {t('nav.review')}
              </a>
            </>
          )}
        </nav>
        <div className="app-settings">
          <label>
            <span>{t('settings.language')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {LANGUAGES.map((lng) => (
                <option key={lng} value={lng} lang={lng === 'en' ? 'en' : 'zh-Hant-TW'}>
                  {t(`settings.languageNames.${lng}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="toggle">
            <input type="checkbox" checked={projector} onChange={(e) => setProjector(e.target.checked)} />
            <span>{t('settings.projector')}</span>
          </label>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
