/**
 * The setup form as data: what a scenario proposes, what the facilitator changed, and the stored
 * drill it becomes. Pure, so the page and its tests share it.
 */
import { term } from '@/engine/text/glossary';
import type { Scenario } from '@/engine/scenario/schema';
import { defaultAgency, scenarioFacts, toScheduledInjects } from '@/engine/scenario/normalize';
import { checkTeam, type TeamIssue } from '@/engine/rules/team';
import { DEFAULT_STANDARD } from '@/engine/scoring/standard';
import type { Agency, TeamMember } from '@/engine/record/schema';
import { TEAM_ROLES, type ActorRole, type TeamRole } from '@/engine/record/vocabulary';
import { formatTaipei, parseIsoMs } from '@/engine/time/taipei';
import type { DrillHeader, Guidance, Participant } from '@/ui/persistence/drill-header';
import type { StoredDrill } from '@/ui/persistence/drill-db';

/** Roles a participant can be given at setup: the Att.3 team, the CISO, and the outside parties. */
export const ASSIGNABLE_ROLES: readonly ActorRole[] = [...TEAM_ROLES, 'ciso', 'doit-reviewer', 'acs'];
/** Outside parties the facilitator plays unless a participant does. */
export const OUTSIDE_ROLES: readonly ActorRole[] = ['doit-reviewer', 'acs'];
/** The console's speeds. */
export const SPEEDS = [1, 10, 60, 600, 3600] as const;

export interface ScenarioChoice {
  /** Where it came from: a bundled path or a file name. */
  source: string;
  fromFile: boolean;
  text: string;
  scenario: Scenario;
}

export interface SetupForm {
  title: string;
  /** datetime-local value in Taipei time: YYYY-MM-DDTHH:mm */
  t0Local: string;
  mode: 'tabletop' | 'live';
  /** Assessment by default: the annual drill (P39) tests the agency, so the desks give no hints. */
  guidance: Guidance;
  minScore: number;
  agency: Agency;
  /** The facilitator acts (and plays DoIT/ACS when nobody does) under this name in the log. */
  facilitatorName: string;
  participants: Participant[];
}

export type FormProblem = 'noTitle' | 'badT0' | 'noPeople' | 'unnamed' | 'duplicateName' | 'noFacilitator';

/** `2026-03-09T08:40:00+08:00` → `2026-03-09T08:40` (Taipei wall time for a datetime-local input). */
export function toLocalInput(iso: string): string {
  return formatTaipei(parseIsoMs(iso)).slice(0, 16);
}

/** datetime-local value (Taipei) → ISO with +08:00, or null when it is not a real moment. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const iso = `${value}:00+08:00`;
  return Number.isNaN(parseIsoMs(iso)) ? null : iso;
}

export function formFromScenario(choice: ScenarioChoice): SetupForm {
  const s = choice.scenario;
  return {
    title: s.meta.title.zh,
    t0Local: toLocalInput(s.facts.awareness),
    mode: s.plan.mode,
    guidance: 'assessment',
    minScore: DEFAULT_STANDARD.minScore,
    agency: defaultAgency(s),
    facilitatorName: term('roles', 'facilitator', 'zh-TW'),
    participants: s.meta.people.map((p) => ({
      name: p.name,
      position: p.position,
      roles: [...(p.roles ?? [])],
      ...(p.vendor === true || p.position === 'vendor' ? { vendor: true } : {}),
    })),
  };
}

const isTeamRole = (role: ActorRole): role is TeamRole => (TEAM_ROLES as readonly string[]).includes(role);

/** The team the roster implies, in roster order (the first holder of a role leads it). */
export function teamOf(participants: readonly Participant[]): TeamMember[] {
  const members: TeamMember[] = [];
  for (const p of participants) {
    for (const role of p.roles) {
      if (!isTeamRole(role)) continue;
      members.push({ role, name: p.name, position: p.position, ...(p.vendor ? { vendor: true } : {}) });
    }
  }
  return members;
}

/** The live Att.3 check: flagged, never blocking. */
export function teamIssues(form: SetupForm, choice: ScenarioChoice): TeamIssue[] {
  return checkTeam({ agency: form.agency, level: choice.scenario.facts.referenceLevel, members: teamOf(form.participants) });
}

export function formProblems(form: SetupForm): FormProblem[] {
  const out: FormProblem[] = [];
  if (form.title.trim() === '') out.push('noTitle');
  if (fromLocalInput(form.t0Local) === null) out.push('badT0');
  if (form.facilitatorName.trim() === '') out.push('noFacilitator');
  if (form.participants.length === 0) out.push('noPeople');
  else if (form.participants.some((p) => p.name.trim() === '')) out.push('unnamed');
  // The log names who acted: two people with one name could not be told apart.
  const names = [form.facilitatorName, ...form.participants.map((p) => p.name)].map((n) => n.trim()).filter(Boolean);
  if (new Set(names).size !== names.length) out.push('duplicateName');
  return out;
}

/** The starting speed: the scenario's, rounded down to one of the console's speeds. */
export function startSpeed(scenarioSpeed: number): number {
  return [...SPEEDS].reverse().find((s) => s <= scenarioSpeed) ?? 1;
}

export function newDrillId(nowMs: number): string {
  return `d${nowMs.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The stored drill a completed form becomes: no events yet (the console's start writes T0). */
export function storedDrillOf(form: SetupForm, choice: ScenarioChoice, id: string, wallIso: string): StoredDrill {
  const t0 = fromLocalInput(form.t0Local);
  if (t0 === null) throw new Error('setup: T0 is not valid');
  const s = choice.scenario;
  const header: DrillHeader = {
    version: 1,
    agency: { ...form.agency, name: form.agency.name.trim() },
    scenario: scenarioFacts(s),
    // The text goes with the drill, so it resumes (and replays injects) without the file.
    scenarioSource: { id: s.meta.id, ...(choice.fromFile ? { fileName: choice.source } : {}), text: choice.text },
    participants: [
      { name: form.facilitatorName.trim(), position: 'staff', roles: ['facilitator'] },
      ...form.participants.map((p) => ({ ...p, name: p.name.trim(), roles: [...p.roles] })),
    ],
    mode: form.mode,
    guidance: form.guidance,
    planSpeed: s.plan.speed,
    ...(form.minScore !== DEFAULT_STANDARD.minScore ? { standard: { ...DEFAULT_STANDARD, critical: [...DEFAULT_STANDARD.critical], minScore: form.minScore } } : {}),
    t0,
  };
  return {
    id,
    title: form.title.trim(),
    scenarioId: s.meta.id,
    scenarioTitle: { zh: s.meta.title.zh, en: s.meta.title.en },
    agencyName: header.agency.name,
    status: 'setup',
    createdWall: wallIso,
    updatedWall: wallIso,
    eventCount: 0,
    header,
    // The clock starts at the earliest inject (a SOC alert before T0 leads to awareness), else T0.
    clock: { simNowMs: parseIsoMs(t0) + Math.min(0, ...toScheduledInjects(s).map((i) => i.offsetMs)), running: false, speed: startSpeed(s.plan.speed) },
  };
}
