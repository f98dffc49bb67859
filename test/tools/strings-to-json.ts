/**
 * Merge helper for issue 14 item 1: brings strings that another branch added or changed "the old way"
 * (in a TS table: src/ui/i18n/common-strings.ts, features/<name>/strings.ts, …) into the JSON
 * resources of src/locales/{zh-TW,en}/<namespace>.json.
 *
 *   npx tsx test/tools/strings-to-json.ts <branch> [<base>]
 *
 * For each old strings module it evaluates the table at <base> (default: the commit the words branch
 * started from) and at <branch>, and writes every key the branch added or whose text it changed into
 * the namespace's JSON under the same key (both languages). It prints what it wrote; keys that the
 * words branch moved to the glossary or deleted are printed as warnings, not written back. Run the
 * resources test afterwards (src/locales/i18n-resources.test.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Table = { [key: string]: string | Table };
const MODULES: [path: string, ns: string][] = [
  ['src/ui/i18n/common-strings.ts', 'common'],
  ['src/ui/components/deadline-board/strings.ts', 'deadline-board'],
  ['src/ui/components/connection/connection-status.tsx', 'connection'],
  ['src/ui/features/city/strings.ts', 'city'],
  ['src/ui/features/msel/strings.ts', 'msel'],
  ['src/ui/features/review/strings.ts', 'review'],
  ['src/ui/features/desks/strings.ts', 'desks'],
  ['src/ui/features/setup/strings.ts', 'setup'],
  ['src/ui/features/console/strings.ts', 'console'],
  ['src/ui/features/console/server-links-strings.ts', 'serverLinks'],
];
const LANGS = ['zh-TW', 'en'] as const;

const [branch, base = '5936cbd'] = process.argv.slice(2);
if (!branch) {
  console.error('usage: npx tsx test/tools/strings-to-json.ts <branch> [<base>]');
  process.exit(64);
}

const show = (ref: string, path: string): string | null => {
  try {
    return execFileSync('git', ['show', `${ref}:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
};

const work = mkdtempSync(join(process.cwd(), 'test', 'tools', '.strings-'));

/** Evaluates an old TS strings module with registerStrings captured; null when it holds no table. */
async function tables(source: string | null, name: string): Promise<Record<string, Table> | null> {
  if (source === null || !/'zh-TW'|zh-TW/.test(source) || source.includes('.json')) return null;
  // Keep the table: drop imports (React, CSS, i18n) and everything after the table in .tsx modules.
  let code = source.replace(/^import[^;]*;\s*$/gm, '');
  code = code.replace(/\nexport function[\s\S]*$/, '\n');
  const file = join(work, `${name}.ts`);
  writeFileSync(
    file,
    `const __captured: Record<string, unknown>[] = [];\nconst registerStrings = (_ns: string, s: Record<string, unknown>) => { __captured.push(s); };\n${code}\nexport { __captured };\n`,
  );
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown> & { __captured: Record<string, Table>[] };
  const exported = Object.values(mod).find((v): v is Record<string, Table> => !!v && typeof v === 'object' && 'zh-TW' in v && 'en' in v);
  return mod.__captured[0] ?? exported ?? null;
}

const leaves = (t: Table, prefix: string[] = []): [string[], string][] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[[...prefix, k], v] as [string[], string]] : leaves(v, [...prefix, k])));
const get = (t: Table | undefined, path: string[]): string | Table | undefined =>
  path.reduce<string | Table | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), t);
function set(t: Table, path: string[], value: string): void {
  let node = t;
  for (const k of path.slice(0, -1)) node = (typeof node[k] === 'object' ? node[k] : (node[k] = {})) as Table;
  node[path[path.length - 1]] = value;
}

try {
  for (const [path, ns] of MODULES) {
    const theirs = await tables(show(branch, path), `${ns}-theirs`);
    if (!theirs) continue;
    const before = (await tables(show(base, path), `${ns}-base`)) ?? { 'zh-TW': {}, en: {} };
    for (const lng of LANGS) {
      const file = join('src', 'locales', lng, `${ns}.json`);
      const json: Table = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
      const glossary: Table = JSON.parse(readFileSync(join('src', 'locales', lng, 'glossary.json'), 'utf8'));
      let wrote = 0;
      for (const [key, text] of leaves(theirs[lng] ?? {})) {
        if (get(before[lng], key) === text) continue; // unchanged since the base
        const dotted = key.join('.');
        const inGlossary = [key, [...key.slice(0, -1), `${key[key.length - 1]}_other`]].some((k) => get(glossary, k) !== undefined);
        if (ns === 'common' && inGlossary) {
          console.warn(`WARN ${lng} common:${dotted} is a glossary word now: edit glossary.json by hand (${JSON.stringify(text)})`);
          continue;
        }
        set(json, key, text);
        wrote += 1;
        console.log(`${lng} ${ns}:${dotted} = ${JSON.stringify(text)}`);
      }
      if (wrote > 0) writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
