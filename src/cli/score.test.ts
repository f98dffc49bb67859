import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Runs the real command as `npm run -s score` does (the compiled bundle, src/cli/run.mjs), from the project root.
function score(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/run.mjs', 'score', ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/^npm warn.*\n/gm, '') };
}
const F = 'test/fixtures/records/';

describe('npm run score', () => {
  it('--json prints only the contract JSON for a good record', () => {
    const r = score(F + 'good.json', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['obligations', 'doit', 'score', 'verdict', 'passed']);
    expect(Object.keys(json.obligations[0])).toEqual(['id', 'status', 'due', 'doneAt', 'lateByMinutes', 'reasons']);
    expect(json.obligations.find((o: { id: string }) => o.id === 'report-1h')).toEqual({
      id: 'report-1h', status: 'met', due: '2026-03-02T10:00:00+08:00', doneAt: '2026-03-02T09:40:00+08:00', lateByMinutes: 0, reasons: [],
    });
    expect(json.doit.map((o: { id: string }) => o.id)).toEqual(['review-level']);
    expect([json.score, json.verdict, json.passed]).toEqual([100, 'pass', true]);
  }, 60_000);

  it('prints a readable table with the score and FAIL for a late record', () => {
    const r = score(F + 'late.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/report-1h .*late .*2026-03-02T10:00:00\+08:00 +2026-03-02T10:05:00\+08:00 +5 min/);
    expect(r.out).toMatch(/DoIT's review, scored apart/);
    expect(r.out).toMatch(/Score 分數: 74\.3 \/ 100 +FAIL/);
  }, 60_000);

  it('says INCOMPLETE, not PASS, for a drill ended before its core limits, with how many obligations it did not reach', () => {
    const r = score('test/fixtures/conformance/nothing-scored-yet.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Score 分數: 100 \/ 100 +INCOMPLETE 未完成（17 項未屆期限） · Incomplete \(17 obligations not yet due\)/);
    expect(r.out).not.toMatch(/PASS/);
  }, 60_000);

  it.each([
    ['invalid-json.json', /invalid-json\.json: \$: not valid JSON at line 3, column 12/],
    ['invalid-format.json', /invalid-format\.json: \$\.format: format must be "taipei-drill-record\/1"/],
    ['invalid-time.json', /invalid-time\.json: \$\.events\[4\]\.at: not an ISO 8601 date-time/],
    ['invalid-backwards.json', /\$\.events\[6\]\.at: time goes backwards/],
    ['invalid-two-aware.json', /\$\.events\[3\]: several incident\.aware events \(\$\.events\[1\], \$\.events\[3\]\)/],
    ['invalid-level.json', /\$\.events\[4\]\.data\.level: level\.approved: unknown level 5/],
    ['invalid-role.json', /\$\.events\[4\]\.actor\.role: unknown actor role "mayor"/],
    ['invalid-duplicate-seq.json', /\$\.events\[5\]\.seq: seq 5 is used twice/],
  ])('%s exits 2 with the file, the path and what is wrong, and no score', (file, message) => {
    const r = score(F + file, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  }, 60_000);

  it('a missing file exits 2 with a clear message', () => {
    const r = score(F + 'no-such-record.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no-such-record\.json: cannot read the file: no such file/);
  }, 60_000);
});
