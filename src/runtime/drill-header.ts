/**
 * What a saved drill keeps besides its events: the setup (agency, scenario facts, people and the
 * roles they hold, mode, standard). With the events it makes the drill record (drill-record.md).
 * Pure (no storage, no DOM): the browser's runtime and the drill server both read it.
 */
import type { Agency, DrillEvent, DrillRecord, ScenarioFacts } from '@/engine/record/schema';
import { RECORD_FORMAT } from '@/engine/record/schema';
import type { ActorRole, Position } from '@/engine/record/vocabulary';
import type { Standard } from '@/engine/scoring/standard';
import type { RedrillLink } from '@/engine/city/redrill';
import type { RecordCityExercise } from '@/engine/city/exercise-tag';

export interface Participant {
  name: string;
  position: Position;
  /** Roles this person holds in the drill (Att.3 roles, the CISO, DoIT's reviewer…). */
  roles: ActorRole[];
  vendor?: boolean;
}

export interface DrillHeader {
  version: 1;
  agency: Agency;
  scenario: ScenarioFacts;
  /** The scenario file's id and, for files loaded from disk, its text (so a drill resumes without the file). */
  scenarioSource: { id: string; fileName?: string; text?: string };
  participants: Participant[];
  mode: 'tabletop' | 'live';
  /**
   * Assessment (the annual drill: desks give no hints and fill in nothing) or coaching (training:
   * desks list what can be done now, with point numbers). Absent in drills saved before the choice
   * existed, which ran with hints: read with `guidanceOf`.
   */
  guidance?: Guidance;
  /** The scenario's planned speed (plan.speed), offered on the console's clock. */
  planSpeed?: number;
  standard?: Standard;
  /** Simulated T0 (awareness) as ISO 8601 with +08:00. */
  t0: string;
  /** A city exercise's drill (and its re-drills): which exercise, and the agency's place in DoIT's list (engine/city/exercise-tag.ts). */
  cityExercise?: RecordCityExercise;
  /** A city exercise's re-drill: its link to the failing result (engine/city/redrill.ts). */
  redrillOf?: RedrillLink;
}

export type Guidance = 'assessment' | 'coaching';

/** A drill's guidance; drills saved before the choice existed ran with hints (coaching). */
export function guidanceOf(header: { guidance?: Guidance }): Guidance {
  return header.guidance ?? 'coaching';
}

/** The drill record of a saved drill, as exported and scored. */
export function toDrillRecord(header: DrillHeader, events: DrillEvent[]): DrillRecord {
  return {
    format: RECORD_FORMAT,
    agency: header.agency,
    scenario: header.scenario,
    ...(header.standard ? { standard: header.standard } : {}),
    participants: header.participants,
    mode: header.mode,
    ...(header.guidance ? { guidance: header.guidance } : {}),
    // A city exercise's drill says which exercise, so a folder of them makes the city report (exercise-tag.ts).
    ...(header.cityExercise ? { cityExercise: header.cityExercise } : {}),
    // A city exercise's re-drill carries its link to the city result (P39(3), engine/city/redrill.ts).
    ...(header.redrillOf ? { redrillOf: header.redrillOf } : {}),
    events,
  } as DrillRecord;
}
