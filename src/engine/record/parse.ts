/**
 * Reading a drill record: JSON text → a validated record with its events in `seq` order, or errors
 * that name the file, the JSON path and what is wrong (drill-record.md: "exits 2 with a message
 * naming the file, the JSON path and what is wrong").
 *
 * Two paths, one truth:
 * - The envelope (format, agency, scenario, standard) is checked by the zod schemas of schema.ts.
 * - Events are checked by a fast hand-written path, because zod per event is several times slower
 *   than JSON.parse and a 100,000-event record must validate and score within 2× JSON.parse
 *   (test/bench/score-bench.ts). The fast path only decides valid / invalid; for an event it finds
 *   invalid, the zod schemas are run on that one event to word the errors, so both paths give the
 *   same messages by construction. parse.test.ts proves they agree on what is valid.
 * - Then the rules no schema can state: exactly one `incident.aware`, no duplicate `seq`,
 *   and `at` never decreasing with `seq`.
 */
import type { z } from 'zod';
import { formatTaipei, parseIsoMs } from '../time/taipei';
import { drillEventSchema, drillRecordSchema, eventDataSchemas, type DrillEvent, type DrillRecord } from './schema';
import { ACTOR_ROLES } from './vocabulary';
import { jsonTooDeepAt, lineColumnOf, MAX_JSON_DEPTH, valueTooDeep } from './text-input';

export interface RecordError {
  /** The file (or other source) the record came from. */
  source: string;
  /** JSON path, e.g. `$.events[3].at`. */
  path: string;
  message: string;
}

export type RecordResult = { ok: true; record: DrillRecord } | { ok: false; errors: RecordError[] };

/** At most this many errors are listed; the rest are counted in one last error. */
export const MAX_ERRORS = 50;

/** `FILE: $.path: message`, one line per error. */
export function formatRecordErrors(errors: readonly RecordError[]): string {
  return errors.map((e) => `${e.source}: ${e.path}: ${e.message}`).join('\n');
}

/** Turns a path of keys and indexes into a JSON path: ['events', 3, 'at'] → $.events[3].at. */
export function jsonPath(path: readonly PropertyKey[], base = '$'): string {
  let out = base;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Line and column (1-based) of a character offset in text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offset of the first JSON syntax error in text (a small strict scanner; only run after JSON.parse
 * failed, because V8 does not always say where: "Unexpected token '{', …" has no position).
 */
export function locateJsonError(text: string): number {
  let i = 0;
  const n = text.length;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; fail(); }
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= n) fail();
    i++;
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < n) fail();
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, n);
    throw at;
  }
  return -1;
}

function jsonSyntaxMessage(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const detail = raw.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s+/g, ' ');
  // V8 sometimes says "at position N"; otherwise find the place ourselves.
  const pos = /at position (\d+)/.exec(raw);
  const offset = pos !== null ? Number(pos[1]) : locateJsonError(text);
  if (offset < 0) return `not valid JSON: ${detail}`;
  const { line, column } = lineColumn(text, offset);
  if (offset >= text.length) return `not valid JSON: the text ends too early (line ${line}, column ${column})`;
  return `not valid JSON at line ${line}, column ${column}: ${detail}`;
}

/** Parses and validates the text of a drill record. `source` names it in errors (usually the file path). */
export function parseDrillRecord(text: string, source: string): RecordResult {
  // Absurd nesting (issue 10: 20,000 levels) is refused before anything recursive sees it: zod, the
  // hash chain, JSON.stringify and our own error locator recurse. JSON.parse does not (V8 parses
  // 1,000,000 levels), so the text is scanned for its place only when something is wrong
  // (issue 14: scanning every record cost 48–80 ms at 100,000 events).
  const tooDeep = (): RecordResult | null => {
    const deep = jsonTooDeepAt(text);
    if (deep < 0) return null;
    const { line, column } = lineColumnOf(text, deep);
    return { ok: false, errors: [{ source, path: '$', message: `nested deeper than ${MAX_JSON_DEPTH} levels at line ${line}, column ${column}: not a drill record` }] };
  };
  let value: unknown;
  try {
    // A UTF-8 byte-order mark is allowed in front of the JSON.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return tooDeep() ?? { ok: false, errors: [{ source, path: '$', message: jsonSyntaxMessage(text, err) }] };
  }
  if (valueTooDeep(value)) {
    return tooDeep() ?? { ok: false, errors: [{ source, path: '$', message: `nested deeper than ${MAX_JSON_DEPTH} levels: not a drill record` }] };
  }
  return validateDrillRecord(value, source);
}

// ---------------------------------------------------------------------------------------------
// Fast event validation

type Check = (value: unknown) => boolean;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Compiles a zod schema of the shapes schema.ts uses for event data into a plain predicate.
 * WARNING: it supports exactly the zod features those schemas use and throws on anything else,
 * so a new check added to schema.ts cannot be silently skipped by the fast path (parse.test.ts
 * compiles every data schema).
 */
export function compileCheck(schema: z.ZodType): Check {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const checks = def.checks as unknown[] | undefined;
  if (checks !== undefined && checks.length > 0) {
    throw new Error(`compileCheck: ${def.type} with checks is not supported; extend compileCheck`);
  }
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'unknown':
      return () => true;
    case 'optional': {
      const inner = compileCheck(def.innerType as z.ZodType);
      return (v) => v === undefined || inner(v);
    }
    case 'literal': {
      const values = def.values as unknown[];
      return (v) => values.includes(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => values.has(v);
    }
    case 'union': {
      const options = (def.options as z.ZodType[]).map(compileCheck);
      return (v) => options.some((o) => o(v));
    }
    case 'array': {
      const element = compileCheck(def.element as z.ZodType);
      return (v) => Array.isArray(v) && v.every(element);
    }
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      const catchallType = catchall === undefined ? undefined : (catchall as unknown as { _zod: { def: { type: string } } })._zod.def.type;
      if (catchallType !== undefined && catchallType !== 'unknown') {
        throw new Error(`compileCheck: object catchall ${catchallType} is not supported`);
      }
      // A strip object (z.object, no catchall) accepts extra keys too: the same predicate.
      const fields = Object.entries(def.shape as Record<string, z.ZodType>).map(([k, s]) => [k, compileCheck(s)] as const);
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (const [k, check] of fields) if (!check(v[k])) return false;
        return true;
      };
    }
    default:
      throw new Error(`compileCheck: zod type ${def.type} is not supported; extend compileCheck`);
  }
}

const dataChecks = new Map<string, Check>(
  Object.entries(eventDataSchemas).map(([type, schema]) => [type, compileCheck(schema as z.ZodType)]),
);
const actorRoles = new Set<unknown>(ACTOR_ROLES);

/**
 * The fast path: `at` as epoch ms when `e` is a valid event by drillEventSchema and, for a known
 * type, its data by eventDataSchemas[type] (missing data checked as `{}`); NaN when it is not.
 * Mirrors schema.ts exactly (parse.test.ts).
 */
function fastEventAtMs(e: unknown): number {
  if (!isPlainObject(e)) return NaN;
  const seq = e.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return NaN;
  const at = e.at;
  if (typeof at !== 'string') return NaN;
  const ms = parseIsoMs(at);
  const wall = e.wall;
  if (wall !== undefined && wall !== null && typeof wall !== 'string' && !(typeof wall === 'number' && Number.isFinite(wall) && Math.abs(wall) <= 8.64e15)) return NaN;
  const actor = e.actor;
  if (!isPlainObject(actor) || !actorRoles.has(actor.role)) return NaN;
  if (actor.name !== undefined && typeof actor.name !== 'string') return NaN;
  const type = e.type;
  if (typeof type !== 'string' || type.length === 0) return NaN;
  const data = e.data;
  if (data !== undefined && data !== null && !isPlainObject(data)) return NaN;
  const check = dataChecks.get(type);
  return check === undefined || check(data ?? {}) ? ms : NaN;
}

/** The fast path's verdict: true when zod would accept the event (drillEventSchema and its type's data schema). */
export function isValidEventFast(e: unknown): boolean {
  return !Number.isNaN(fastEventAtMs(e));
}

/** The slow path: the zod schemas' issues for one event, as errors. Empty when zod finds it valid. */
export function eventErrorsByZod(e: unknown, index: number, source: string): RecordError[] {
  const base = `$.events[${index}]`;
  const result = drillEventSchema.safeParse(e);
  const errors: RecordError[] = result.success
    ? []
    : result.error.issues.map((iss) => ({ source, path: jsonPath(iss.path, base), message: issueMessage(iss) }));
  if (isPlainObject(e) && typeof e.type === 'string' && Object.hasOwn(eventDataSchemas, e.type)) {
    const dataSchema = eventDataSchemas[e.type as keyof typeof eventDataSchemas] as z.ZodType;
    if (e.data === undefined || e.data === null || isPlainObject(e.data)) {
      const dataResult = dataSchema.safeParse(e.data ?? {});
      if (!dataResult.success) {
        for (const iss of dataResult.error.issues) {
          errors.push({ source, path: jsonPath(iss.path, `${base}.data`), message: `${e.type}: ${issueMessage(iss)}` });
        }
      }
    }
  }
  return errors;
}

function issueMessage(iss: z.core.$ZodIssue): string {
  // zod's "Invalid input" for a union hides which branch failed; the level union words its own.
  return iss.message;
}

// ---------------------------------------------------------------------------------------------

const envelopeSchema = drillRecordSchema.omit({ events: true });

/** Validates an already-parsed value as a drill record. Events come back sorted by `seq`. */
export function validateDrillRecord(value: unknown, source: string): RecordResult {
  const errors: RecordError[] = [];
  const push = (path: string, message: string): void => {
    errors.push({ source, path, message });
  };
  if (!isPlainObject(value)) {
    push('$', `a drill record must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
    return { ok: false, errors };
  }
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) {
    for (const iss of envelope.error.issues) push(jsonPath(iss.path), issueMessage(iss));
  }
  const events = value.events;
  if (!Array.isArray(events)) {
    push('$.events', events === undefined ? 'events is required: an array of events' : 'events must be an array');
    return finish(errors, source);
  }

  let structural = false;
  const atMs = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const ms = fastEventAtMs(events[i]);
    atMs[i] = ms;
    if (!Number.isNaN(ms)) continue;
    structural = true;
    const zodErrors = eventErrorsByZod(events[i], i, source);
    // Both paths must agree (parse.test.ts); if they ever do not, still refuse the event.
    errors.push(...(zodErrors.length > 0 ? zodErrors : [{ source, path: `$.events[${i}]`, message: 'invalid event' }]));
    if (errors.length > MAX_ERRORS) return finish(errors, source);
  }
  if (structural) return finish(errors, source);

  const typed = events as DrillEvent[];
  // seq must be unique; the array may be out of seq order (we sort), but never repeat a seq.
  // Strictly increasing (as every exported record is) means unique and sorted: no table needed
  // (a 589,429-event record's table cost ~57 MB, issue 10).
  let increasing = true;
  for (let i = 1; i < typed.length && increasing; i++) increasing = typed[i].seq > typed[i - 1].seq;
  let sorted = true;
  if (!increasing) {
    const firstIndexBySeq = new Map<number, number>();
    for (let i = 0; i < typed.length; i++) {
      const seq = typed[i].seq;
      const seen = firstIndexBySeq.get(seq);
      if (seen !== undefined) push(`$.events[${i}].seq`, `seq ${seq} is used twice ($.events[${seen}] and $.events[${i}]); seq must be unique`);
      else firstIndexBySeq.set(seq, i);
      if (i > 0 && seq < typed[i - 1].seq) sorted = false;
    }
  }
  if (errors.length > 0) return finish(errors, source);

  const indexOf = new Map<DrillEvent, number>();
  let ordered = typed;
  if (!sorted) {
    typed.forEach((e, i) => indexOf.set(e, i));
    ordered = [...typed].sort((a, b) => a.seq - b.seq);
  }
  const originalIndex = (e: DrillEvent, k: number): number => (sorted ? k : (indexOf.get(e) as number));
  const pathOf = (e: DrillEvent, k: number): string => `$.events[${originalIndex(e, k)}]`;

  // `at` never decreases with seq (drill-record.md, Shape).
  let prevMs = -Infinity;
  const aware: number[] = [];
  for (let k = 0; k < ordered.length; k++) {
    const e = ordered[k];
    const ms = atMs[originalIndex(e, k)];
    if (ms < prevMs) {
      const prev = ordered[k - 1];
      push(
        `${pathOf(e, k)}.at`,
        `time goes backwards: seq ${e.seq} is at ${formatTaipei(ms)}, before seq ${prev.seq} (${pathOf(prev, k - 1)}) at ${formatTaipei(prevMs)}; at must not decrease with seq`,
      );
      if (errors.length > MAX_ERRORS) return finish(errors, source);
    }
    prevMs = Math.max(prevMs, ms);
    if (e.type === 'incident.aware') aware.push(k);
  }
  if (aware.length === 0) push('$.events', 'no incident.aware event: exactly one is required (it is T0, the moment of awareness)');
  if (aware.length > 1) {
    const paths = aware.map((k) => pathOf(ordered[k], k));
    push(paths[1], `several incident.aware events (${paths.join(', ')}): exactly one is required`);
  }
  if (errors.length > 0 || !envelope.success) return finish(errors, source);

  const record = { ...(envelope.data as Omit<DrillRecord, 'events'>), events: normalizeEvents(ordered) } as DrillRecord;
  return { ok: true, record };
}

/**
 * The fast path hands back the events as written; give them the shapes the schema's output promises:
 * `data: null` becomes `{}`, a null `wall` is dropped, and a `wall` in epoch ms becomes ISO (+08:00).
 * Events that need nothing are returned as they are (no copy on the hot path).
 */
function normalizeEvents(events: DrillEvent[]): DrillEvent[] {
  const loose = (e: DrillEvent): boolean => (e.data as unknown) === null || (e.wall as unknown) === null || typeof (e.wall as unknown) === 'number';
  if (!events.some(loose)) return events;
  return events.map((e) => {
    if (!loose(e)) return e;
    const { wall, data, ...rest } = e as Omit<DrillEvent, 'wall' | 'data'> & { wall?: unknown; data?: unknown };
    return {
      ...rest,
      ...(typeof wall === 'string' ? { wall } : typeof wall === 'number' ? { wall: formatTaipei(wall) } : {}),
      data: (data ?? {}) as Record<string, unknown>,
    } as DrillEvent;
  });
}

function finish(errors: RecordError[], source: string): RecordResult {
  if (errors.length > MAX_ERRORS) {
    // Validation stops early on a badly broken record, so the rest is not counted.
    return {
      ok: false,
      errors: [...errors.slice(0, MAX_ERRORS), { source, path: '$', message: `… further errors are not listed (listing stops at ${MAX_ERRORS})` }],
    };
  }
  return { ok: false, errors };
}
