/**
 * npm run -s report -- RECORD.json [RECORD2.json …] [--format md] [--lang zh-TW|en] [--out FILE | --out-dir DIR] [--date YYYY-MM-DD] [--key KEYS.json|PUBLIC.pem]
 *
 * Writes the after-action report and improvement plan of each drill record as Markdown: to stdout,
 * to --out FILE (one record), or one FILE.md per record into --out-dir (DoIT's batch of agencies).
 * A record that is not valid exits 2 with the record parser's errors (file, JSON path, message),
 * like the scoring command; the other records are still written.
 *
 * The seal's verdict is the one `npm run -s verify` gives (issue 10): a signed record is checked
 * against the deployment's key from --key or TDRILL_SEAL_PUBLIC_KEYS, and shows who signed it and
 * when only when the signature holds; without a key it says the signature could not be checked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { isDateOnly } from '../engine/time/taipei';
import { readRecordFile } from './cli-io';
import { scoreRecord } from '../engine/scoring/score';
import { resolveStandard } from '../engine/scoring/standard';
import { verifySealWith, type TrustedKey } from '../engine/integrity/seal-signature';
import { reportMarkdown } from '../engine/report/after-action-report';
import type { ReportLanguage } from '../engine/report/event-text';
import { reviewDateOf } from '../engine/report/improvement-plan';
import { runCityReport } from './city-report';
import { keyFileOf, nodeEd25519, readTrustedKeys } from './seal-keys';

const USAGE = 'usage: npm run -s report -- RECORD.json [more.json …] [--format md] [--lang zh-TW|en] [--out FILE | --out-dir DIR] [--date YYYY-MM-DD] [--key KEYS.json|PUBLIC.pem]';

interface Options {
  files: string[];
  format: string;
  lang: ReportLanguage;
  out?: string;
  outDir?: string;
  date: string;
  key?: string;
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { files: [], format: 'md', lang: 'zh-TW', date: reviewDateOf(Date.now()) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--format') o.format = value();
      else if (a === '--lang') {
        const l = value();
        if (l !== 'zh-TW' && l !== 'en') return `--lang must be zh-TW or en, not ${l}`;
        o.lang = l;
      } else if (a === '--out') o.out = value();
      else if (a === '--out-dir') o.outDir = value();
      else if (a === '--key') o.key = value();
      else if (a === '--date') {
        o.date = value();
        if (!isDateOnly(o.date)) return `--date must be a real date YYYY-MM-DD, not ${o.date}`;
      } else if (a === '--help' || a === '-h') return USAGE;
      else if (a.startsWith('--')) return `unknown option ${a}\n${USAGE}`;
      else o.files.push(a);
    } catch (err) {
      return `${(err as Error).message}\n${USAGE}`;
    }
  }
  if (o.files.length === 0) return USAGE;
  if (o.format !== 'md') return `--format ${o.format} is not supported: only md (the print-ready A4 page is in the app's review)`;
  if (o.out !== undefined && o.files.length > 1) return '--out takes one record; use --out-dir for several';
  return o;
}

export function runReport(
  argv: string[],
  io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) },
  env: NodeJS.ProcessEnv = process.env,
): number {
  // The city report (issue 11) over a folder of records has its own command file.
  if (argv.includes('--city')) return runCityReport(argv, io);
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    io.stderr(options + '\n');
    return 2;
  }
  let keys: TrustedKey[] = [];
  const keyFile = keyFileOf(options.key, env);
  if (keyFile !== undefined) {
    const k = readTrustedKeys(keyFile, env);
    if (!k.ok) {
      io.stderr(k.message + '\n');
      return 2;
    }
    keys = k.keys;
  }
  let exit = 0;
  if (options.outDir) mkdirSync(options.outDir, { recursive: true });
  const written = new Set<string>();
  for (const file of options.files) {
    const parsed = readRecordFile(file);
    if (!parsed.ok) {
      io.stderr(parsed.message + '\n');
      exit = 2;
      continue;
    }
    const record = parsed.record;
    const markdown = reportMarkdown(
      { record, score: scoreRecord(record), standard: resolveStandard(record), reviewDate: options.date, integrity: verifySealWith(record, keys, nodeEd25519) },
      options.lang,
    );
    if (options.outDir) {
      // Two records with the same file name (from different folders) get -2, -3… rather than overwrite each other.
      const stem = basename(file, extname(file));
      let target = join(options.outDir, `${stem}.md`);
      for (let n = 2; written.has(target); n++) target = join(options.outDir, `${stem}-${n}.md`);
      written.add(target);
      writeFileSync(target, markdown);
      io.stderr(`${file} → ${target}\n`);
    } else if (options.out) writeFileSync(options.out, markdown);
    else io.stdout(markdown);
  }
  return exit;
}

const invokedDirectly = process.argv[1] !== undefined && /report\.(ts|mjs)$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = runReport(process.argv.slice(2));
