import { Suspense, lazy, useEffect, useLayoutEffect, useRef } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '@/ui/i18n';
import { useUiStore } from '@/ui/stores/ui-store';
import { AppShell } from './app-shell';
import { routeHref, type Route } from '@/ui/lib/routes';
import { useRoute } from './router';
import { HomePage } from '@/ui/features/home/home-page';

// Views other than home load on demand, so the first screen stays small (review and charts above all).
const SetupPage = lazy(() => import('@/ui/features/setup/setup-page'));
const ConsolePage = lazy(() => import('@/ui/features/console/console-page'));
const DesksPage = lazy(() => import('@/ui/features/desks/desks-page'));
const DeskPage = lazy(() => import('@/ui/features/desks/desk-page'));
const ReviewPage = lazy(() => import('@/ui/features/review/review-page'));
const HandoutsPage = lazy(() => import('@/ui/features/console/handouts-page'));
const ComparePage = lazy(() => import('@/ui/features/review/compare-page'));
const CityPage = lazy(() => import('@/ui/features/city/city-page'));
const CityLivePage = lazy(() => import('@/ui/features/city/city-live-page'));
const MselPage = lazy(() => import('@/ui/features/msel/msel-page'));

function RouteView({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'new':
      return <SetupPage />;
    case 'console':
      return <ConsolePage drillId={route.drillId} />;
    case 'desks':
      return <DesksPage drillId={route.drillId} />;
    case 'desk':
      return <DeskPage drillId={route.drillId} role={route.role} />;
    case 'review':
      return <ReviewPage drillId={route.drillId} />;
    case 'review-file':
      return <ReviewPage />;
    case 'compare':
      return <ComparePage />;
    case 'city':
      return <CityPage />;
    case 'city-live':
      return <CityLivePage {...(route.exerciseId ? { exerciseId: route.exerciseId } : {})} />;
    case 'roster':
      return <SetupPage cityDrillId={route.drillId} />;
    case 'handouts':
      return <HandoutsPage drillId={route.drillId} />;
    case 'msel':
      return <MselPage />;
    case 'not-found':
      return <p role="alert">{t('notFound')}</p>;
  }
}

/** Keeps i18next, <html lang> and projector mode in step with the remembered preferences. */
function PreferenceEffects() {
  const language = useUiStore((s) => s.language);
  const projector = useUiStore((s) => s.projector);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-Hant-TW';
  }, [language]);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);
  return null;
}

/**
 * A new view starts at its top, with focus at the start of the main content (not left on the link
 * that led there, or deep in the previous page's scroll), as a page load would.
 */
function RouteChangeEffects({ href }: { href: string }) {
  const first = useRef(true);
  const language = useUiStore((s) => s.language);
  // The app's name, before any page names itself (useDocumentTitle runs after, in a passive effect).
  useLayoutEffect(() => {
    document.title = i18n.t('app.name', { lng: language });
  }, [href, language]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [href]);
  return null;
}

export function App() {
  const route = useRoute();
  return (
    <I18nextProvider i18n={i18n}>
      <PreferenceEffects />
      <RouteChangeEffects href={routeHref(route)} />
      <AppShell route={route}>
        <Suspense fallback={<p aria-busy="true">…</p>}>
          <RouteView route={route} />
        </Suspense>
      </AppShell>
    </I18nextProvider>
  );
}
