/**
 * A city exercise on the drill server (issue 11, P39): what each agency's drill is made of. The
 * exercise is not stored apart: every agency drill's meta carries a `city` tag (the exercise's id,
 * title, start, scenarios, the agency's place and contact), so the exercise is the set of drills
 * that carry its id, and the event log of each drill stays the truth (architecture.md).
 *
 * Drills are built with the setup page's own model (setup-model.ts: the same header, scenario text
 * and clock a facilitator's setup makes); the rules stay in src/engine/city.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CityAgency, CityExercise, CityScenarios } from '@/engine/city/exercise';
import { recordAgency, scenarioFor } from '@/engine/city/exercise';
import { cityExerciseTag } from '@/engine/city/exercise-tag';
import { parseScenario } from '@/engine/scenario/parse';
import { POSITIONS } from '@/engine/record/vocabulary';
import type { Scenario } from '@/engine/scenario/schema';
import { defaultAgency, toScheduledInjects } from '@/engine/scenario/normalize';
import { parseIsoMs } from '@/engine/time/taipei';
import type { DrillHeader, Participant } from '@/runtime/drill-header';
import type { StoredDrill } from '@/ui/persistence/drill-db';
import { ASSIGNABLE_ROLES, formFromScenario, storedDrillOf, toLocalInput, type ScenarioChoice } from '@/ui/features/setup/setup-model';
import { term } from '@/engine/text/glossary';

/** DoIT's reviewer in every agency's roster: the name DoIT's reviews are recorded under (P15). */
export const DEFAULT_REVIEWER_NAME = term('roles', 'doit-reviewer', 'zh-TW');

/** What an agency drill's meta (`drill.city`) says about its exercise. */
export interface CityTag {
  exerciseId: string;
  title: string;
  startAt: string;
  scenarios: CityScenarios;
  /** The agency's place in DoIT's list (0-based); re-drills keep their agency's. */
  index: number;
  contact: string;
  reviewerName: string;
  /** When the agency's facilitator entered its roster (wall time); absent: not yet. */
  rosterAt?: string;
  /** A re-drill: the agency drill of the exercise it re-drills (P39(3)). */
  redrillOf?: string;
}

export type CityDrillRow = StoredDrill & { city: CityTag };

export const cityTagOf = (drill: Record<string, unknown>): CityTag | null => {
  const c = drill.city as CityTag | undefined;
  return c && typeof c === 'object' && typeof c.exerciseId === 'string' ? c : null;
};

export interface LoadedScenario {
  source: string;
  text: string;
  scenario: Scenario;
}

/** The bundled scenarios by id (scenarios/*.yaml), read once; a file that does not parse is skipped. */
export function loadScenarios(dir: string): Map<string, LoadedScenario> {
  const out = new Map<string, LoadedScenario>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const parsed = parseScenario(text, file);
    if (parsed.ok) out.set(parsed.scenario.meta.id, { source: `scenarios/${file}`, text, scenario: parsed.scenario });
  }
  return out;
}

export const agencyDrillId = (exerciseId: string, index: number): string => `${exerciseId}-a${String(index + 1).padStart(3, '0')}`;

const reviewerOf = (name: string): Participant => ({ name, position: 'staff', roles: ['doit-reviewer'] });

/**
 * The shared clock's starting point: every agency drill starts its clock at the same simulated
 * moment (the earliest inject of any of the exercise's scenarios, else the start), at one speed.
 */
export function sharedClock(exercise: CityExercise, scenarios: ReadonlyMap<string, LoadedScenario>): { simNowMs: number; running: false; speed: number } {
  const used = exercise.agencies.map((a) => scenarios.get(scenarioFor(exercise, a) ?? ''));
  const earliest = Math.min(0, ...used.flatMap((s) => (s ? toScheduledInjects(s.scenario).map((i) => i.offsetMs) : [])));
  const first = used.find((s) => s !== undefined);
  return { simNowMs: parseIsoMs(exercise.startAt) + earliest, running: false, speed: storedSpeed(first) };
}

function storedSpeed(s: LoadedScenario | undefined): number {
  if (!s) return 1;
  const choice: ScenarioChoice = { source: s.source, fromFile: false, text: s.text, scenario: s.scenario };
  return (storedDrillOf(formFromScenario(choice), choice, 'x', '').clock as { speed: number }).speed;
}

/**
 * One agency's drill before its roster: the exercise's scenario, start and title, the agency as
 * DoIT's list gives it, and a roster of the facilitator and DoIT's reviewer (the agency enters the
 * rest: `withRoster`).
 */
export function agencyDrill(exercise: CityExercise, agency: CityAgency, index: number, scenario: LoadedScenario, clock: ReturnType<typeof sharedClock>, wall: string, reviewerName: string): CityDrillRow {
  const choice: ScenarioChoice = { source: scenario.source, fromFile: false, text: scenario.text, scenario: scenario.scenario };
  const proposed = defaultAgency(scenario.scenario);
  const form = {
    ...formFromScenario(choice),
    title: `${exercise.title}｜${agency.name}`,
    t0Local: toLocalInput(exercise.startAt),
    // DoIT's list says who the agency is; whether it has an IT unit or a security officer the agency says with its roster.
    agency: recordAgency(agency, { hasItUnit: proposed.hasItUnit, hasSecurityOfficer: proposed.hasSecurityOfficer }),
    participants: [reviewerOf(reviewerName)],
  };
  const row = storedDrillOf(form, choice, agencyDrillId(exercise.id, index), wall);
  // The start as DoIT set it, to the second (the form's datetime-local keeps minutes).
  // The exercise goes into the header, so every record exported of the drill says which (exercise-tag.ts).
  const header: DrillHeader = { ...(row.header as DrillHeader), t0: exercise.startAt, cityExercise: cityExerciseTag(exercise, index) };
  return {
    ...row,
    header,
    clock,
    city: { exerciseId: exercise.id, title: exercise.title, startAt: exercise.startAt, scenarios: exercise.scenarios, index, contact: agency.contact, reviewerName },
  };
}

export interface RosterInput {
  facilitatorName: string;
  participants: Participant[];
  hasItUnit?: boolean;
  hasSecurityOfficer?: boolean;
}

/**
 * The header with the agency's roster. The agency's facilitator sets its people and whether it has
 * an IT unit / a security officer; who the agency is, its scenario and T0 stay DoIT's. DoIT's
 * reviewer seat stays DoIT's (the agency cannot review its own level, P15).
 */
export function withRoster(header: DrillHeader, reviewerName: string, roster: RosterInput): DrillHeader {
  const people = roster.participants.map((p) => ({ ...p, name: p.name.trim(), roles: p.roles.filter((r) => r !== 'doit-reviewer' && r !== 'facilitator') }));
  return {
    ...header,
    agency: {
      ...header.agency,
      ...(roster.hasItUnit !== undefined ? { hasItUnit: roster.hasItUnit } : {}),
      ...(roster.hasSecurityOfficer !== undefined ? { hasSecurityOfficer: roster.hasSecurityOfficer } : {}),
    },
    participants: [{ name: roster.facilitatorName.trim(), position: 'staff', roles: ['facilitator'] }, ...people, reviewerOf(reviewerName)],
  };
}

/** Problems with a roster as sent (names the field); none means it can be stored. */
export function rosterProblems(roster: RosterInput, reviewerName: string): string[] {
  const out: string[] = [];
  if (typeof roster.facilitatorName !== 'string' || roster.facilitatorName.trim() === '') out.push('$.facilitatorName: the facilitator needs a name');
  if (!Array.isArray(roster.participants) || roster.participants.length === 0) return [...out, '$.participants: the roster needs at least one person'];
  const names = [roster.facilitatorName, ...roster.participants.map((p) => p?.name)].map((n) => (typeof n === 'string' ? n.trim() : ''));
  roster.participants.forEach((p, i) => {
    if (!p || typeof p.name !== 'string' || p.name.trim() === '') out.push(`$.participants[${i}].name: a name is needed`);
    if (!p || !Array.isArray(p.roles)) out.push(`$.participants[${i}].roles: a list of roles is needed`);
    if (p && !(POSITIONS as readonly string[]).includes(p.position)) out.push(`$.participants[${i}].position: "${String(p.position)}" is not a position`);
    for (const r of Array.isArray(p?.roles) ? p.roles : []) if (!(ASSIGNABLE_ROLES as readonly string[]).includes(r)) out.push(`$.participants[${i}].roles: "${String(r)}" is not a role a person can be given`);
  });
  if (new Set(names).size !== names.length) out.push('$.participants: two people have one name (the log could not tell them apart)');
  if (names.includes(reviewerName)) out.push(`$.participants: "${reviewerName}" is DoIT's reviewer's name in this exercise`);
  return out;
}
