/**
 * npm run -s report -- --city DIR [--format md|csv] [--lang zh-TW|en] [--agencies LIST.csv]
 *                       [--earlier SUMMARY.json …] [--title TEXT] [--id ID] [--out FILE] [--summary-out FILE]
 *
 * The city report (府級演練, P39) over a folder of drill records (every *.json in DIR, one per agency;
 * re-drills, recognised by their `redrillOf` link, are compared with the agency's city result).
 * --agencies checks the records against DoIT's agency list (UTF-8 or Big5 CSV). --earlier adds
 * summaries of earlier city exercises (written by --summary-out) for the comparison.
 * The records of a city exercise say which (`cityExercise`, engine/city/exercise-tag.ts): its id,
 * title and start, and each agency's place in DoIT's list, so the report is the server's and DoIT's
 * page's with no flags (--id and --title override); without it, the folder's name and the earliest T0.
 * Drills that never started (no events) are left out and named, as the server leaves them out.
 * An invalid record exits 2 naming the file, the JSON path and what is wrong, and prints no report;
 * so do records of two exercises (or of one that disagree on it), naming the files of each.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseAgencyCsv, formatAgencyCsvError } from '../engine/city/agency-csv';
import { cityCsv, cityReportMarkdown } from '../engine/city/city-report';
import { cityEntries, type OpenedRecord } from '../engine/city/entries';
import type { CityAgency } from '../engine/city/exercise';
import { agencyKey } from '../engine/city/exercise';
import { compareRedrill, orderComparisons, readRedrillLink, type RedrillComparison } from '../engine/city/redrill';
import { folderExercise, formatFolderProblem, readCityExercise } from '../engine/city/exercise-tag';
import { cityResults, citySummary, exerciseHistory, parseCitySummary, type CitySummary } from '../engine/city/results';
import { formatRecordErrors, parseDrillRecord } from '../engine/record/parse';
import type { ReportLanguage } from '../engine/report/event-text';
import { formatTaipei, parseIsoMs } from '../engine/time/taipei';
import { EXIT_INVALID } from './cli-io';

export const CITY_USAGE =
  'usage: npm run -s report -- --city DIR [--format md|csv] [--lang zh-TW|en] [--agencies LIST.csv] [--earlier SUMMARY.json …] [--title TEXT] [--id ID] [--out FILE] [--summary-out FILE]';

interface Io {
  stdout: (s: string) => unknown;
  stderr: (s: string) => unknown;
}

interface CityOptions {
  dir: string;
  format: 'md' | 'csv';
  lang: ReportLanguage;
  agencies?: string;
  earlier: string[];
  title?: string;
  id?: string;
  out?: string;
  summaryOut?: string;
}

function parseCityArgs(argv: string[]): CityOptions | string {
  const o: Partial<CityOptions> & { earlier: string[] } = { format: 'md', lang: 'zh-TW', earlier: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    const v = a.startsWith('--') && a !== '--help' ? value() : undefined;
    if (a.startsWith('--') && a !== '--help' && v === undefined) return `${a} needs a value\n${CITY_USAGE}`;
    switch (a) {
      case '--city':
        o.dir = v;
        break;
      case '--format':
        if (v !== 'md' && v !== 'csv') return `--format must be md or csv, not ${v}`;
        o.format = v;
        break;
      case '--lang':
        if (v !== 'zh-TW' && v !== 'en') return `--lang must be zh-TW or en, not ${v}`;
        o.lang = v;
        break;
      case '--agencies':
        o.agencies = v;
        break;
      case '--earlier':
        o.earlier.push(v as string);
        break;
      case '--title':
        o.title = v;
        break;
      case '--id':
        o.id = v;
        break;
      case '--out':
        o.out = v;
        break;
      case '--summary-out':
        o.summaryOut = v;
        break;
      case '--help':
        return CITY_USAGE;
      default:
        return `${a.startsWith('--') ? `unknown option ${a}` : `unexpected argument ${a} (the records come from --city DIR)`}\n${CITY_USAGE}`;
    }
  }
  if (!o.dir) return CITY_USAGE;
  return o as CityOptions;
}

/**
 * A drill of a city exercise that has not started has no events (the server leaves it out of its
 * report, and so does this command): such a record is named and left out, not an error.
 */
function notStarted(text: string): boolean {
  try {
    const v = JSON.parse(text) as { events?: unknown; redrillOf?: unknown } | null;
    return v !== null && typeof v === 'object' && Array.isArray(v.events) && v.events.length === 0 && (readCityExercise(v) !== null || (v.redrillOf !== null && typeof v.redrillOf === 'object'));
  } catch {
    return false;
  }
}

/** Reads every *.json of DIR as a record; all invalid ones are named (file, JSON path, what is wrong). */
function readFolder(dir: string): { records: OpenedRecord[]; errors: string[]; left: string[] } {
  const records: OpenedRecord[] = [];
  const errors: string[] = [];
  const left: string[] = [];
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return { records, errors: [`${dir}: not a folder`], left };
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (err) {
    return { records, errors: [`${dir}: cannot read the folder: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (err as Error).message}`], left };
  }
  if (names.length === 0) return { records, errors: [`${dir}: no drill record (*.json) in the folder`], left };
  for (const name of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      errors.push(`${file}: cannot read the record: ${(err as Error).message}`);
      continue;
    }
    const parsed = parseDrillRecord(text, file);
    if (parsed.ok) records.push({ source: file, record: parsed.record });
    else if (notStarted(text)) left.push(`${file}: a city drill that has not started (no events): left out, as in the server's report`);
    else errors.push(formatRecordErrors(parsed.errors));
  }
  if (errors.length === 0 && records.length === 0) errors.push(`${dir}: no record of a drill that has started (${left.length} not started)`);
  return { records, errors, left };
}

export function runCityReport(argv: string[], io: Io): number {
  const options = parseCityArgs(argv);
  if (typeof options === 'string') {
    io.stderr(options + '\n');
    return EXIT_INVALID;
  }
  const { records: read, errors, left } = readFolder(options.dir);
  const folder = errors.length === 0 ? folderExercise(read) : null;
  if (folder && !folder.ok) errors.push(formatFolderProblem(folder.problem, options.dir));
  const records = folder?.ok ? folder.records : read;
  let agencies: CityAgency[] | null = null;
  if (options.agencies) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = readFileSync(options.agencies);
    } catch (err) {
      errors.push(`${options.agencies}: cannot read the agency list: ${(err as Error).message}`);
    }
    if (bytes) {
      const list = parseAgencyCsv(bytes, options.agencies);
      if (list.ok) agencies = list.agencies;
      else errors.push(...list.errors.map((e) => formatAgencyCsvError(e, options.lang)));
    }
  }
  const earlier: CitySummary[] = [];
  for (const file of options.earlier) {
    try {
      const parsed = parseCitySummary(JSON.parse(readFileSync(file, 'utf8')), file);
      if (parsed.ok) earlier.push(parsed.summary);
      else errors.push(parsed.message);
    } catch (err) {
      errors.push(`${file}: $: cannot read the summary: ${(err as Error).message}`);
    }
  }
  if (errors.length > 0) {
    io.stderr(errors.join('\n') + '\n');
    return EXIT_INVALID;
  }

  for (const l of left) io.stderr(l + '\n');

  const found = cityEntries(records, agencies);
  // The exercise the records carry (as the server and DoIT's page name it); --id and --title override.
  // Records without one: the folder's name, and the earliest T0.
  const carried = folder?.ok ? folder.exercise : null;
  const starts = found.entries
    .map((e) => e.record.events.find((x) => x.type === 'incident.aware')?.at)
    .filter((x): x is string => x !== undefined)
    .map(parseIsoMs);
  const dirName = basename(resolve(options.dir));
  const exercise = {
    id: options.id ?? carried?.id ?? dirName,
    title: options.title ?? carried?.title ?? dirName,
    startAt: carried?.startAt ?? (starts.length > 0 ? formatTaipei(Math.min(...starts)) : formatTaipei(0)),
  };
  const results = cityResults(exercise, found.entries);
  const byName = new Map(results.agencies.map((a) => [agencyKey(a.name), a]));
  const redrills: RedrillComparison[] = [];
  for (const r of found.redrills) {
    const link = readRedrillLink(r.record);
    const original = link && byName.get(agencyKey(link.agency));
    if (original) redrills.push(compareRedrill(original, r.record));
    else io.stderr(`${r.source}: a re-drill of "${link?.agency}", who is not in this exercise: left out of the comparison\n`);
  }
  for (const d of found.duplicates) io.stderr(`${d.source}: a second record of "${d.record.agency.name}": left out\n`);

  const summary = citySummary(results);
  const output =
    options.format === 'csv'
      ? cityCsv(results, options.lang)
      : cityReportMarkdown(
          { results, history: exerciseHistory(summary, earlier), redrills: orderComparisons(results, redrills), withoutRecord: found.withoutRecord, offList: found.offList.map((r) => r.record.agency.name) },
          options.lang,
        );
  if (options.summaryOut) writeFileSync(options.summaryOut, JSON.stringify(summary, null, 2) + '\n');
  if (options.out) writeFileSync(options.out, output);
  else io.stdout(output);
  return 0;
}
