/**
 * Hot-wash notes of saved drills, in their own IndexedDB database (not the drills database, whose
 * schema belongs to the persistence layer). Notes of a record opened from a file live in the record
 * itself (`reviewNotes`) and leave with its export.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ReviewNote } from '@/engine/report/review-notes';

export const REVIEW_DB_NAME = 'taipei-drill-review';

interface StoredNote extends ReviewNote {
  drillId: string;
}

interface ReviewDbSchema extends DBSchema {
  notes: { key: string; value: StoredNote; indexes: { byDrill: string } };
}

let dbPromise: Promise<IDBPDatabase<ReviewDbSchema>> | null = null;

function openReviewDb(): Promise<IDBPDatabase<ReviewDbSchema>> {
  dbPromise ??= openDB<ReviewDbSchema>(REVIEW_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('notes', { keyPath: 'id' }).createIndex('byDrill', 'drillId');
    },
  });
  return dbPromise;
}

export async function loadNotes(drillId: string): Promise<ReviewNote[]> {
  const db = await openReviewDb();
  const rows = await db.getAllFromIndex('notes', 'byDrill', drillId);
  return rows.map(({ drillId: _d, ...note }) => note).sort((a, b) => a.wall.localeCompare(b.wall));
}

export async function putNote(drillId: string, note: ReviewNote): Promise<void> {
  const db = await openReviewDb();
  await db.put('notes', { ...note, drillId });
}

export async function removeNote(id: string): Promise<void> {
  const db = await openReviewDb();
  await db.delete('notes', id);
}
