/**
 * IndexedDB storage of drills. The event log is the truth: each event is its own row, written
 * the moment it happens, so a reload or a crash loses nothing. The drill row holds the header
 * (agency, scenario, people, settings) and the clock state; everything else is derived from events.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DrillEvent } from '@/engine/record/schema';

export const DB_NAME = 'taipei-drill';
export const DB_VERSION = 1;

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

interface DrillDbSchema extends DBSchema {
  drills: { key: string; value: StoredDrill; indexes: { byUpdated: string } };
  events: { key: [string, number]; value: StoredEvent; indexes: { byDrill: string } };
}

let dbPromise: Promise<IDBPDatabase<DrillDbSchema>> | null = null;

export function openDrillDb(): Promise<IDBPDatabase<DrillDbSchema>> {
  dbPromise ??= openDB<DrillDbSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      const drills = db.createObjectStore('drills', { keyPath: 'id' });
      drills.createIndex('byUpdated', 'updatedWall');
      const events = db.createObjectStore('events', { keyPath: ['drillId', 'seq'] });
      events.createIndex('byDrill', 'drillId');
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
  return db.get('drills', id);
}

export async function putDrill(drill: StoredDrill): Promise<void> {
  const db = await openDrillDb();
  await db.put('drills', drill);
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
  const tx = db.transaction('drills', 'readwrite');
  const write = async () => {
    const drill = await tx.store.get(drillId);
    if (!drill) {
      tx.abort();
      throw new Error(`drill ${drillId} is not stored`);
    }
    const next = { ...drill, ...patch };
    await tx.store.put(next);
    return next;
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
  const tx = db.transaction(['drills', 'events'], 'readwrite');
  await tx.objectStore('drills').delete(drillId);
  await tx.objectStore('events').delete(IDBKeyRange.bound([drillId, -Infinity], [drillId, Infinity]));
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
