/**
 * The browser's scenario library: scenarios written in the MSEL editor or imported from a
 * spreadsheet, kept as their YAML text (the same text a scenario file holds) in their own IndexedDB
 * database, so the setup page can offer them beside the bundled ones. When the page is served by the
 * drill server, the server keeps a library too (src/server/scenario-library.ts): the editor saves to
 * both, and the list holds both (the newer copy of an id wins), so every device on that server sees it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Reason } from '@/engine/base/reason';
import { isServerMode } from '@/ui/drill-runtime/server-mode';
import { resourceText } from '@/engine/text/glossary';
import zhServer from '@/locales/zh-TW/server.json';
import enServer from '@/locales/en/server.json';

// The server's library messages (server.json), read without i18next as the server reads them.
const serverText = resourceText({ 'zh-TW': zhServer, en: enServer });
const serverWords = (key: Parameters<typeof serverText>[1], params: Record<string, string | number>) => ({ zh: serverText('zh-TW', key, params), en: serverText('en', key, params) });

export const SCENARIO_DB_NAME = 'taipei-drill-scenarios';

export interface LibraryScenario {
  id: string;
  title: { zh: string; en: string };
  /** The scenario as YAML (taipei-drill-scenario/1). */
  text: string;
  updatedWall: string;
}

interface ScenarioDbSchema extends DBSchema {
  scenarios: { key: string; value: LibraryScenario };
}

let dbPromise: Promise<IDBPDatabase<ScenarioDbSchema>> | null = null;

function openLibrary(): Promise<IDBPDatabase<ScenarioDbSchema>> {
  dbPromise ??= openDB<ScenarioDbSchema>(SCENARIO_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('scenarios', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

const newestFirst = (a: LibraryScenario, b: LibraryScenario) => b.updatedWall.localeCompare(a.updatedWall);

/** This browser's scenarios and, served by the drill server, the server's; one per id, the newer. */
export async function listLibraryScenarios(): Promise<LibraryScenario[]> {
  const db = await openLibrary();
  const mine = await db.getAll('scenarios');
  // The server's list is read when it can be; without it this browser's own still show.
  const theirs = isServerMode() ? await listServerScenarios().catch(() => []) : [];
  const byId = new Map<string, LibraryScenario>();
  for (const s of [...mine, ...theirs]) {
    const had = byId.get(s.id);
    if (!had || s.updatedWall > had.updatedWall) byId.set(s.id, s);
  }
  return [...byId.values()].sort(newestFirst);
}

/** The drill server's library (any session on the server may read it). */
export async function listServerScenarios(): Promise<LibraryScenario[]> {
  const res = await fetch('/api/scenarios', { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ((await res.json()) as LibraryScenario[]).map(({ id, title, text, updatedWall }) => ({ id, title, text, updatedWall }));
}

/** Why the server did not store a scenario: its reason, in both languages. */
export class ServerLibraryError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
    this.name = 'ServerLibraryError';
  }
}

/**
 * Saves a scenario in the drill server's library; resolves once the server has stored it (it checks
 * the text as a scenario file is checked). Refusals and a lost connection throw a ServerLibraryError.
 */
export async function putServerScenario(s: Pick<LibraryScenario, 'id' | 'text'>): Promise<{ updatedWall: string }> {
  let res: Response;
  try {
    res = await fetch(`/api/scenarios/${encodeURIComponent(s.id)}`, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: s.text }) });
  } catch (e) {
    throw new ServerLibraryError({ code: 'offline', ...serverWords('library.offline', { message: (e as Error).message }) });
  }
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; reason?: Reason; scenario?: { updatedWall: string } };
  if (!res.ok || body.ok !== true || !body.scenario) throw new ServerLibraryError(body.reason ?? { code: `http-${res.status}`, ...serverWords('library.http', { status: res.status }) });
  return { updatedWall: body.scenario.updatedWall };
}

export async function putLibraryScenario(s: LibraryScenario): Promise<void> {
  const db = await openLibrary();
  await db.put('scenarios', s);
}
