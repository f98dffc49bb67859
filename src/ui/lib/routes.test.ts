import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './routes';

describe('hash routes', () => {
  const routes: Route[] = [
    { name: 'home' },
    { name: 'new' },
    { name: 'console', drillId: 'd-1' },
    { name: 'desks', drillId: 'd-1' },
    { name: 'desk', drillId: 'd-1', role: 'reporting-contact' },
    { name: 'review', drillId: 'd 2' },
    { name: 'review-file' },
    { name: 'compare' },
    { name: 'city' },
    { name: 'city-live' },
    { name: 'city-live', exerciseId: 'city-1' },
    { name: 'roster', drillId: 'city-1-a001' },
  ];
  it.each(routes)('round-trips $name', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
  it('reports unknown paths as not found', () => {
    expect(parseRoute('#/drill/x/nowhere')).toEqual({ name: 'not-found', path: '/drill/x/nowhere' });
  });
});
