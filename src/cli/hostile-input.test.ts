/**
 * The hostile-input corpus (test/fixtures/hostile, issue 10): every file ends in a clear error
 * naming the file, the place and what is wrong, or a correct result; never a crash, a hang or a
 * wrong score. Files are read the way the CLIs read them (safe-read.ts); a few go through the
 * commands themselves. Regenerate the corpus: npx tsx test/fixtures/hostile/make-fixtures.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario/parse';
import { MAX_SCENARIO_BYTES } from '../engine/record/text-input';
import { scoreRecord, toContractJson } from '../engine/scoring/score';
import { readRecordFile } from './cli-io';
import { readInputFile } from './safe-read';
import { runReport } from './report';

const H = 'test/fixtures/hostile/';
const corpus: Array<{ file: string; what: string; outcome: 'refused' | 'scored'; message?: string }> = JSON.parse(readFileSync(H + 'expected.json', 'utf8'));

/** The compiled command as `npm run -s NAME` runs it (src/cli/run.mjs). */
const run = (cmd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['src/cli/run.mjs', cmd, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr.replace(/^npm warn.*\n/gm, '') };
};

function report(file: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = runReport([file, ...args], { stdout: (s) => ((out += s), true), stderr: (s) => ((err += s), true) });
  return { code, out, err };
}

describe('hostile records', () => {
  for (const c of corpus.filter((x) => x.file.startsWith('records/'))) {
    it(`${c.file}: ${c.what} → ${c.outcome}`, () => {
      const path = H + c.file;
      const read = readRecordFile(path);
      const rep = report(path, '--date', '2026-05-01');
      if (c.outcome === 'refused') {
        expect(read.ok).toBe(false);
        if (read.ok) return;
        expect(read.message.startsWith(`${path}: `)).toBe(true);
        expect(read.message.slice(path.length + 2)).toMatch(new RegExp(c.message as string));
        expect(read.message).not.toMatch(/\n\s+at /); // no stack
        expect(rep.code).toBe(2);
        expect(rep.err).toContain(path);
        expect(rep.out).toBe('');
      } else {
        expect(read.ok).toBe(true);
        expect(rep.code).toBe(0);
        expect(rep.out).not.toMatch(/NaN/);
      }
    });
  }

  it('the year-50 record scores exactly like the same record in 2026 (day limits in the year 50, not the 1900s)', () => {
    const old = readRecordFile(H + 'records/year-0050.json');
    const now = readRecordFile('test/fixtures/records/late.json');
    if (!old.ok || !now.ok) throw new Error('unreadable');
    const a = toContractJson(scoreRecord(old.record));
    const b = toContractJson(scoreRecord(now.record));
    expect(a.obligations.map((o) => [o.id, o.status, o.lateByMinutes])).toEqual(b.obligations.map((o) => [o.id, o.status, o.lateByMinutes]));
    expect(a.score).toBe(b.score);
    for (const o of a.obligations) if (o.due) expect(o.due.startsWith('0050-')).toBe(true);
  });

  it('escapes HTML, links and Markdown in names, and strips bidi controls, in the Markdown report', () => {
    const md = report(H + 'records/html-bidi-names.json', '--date', '2026-05-01').out;
    expect(md).toContain('局試測');
    expect(md).not.toMatch(/<script|<img/);
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toMatch(/\]\(javascript:/);
    expect(md).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(md).not.toMatch(/(^|[^\\])\*\*粗體/);
  });

  it('score -- /dev/zero and a folder exit 2 at once, naming the file', () => {
    expect(readInputFile('/dev/zero', 1024)).toEqual({ ok: false, message: '/dev/zero: cannot read the file: not a regular file (a device, pipe or socket)' });
    const r = run('score', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\/dev\/zero: cannot read the file: not a regular file/);
    expect(readInputFile('test', 1024)).toMatchObject({ ok: false, message: /test: cannot read the file: is a directory/ });
  }, 60_000);

  it('score and report refuse 20,000 levels of nesting with exit 2 and no stack', () => {
    for (const cmd of ['score', 'report']) {
      const r = run(cmd, H + 'records/deep-nesting-invalid.json');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/deep-nesting-invalid\.json: \$: nested deeper than 64 levels/);
      expect(r.err).not.toMatch(/RangeError|\n\s+at /);
    }
  }, 60_000);

  it('report refuses --date 2026-13-45 and 2026-02-30 (usage error, exit 2)', () => {
    expect(report('test/fixtures/records/late.json', '--date', '2026-13-45')).toMatchObject({ code: 2, err: expect.stringMatching(/--date must be a real date YYYY-MM-DD, not 2026-13-45/) });
    expect(report('test/fixtures/records/late.json', '--date', '2026-02-30').code).toBe(2);
    expect(report('test/fixtures/records/late.json', '--date', '2028-02-29', '--lang', 'en').code).toBe(0);
  });
});

describe('hostile scenarios', () => {
  for (const c of corpus.filter((x) => x.file.startsWith('scenarios/'))) {
    it(`${c.file}: ${c.what} → ${c.outcome}`, () => {
      const path = H + c.file;
      const read = readInputFile(path, MAX_SCENARIO_BYTES);
      if (!read.ok) throw new Error(read.message);
      const r = parseScenario(read.text, path);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors[0].source).toBe(path);
      expect(r.errors.map((e) => `${e.path}: ${e.message}`.replace(/^: /, '')).join('\n')).toMatch(new RegExp(c.message as string));
    });
  }

  it('a 20 MB scenario is refused by size before it is parsed, by the CLI and by the engine (the setup page)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(20 * 1024 * 1024)}\n`);
    expect(readInputFile(big, MAX_SCENARIO_BYTES)).toMatchObject({ ok: false, message: expect.stringMatching(/big\.yaml: the file is 20 MiB, more than the 1 MiB allowed/) });
    const text = readFileSync(big, 'utf8');
    const t = performance.now();
    const r = parseScenario(text, 'big.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/more than the 1,048,576 allowed/);
    // A refusal, not a 47-second parse (generous: this is not a timing test, only "no parse at all").
    expect(performance.now() - t).toBeLessThan(5_000);
  });

  it('scenarios:check names each hostile file, exits 1 and prints no stack', () => {
    const r = run('scenarios-check', H + 'scenarios');
    expect(r.code).toBe(1);
    for (const f of ['alias-bomb.yaml', 'offset-400-digits.yaml', 'awareness-feb-30.yaml', 'deep-nesting.yaml']) expect(r.out).toContain(f);
    expect(r.out + r.err).not.toMatch(/\n\s+at |Error:/);
  }, 60_000);
});
