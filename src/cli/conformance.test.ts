/**
 * Black-box conformance suite for the scoring contract (/work/shared/spec/drill-record.md, "Scoring"
 * and "The scoring command"). Every `test/fixtures/conformance/NAME.json` is a drill record written
 * by hand to the contract's shape, and `NAME.expected.json` says, for the obligations that case is
 * about, what the contract makes of it. Each record is scored in-process (the same read + validate +
 * score path as the command) and, where the sidecar says `"cli": true`, by the real command too.
 *
 * Sidecar shape:
 *   { "about": "...", "contract": "the sentence(s) it checks", "cli"?: true,
 *     "obligations"?: { ID: { status, due?, doneAt?, lateByMinutes?, reasonCount? } },
 *     "doit"?: { "review-level": { ... } }, "score"?: number, "verdict"?: "pass" | "fail" | "incomplete", "passed"?: boolean }
 * or, for a record the command must refuse:
 *   { "about": "...", "invalid": { "path": "$.events[1].at", "says": "regex for what is wrong" }, "cli"?: true }
 *
 * `due` and `doneAt` compare as instants (the contract fixes the moment, not the spelling); a `null`
 * means the result must be null.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreRecord, toContractJson } from '../engine/scoring/score';
import { readRecordFile } from './cli-io';

const DIR = 'test/fixtures/conformance';

/** The obligations procedure.md lists, minus vendor-report and level-change (recorded, not scored) and review-level (DoIT's, apart). */
const AGENCY_OBLIGATIONS = [
  'report-approval', 'level-assessment', 'report-1h', 'report-fallback', 'report-backfill', 'notify-agencies-1h',
  'copy-doit-3d', 'team-formed', 'team-roles', 'response-meeting', 'recovery', 'announcement-decision',
  'effectiveness-report', 'pdpa-assessment', 'isolation-first', 'evidence-preserved', 'evidence-submission',
  'root-cause', 'improvement-plan', 'root-cause-report', 'progress-reports', 'closure-1m', 'records-signed',
  'intel-shared',
];
const STATUSES = ['met', 'late', 'violated', 'missed', 'not-reached', 'not-applicable'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Expected {
  status: string;
  due?: string | null;
  doneAt?: string | null;
  lateByMinutes?: number;
  /** How many reasons (e.g. team-roles: one per broken rule). */
  reasonCount?: number;
}
interface Sidecar {
  about: string;
  contract?: string;
  cli?: boolean;
  obligations?: Record<string, Expected>;
  doit?: Record<string, Expected>;
  score?: number;
  verdict?: string;
  passed?: boolean;
  invalid?: { path: string; says?: string };
}
interface Row {
  id: string;
  status: string;
  due: string | null;
  doneAt: string | null;
  lateByMinutes: number;
  reasons: string[];
}
interface ContractJson {
  obligations: Row[];
  doit: Row[];
  score: number;
  verdict: string;
  passed: boolean;
}

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .sort()
  .map((f) => {
    const name = f.replace(/\.json$/, '');
    const sidecar = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Sidecar;
    return { name, file: join(DIR, f), sidecar };
  });
const valid = cases.filter((c) => !c.sidecar.invalid);
const invalid = cases.filter((c) => c.sidecar.invalid);

function ms(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad date-time ${iso}`);
  return t;
}

/** The evaluation time as the contract defines it: drill.ended's `at`, else the last event's. */
function evaluationTime(file: string): number {
  const events = (JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { events: { seq: number; at: string; type: string }[] }).events;
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const ended = sorted.find((e) => e.type === 'drill.ended');
  return ms((ended ?? sorted[sorted.length - 1]).at);
}

function checkRow(where: string, row: Row | undefined, want: Expected): void {
  expect(row, `${where}: missing from the result`).toBeDefined();
  const r = row as Row;
  const got = { status: r.status, reasons: r.reasons };
  expect(r.status, `${where}: status (reasons: ${JSON.stringify(got.reasons)})`).toBe(want.status);
  if (want.due !== undefined) {
    if (want.due === null) expect(r.due, `${where}: due`).toBeNull();
    else {
      expect(r.due, `${where}: due`).not.toBeNull();
      expect(ms(r.due as string), `${where}: due ${r.due} is not ${want.due}`).toBe(ms(want.due));
    }
  }
  if (want.doneAt !== undefined) {
    if (want.doneAt === null) expect(r.doneAt, `${where}: doneAt`).toBeNull();
    else {
      expect(r.doneAt, `${where}: doneAt`).not.toBeNull();
      expect(ms(r.doneAt as string), `${where}: doneAt ${r.doneAt} is not ${want.doneAt}`).toBe(ms(want.doneAt));
    }
  }
  if (want.lateByMinutes !== undefined) expect(r.lateByMinutes, `${where}: lateByMinutes`).toBe(want.lateByMinutes);
  if (want.reasonCount !== undefined) expect(r.reasons, `${where}: reasons`).toHaveLength(want.reasonCount);
}

function checkResult(name: string, file: string, json: ContractJson, sidecar: Sidecar): void {
  // Shape and invariants every result must satisfy, whatever the case is about.
  expect(Object.keys(json)).toEqual(['obligations', 'doit', 'score', 'verdict', 'passed']);
  expect(json.obligations.map((o) => o.id).sort(), `${name}: the agency's obligations, each once`).toEqual([...AGENCY_OBLIGATIONS].sort());
  expect(json.doit.map((o) => o.id), `${name}: DoIT's review apart`).toEqual(['review-level']);
  const evalAt = evaluationTime(file);
  for (const o of [...json.obligations, ...json.doit]) {
    const where = `${name} ${o.id}`;
    expect(STATUSES, `${where}: status`).toContain(o.status);
    for (const t of [o.due, o.doneAt]) if (t !== null) expect(t, `${where}: ISO with offset`).toMatch(ISO);
    expect(Number.isInteger(o.lateByMinutes) && o.lateByMinutes >= 0, `${where}: lateByMinutes`).toBe(true);
    if (o.status === 'met' && o.due !== null && o.doneAt !== null) expect(ms(o.doneAt) <= ms(o.due), `${where}: met after its limit`).toBe(true);
    if (o.status === 'late') {
      expect(o.due !== null && o.doneAt !== null && ms(o.doneAt) > ms(o.due), `${where}: late but not after its limit`).toBe(true);
      expect(o.lateByMinutes, `${where}: late by`).toBeGreaterThan(0);
    }
    // Settled point 5: report-backfill has no limit (due null) and is missed once the outage has ended without it.
    if (o.status === 'missed' && !(o.id === 'report-backfill' && o.due === null)) expect(o.due !== null && evalAt > ms(o.due), `${where}: missed before its limit passed`).toBe(true);
    if (o.status === 'not-reached' && o.due !== null) expect(evalAt <= ms(o.due), `${where}: not-reached after its limit passed`).toBe(true);
    if (o.status === 'missed' || o.status === 'not-reached') expect(o.doneAt, `${where}: not done has no doneAt`).toBeNull();
  }
  expect(json.score).toBeGreaterThanOrEqual(0);
  expect(json.score).toBeLessThanOrEqual(100);
  if (!json.obligations.some((o) => ['met', 'late', 'violated', 'missed'].includes(o.status))) expect(json.score, `${name}: nothing scored`).toBe(100);
  if (json.obligations.some((o) => o.status === 'violated')) expect(json.verdict, `${name}: a violation fails the default`).toBe('fail');
  expect(['pass', 'fail', 'incomplete'], `${name}: verdict`).toContain(json.verdict);
  expect(json.passed, `${name}: passed exactly when the verdict is pass`).toBe(json.verdict === 'pass');

  for (const [id, want] of Object.entries(sidecar.obligations ?? {})) checkRow(`${name} ${id}`, json.obligations.find((o) => o.id === id), want);
  for (const [id, want] of Object.entries(sidecar.doit ?? {})) checkRow(`${name} doit ${id}`, json.doit.find((o) => o.id === id), want);
  if (sidecar.score !== undefined) expect(json.score, `${name}: score`).toBeCloseTo(sidecar.score, 1);
  if (sidecar.verdict !== undefined) expect(json.verdict, `${name}: verdict`).toBe(sidecar.verdict);
  if (sidecar.passed !== undefined) expect(json.passed, `${name}: passed`).toBe(sidecar.passed);
}

/** Runs the real command as `npm run -s score` does (the compiled bundle); only the cases marked "cli" go through it. */
function runCli(file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/run.mjs', 'score', file, '--json'], { cwd: process.cwd(), timeout: 60_000 });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err: err.replace(/^npm warn.*\n/gm, '') }));
  });
}

describe('conformance: the fixtures', () => {
  it('there are enough cases, each with a sidecar that says what it checks', () => {
    expect(valid.length).toBeGreaterThanOrEqual(60);
    expect(invalid.length).toBeGreaterThanOrEqual(8);
    for (const c of cases) expect(c.sidecar.about, c.name).toBeTruthy();
  });
});

describe('conformance: scoreRecord', () => {
  it.each(valid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const read = readRecordFile(c.file);
    if (!read.ok) throw new Error(`${c.name} should be a valid record: ${read.message}`);
    const json = toContractJson(scoreRecord(read.record)) as ContractJson;
    checkResult(c.name, c.file, json, c.sidecar);
  });
});

describe('conformance: invalid records are refused with the file, the JSON path and what is wrong', () => {
  it.each(invalid.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const read = readRecordFile(c.file);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const inv = c.sidecar.invalid as { path: string; says?: string };
    expect(read.message).toContain(basename(c.file));
    expect(read.message).toContain(inv.path);
    if (inv.says) expect(read.message).toMatch(new RegExp(inv.says, 'i'));
  });
});

describe('conformance: the scoring command agrees', () => {
  it('the command exactly as the contract spells it: npm run -s score -- RECORD.json --json', async () => {
    const file = join(DIR, 'full-met-l3.json');
    const r = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', '-s', 'score', '--', file, '--json'], { cwd: process.cwd(), timeout: 60_000 });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(r.code).toBe(0);
    const c = valid.find((v) => v.name === 'full-met-l3');
    if (c === undefined) throw new Error('full-met-l3 fixture is missing');
    checkResult(c.name, c.file, JSON.parse(r.out) as ContractJson, c.sidecar);
  }, 60_000);

  it.each(valid.filter((c) => c.sidecar.cli).map((c) => [c.name, c] as const))('%s --json', async (_name, c) => {
    const r = await runCli(c.file);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as ContractJson;
    checkResult(c.name, c.file, json, c.sidecar);
    const read = readRecordFile(c.file);
    if (read.ok) expect(json).toEqual(JSON.parse(JSON.stringify(toContractJson(scoreRecord(read.record)))));
  }, 60_000);

  it.each(invalid.filter((c) => c.sidecar.cli).map((c) => [c.name, c] as const))('%s exits 2, says why on stderr, prints nothing on stdout', async (_name, c) => {
    const r = await runCli(c.file);
    const inv = c.sidecar.invalid as { path: string; says?: string };
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(basename(c.file));
    expect(r.err).toContain(inv.path);
    if (inv.says) expect(r.err).toMatch(new RegExp(inv.says, 'i'));
  }, 60_000);
});
