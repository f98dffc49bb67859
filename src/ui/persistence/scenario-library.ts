/**
 * The browser's scenario library: scenarios written in the MSEL editor or imported from a
 * spreadsheet, kept as their YAML text (the same text a scenario file holds) in their own IndexedDB
 * database, so the setup page can offer them beside the bundled ones.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

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

export async function listLibraryScenarios(): Promise<LibraryScenario[]> {
  const db = await openLibrary();
  return (await db.getAll('scenarios')).sort((a, b) => b.updatedWall.localeCompare(a.updatedWall));
}

export async function putLibraryScenario(s: LibraryScenario): Promise<void> {
  const db = await openLibrary();
  await db.put('scenarios', s);
}
