import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReport } from './report';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'city');
const RECORDS = join(FIXTURES, 'records');

function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runReport(args, { stdout: (s) => ((stdout += s), true), stderr: (s) => ((stderr += s), true) });
  return { code, stdout, stderr };
}

describe('report --city DIR', () => {
  it('prints the city report over a folder of records, with the re-drill compared and the Big5 agency list checked', () => {
    const r = run(['--city', RECORDS, '--agencies', join(FIXTURES, 'agencies-big5.csv'), '--title', '115 年府級資安演練', '--id', 'city-2026-03']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| 演練 | 115 年府級資安演練 (city-2026-03) |');
    expect(r.stdout).toContain('| 參演機關 | 5 |');
    expect(r.stdout).toMatch(/\| 臺北市政府環境保護局 \| 一般機關 \| [\d.]+ \| 未通過 \| 2026-06-02 \|/);
    expect(r.stdout).toContain('### 臺北市政府環境保護局');
    expect(r.stdout).toMatch(/府級演練 [\d.]+ 分（未通過）→ 再演練 [\d.]+ 分（通過）；期限 2026-06-02，2026-05-04 辦理。/);
    expect(r.stdout).not.toContain('紀錄核對'); // every agency on the list has a record
  });

  it('prints agency × obligation CSV with --format csv, in English with --lang en', () => {
    const r = run(['--city', RECORDS, '--format', 'csv', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFFagency,type,score,verdict,re-drill due,Level judged and approved,')).toBe(true);
    expect(r.stdout.split('\r\n').filter(Boolean)).toHaveLength(6);
  });

  it('writes a summary and compares a later exercise with it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-cli-'));
    const summary = join(dir, 'summary.json');
    expect(run(['--city', RECORDS, '--id', 'city-2025', '--title', '114 年', '--summary-out', summary, '--out', join(dir, 'r.md')]).code).toBe(0);
    const s = JSON.parse(readFileSync(summary, 'utf8'));
    s.startAt = '2025-03-03T09:00:00+08:00';
    writeFileSync(summary, JSON.stringify(s));
    const r = run(['--city', RECORDS, '--id', 'city-2026', '--title', '115 年', '--earlier', summary]);
    expect(r.stdout).toMatch(/\| 114 年 \| 2025-03-03 \| 5 \| 40% \|/);
    expect(r.stdout).toMatch(/\| 115 年 \| 2026-03-02 \| 5 \| 40% \|/);
  });

  it('exits 2 naming the file, the JSON path and what is wrong, and prints no report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-bad-'));
    copyFileSync(join(RECORDS, 'public-works.json'), join(dir, 'a.json'));
    const bad = JSON.parse(readFileSync(join(RECORDS, 'environment.json'), 'utf8'));
    bad.events[2].data.level = 5;
    writeFileSync(join(dir, 'b.json'), JSON.stringify(bad));
    writeFileSync(join(dir, 'c.json'), '{"format":');
    const r = run(['--city', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${join(dir, 'b.json')}: $.events[2].data.level: report.submitted: unknown level 5: must be 1, 2, 3 or 4`);
    expect(r.stderr).toContain(`${join(dir, "c.json")}: $: not valid JSON`);
  });

  /** The fixture records as one city exercise's drills export them (the exercise in each, exercise-tag.ts). */
  function exported(dir: string, files: Record<string, { file: string; exercise: Record<string, unknown> | null }>) {
    for (const [name, { file, exercise }] of Object.entries(files)) {
      const record = JSON.parse(readFileSync(join(RECORDS, file), 'utf8'));
      if (exercise) record.cityExercise = exercise;
      writeFileSync(join(dir, name), JSON.stringify(record));
    }
  }
  const A = { id: 'city-a', title: '115 年府級演練', startAt: '2026-03-02T09:00:00+08:00', scenarios: { kind: 'one', scenarioId: 'ransomware-core' } };
  const B = { id: 'city-b', title: '114 年府級演練', startAt: '2025-03-03T09:00:00+08:00', scenarios: { kind: 'one', scenarioId: 'ransomware-core' } };

  it('takes the exercise from the records: its id, title and start, its agencies in DoIT’s order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-tagged-'));
    exported(dir, { 'a.json': { file: 'fire.json', exercise: { ...A, index: 1 } }, 'b.json': { file: 'public-works.json', exercise: { ...A, index: 0 } } });
    const r = run(['--city', dir, '--format', 'csv']);
    expect(r.code).toBe(0);
    const names = r.stdout.split('\r\n').slice(1, 3).map((l) => l.split(',')[0]);
    expect(names).toEqual([JSON.parse(readFileSync(join(RECORDS, 'public-works.json'), 'utf8')).agency.name, JSON.parse(readFileSync(join(RECORDS, 'fire.json'), 'utf8')).agency.name]);
    const md = run(['--city', dir]).stdout;
    expect(md).toContain('| 演練 | 115 年府級演練 (city-a) |');
    expect(md).toContain('| 開始時間（模擬） | 2026-03-02 09:00 |');
    expect(run(['--city', dir, '--title', '改名']).stdout).toContain('| 演練 | 改名 (city-a) |');
  });

  it('refuses a folder mixing two city exercises, naming the files of each, and prints no report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-mixed-'));
    exported(dir, {
      'a.json': { file: 'fire.json', exercise: { ...A, index: 0 } },
      'b.json': { file: 'public-works.json', exercise: { ...A, index: 1 } },
      'c.json': { file: 'environment.json', exercise: { ...B, index: 0 } },
      'd.json': { file: 'jianguo-high.json', exercise: null },
    });
    const r = run(['--city', dir, '--id', 'city-a']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${dir}: the records are not of one city exercise`);
    expect(r.stderr).toContain(`city exercise city-a "115 年府級演練": ${join(dir, 'a.json')}, ${join(dir, 'b.json')}`);
    expect(r.stderr).toContain(`city exercise city-b "114 年府級演練": ${join(dir, 'c.json')}`);
    expect(r.stderr).toContain(`no city exercise: ${join(dir, 'd.json')}`);
  });

  it('refuses records of one exercise that disagree on its title or start, saying which and where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-differs-'));
    exported(dir, { 'a.json': { file: 'fire.json', exercise: { ...A, index: 0 } }, 'b.json': { file: 'public-works.json', exercise: { ...A, title: '改過的名稱', index: 1 } } });
    const r = run(['--city', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}: the records of city exercise city-a disagree on its title: 115 年府級演練 in ${join(dir, 'a.json')}; 改過的名稱 in ${join(dir, 'b.json')}`);
    // The same moment written with another offset is the same start.
    exported(dir, { 'b.json': { file: 'public-works.json', exercise: { ...A, startAt: '2026-03-02T01:00:00Z', index: 1 } } });
    expect(run(['--city', dir]).code).toBe(0);
    exported(dir, { 'b.json': { file: 'public-works.json', exercise: { ...A, startAt: '2026-03-02T09:30:00+08:00', index: 1 } } });
    expect(run(['--city', dir]).stderr).toContain('disagree on its start: 2026-03-02T09:00:00+08:00 in');
  });

  it('exits 2 for a folder with no record, or with only drills that never started', () => {
    const empty = mkdtempSync(join(tmpdir(), 'city-empty-'));
    writeFileSync(join(empty, 'notes.txt'), 'not a record');
    const r = run(['--city', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${empty}: no drill record (*.json) in the folder\n`);
    const unstarted = mkdtempSync(join(tmpdir(), 'city-unstarted-'));
    const record = JSON.parse(readFileSync(join(RECORDS, 'fire.json'), 'utf8'));
    writeFileSync(join(unstarted, 'a.json'), JSON.stringify({ ...record, events: [], cityExercise: { ...A, index: 0 } }));
    const u = run(['--city', unstarted]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain(`${unstarted}: no record of a drill that has started (1 not started)`);
    // A record with no events outside a city exercise is what it always was: invalid.
    writeFileSync(join(unstarted, 'a.json'), JSON.stringify({ ...record, events: [] }));
    expect(run(['--city', unstarted]).stderr).toContain('incident.aware');
  });

  it('exits 2 for a bad agency list (row, column, what is wrong), a missing folder and bad options', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-list-'));
    const list = join(dir, 'list.csv');
    writeFileSync(list, '機關名稱,機關類型\n臺北市政府工務局,局處\n');
    const r = run(['--city', RECORDS, '--agencies', list]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${list}: 第 2 列，B（機關類型） 欄: 無法辨識機關類型「局處」`);
    expect(run(['--city', join(dir, 'nope')]).stderr).toContain('no such folder');
    expect(run(['--city', RECORDS, '--format', 'pdf']).code).toBe(2);
    expect(run(['--city']).code).toBe(2);
  });
});
