/**
 * npm run scenarios:check [-- PATH…]
 *
 * Validates every scenario file in scenarios/ (or the files and folders given): one line per file
 * that is fine, `FILE:LINE path: message` for each problem; exit 1 on any problem.
 * `--write-schema` regenerates docs/scenario.schema.json from the zod schema.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScenarioError, parseScenario, type ScenarioError } from '../engine/scenario/parse';
import { scenarioJsonSchemaText } from '../engine/scenario/json-schema';
import { MAX_SCENARIO_BYTES } from '../engine/record/text-input';
import { readInputFile } from './safe-read';

/** The repository: the nearest folder up from this module (src/cli/, or dist-cli/ when compiled) with a package.json. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const root = repositoryRoot();

function scenarioFiles(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => ['.yaml', '.yml'].includes(extname(f)))
    .sort()
    .map((f) => join(path, f));
}

/** Check one file; returns its errors (empty when fine) and a summary for the OK line. */
function checkFile(file: string, display: string): { errors: ScenarioError[]; summary?: string } {
  const read = readInputFile(file, MAX_SCENARIO_BYTES);
  if (!read.ok) return { errors: [{ source: display, path: '', message: read.message.startsWith(`${file}: `) ? read.message.slice(file.length + 2) : read.message }] };
  const text = read.text;
  const r = parseScenario(text, display);
  if (!r.ok) return { errors: r.errors };
  const s = r.scenario;
  const stem = basename(file, extname(file));
  if (stem !== s.meta.id) {
    const line = text.split('\n').findIndex((l) => /^\s+id:/.test(l)) + 1;
    const error: ScenarioError = { source: display, path: 'meta.id', message: `id "${s.meta.id}" does not match the file name "${stem}" (scenarios/<id>.yaml)` };
    if (line > 0) error.line = line;
    return { errors: [error] };
  }
  const contingencies = s.injects.filter((i) => i.condition !== undefined).length;
  return {
    errors: [],
    summary: `L${s.facts.referenceLevel} ${s.facts.category}, ${s.injects.length} injects (${contingencies} contingency), ${s.golden.length} golden events, ${s.mistakes.length} mistakes`,
  };
}

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  if (argv.includes('--write-schema')) {
    const out = join(root, 'docs', 'scenario.schema.json');
    writeFileSync(out, scenarioJsonSchemaText());
    console.log(`wrote ${relative(process.cwd(), out)}`);
    if (args.length === 0) return 0;
  }
  const targets = args.length > 0 ? args.map((a) => resolve(a)) : [join(root, 'scenarios')];
  let files: string[] = [];
  let failed = false;
  for (const t of targets) {
    try {
      files = files.concat(scenarioFiles(t));
    } catch {
      console.log(`${relative(process.cwd(), t) || t}: no such file or folder`);
      failed = true;
    }
  }
  if (files.length === 0 && !failed) {
    console.log(`no scenario files (*.yaml) in ${targets.map((t) => relative(process.cwd(), t)).join(', ')}`);
    return 1;
  }
  for (const file of files) {
    const display = relative(process.cwd(), file) || file;
    const { errors, summary } = checkFile(file, display);
    if (errors.length === 0) console.log(`OK ${display}: ${summary}`);
    else {
      failed = true;
      for (const e of errors) console.log(formatScenarioError(e));
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
