/**
 * A saved drill's header (the setup) lives in src/runtime/drill-header.ts, which the drill server
 * reads too; this module adds reading a saved drill's record from IndexedDB.
 */
import type { DrillRecord } from '@/engine/record/schema';
import { toDrillRecord, type DrillHeader } from '@/runtime/drill-header';
import { getDrill, loadEvents } from './drill-db';

export { guidanceOf, toDrillRecord, type DrillHeader, type Guidance, type Participant } from '@/runtime/drill-header';

export async function loadDrillRecord(drillId: string): Promise<DrillRecord | undefined> {
  const drill = await getDrill(drillId);
  if (!drill) return undefined;
  return toDrillRecord(drill.header as DrillHeader, await loadEvents(drillId));
}
