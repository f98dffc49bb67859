/**
 * `npm run bench:cli [-- RUNS]`: start-up of the scoring command on a 10-event record (issue 14:
 * ≤ 0.3 s for `npm run -s score`; DoIT scores hundreds of records one command at a time).
 * Median of RUNS (default 10) wall-clock runs of each form, and the median CPU the child used
 * (user + system, from /proc; a fairer figure on a busy machine). `node -e 0` is the floor.
 * The old way (tsx compiling the TypeScript on every run) is measured for comparison.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const RUNS = Number(process.argv[2] ?? 10);
const RECORD = 'test/fixtures/conformance/isolation-after-initial-containment.json';
const events = (JSON.parse(readFileSync(RECORD, 'utf8')) as { events: unknown[] }).events.length;
if (events !== 10) throw new Error(`${RECORD}: expected a 10-event record, found ${events} events`);

/** CPU seconds used by this process's finished children so far (Linux /proc: cutime + cstime, in clock ticks of 1/100 s). */
function childCpuSeconds(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of stat(5), counted after "pid (comm)"
  } catch {
    return null;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function measure(label: string, command: string, args: string[], check: (stdout: string) => boolean) {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const cpu0 = childCpuSeconds();
    const t0 = performance.now();
    const r = spawnSync(command, args, { encoding: 'utf8' });
    walls.push((performance.now() - t0) / 1000);
    const cpu1 = childCpuSeconds();
    if (cpu0 !== null && cpu1 !== null) cpus.push(cpu1 - cpu0);
    if (r.status !== 0 || !check(r.stdout)) throw new Error(`${label} failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  }
  const cpu = cpus.length ? `  cpu ${median(cpus).toFixed(2)} s` : '';
  console.log(`${label.padEnd(44)} median ${median(walls).toFixed(3)} s  (min ${Math.min(...walls).toFixed(3)}, max ${Math.max(...walls).toFixed(3)})${cpu}`);
  return median(walls);
}

const scored = (out: string) => /Score 分數: \d/.test(out);
// Build the bundles first if they are stale, so every measured run is a warm start.
spawnSync(process.execPath, ['src/cli/run.mjs', 'score', RECORD], { encoding: 'utf8' });

console.log(`${RECORD} (${events} events), ${RUNS} runs each; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
measure('node -e 0 (the floor)', process.execPath, ['-e', '0'], () => true);
const bundle = measure('node dist-cli/score.mjs', process.execPath, ['dist-cli/score.mjs', RECORD], scored);
measure('node src/cli/run.mjs score (stale check)', process.execPath, ['src/cli/run.mjs', 'score', RECORD], scored);
const npmRun = measure('npm run -s score -- RECORD', 'npm', ['run', '-s', 'score', '--', RECORD], scored);
const tsx = measure('before: tsx src/cli/score.ts', 'npx', ['tsx', 'src/cli/score.ts', RECORD], scored);
console.log(`npm run -s score: ${npmRun <= 0.3 ? 'within' : 'OVER'} the 0.3 s budget; 400 records ≈ ${((400 * npmRun) / 60).toFixed(1)} min (was ${((400 * tsx) / 60).toFixed(1)} min with tsx; ${((400 * bundle) / 60).toFixed(1)} min calling the bundle directly)`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
