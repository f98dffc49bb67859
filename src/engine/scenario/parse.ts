/**
 * Load a scenario file: YAML → shape (schema.ts) → cross-field checks. Every error names the
 * source, the path in the file (`injects[3].to`) and, where the YAML has it, the line.
 * Pure: runs in Node (scenarios:check, tests) and in the browser (the UI loads the raw text).
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { eventDataSchemas } from '../record/schema';
import { FACILITATOR_PLAYED_ROLES, type ActorRole } from '../record/vocabulary';
import { parseOffset } from './offset';
import { MAX_JSON_DEPTH, MAX_SCENARIO_BYTES } from '../record/text-input';

/** Nesting depth of a plain value, without recursion (stops counting past MAX_JSON_DEPTH + 1). */
function jsonDepthOf(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
import { KEBAB_ID, scenarioSchema, type Scenario } from './schema';

export interface ScenarioError {
  /** The file (or other source) the text came from. */
  source: string;
  /** Where in the file, e.g. `injects[3].to`; empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the YAML text, where known. */
  line?: number;
}

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

type PathKey = string | number;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** `FILE:LINE path: message`, the one-line form the CLI prints. */
export function formatScenarioError(e: ScenarioError): string {
  const where = e.line === undefined ? e.source : `${e.source}:${e.line}`;
  return e.path === '' ? `${where}: ${e.message}` : `${where} ${e.path}: ${e.message}`;
}

function lineFinder(doc: Document, lines: LineCounter) {
  return (path: readonly PathKey[]): number | undefined => {
    // The deepest node that exists on the path: a missing key points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** The roles a scenario "has": those its people hold, plus the roles the facilitator plays. */
export function scenarioRoles(scenario: Pick<Scenario, 'meta'>): Set<ActorRole> {
  const roles = new Set<ActorRole>(FACILITATOR_PLAYED_ROLES);
  for (const person of scenario.meta.people) for (const role of person.roles ?? []) roles.add(role);
  return roles;
}

/** Cross-field checks that the schema cannot express. Returns [path, message] pairs. */
export function checkScenario(s: Scenario): Array<[PathKey[], string]> {
  const problems: Array<[PathKey[], string]> = [];
  const roles = scenarioRoles(s);
  const span = parseOffset(s.plan.simulatedSpan);
  const roleMsg = (role: string) =>
    `role "${role}" is not held by anyone in meta.people[].roles and is not played by the facilitator (${FACILITATOR_PLAYED_ROLES.join(', ')})`;

  if (span <= 0) problems.push([['plan', 'simulatedSpan'], 'the simulated span must end after awareness (a "+" offset)']);

  const injectIds = new Map<string, number>();
  s.injects.forEach((inj, i) => {
    const at = ['injects', i];
    const seen = injectIds.get(inj.id);
    if (seen !== undefined) problems.push([[...at, 'id'], `duplicate inject id "${inj.id}" (also injects[${seen}])`]);
    else injectIds.set(inj.id, i);
    if (!roles.has(inj.to)) problems.push([[...at, 'to'], roleMsg(inj.to)]);
    const offset = parseOffset(inj.offset);
    if (offset > span) problems.push([[...at, 'offset'], `inject at ${inj.offset} is after the drill ends (plan.simulatedSpan ${s.plan.simulatedSpan})`]);
    inj.expected?.forEach((exp, j) => {
      if (!roles.has(exp.role)) problems.push([[...at, 'expected', j, 'role'], roleMsg(exp.role)]);
      if (exp.within !== undefined && parseOffset(exp.within) < offset) {
        problems.push([[...at, 'expected', j, 'within'], `limit ${exp.within} is before the inject is delivered (${inj.offset})`]);
      }
    });
    const outageKinds = (inj.world ?? []).map((w) => w.kind);
    if (outageKinds.includes('outage.start') && outageKinds.includes('outage.end')) {
      problems.push([[...at, 'world'], 'an inject cannot both start and end an outage']);
    }
  });

  const goldenIds = new Map<string, number>();
  const goldenTypes = new Set<string>();
  s.golden.forEach((ev, i) => {
    const at = ['golden', i];
    goldenTypes.add(ev.type);
    if (ev.id !== undefined) {
      const seen = goldenIds.get(ev.id);
      if (seen !== undefined) problems.push([[...at, 'id'], `duplicate golden event id "${ev.id}" (also golden[${seen}])`]);
      else goldenIds.set(ev.id, i);
    }
    if (!roles.has(ev.role)) problems.push([[...at, 'role'], roleMsg(ev.role)]);
    problems.push(...checkEventData(ev.type, ev.data, at));
    if (parseOffset(ev.offset) > span) {
      problems.push([[...at, 'offset'], `event at ${ev.offset} is after the drill ends (plan.simulatedSpan ${s.plan.simulatedSpan})`]);
    }
    if (['incident.aware', 'drill.started', 'drill.ended', 'inject.delivered'].includes(ev.type)) {
      problems.push([[...at, 'type'], `"${ev.type}" is written by the player (play.ts), not by the golden list`]);
    }
  });
  if (!goldenTypes.has('team.formed')) problems.push([['golden'], 'the golden run never forms the team (team.formed)']);

  const names = new Map<string, number>();
  s.mistakes.forEach((m, i) => {
    const at = ['mistakes', i];
    const seen = names.get(m.name);
    if (seen !== undefined) problems.push([[...at, 'name'], `duplicate mistake name "${m.name}" (also mistakes[${seen}])`]);
    else names.set(m.name, i);
    m.changes.forEach((c, j) => {
      const cAt = [...at, 'changes', j];
      const selectorKey = 'drop' in c ? 'drop' : 'delay' in c ? 'delay' : 'move' in c ? 'move' : 'replace' in c ? 'replace' : undefined;
      if (selectorKey !== undefined) {
        const selector = (c as Record<string, string>)[selectorKey];
        const known = KEBAB_ID.test(selector) ? goldenIds.has(selector) : goldenTypes.has(selector);
        if (!known) {
          problems.push([
            [...cAt, selectorKey],
            `"${selector}" selects no golden event (give a golden event's id, or an event type the golden run has)`,
          ]);
        }
      }
      if ('replace' in c && c.with.data !== undefined) {
        const type = c.with.type ?? (KEBAB_ID.test(c.replace) ? s.golden[goldenIds.get(c.replace) ?? -1]?.type : c.replace);
        if (type !== undefined) problems.push(...checkEventData(type, c.with.data, [...cAt, 'with']));
      }
      if ('add' in c) {
        if (!roles.has(c.add.role)) problems.push([[...cAt, 'add', 'role'], roleMsg(c.add.role)]);
        problems.push(...checkEventData(c.add.type, c.add.data, [...cAt, 'add']));
      }
    });
    if (Object.keys(m.expectFailing).length === 0 && m.expectPassed !== true) {
      problems.push([[...at, 'expectFailing'], 'a mistake must make at least one obligation fail (or set expectPassed: true and say why)']);
    }
  });
  return problems;
}

function checkEventData(type: string, data: unknown, at: PathKey[]): Array<[PathKey[], string]> {
  const schema = (eventDataSchemas as Record<string, z.ZodType>)[type];
  if (schema === undefined) return [];
  let value = (data ?? {}) as Record<string, unknown>;
  // A team.formed without members forms the default team from meta.people (play.ts).
  if (type === 'team.formed' && value.members === undefined) value = { ...value, members: [] };
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((iss) => [[...at, 'data', ...(iss.path as PathKey[])], `${type}: ${iss.message}`]);
}

/** A scenario is a few dozen KB; a larger text is refused before YAML parses it (issue 10: 20 MB took 47 s). */
export const MAX_SCENARIO_CHARS = MAX_SCENARIO_BYTES;

export function parseScenario(text: string, source: string): ParseScenarioResult {
  if (text.length > MAX_SCENARIO_CHARS) {
    return { ok: false, errors: [{ source, path: '', message: `the scenario is ${text.length.toLocaleString('en')} characters, more than the ${MAX_SCENARIO_CHARS.toLocaleString('en')} allowed` }] };
  }
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    return { ok: false, errors: [{ source, path: '', message: `YAML: cannot be read: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        source,
        path: '',
        message: /call stack/i.test(e.message) ? 'YAML: nested too deeply to be read' : `YAML: ${e.message.split('\n')[0]}`,
        line: lines.linePos(e.pos[0]).line,
      })),
    };
  }
  const lineOf = lineFinder(doc, lines);
  let value: unknown;
  try {
    // maxAliasCount stops an alias bomb ("billion laughs"); a RangeError is nesting too deep to build.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const why = err instanceof RangeError ? 'nested too deeply' : (err as Error).message.split('\n')[0];
    return { ok: false, errors: [{ source, path: '', message: `YAML: cannot be read: ${why}` }] };
  }
  const deep = jsonDepthOf(value);
  if (deep > MAX_JSON_DEPTH) return { ok: false, errors: [{ source, path: '', message: `YAML: nested deeper than ${MAX_JSON_DEPTH} levels: not a scenario` }] };
  const r = validateScenarioValue(value);
  if (r.ok) return r;
  return { ok: false, errors: r.issues.map(({ path, message }) => ({ source, path: formatPath(path), message, line: lineOf(path) })) };
}

export interface ScenarioIssue {
  path: PathKey[];
  message: string;
}

/**
 * The schema and the cross-field checks on a value already in memory (the MSEL importer and the
 * editor build one without YAML text): the same checks parseScenario runs, paths as arrays.
 */
export function validateScenarioValue(value: unknown): { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] } {
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((iss): ScenarioIssue[] => {
      const path = iss.path as PathKey[];
      if (iss.code === 'unrecognized_keys') {
        const what = path[path.length - 1] === 'expectFailing' ? 'unknown obligation' : 'unknown field';
        return iss.keys.map((key) => ({ path: [...path, key], message: `${what} "${key}"` }));
      }
      return [{ path, message: iss.message }];
    });
    return { ok: false, issues };
  }
  const problems = checkScenario(parsed.data);
  if (problems.length > 0) return { ok: false, issues: problems.map(([path, message]) => ({ path, message })) };
  return { ok: true, scenario: parsed.data };
}

/** parseScenario, throwing one Error listing every problem (for code paths that cannot go on). */
export function loadScenario(text: string, source: string): Scenario {
  const r = parseScenario(text, source);
  if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
  return r.scenario;
}
