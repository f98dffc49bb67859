/**
 * Which city exercise a drill record belongs to (issue 11): the drill server writes the exercise's
 * id, title, start and scenarios, and the agency's place in DoIT's list, into every agency drill
 * (and its re-drills) as the record's optional top-level `cityExercise` field. drill-record.md keeps
 * unknown fields and scoring ignores them, so a record with it scores exactly as one without; the
 * server's signature covers it (it is part of the envelope). With it a folder of exported records
 * makes the same city report as the server and DoIT's page, with no flags.
 */
import type { DrillRecord } from '../record/schema';
import { AGENCY_TYPES } from '../record/vocabulary';
import { parseIsoMs } from '../time/taipei';
import type { OpenedRecord } from './entries';
import type { CityExercise, CityScenarios } from './exercise';
import { readRedrillLink } from './redrill';

/** The record's `cityExercise` field. */
export interface RecordCityExercise {
  id: string;
  title: string;
  /** The exercise's start (every agency's T0), as DoIT set it: ISO 8601 with offset. */
  startAt: string;
  scenarios: CityScenarios;
  /** The agency's place in DoIT's list (0-based): the report's agency order. */
  index: number;
}

/** What an agency drill of the exercise carries. */
export function cityExerciseTag(exercise: Pick<CityExercise, 'id' | 'title' | 'startAt' | 'scenarios'>, index: number): RecordCityExercise {
  const scenarios: CityScenarios = exercise.scenarios.kind === 'one' ? { kind: 'one', scenarioId: exercise.scenarios.scenarioId } : { kind: 'by-type', byType: { ...exercise.scenarios.byType } };
  return { id: exercise.id, title: exercise.title, startAt: exercise.startAt, scenarios, index };
}

function readScenarios(v: unknown): CityScenarios | null {
  const s = v as { kind?: unknown; scenarioId?: unknown; byType?: unknown } | null;
  if (!s || typeof s !== 'object') return null;
  if (s.kind === 'one' && typeof s.scenarioId === 'string') return { kind: 'one', scenarioId: s.scenarioId };
  if (s.kind !== 'by-type' || !s.byType || typeof s.byType !== 'object') return null;
  const byType: Partial<Record<(typeof AGENCY_TYPES)[number], string>> = {};
  for (const t of AGENCY_TYPES) {
    const id = (s.byType as Record<string, unknown>)[t];
    if (typeof id === 'string') byType[t] = id;
  }
  return { kind: 'by-type', byType };
}

/** The record's exercise, loosely read (another tool may have written it); null when it has none or it is unusable. */
export function readCityExercise(record: unknown): RecordCityExercise | null {
  const v = (record as { cityExercise?: unknown } | null)?.cityExercise as Partial<Record<keyof RecordCityExercise, unknown>> | undefined;
  if (!v || typeof v !== 'object' || typeof v.id !== 'string' || v.id === '' || typeof v.title !== 'string' || typeof v.startAt !== 'string') return null;
  if (Number.isNaN(parseIsoMs(v.startAt))) return null;
  const scenarios = readScenarios(v.scenarios);
  if (scenarios === null) return null;
  const index = Number.isInteger(v.index) && (v.index as number) >= 0 ? (v.index as number) : Number.MAX_SAFE_INTEGER;
  return { id: v.id, title: v.title, startAt: v.startAt, scenarios, index };
}

/** A group of records that agree on a value (`value` null: they carry no city exercise). */
export interface TagGroup {
  value: string | null;
  sources: string[];
}

export type FolderProblem =
  /** The records come from several exercises, or some carry none while others do. */
  | { kind: 'mixed'; groups: Array<TagGroup & { title: string | null }> }
  /** The records of one exercise disagree on its title, start or scenarios (an edited record?). */
  | { kind: 'differs'; id: string; field: 'title' | 'startAt' | 'scenarios'; groups: TagGroup[] };

export type FolderExercise =
  | { ok: true; exercise: Omit<RecordCityExercise, 'index'> | null; records: OpenedRecord[] }
  | { ok: false; problem: FolderProblem };

/** The exercise a record says it is of: its `cityExercise`, else (a re-drill made before the field) its `redrillOf` link's exercise. */
function exerciseIdOf(record: DrillRecord): { id: string; title: string } | null {
  const tag = readCityExercise(record);
  if (tag) return { id: tag.id, title: tag.title };
  const link = readRedrillLink(record);
  return link ? { id: link.exerciseId, title: link.exerciseTitle } : null;
}

const groupBy = (records: readonly OpenedRecord[], valueOf: (r: OpenedRecord) => string | null): TagGroup[] => {
  const groups = new Map<string | null, string[]>();
  for (const r of records) {
    const v = valueOf(r);
    groups.set(v, [...(groups.get(v) ?? []), r.source]);
  }
  return [...groups].map(([value, sources]) => ({ value, sources }));
};

/** Scenarios compared as values (the key order of `byType` does not matter). */
const scenariosValue = (s: CityScenarios): string =>
  s.kind === 'one' ? `one:${s.scenarioId}` : `by-type:${AGENCY_TYPES.map((t) => `${t}=${s.byType[t] ?? ''}`).join(',')}`;
const scenariosText = (s: CityScenarios): string =>
  s.kind === 'one' ? s.scenarioId : AGENCY_TYPES.filter((t) => s.byType[t] !== undefined).map((t) => `${t}: ${s.byType[t]}`).join(', ');

/**
 * The one exercise a folder of records is of, and the records in the exercise's order (agencies in
 * DoIT's order; re-drills after them, as given). When no record carries an exercise the records
 * stay as given and the exercise is null (records from before the field, or from drills outside a
 * city exercise). Otherwise every record must be of the same exercise (by its `cityExercise`, or a
 * re-drill's `redrillOf`) and agree on its title, start and scenarios; else the problem names the
 * files (a city report covers one exercise).
 */
export function folderExercise(records: readonly OpenedRecord[]): FolderExercise {
  const tags = new Map(records.map((r) => [r, readCityExercise(r.record)]));
  const tagged = records.filter((r) => tags.get(r) !== null);
  if (tagged.length === 0) return { ok: true, exercise: null, records: [...records] };
  const ids = groupBy(records, (r) => exerciseIdOf(r.record)?.id ?? null);
  if (ids.length > 1) {
    const titleOf = (id: string | null) => (id === null ? null : (tagged.map((r) => tags.get(r)!).find((t) => t.id === id)?.title ?? records.map((r) => exerciseIdOf(r.record)).find((x) => x?.id === id)?.title ?? null));
    return { ok: false, problem: { kind: 'mixed', groups: ids.map((g) => ({ ...g, title: titleOf(g.value) })) } };
  }
  const id = ids[0].value as string;
  const fields = [
    ['title', (t: RecordCityExercise) => t.title, (t: RecordCityExercise) => t.title],
    ['startAt', (t: RecordCityExercise) => String(parseIsoMs(t.startAt)), (t: RecordCityExercise) => t.startAt],
    ['scenarios', (t: RecordCityExercise) => scenariosValue(t.scenarios), (t: RecordCityExercise) => scenariosText(t.scenarios)],
  ] as const;
  for (const [field, same, shown] of fields) {
    if (groupBy(tagged, (r) => same(tags.get(r)!)).length > 1) {
      return { ok: false, problem: { kind: 'differs', id, field, groups: groupBy(tagged, (r) => shown(tags.get(r)!)) } };
    }
  }
  const place = (r: OpenedRecord) => (readRedrillLink(r.record) !== null ? Number.MAX_SAFE_INTEGER : (tags.get(r)?.index ?? Number.MAX_SAFE_INTEGER));
  // Stable: records with the same place (the re-drills) keep the order they were given in.
  const ordered = [...records].sort((a, b) => place(a) - place(b));
  const { index: _index, ...exercise } = tags.get(tagged[0])!;
  return { ok: true, exercise, records: ordered };
}

/**
 * Whether `report --city DIR` over these records needs no flags: the folder names its one exercise
 * (folderExercise, what the command reads). Drills made before records did need `--id` and `--title`.
 */
export function reportNeedsNoFlags(records: readonly OpenedRecord[]): boolean {
  const folder = folderExercise(records);
  return folder.ok && folder.exercise !== null;
}

/** A folder problem in a sentence (the command line's words; file names as given). */
export function formatFolderProblem(p: FolderProblem, folder: string): string {
  const files = (g: TagGroup) => g.sources.join(', ');
  if (p.kind === 'mixed') {
    const lines = p.groups.map((g) => (g.value === null ? `  no city exercise: ${files(g)}` : `  city exercise ${g.value}${g.title !== null ? ` "${g.title}"` : ''}: ${files(g)}`));
    return `${folder}: the records are not of one city exercise, and a city report covers one (put each exercise's records in a folder of its own):\n${lines.join('\n')}`;
  }
  const what = { title: 'title', startAt: 'start', scenarios: 'scenarios' }[p.field];
  return `${folder}: the records of city exercise ${p.id} disagree on its ${what}: ${p.groups.map((g) => `${g.value} in ${files(g)}`).join('; ')}`;
}
