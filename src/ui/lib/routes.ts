/**
 * The app's hash routes: it is a static SPA that may be opened from several windows at once
 * (console on the projector, desks in other tabs), so every view has a shareable #/ address.
 * Pure helpers that features link with; the app shell's `useRoute` (app/router.ts) listens.
 */

export type Route =
  | { name: 'home' }
  | { name: 'new' }
  | { name: 'console'; drillId: string }
  | { name: 'desks'; drillId: string }
  | { name: 'desk'; drillId: string; role: string }
  | { name: 'review'; drillId: string }
  | { name: 'handouts'; drillId: string }
  | { name: 'review-file' }
  | { name: 'compare' }
  | { name: 'city' }
  | { name: 'city-live'; exerciseId?: string }
  | { name: 'roster'; drillId: string }
  | { name: 'msel' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'new' && parts.length === 1) return { name: 'new' };
  if (parts[0] === 'review' && parts.length === 1) return { name: 'review-file' };
  if (parts[0] === 'compare' && parts.length === 1) return { name: 'compare' };
  if (parts[0] === 'city' && parts.length === 1) return { name: 'city' };
  if (parts[0] === 'city' && parts[1] === 'live' && parts.length <= 3) return parts[2] ? { name: 'city-live', exerciseId: parts[2] } : { name: 'city-live' };
  if (parts[0] === 'msel' && parts.length === 1) return { name: 'msel' };
  if (parts[0] === 'drill' && parts[1]) {
    const drillId = parts[1];
    if (parts[2] === 'console' && parts.length === 3) return { name: 'console', drillId };
    if (parts[2] === 'desks' && parts.length === 3) return { name: 'desks', drillId };
    if (parts[2] === 'desk' && parts[3] && parts.length === 4) return { name: 'desk', drillId, role: parts[3] };
    if (parts[2] === 'review' && parts.length === 3) return { name: 'review', drillId };
    if (parts[2] === 'handouts' && parts.length === 3) return { name: 'handouts', drillId };
    if (parts[2] === 'roster' && parts.length === 3) return { name: 'roster', drillId };
  }
  return { name: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'new':
      return '#/new';
    case 'console':
      return `#/drill/${encodeURIComponent(route.drillId)}/console`;
    case 'desks':
      return `#/drill/${encodeURIComponent(route.drillId)}/desks`;
    case 'desk':
      return `#/drill/${encodeURIComponent(route.drillId)}/desk/${encodeURIComponent(route.role)}`;
    case 'review':
      return `#/drill/${encodeURIComponent(route.drillId)}/review`;
    case 'handouts':
      return `#/drill/${encodeURIComponent(route.drillId)}/handouts`;
    case 'review-file':
      return '#/review';
    case 'compare':
      return '#/compare';
    case 'city':
      return '#/city';
    case 'city-live':
      return route.exerciseId ? `#/city/live/${encodeURIComponent(route.exerciseId)}` : '#/city/live';
    case 'roster':
      return `#/drill/${encodeURIComponent(route.drillId)}/roster`;
    case 'msel':
      return '#/msel';
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}
