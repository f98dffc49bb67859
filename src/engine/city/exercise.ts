/**
 * A city exercise (府級演練, P39): DoIT drills many agencies at once, under one scenario or one
 * scenario per agency type, from one start time on one shared simulated clock. The exercise is a
 * header; each agency's drill is its own record (the event log stays the truth, per agency).
 */
import type { Agency } from '../record/schema';
import type { AgencyType, OversightBody } from '../record/vocabulary';
import { parseIsoMs } from '../time/taipei';
import { cityImportWords } from './city-import-text';

/** One agency of the exercise, as DoIT's agency list gives it (agency-csv.ts). */
export interface CityAgency {
  name: string;
  type: AgencyType;
  /** drill-record.md: absent means ["supervisory"] for an administrative corporation, ["superior"] otherwise. */
  oversight: OversightBody[];
  reportsToCentral: boolean;
  /** Who DoIT calls at the agency (free text: a name, a phone, an e-mail). */
  contact: string;
}

/** One scenario for every agency, or one per agency type (a type left out has none). */
export type CityScenarios = { kind: 'one'; scenarioId: string } | { kind: 'by-type'; byType: Partial<Record<AgencyType, string>> };

export interface CityExercise {
  id: string;
  title: string;
  /** T0 of every agency's drill: the shared clock starts here (ISO 8601 with offset). */
  startAt: string;
  scenarios: CityScenarios;
  agencies: CityAgency[];
}

/** drill-record.md's default oversight by agency type. */
export function defaultOversight(type: AgencyType): OversightBody[] {
  return type === 'administrative-corporation' ? ['supervisory'] : ['superior'];
}

/** Agency names are compared as people read them: NFC, trimmed, inner spaces collapsed. */
export function agencyKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export type ExerciseProblem = { field: string; message: { zh: string; en: string } };

/**
 * Checks an exercise before it is created: a real start time, a scenario for every agency, and no
 * agency named twice (issue 11: a duplicate agency name is refused). Returns the problems; none means valid.
 */
export function checkExercise(exercise: CityExercise): ExerciseProblem[] {
  const problems: ExerciseProblem[] = [];
  if (exercise.title.trim() === '') problems.push({ field: 'title', message: cityImportWords('exercise.noTitle') });
  if (Number.isNaN(parseIsoMs(exercise.startAt))) {
    problems.push({ field: 'startAt', message: cityImportWords('exercise.badStart', { startAt: exercise.startAt }) });
  }
  if (exercise.agencies.length === 0) problems.push({ field: 'agencies', message: cityImportWords('exercise.noAgencies') });
  const seen = new Map<string, number>();
  exercise.agencies.forEach((a, i) => {
    const key = agencyKey(a.name);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ field: `agencies[${i}].name`, message: cityImportWords('exercise.duplicateAgency', { name: key, first: first + 1 }) });
    } else seen.set(key, i);
    if (scenarioFor(exercise, a) === null) {
      problems.push({ field: `agencies[${i}].type`, message: cityImportWords('exercise.noScenario', { name: key }) });
    }
  });
  return problems;
}

/** The scenario an agency plays: the one scenario, or its type's; null when its type has none. */
export function scenarioFor(exercise: Pick<CityExercise, 'scenarios'>, agency: Pick<CityAgency, 'type'>): string | null {
  if (exercise.scenarios.kind === 'one') return exercise.scenarios.scenarioId;
  return exercise.scenarios.byType[agency.type] ?? null;
}

/** The agency as its drill record states it (drill-record.md `agency`). */
export function recordAgency(agency: CityAgency, facts: { hasItUnit?: boolean; hasSecurityOfficer?: boolean } = {}): Agency {
  return {
    name: agency.name,
    type: agency.type,
    reportsToCentral: agency.reportsToCentral,
    oversight: [...agency.oversight],
    ...(facts.hasItUnit !== undefined ? { hasItUnit: facts.hasItUnit } : {}),
    ...(facts.hasSecurityOfficer !== undefined ? { hasSecurityOfficer: facts.hasSecurityOfficer } : {}),
  };
}
