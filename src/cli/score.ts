/**
 * The scoring command (drill-record.md "The scoring command"):
 *
 *   npm run -s score -- RECORD.json            readable table, then DoIT's review apart, then score and PASS/FAIL
 *   npm run -s score -- RECORD.json --json     only the contract JSON
 *   npm run -s score -- RECORD.json --at ISO   score as at a moment (events after it ignored)
 *   npm run -s score -- --write-schema         regenerate docs/drill-record.schema.json
 *
 * Exit codes: 0 scored (pass or fail), 2 invalid or unreadable record, 64 bad usage.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSchemaText } from '../engine/record/json-schema';
import { obligationTitle, verdictText } from '../engine/report/event-text';
import { scoreRecord, toContractJson } from '../engine/scoring/score';
import { notReachedCount, type ObligationResult, type ScoreResult } from '../engine/scoring/types';
import { cliText } from './cli-text';
import { displayWidth, EXIT_INVALID, padEnd, readRecordFile } from './cli-io';

const USAGE = 'usage: npm run -s score -- RECORD.json [--json] [--at ISO-DATE-TIME]\n       npm run -s score -- --write-schema';

function table(rows: ObligationResult[]): string {
  const head = ['obligation', 'status', 'limit', 'done', 'late', 'reasons'];
  const cells = rows.map((o) => [
    `${o.id} ${obligationTitle(o.id, 'zh-TW')}`,
    o.status,
    o.due ?? '—',
    o.doneAt ?? '—',
    o.lateByMinutes > 0 ? `${o.lateByMinutes} min` : '',
    [...o.reasons, ...(o.notes ?? []).map((n) => `(note) ${n}`)].join('; '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === 5 ? 0 : displayWidth(c[i])))));
  const line = (c: string[]): string => c.map((x, i) => (i === c.length - 1 ? x : padEnd(x, widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** drill-record.md "Score and standard": the verdict; an incomplete drill says how many obligations it did not reach (issue 12 item 9). */
function verdictLine(result: ScoreResult): string {
  const n = notReachedCount(result);
  return `${result.verdict.toUpperCase()} ${verdictText(result.verdict, n, 'zh-TW')} · ${verdictText(result.verdict, n, 'en')}`;
}

function readable(result: ScoreResult): string {
  return [
    `${cliText('en', 'score.obligations')} (${cliText('zh-TW', 'score.obligations')})`,
    table(result.obligations),
    '',
    `${cliText('en', 'score.doit')} (${cliText('zh-TW', 'score.doit')})`,
    table(result.doit),
    '',
    `${cliText('en', 'score.score')} ${cliText('zh-TW', 'score.score')}: ${result.score} / 100    ${verdictLine(result)}`,
  ].join('\n');
}

function main(argv: string[]): number {
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.includes('--write-schema')) {
    const target = resolve(process.cwd(), 'docs/drill-record.schema.json');
    writeFileSync(target, jsonSchemaText());
    process.stderr.write(`wrote ${target}\n`);
    return 0;
  }
  const json = args.includes('--json');
  let at: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') continue;
    if (a === '--at') {
      at = args[++i];
      if (at === undefined) {
        process.stderr.write(`--at needs a date-time\n${USAGE}\n`);
        return 64;
      }
      continue;
    }
    if (a.startsWith('--')) {
      process.stderr.write(`unknown option ${a}\n${USAGE}\n`);
      return 64;
    }
    files.push(a);
  }
  if (files.length !== 1) {
    process.stderr.write(`${files.length === 0 ? 'no record file given' : 'give one record file'}\n${USAGE}\n`);
    return files.length === 0 ? EXIT_INVALID : 64;
  }
  const read = readRecordFile(files[0]);
  if (!read.ok) {
    process.stderr.write(read.message + '\n');
    return EXIT_INVALID;
  }
  let result: ScoreResult;
  try {
    result = scoreRecord(read.record, at === undefined ? {} : { evaluateAt: at });
  } catch (err) {
    process.stderr.write(`${files[0]}: ${(err as Error).message}\n`);
    return EXIT_INVALID;
  }
  process.stdout.write(json ? JSON.stringify(toContractJson(result), null, 2) + '\n' : readable(result) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
