/**
 * A lean read of a large drill record (issue 10: a 200 MB record must score within 1.5× its size).
 * The file is streamed through one 1 MiB buffer and never held whole, as bytes or as text: a byte
 * scanner splits the top-level object into its members, the `events` array into its elements, and
 * a seal (`integrity`) into its members with its `hashes` element by element; each event is decoded
 * (strict UTF-8), parsed and checked on its own, then kept small (equal actors and data shared, see
 * eventCompactor). The record is then validated by the same
 * validateDrillRecord, and scored, verified and reported by the same engine functions as any other.
 *
 * WARNING: this path only says "valid record" or "not sure". Anything unusual (a syntax error,
 * invalid UTF-8, nesting too deep, an invalid record) returns null, and the caller reads the file
 * the ordinary way, which words the error with its line, column or JSON path. So both paths give
 * the same answers by construction.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isValidEventFast, validateDrillRecord } from '../engine/record/parse';
import type { DrillRecord } from '../engine/record/schema';
import { MAX_JSON_DEPTH } from '../engine/record/text-input';

const CHUNK = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export function readRecordLean(path: string): DrillRecord | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    return scan(fd, path);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

type Mode = 'open' | 'key' | 'colon' | 'value-start' | 'value' | 'array' | 'after' | 'done';

/** An object being split into members: the record itself, or its `integrity` block. */
interface ObjectFrame {
  target: Record<string, unknown>;
  /** Bracket depth of the object's own braces (the record is 1). */
  depth: number;
  /** Members that are streamed (an array element by element, or an object member by member). */
  streamed: Set<string>;
}

function scan(fd: number, path: string): DrillRecord | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parse = (parts: Uint8Array[]): unknown => JSON.parse(decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts)));
  const envelope: Record<string, unknown> = {};
  const events: unknown[] = [];
  let sawEvents = false;

  let depth = 0;
  let inStr = false;
  let esc = false;
  // Where we are in the object being split (frames: the record, and inside it the integrity block).
  let mode = 'open' as Mode;
  const frames: ObjectFrame[] = [];
  let key = '';
  // The member, key or element being collected: earlier chunks' parts, and the start in this chunk.
  let parts: Uint8Array[] = [];
  let start = -1;
  let collectingElement = false;
  // The array streamed element by element: events, or a sealed record's hashes (issue 10: 589,429
  // hashes read as one member cost 170 MB at once). arrayDepth: the depth of its brackets.
  let sink: (value: unknown) => boolean = () => false;
  let arrayDepth = 0;
  // In that array: what may come next ('first': an element or ]; 'comma': an element; 'elem': , or ]).
  let next: 'first' | 'comma' | 'elem' = 'first';
  let first = true;
  let offset = 0;

  const finish = (chunk: Uint8Array, end: number): unknown => {
    parts.push(chunk.subarray(start, end));
    const value = parse(parts);
    parts = [];
    start = -1;
    return value;
  };
  const frame = (): ObjectFrame => frames[frames.length - 1];
  const setMember = (name: string, value: unknown) => Object.defineProperty(frame().target, name, { value, enumerable: true, writable: true, configurable: true });
  // The end of the current object: back to its parent, or the end of the record.
  const closeObject = (): void => {
    frames.pop();
    depth--;
    mode = frames.length === 0 ? 'done' : 'after';
  };

  // One chunk buffer, reused: what is carried into the next chunk is copied out of it first.
  const chunk = Buffer.allocUnsafe(CHUNK);
  const compact = eventCompactor();
  const keepEvent = (value: unknown): boolean => {
    // An invalid event: let the ordinary path word the error (and stop collecting now).
    if (!isValidEventFast(value)) return false;
    events.push(compact(value as Record<string, unknown>));
    return true;
  };
  const startArray = (keep: (value: unknown) => boolean): void => {
    sink = keep;
    depth++;
    arrayDepth = depth;
    next = 'first';
    collectingElement = false;
    mode = 'array';
  };
  for (;;) {
    const n = readSync(fd, chunk, 0, CHUNK, offset);
    if (n === 0) break;
    offset += n;
    let i = 0;
    if (first) {
      first = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    for (; i < n; i++) {
      const b = chunk[i];
      if (inStr) {
        if (esc) esc = false;
        else if (b === BACKSLASH) esc = true;
        else if (b === QUOTE) {
          inStr = false;
          if (mode === 'key') {
            key = finish(chunk, i + 1) as string;
            mode = 'colon';
          }
        }
        continue;
      }
      switch (mode) {
        case 'open':
          if (isWs(b)) continue;
          if (b !== 0x7b) return null;
          depth = 1;
          frames.push({ target: envelope, depth: 1, streamed: new Set() });
          mode = 'key';
          continue;
        case 'key':
          if (isWs(b)) continue;
          // Only a key may follow { or a comma ({} is not a record or a seal; a trailing comma is not JSON).
          if (b !== QUOTE) return null;
          start = i;
          inStr = true;
          continue;
        case 'colon':
          if (isWs(b)) continue;
          if (b !== 0x3a) return null;
          mode = 'value-start';
          continue;
        case 'value-start': {
          if (isWs(b)) continue;
          const f = frame();
          const top = frames.length === 1;
          if (f.streamed.has(key)) return null; // a repeated key: let the ordinary path decide
          if (top && key === 'events' && b === 0x5b) {
            f.streamed.add(key);
            sawEvents = true;
            setMember('events', null); // holds the key's place, so members keep the file's order
            startArray(keepEvent);
            continue;
          }
          if (top && key === 'integrity' && b === 0x7b) {
            f.streamed.add(key);
            const integrity: Record<string, unknown> = {};
            setMember('integrity', integrity);
            depth++;
            frames.push({ target: integrity, depth, streamed: new Set() });
            mode = 'key';
            continue;
          }
          if (!top && key === 'hashes' && b === 0x5b) {
            f.streamed.add(key);
            const hashes: unknown[] = [];
            setMember('hashes', hashes);
            startArray((v) => (hashes.push(v), true));
            continue;
          }
          start = i;
          mode = 'value';
          i--; // read this byte as part of the value
          continue;
        }
        case 'value': {
          const f = frame();
          if (b === QUOTE) inStr = true;
          else if (b === 0x7b || b === 0x5b) {
            if (++depth > MAX_JSON_DEPTH) return null;
          } else if (b === 0x7d || b === 0x5d) {
            if (depth === f.depth) {
              // the end of the object being split
              if (b !== 0x7d) return null;
              setMember(key, finish(chunk, i));
              closeObject();
              continue;
            }
            depth--;
          } else if (b === 0x2c && depth === f.depth) {
            setMember(key, finish(chunk, i));
            mode = 'key';
          }
          continue;
        }
        case 'array':
          if (!collectingElement) {
            if (isWs(b)) continue;
            if (b === 0x2c) {
              if (next !== 'elem') return null;
              next = 'comma';
              continue;
            }
            if (b === 0x5d) {
              if (next === 'comma') return null;
              depth--;
              mode = 'after';
              continue;
            }
            if (next === 'elem') return null;
            collectingElement = true;
            start = i;
          }
          if (b === QUOTE) inStr = true;
          else if (b === 0x7b || b === 0x5b) {
            if (++depth > MAX_JSON_DEPTH) return null;
          } else if (b === 0x7d || b === 0x5d) {
            if (depth === arrayDepth) {
              // a scalar element ended by the array's close
              if (b !== 0x5d || !sink(finish(chunk, i))) return null;
              collectingElement = false;
              depth--;
              mode = 'after';
              continue;
            }
            depth--;
            if (depth === arrayDepth) {
              if (!sink(finish(chunk, i + 1))) return null;
              collectingElement = false;
              next = 'elem';
            }
          } else if (b === 0x2c && depth === arrayDepth) {
            if (!sink(finish(chunk, i))) return null;
            collectingElement = false;
            next = 'comma';
          }
          continue;
        case 'after':
          if (isWs(b)) continue;
          if (b === 0x2c) mode = 'key';
          else if (b === 0x7d) closeObject();
          else return null;
          continue;
        case 'done':
          if (!isWs(b)) return null;
          continue;
      }
    }
    // Carry what is being collected into the next chunk.
    if (start >= 0) {
      parts.push(Buffer.from(chunk.subarray(start, n)));
      start = 0;
    }
  }
  if (mode !== 'done' || !sawEvents) return null;
  const result = validateDrillRecord({ ...envelope, events }, path);
  return result.ok ? result.record : null;
}

/** Data objects longer than this (as JSON) are kept as they are, not looked up. */
const SHARE_MAX_CHARS = 2048;
/** The table of recent values is cleared when it grows past this, so unique values cost nothing extra. */
const SHARE_TABLE_SIZE = 4096;

/**
 * Keeps a valid event small (issue 10: a 200 MB record within 1.5× its size): its type, actor and
 * data are replaced by one shared copy of each equal value seen recently (a long drill repeats the
 * same actors and many identical data objects). The event keeps every member, in its order, with
 * equal values, so validation, the hash chain and scoring see the same record; nothing in the engine
 * mutates an event (they are records of what happened), so sharing is safe.
 */
function eventCompactor(): (event: Record<string, unknown>) => Record<string, unknown> {
  const strings = new Map<string, string>();
  const values = new Map<string, unknown>();
  const shareString = (s: string): string => {
    const seen = strings.get(s);
    if (seen !== undefined) return seen;
    if (strings.size >= SHARE_TABLE_SIZE) strings.clear();
    strings.set(s, s);
    return s;
  };
  const shareValue = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const key = JSON.stringify(v);
    if (key.length > SHARE_MAX_CHARS) return v;
    const seen = values.get(key);
    if (seen !== undefined) return seen;
    if (values.size >= SHARE_TABLE_SIZE) values.clear();
    values.set(key, v);
    return v;
  };
  return (event) => {
    if (typeof event.type === 'string') event.type = shareString(event.type);
    event.actor = shareValue(event.actor);
    if (event.data !== undefined) event.data = shareValue(event.data);
    return event;
  };
}
