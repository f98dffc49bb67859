/**
 * npm run bench: a realistic 100,000-event drill record; JSON.parse alone against
 * parse + validate + score of the same text (median of several runs). Exits 1 when the ratio is
 * over 2 (issue 14: validation and scoring within 2× JSON.parse; it was 3× before).
 */
import { performance } from 'node:perf_hooks';
import { parseDrillRecord } from '../../src/engine/record/parse';
import { formatTaipei, parseIsoMs } from '../../src/engine/time/taipei';
import { scoreRecord } from '../../src/engine/scoring/score';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LIMIT = 2;

function makeRecordText(n: number): string {
  const t0 = parseIsoMs('2026-03-02T09:00:00+08:00');
  const events: unknown[] = [];
  let seq = 0;
  // ~25 days of drill spread over n events
  const step = Math.max(1, Math.floor((25 * 86_400_000) / n));
  let at = t0;
  const add = (type: string, role: string, data: Record<string, unknown>): void => {
    events.push({ seq: ++seq, at: formatTaipei(at), wall: formatTaipei(at + 1234), actor: { role, name: `${role} 王小明` }, type, data });
    at += step;
  };
  add('incident.aware', 'facilitator', {});
  add('level.approved', 'ciso', { level: 3, by: 'ciso' });
  add('report.submitted', 'reporting-contact', { level: 3 });
  add('team.formed', 'commander', {
    members: [
      { role: 'commander', position: 'ciso', name: '陳' },
      { role: 'reporting-contact', position: 'security-officer', name: '林' },
      { role: 'intel-planning', position: 'it-unit-head', name: '張' },
      { role: 'response-execution', position: 'affected-unit-head', name: '李' },
    ],
  });
  const filler: Array<[string, string, Record<string, unknown>]> = [
    ['inject.delivered', 'facilitator', { injectId: 'inj-42', title: '主機異常連線，請確認受影響範圍' }],
    ['level.assessed', 'reporting-contact', { level: 3, c: 3, i: 2, a: 3 }],
    ['meeting.held', 'commander', { chair: 'commander', topics: ['overview', 'scope', 'other'], invited: ['doit'] }],
    ['agency.notified', 'reporting-contact', { agency: '臺北市政府警察局', channel: 'phone' }],
    ['action.isolated', 'response-execution', { method: 'restrict-connections' }],
    ['progress.reported', 'response-execution', { to: ['commander', 'superior', 'doit'] }],
    ['note.added', 'facilitator', { text: '參與者討論是否需要對外公告，並確認個資影響範圍。' }],
  ];
  while (events.length < n - 1) {
    const [type, role, data] = filler[events.length % filler.length];
    add(type, role, data);
  }
  add('drill.ended', 'facilitator', {});
  return JSON.stringify({
    format: 'taipei-drill-record/1',
    agency: { name: '臺北市政府某局', type: 'agency', hasItUnit: true, hasSecurityOfficer: true },
    scenario: { id: 'bench', title: '效能測試', referenceLevel: 3, category: 'ransomware', affectedAgencies: ['臺北市政府警察局'], personalData: true, malware: true, backup: 'none' },
    events,
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const text = makeRecordText(EVENTS);
if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, text);
const parseTimes: number[] = [];
const fullTimes: number[] = [];
let score = NaN;
// one warm-up of each, then alternate so both see the same machine state
JSON.parse(text);
parseDrillRecord(text, 'bench.json');
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  JSON.parse(text);
  parseTimes.push(performance.now() - t);
  t = performance.now();
  const parsed = parseDrillRecord(text, 'bench.json');
  if (!parsed.ok) throw new Error('bench record is invalid: ' + parsed.errors[0].message);
  score = scoreRecord(parsed.record).score;
  fullTimes.push(performance.now() - t);
}
const p = median(parseTimes);
const f = median(fullTimes);
const ratio = f / p;
console.log(`events: ${EVENTS}, size: ${(text.length / 1e6).toFixed(1)} MB (UTF-16 chars), runs: ${RUNS}`);
console.log(`JSON.parse (median):                      ${p.toFixed(1)} ms`);
console.log(`parse + validate + score (median):        ${f.toFixed(1)} ms   (score ${score})`);
console.log(`ratio: ${ratio.toFixed(2)} (limit ${LIMIT})  ${ratio <= LIMIT ? 'OK' : 'TOO SLOW'}`);
process.exitCode = ratio <= LIMIT ? 0 : 1;
