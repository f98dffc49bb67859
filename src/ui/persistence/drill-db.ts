/**
 * IndexedDB storage of drills. The event log is the truth: each event is its own row, written
 * the moment it happens, so a reload or a crash loses nothing. The drill row holds the header
 * (agency, scenario, people, settings) and the clock state; everything else is derived from events.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DrillEvent } from '@/engine/record/schema';

export const DB_NAME = 'taipei-drill';
/** 2: the scenario text moved out of the drill row into `scenarios` (issue 10). */
export const DB_VERSION = 2;

export type DrillStatus = 'setup' | 'running' | 'ended';

export interface StoredDrill {
  id: string;
  title: string;
  scenarioId: string;
  scenarioTitle: { zh: string; en: string };
  agencyName: string;
  status: DrillStatus;
  createdWall: string;
  updatedWall: string;
  eventCount: number;
  /** Feature-owned payload (setup header, clock state, inject states…), versioned by its owner. */
  header: unknown;
  clock: unknown;
}

export interface StoredEvent extends DrillEvent {
  drillId: string;
}

interface StoredScenarioText {
  drillId: string;
  text: string;
}

interface DrillDbSchema extends DBSchema {
  drills: { key: string; value: StoredDrill; indexes: { byUpdated: string } };
  events: { key: [string, number]; value: StoredEvent; indexes: { byDrill: string } };
  scenarios: { key: string; value: StoredScenarioText };
}

/**
 * WHY the scenario text lives in its own store: the drill row is rewritten with every event and by
 * the running clock (4 times a second); a large scenario in it made each write copy it again and
 * left the console unusable (issue 10). The row keeps everything else; getDrill puts the text back.
 */
type WithSource = { scenarioSource?: { text?: unknown } & Record<string, unknown> } & Record<string, unknown>;

function splitText(drill: StoredDrill): { row: StoredDrill; text: string | null } {
  const header = drill.header as WithSource | null | undefined;
  const text = header?.scenarioSource?.text;
  if (!header || typeof text !== 'string') return { row: drill, text: null };
  const { text: _text, ...source } = header.scenarioSource as Record<string, unknown>;
  return { row: { ...drill, header: { ...header, scenarioSource: source } }, text };
}

function joinText(drill: StoredDrill, text: string | undefined): StoredDrill {
  const header = drill.header as WithSource | null | undefined;
  if (text === undefined || !header?.scenarioSource) return drill;
  return { ...drill, header: { ...header, scenarioSource: { ...header.scenarioSource, text } } };
}

let dbPromise: Promise<IDBPDatabase<DrillDbSchema>> | null = null;

export function openDrillDb(): Promise<IDBPDatabase<DrillDbSchema>> {
  dbPromise ??= openDB<DrillDbSchema>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const drills = db.createObjectStore('drills', { keyPath: 'id' });
        drills.createIndex('byUpdated', 'updatedWall');
        const events = db.createObjectStore('events', { keyPath: ['drillId', 'seq'] });
        events.createIndex('byDrill', 'drillId');
      }
      if (oldVersion < 2) {
        const scenarios = db.createObjectStore('scenarios', { keyPath: 'drillId' });
        // Move the text of drills saved before version 2 out of their rows.
        let cursor = oldVersion < 1 ? null : await tx.objectStore('drills').openCursor();
        while (cursor) {
          const { row, text } = splitText(cursor.value);
          if (text !== null) {
            await scenarios.put({ drillId: row.id, text });
            await cursor.update(row);
          }
          cursor = await cursor.continue();
        }
      }
    },
    blocking() {
      // Another tab wants a newer schema: let it, and reopen on next use.
      void dbPromise?.then((db) => db.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

/** Saved drills, most recently updated first. */
export async function listDrills(): Promise<StoredDrill[]> {
  const db = await openDrillDb();
  const all = await db.getAllFromIndex('drills', 'byUpdated');
  return all.reverse();
}

export async function getDrill(id: string): Promise<StoredDrill | undefined> {
  const db = await openDrillDb();
  const tx = db.transaction(['drills', 'scenarios']);
  const [drill, scenario] = await Promise.all([tx.objectStore('drills').get(id), tx.objectStore('scenarios').get(id)]);
  return drill ? joinText(drill, scenario?.text) : undefined;
}

export async function putDrill(drill: StoredDrill): Promise<void> {
  const db = await openDrillDb();
  const { row, text } = splitText(drill);
  const tx = db.transaction(['drills', 'scenarios'], 'readwrite');
  await Promise.all([tx.objectStore('drills').put(row), text !== null ? tx.objectStore('scenarios').put({ drillId: row.id, text }) : undefined, tx.done]);
}

/** Append one event and bump the drill's counters in one transaction: both or neither. */
export async function appendEvent(drillId: string, event: DrillEvent, wallIso: string): Promise<void> {
  const db = await openDrillDb();
  const tx = db.transaction(['drills', 'events'], 'readwrite');
  const drills = tx.objectStore('drills');
  const write = async () => {
    const drill = await drills.get(drillId);
    if (!drill) {
      tx.abort();
      throw new Error(`drill ${drillId} is not stored`);
    }
    await tx.objectStore('events').add({ ...event, drillId });
    await drills.put({ ...drill, eventCount: Math.max(drill.eventCount, event.seq), updatedWall: wallIso });
  };
  // Await both together so a failed write (e.g. a duplicate seq) rejects once, not twice.
  const [written, committed] = await Promise.allSettled([write(), tx.done]);
  if (written.status === 'rejected') throw written.reason;
  if (committed.status === 'rejected') throw committed.reason;
}

/**
 * Change some fields of a stored drill (status, clock, header…) in one read-modify-write
 * transaction, so a concurrent appendEvent's counters are never overwritten with stale ones.
 */
export async function updateDrill(
  drillId: string,
  patch: Partial<Omit<StoredDrill, 'id' | 'eventCount'>>,
): Promise<StoredDrill> {
  const db = await openDrillDb();
  const tx = db.transaction(['drills', 'scenarios'], 'readwrite');
  const drills = tx.objectStore('drills');
  const write = async () => {
    const drill = await drills.get(drillId);
    if (!drill) {
      tx.abort();
      throw new Error(`drill ${drillId} is not stored`);
    }
    // A patch with a header may carry scenario text: it goes to its own store, the row stays slim.
    const { row, text } = splitText({ ...drill, ...patch });
    await drills.put(row);
    if (text !== null) await tx.objectStore('scenarios').put({ drillId, text });
    const scenario = text ?? (await tx.objectStore('scenarios').get(drillId))?.text;
    return joinText(row, scenario);
  };
  const [written, committed] = await Promise.allSettled([write(), tx.done]);
  if (written.status === 'rejected') throw written.reason;
  if (committed.status === 'rejected') throw committed.reason;
  return written.value;
}

export async function loadEvents(drillId: string): Promise<DrillEvent[]> {
  const db = await openDrillDb();
  const rows = await db.getAll('events', IDBKeyRange.bound([drillId, -Infinity], [drillId, Infinity]));
  return rows.map(({ drillId: _drillId, ...event }) => event);
}

export async function deleteDrill(drillId: string): Promise<void> {
  const db = await openDrillDb();
  const tx = db.transaction(['drills', 'events', 'scenarios'], 'readwrite');
  await tx.objectStore('drills').delete(drillId);
  await tx.objectStore('events').delete(IDBKeyRange.bound([drillId, -Infinity], [drillId, Infinity]));
  await tx.objectStore('scenarios').delete(drillId);
  await tx.done;
}

/**
 * Everything of a drill that can still be read, for the export offered when storage is damaged:
 * the drill row if readable, and each event row that can be read (a bad row is skipped and named
 * in `problems`, never deleted).
 */
export async function readWhatYouCan(drillId: string): Promise<{ drill?: StoredDrill; events: DrillEvent[]; problems: string[] }> {
  const problems: string[] = [];
  let drill: StoredDrill | undefined;
  const events: DrillEvent[] = [];
  let db: IDBPDatabase<DrillDbSchema>;
  try {
    db = await openDrillDb();
  } catch (e) {
    return { events, problems: [`cannot open the database: ${String(e)}`] };
  }
  try {
    drill = await db.get('drills', drillId);
  } catch (e) {
    problems.push(`drill row: ${String(e)}`);
  }
  try {
    if (drill) drill = joinText(drill, (await db.get('scenarios', drillId))?.text);
  } catch (e) {
    problems.push(`scenario text: ${String(e)}`);
  }
  try {
    let cursor = await db.transaction('events').store.openCursor(IDBKeyRange.bound([drillId, -Infinity], [drillId, Infinity]));
    while (cursor) {
      try {
        const { drillId: _drillId, ...event } = cursor.value;
        events.push(event);
      } catch (e) {
        problems.push(`event ${String(cursor.key)}: ${String(e)}`);
      }
      cursor = await cursor.continue();
    }
  } catch (e) {
    problems.push(`events: ${String(e)}`);
  }
  return { ...(drill ? { drill } : {}), events, problems };
}
