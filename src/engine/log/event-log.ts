/**
 * The drill's append-only event log: the truth everything else is derived from (house style 3).
 * Entries carry the simulated moment `at` (ISO +08:00), the real moment `wall` (passed in; the
 * engine never reads the wall clock), the actor, the type and the data. `seq` is 1, 2, 3 … and
 * `at` never decreases with it (drill-record.md, Shape).
 */
import { formatRecordErrors, validateDrillRecord, type RecordError } from '../record/parse';
import { RECORD_FORMAT, type Actor, type Agency, type DrillEvent, type DrillRecord, type RecordStandard, type ScenarioFacts } from '../record/schema';
import { formatTaipei, isIsoDateTime, parseIsoMs } from '../time/taipei';
import type { Reason } from '../base/reason';
import { engineReason } from '../text/engine-text';

/** A logged event: a drill event (a type, not an interface, so it is one wherever a DrillEvent is asked for). */
export type LogEntry = {
  readonly seq: number;
  /** Simulated time, ISO 8601 +08:00. */
  readonly at: string;
  /** Real time of the action, ISO 8601 with offset, when known. */
  readonly wall?: string;
  readonly actor: Actor;
  readonly type: string;
  readonly data: Record<string, unknown>;
};

export interface NewEntry {
  /** Simulated moment: epoch ms or ISO text with an offset. */
  at: number | string;
  wall?: string;
  actor: Actor;
  type: string;
  data?: Record<string, unknown>;
}

/** What a record carries besides its events. Extra fields are kept (drill-record.md: the project may add fields). */
export interface RecordHeader {
  agency: Agency;
  scenario: ScenarioFacts;
  standard?: RecordStandard;
  [extra: string]: unknown;
}

export type AppendResult = { ok: true; entry: LogEntry } | { ok: false; reason: Reason };

export interface EventLog {
  append(entry: NewEntry): AppendResult;
  entries(): readonly LogEntry[];
  size(): number;
  last(): LogEntry | undefined;
  /** The last entry's `at` in epoch ms, or -Infinity when empty. */
  lastAtMs(): number;
  /** The drill record of this log (format taipei-drill-record/1). */
  toRecord(header: RecordHeader): DrillRecord;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

/** A new, empty log; or a log continuing `initial` (already validated events, in seq order). */
export function createEventLog(initial: readonly DrillEvent[] = []): EventLog {
  const items: LogEntry[] = [];
  let lastMs = -Infinity;
  let lastSeq = 0;
  let view: readonly LogEntry[] | null = null;

  const push = (entry: LogEntry, ms: number): LogEntry => {
    const frozen = deepFreeze(entry);
    items.push(frozen);
    lastMs = ms;
    lastSeq = frozen.seq;
    view = null;
    return frozen;
  };

  for (const [i, e] of initial.entries()) {
    const ms = parseIsoMs(e.at);
    if (Number.isNaN(ms)) throw new TypeError(`event log: events[${i}].at: not an ISO 8601 date-time with an offset: "${e.at}"`);
    if (ms < lastMs) throw new TypeError(`event log: events[${i}].at: ${e.at} is earlier than the event before it`);
    if (!(e.seq > lastSeq)) throw new TypeError(`event log: events[${i}].seq: ${e.seq} does not follow ${lastSeq}`);
    // Kept as recorded (seq and at text): scoring results point at seq, and a round trip changes nothing.
    push(JSON.parse(JSON.stringify({ ...e, data: e.data ?? {} })), ms);
  }

  return {
    append(entry) {
      let ms: number;
      if (typeof entry.at === 'number') ms = entry.at;
      else ms = parseIsoMs(entry.at);
      if (!Number.isFinite(ms)) {
        return { ok: false, reason: engineReason('bad-time', 'log.badTime', { at: String(entry.at) }) };
      }
      ms = Math.floor(ms);
      if (ms < lastMs) {
        return {
          ok: false,
          reason: engineReason('time-goes-backwards', 'log.timeGoesBackwards', { at: formatTaipei(ms), last: formatTaipei(lastMs) }),
        };
      }
      if (entry.wall !== undefined && !isIsoDateTime(entry.wall)) {
        return { ok: false, reason: engineReason('bad-wall-time', 'log.badWallTime', { wall: entry.wall }) };
      }
      if (typeof entry.type !== 'string' || entry.type.length === 0) {
        return { ok: false, reason: engineReason('bad-type', 'log.badType') };
      }
      let data: Record<string, unknown>;
      try {
        // A copy, so the caller cannot change history afterwards; JSON, because it goes into the record.
        data = JSON.parse(JSON.stringify(entry.data ?? {}));
      } catch {
        return { ok: false, reason: engineReason('bad-data', 'log.badData') };
      }
      const actor: Actor = JSON.parse(JSON.stringify(entry.actor));
      const out: LogEntry = {
        seq: lastSeq + 1,
        at: formatTaipei(ms),
        ...(entry.wall !== undefined ? { wall: entry.wall } : {}),
        actor,
        type: entry.type,
        data,
      };
      return { ok: true, entry: push(out, ms) };
    },
    entries: () => (view ??= Object.freeze(items.slice())),
    size: () => items.length,
    last: () => items[items.length - 1],
    lastAtMs: () => lastMs,
    toRecord(header) {
      const { agency, scenario, format: _format, events: _events, ...extra } = header;
      return JSON.parse(
        JSON.stringify({ format: RECORD_FORMAT, ...extra, agency, scenario, events: items }),
      ) as DrillRecord;
    },
  };
}

export type FromRecordResult =
  | { ok: true; header: RecordHeader; log: EventLog; record: DrillRecord }
  | { ok: false; errors: RecordError[]; message: string };

/**
 * Reads a record (parsed JSON) back into a header and a log, validated by the record parser
 * (src/engine/record/parse.ts). `source` names the file in errors.
 *
 * `allowNoAwareness`: a live drill saved before T0 has no `incident.aware` yet; the record format
 * requires exactly one, so only the drill session asks for this leniency.
 */
export function fromRecord(value: unknown, source: string, options: { allowNoAwareness?: boolean } = {}): FromRecordResult {
  let result = validateDrillRecord(value, source);
  if (!result.ok && options.allowNoAwareness) {
    const others = result.errors.filter((e) => !(e.path === '$.events' && /^no incident\.aware event/.test(e.message)));
    if (others.length === 0) {
      // Only the missing T0 was wrong: validate again with a placeholder awareness to get the sorted record.
      const v = value as DrillRecord;
      const probe = validateDrillRecord({ ...v, events: [...v.events, { seq: Number.MAX_SAFE_INTEGER, at: v.events.at(-1)?.at ?? '2000-01-01T00:00:00+08:00', actor: { role: 'facilitator' }, type: 'incident.aware', data: {} }] }, source);
      if (probe.ok) result = { ok: true, record: { ...probe.record, events: probe.record.events.slice(0, -1) } };
    }
  }
  if (!result.ok) return { ok: false, errors: result.errors, message: formatRecordErrors(result.errors) };
  const { format: _format, events, ...header } = result.record;
  return { ok: true, header: header as RecordHeader, log: createEventLog(events), record: result.record };
}
