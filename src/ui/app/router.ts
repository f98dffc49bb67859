/** The app shell's hash router: re-renders on `hashchange`; the routes themselves are in lib/routes.ts. */
import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '@/ui/lib/routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseRoute(hash);
}
