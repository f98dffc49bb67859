/**
 * Whether this page was served by the drill server (it marks index.html with
 * `<meta name="tdrill-server">`), and the small HTTP calls the browser makes to it. Without the
 * mark (the static build, `npm run dev`) the app keeps drills in this browser's IndexedDB.
 */
import { getDrill, listDrills, putDrill, type StoredDrill } from '@/ui/persistence/drill-db';
import type { DrillRecord } from '@/engine/record/schema';
import type { Reason } from '@/engine/base/reason';

export function isServerMode(): boolean {
  return typeof document !== 'undefined' && document.querySelector('meta[name="tdrill-server"]') !== null;
}

export interface ServerLink {
  id: string;
  kind: 'facilitator' | 'participant' | 'observer' | 'reviewer';
  name?: string;
  roles: string[];
  createdWall: string;
  revokedWall?: string;
}

/**
 * Tokens are shown once, to the facilitator who issued them (the server keeps only their hash):
 * this browser keeps them, so the console can show each link and its QR code again.
 */
const tokenKey = (drillId: string) => `tdrill-link-tokens:${drillId}`;
export function knownTokens(drillId: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(tokenKey(drillId)) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
export function keepTokens(drillId: string, issued: { link: ServerLink; token: string }[]): void {
  const all = knownTokens(drillId);
  for (const i of issued) all[i.link.id] = i.token;
  try {
    localStorage.setItem(tokenKey(drillId), JSON.stringify(all));
  } catch {
    // Private mode: the links can be reissued.
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const value = (await res.json().catch(() => ({}))) as T & { reason?: Reason };
  if (!res.ok) throw Object.assign(new Error(value.reason?.en ?? `HTTP ${res.status}`), { reason: value.reason });
  return value;
}

/** Saves a new drill: on the server when served by it (the creator becomes its facilitator), else in IndexedDB. */
export async function saveNewDrill(drill: StoredDrill): Promise<void> {
  if (!isServerMode()) return putDrill(drill);
  const res = await call<{ drillId: string; links: { link: ServerLink; token: string }[] }>('POST', '/api/drills', { drill });
  keepTokens(res.drillId, res.links);
}

export const listLinks = (drillId: string) => call<ServerLink[]>('GET', `/api/drills/${encodeURIComponent(drillId)}/links`);

export async function reissueLink(drillId: string, linkId: string): Promise<void> {
  const res = await call<{ link: ServerLink; token: string }>('POST', `/api/drills/${encodeURIComponent(drillId)}/links/${encodeURIComponent(linkId)}/reissue`);
  keepTokens(drillId, [res]);
}

export const revokeLink = (drillId: string, linkId: string) => call<unknown>('POST', `/api/drills/${encodeURIComponent(drillId)}/links/${encodeURIComponent(linkId)}/revoke`);

export const joinUrl = (token: string): string => `${location.origin}/join/${token}`;

/**
 * A saved drill's record and row, for the review: from the drill server when served by it (the
 * record it exports, as `npm run -s score` reads it), else from IndexedDB.
 */
export async function loadSavedDrill(drillId: string): Promise<[DrillRecord | undefined, (Pick<StoredDrill, 'status'> & Partial<Pick<StoredDrill, 'title'>>) | undefined]> {
  if (!isServerMode()) {
    // Loaded here, not at the top: the home page imports this module and stays light.
    const { loadDrillRecord } = await import('@/ui/persistence/drill-header');
    return Promise.all([loadDrillRecord(drillId), getDrill(drillId)]);
  }
  const res = await fetch(`/api/drills/${encodeURIComponent(drillId)}/record`, { credentials: 'same-origin' });
  if (res.status === 404) return [undefined, undefined];
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${((await res.json().catch(() => ({}))) as { reason?: Reason }).reason?.en ?? ''}`);
  const record = (await res.json()) as DrillRecord;
  const started = record.events.some((e) => e.type === 'drill.started');
  const ended = record.events.some((e) => e.type === 'drill.ended');
  return [record, { status: ended ? 'ended' : started ? 'running' : 'setup' }];
}

/** The drills this browser can open: the server's (those it holds a session for) or IndexedDB's. */
export async function listSavedDrills(): Promise<StoredDrill[]> {
  if (!isServerMode()) return listDrills();
  const res = await fetch('/api/drills', { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as StoredDrill[];
}
