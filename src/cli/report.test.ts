import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../engine/record/record-builder';
import { sealRecord } from '../engine/integrity/hash-chain';
import { runReport } from './report';

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runReport(args, { stdout: (s) => ((stdout += s), true), stderr: (s) => ((stderr += s), true) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
const good = join(dir, 'agency-a.json');
writeFileSync(
  good,
  JSON.stringify(
    sealRecord(
      recordBuilder({ level: 3 })
        .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
        .on('1h20m', 'report.submitted', { level: 3 }, 'reporting-contact')
        .on('4h', 'drill.ended')
        .build(),
    ),
  ),
);
const bad = join(dir, 'bad.json');
writeFileSync(bad, '{"format":"taipei-drill-record/1","agency":{"name":"x","type":"agency"},"scenario":{"id":"s","referenceLevel":5},"events":[]}');

describe('report command', () => {
  it('prints the Markdown report to stdout with --format md', () => {
    const r = run([good, '--format', 'md', '--date', '2026-05-27']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# 資安事件通報應變演練 檢討報告及改善計畫');
    expect(r.stdout).toContain('| 結果 | 未通過 |');
    expect(r.stdout).toMatch(/自行封存：雜湊鏈完整/);
    expect(r.stdout).toContain('| 檢討日期 | 2026-05-27 |');
  });

  it('writes --out FILE and English with --lang en', () => {
    const out = join(dir, 'a.md');
    expect(run([good, '--lang', 'en', '--out', out, '--date', '2026-05-27']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('| Result | Failed |');
  });

  it('exits 2 with the parser errors for an invalid record, and still writes the valid ones into --out-dir', () => {
    const outDir = join(dir, 'out');
    const r = run([good, bad, '--out-dir', outDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: $.scenario.referenceLevel: unknown level 5: must be 1, 2, 3 or 4`);
    expect(readdirSync(outDir)).toEqual(['agency-a.md']);
    expect(run([good, good, '--out-dir', outDir]).code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['agency-a-2.md', 'agency-a.md']);
  });

  it('refuses unknown formats and options with exit 2', () => {
    expect(run([good, '--format', 'pdf']).code).toBe(2);
    expect(run(['--nope']).code).toBe(2);
    expect(run([]).code).toBe(2);
  });
});
