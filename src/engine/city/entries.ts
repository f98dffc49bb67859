/**
 * From what DoIT has (an agency list and a folder of records) to the city's entries: each record is
 * matched to its agency by name. Re-drills (records with `redrillOf`) are kept apart; agencies with
 * no record and records of agencies not on the list are named, not dropped silently.
 */
import type { DrillRecord } from '../record/schema';
import type { CityEntry } from './board';
import { agencyKey, type CityAgency } from './exercise';
import { readRedrillLink } from './redrill';

export interface OpenedRecord {
  /** The file name (or another source name). */
  source: string;
  record: DrillRecord;
}

export interface CityEntries {
  entries: CityEntry[];
  redrills: OpenedRecord[];
  /** Agencies of the list with no record. */
  withoutRecord: CityAgency[];
  /** Records whose agency is not on the list (still on the board: DoIT sees them and decides). */
  offList: OpenedRecord[];
  /** Two records for one agency: the later file is left out and named. */
  duplicates: OpenedRecord[];
}

export function cityEntries(records: readonly OpenedRecord[], agencies: readonly CityAgency[] | null = null): CityEntries {
  const listed = new Map((agencies ?? []).map((a) => [agencyKey(a.name), a]));
  const seen = new Set<string>();
  const out: CityEntries = { entries: [], redrills: [], withoutRecord: [], offList: [], duplicates: [] };
  for (const r of records) {
    if (readRedrillLink(r.record) !== null) {
      out.redrills.push(r);
      continue;
    }
    const key = agencyKey(r.record.agency.name || r.source);
    if (seen.has(key)) {
      out.duplicates.push(r);
      continue;
    }
    seen.add(key);
    const agency = listed.get(key);
    if (agencies !== null && agency === undefined) out.offList.push(r);
    out.entries.push({ key: r.source, name: key, type: agency?.type ?? r.record.agency.type, record: r.record });
  }
  for (const [key, a] of listed) if (!seen.has(key)) out.withoutRecord.push(a);
  return out;
}
