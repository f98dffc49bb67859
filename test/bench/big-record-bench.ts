/**
 * npm run -s bench:big [-- FILE]: a ~200 MB drill record through the real commands (`score --json`,
 * `report`, `verify`), each with wall time and peak memory (max RSS, GNU time). Issue 10's budget:
 * peak memory under 1.5× the file size.
 *
 * The record is written by streaming (BIG_EVENTS events, default 589,429 as in the issue's report),
 * to FILE or a temporary file, and deleted afterwards unless FILE was given. BIG_SEALED=1 seals it
 * (sha256-chain/2, computed while writing), as the app's exports are; BIG_COMMANDS=score limits the
 * commands run.
 * Not a test: figures depend on the machine. Reports; exits 1 when the memory budget is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTaipei, parseIsoMs } from '../../src/engine/time/taipei';
import { chainStep, envelopeHash, headHash, INTEGRITY_ALGORITHM } from '../../src/engine/integrity/hash-chain';

const EVENTS = Number(process.env.BIG_EVENTS ?? 589_429);
const SEALED = process.env.BIG_SEALED === '1';
const COMMANDS = (process.env.BIG_COMMANDS ?? 'score,report,verify').split(',');
const given = process.argv[2];
const dir = given ? null : mkdtempSync(join(tmpdir(), 'big-record-'));
const file = given ?? join(dir as string, 'big.json');

function writeRecord(path: string, n: number): void {
  const fd = openSync(path, 'w');
  let buffer = '';
  const out = (s: string) => {
    buffer += s;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  };
  const t0 = parseIsoMs('2026-03-02T09:00:00+08:00');
  const step = Math.max(1, Math.floor((25 * 86_400_000) / n));
  let at = t0;
  let seq = 0;
  const envelope = {
    format: 'taipei-drill-record/1',
    agency: { name: '臺北市政府某局', type: 'agency', hasItUnit: true, hasSecurityOfficer: true },
    scenario: { id: 'bench', title: '效能測試', referenceLevel: 3, category: 'ransomware', affectedAgencies: ['臺北市政府警察局'], personalData: true, malware: true, backup: 'none' },
  };
  // The chain, when sealing: one hash per event, in the order written (which is seq order).
  let previous = SEALED ? envelopeHash({ ...envelope, events: [] }) : '';
  const hashes: string[] = [];
  const add = (type: string, role: string, data: Record<string, unknown>) => {
    const event = { seq: ++seq, at: formatTaipei(at), wall: formatTaipei(at + 1234), actor: { role, name: `${role} 王小明` }, type, data };
    out(`${seq === 1 ? '' : ','}${JSON.stringify(event)}`);
    if (SEALED) hashes.push((previous = chainStep(previous, event)));
    at += step;
  };
  out(`${JSON.stringify(envelope).slice(0, -1)},"events":[`);
  add('incident.aware', 'facilitator', {});
  add('level.approved', 'ciso', { level: 3, by: 'ciso' });
  add('report.submitted', 'reporting-contact', { level: 3 });
  const filler: Array<[string, string, Record<string, unknown>]> = [
    ['inject.delivered', 'facilitator', { injectId: 'inj-42', title: '主機異常連線，請確認受影響範圍' }],
    ['level.assessed', 'reporting-contact', { level: 3, c: 3, i: 2, a: 3 }],
    ['meeting.held', 'commander', { chair: 'commander', topics: ['overview', 'scope', 'other'], invited: ['doit'] }],
    ['agency.notified', 'reporting-contact', { agency: '臺北市政府警察局', channel: 'phone' }],
    ['action.isolated', 'response-execution', { method: 'restrict-connections' }],
    ['progress.reported', 'response-execution', { to: ['commander', 'superior', 'doit'] }],
    ['note.added', 'facilitator', { text: '參與者討論是否需要對外公告，並確認個資影響範圍。'.repeat(9) }],
  ];
  while (seq < n - 1) {
    const [type, role, data] = filler[seq % filler.length];
    add(type, role, data);
  }
  add('drill.ended', 'facilitator', {});
  if (!SEALED) out(']}\n');
  else {
    const integrity = { algorithm: INTEGRITY_ALGORITHM, envelope: envelopeHash({ ...envelope, events: [] }), hashes, count: seq, lastSeq: seq, head: headHash(previous, seq, seq) };
    out(`],"integrity":${JSON.stringify(integrity)}}\n`);
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

let t = performance.now();
writeRecord(file, EVENTS);
const size = statSync(file).size;
console.log(`record: ${file}, ${EVENTS.toLocaleString('en')} events, ${(size / 1e6).toFixed(1)} MB (written in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

// Each command as a user runs it (the compiled CLI, as `npm run -s NAME` starts it), measured by GNU time (-f: max RSS in KiB, elapsed seconds).
const out = join(dir ?? tmpdir(), `big-report-${process.pid}.md`);
const runs: Record<string, string[]> = {
  score: ['score', file, '--json'],
  report: ['report', file, '--out', out, '--date', '2026-04-01'],
  verify: ['verify', file],
};
let withinBudget = true;
for (const name of COMMANDS) {
  t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', 'node', 'src/cli/run.mjs', ...runs[name]], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t) / 1000;
  const [maxRssKiB, elapsed] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  const peak = maxRssKiB * 1024;
  // verify exits 1 for a record that is not signed by a trusted key: that is its verdict, not a failure.
  const ok = r.status === 0 || (name === 'verify' && r.status === 1);
  const what = !ok ? `exited ${r.status}: ${r.stderr.slice(0, 2000)}` : name === 'score' ? `score ${JSON.parse(r.stdout).score} / 100` : name === 'verify' ? r.stdout.split('\n')[0] : 'report written';
  console.log(`${name}: ${what}`);
  console.log(`  time ${elapsed.toFixed(1)} s (wall ${wall.toFixed(1)} s); peak RSS ${(peak / 1e6).toFixed(0)} MB = ${(peak / size).toFixed(2)}× the file size (budget 1.5×)`);
  if (!ok || peak > 1.5 * size) withinBudget = false;
}
rmSync(out, { force: true });
if (dir) rmSync(dir, { recursive: true, force: true });
process.exitCode = withinBudget ? 0 : 1;
