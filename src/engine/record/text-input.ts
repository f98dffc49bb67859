/**
 * Turning untrusted bytes into text, the same way in the CLIs and the browser (issue 10): UTF-8 only
 * (a UTF-8 byte-order mark is allowed), UTF-16 refused with a sentence saying so, invalid UTF-8
 * refused with its byte offset (never read silently as U+FFFD), and nesting deeper than
 * MAX_JSON_DEPTH refused before anything recursive (zod, canonicalJson, JSON.stringify) sees it.
 */

/** A drill record nests about six levels; anything near this is an attack, not a record. */
export const MAX_JSON_DEPTH = 64;

/** Sizes above which a file is refused before it is read (bytes). */
export const MAX_RECORD_BYTES = 512 * 1024 * 1024;
export const MAX_SCENARIO_BYTES = 1024 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; message: string };

/** Byte offset of the first invalid UTF-8 sequence, or -1 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** `source: message` for bytes that are not UTF-8 text; the text otherwise (a UTF-8 BOM dropped). */
export function decodeUtf8(bytes: Uint8Array, source: string): TextResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, message: `${source}: byte 0: the file is UTF-16 (byte-order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}); save it as UTF-8` };
  }
  if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0)) {
    return { ok: false, message: `${source}: byte ${bytes[0] === 0 ? 0 : 1}: a NUL byte at the start: the file looks like UTF-16 or binary; save it as UTF-8` };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = invalidUtf8Offset(bytes);
    const hex = Array.from(bytes.subarray(Math.max(0, at), Math.max(0, at) + 4), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
    return { ok: false, message: `${source}: byte ${at}: invalid UTF-8 (${hex}); the file must be UTF-8` };
  }
}

/**
 * The offset of the first bracket that nests deeper than `max` in JSON text, or -1. Linear, no
 * recursion; strings are skipped (brackets inside them do not count).
 */
export function jsonTooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: to the next quote not escaped.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * True when a parsed JSON value nests deeper than `max` (the value itself is level 1). JSON.parse
 * builds deep values without trouble; it is the recursive walks after it (canonicalJson,
 * JSON.stringify, structured clone) that overflow the stack. Walking the parsed value costs about a
 * third of scanning the text (issue 14: the scan was 48–80 ms of a 100,000-event record), and its
 * recursion is bounded by `max`, so it cannot overflow itself.
 */
export function valueTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  return typeof value === 'object' && value !== null && deeperThan(value, max);
}

function deeperThan(v: object, left: number): boolean {
  if (left === 0) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object' && x !== null && deeperThan(x, left - 1)) return true;
    }
    return false;
  }
  for (const k in v) {
    const x: unknown = (v as Record<string, unknown>)[k];
    if (typeof x === 'object' && x !== null && deeperThan(x, left - 1)) return true;
  }
  return false;
}

/** Line and column (1-based) of a character offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
