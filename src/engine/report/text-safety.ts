/**
 * User text (agency and people names, notes, event data) shown on screens and written into reports
 * (issue 10). Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can make a
 * line read differently from what it holds ("Trojan Source"), so they are stripped wherever user text
 * is shown. In Markdown, user text is also escaped: HTML becomes entities and Markdown specials are
 * backslash-escaped, so a name cannot become a link, an image, a heading or raw HTML.
 */

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Text as Markdown that shows exactly that text: no HTML, no links, no emphasis, no headings. */
export function markdownText(text: string): string {
  return stripBidi(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&')
    .replace(/^(\s*)([-+=]|\d+\.)(?=\s|$)/gm, (_, sp: string, mark: string) => `${sp}${mark.replace(/[-+=.]/, '\\$&')}`)
    .replace(/\b(javascript|vbscript|data):/gi, '$1&#58;');
}

/** A JSON value with bidi controls stripped from every string (keys included); the same object when there are none. */
export function stripBidiDeep<T>(value: T): T {
  if (typeof value === 'string') return stripBidi(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (!JSON.stringify(value).match(/[\u202a-\u202e\u2066-\u2069]/)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return stripBidi(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [stripBidi(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
