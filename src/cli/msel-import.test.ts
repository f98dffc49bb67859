// @vitest-environment node
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../engine/scenario/parse';
import { main } from './msel-import';

const FIXTURE = 'test/fixtures/msel/facilitator-msel-big5.csv';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run msel:import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msel-'));

  it('writes a scenario that scenarios:check accepts, and the mapping it used', async () => {
    const yaml = join(dir, 'wanhua-ransomware.yaml');
    const map = join(dir, 'map.json');
    const r = await run([FIXTURE, '--fact', 'T0=2026-03-02 09:20', '--fact', 'level=3', '--fact', 'id=wanhua-ransomware', '--write-map', map, '--out', yaml]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/5 rows → 5 injects → .*wanhua-ransomware\.yaml \(CSV, big5\)/);
    expect(parseScenario(readFileSync(yaml, 'utf8'), yaml).ok).toBe(true);
    expect(JSON.parse(readFileSync(map, 'utf8'))).toMatchObject({ format: 'taipei-drill-msel-mapping/1', headerRow: 3, columns: { time: '時間', 'message.zh': '狀況', to: '對象' } });
    // The saved mapping imports the same file to the same scenario.
    const again = join(dir, 'again.yaml');
    const r2 = await run([FIXTURE, '--map', map, '--fact', 'T0=2026-03-02 09:20', '--fact', 'level=3', '--fact', 'id=wanhua-ransomware', '--out', again]);
    expect(r2.code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(yaml, 'utf8'));
  });

  it('exits 2 naming the file, row, column and problem, and writes nothing', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, '時間,狀況,對象,方式\n+00:10,廠商來電,通報窗口,電話\n明天上午,記者來電,資訊室,電話\n');
    const out = join(dir, 'bad.yaml');
    const r = await run([csv, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${csv} (bad, row 3, column A 時間): time "明天上午" cannot be read`);
    expect(r.err).toContain(`${csv} (bad, row 3, column C 對象): unknown player "資訊室"`);
    expect(r.err).toMatch(/2 problems; nothing written/);
    expect(() => readFileSync(out)).toThrow();
  });

  it.each([
    [['--out', 'x.yaml'], /usage/],
    [['nope.xlsx', '--out', 'x.yaml'], /nope\.xlsx: cannot read: no such file/],
    [[FIXTURE, '--map', 'package.json', '--out', 'x.yaml'], /package\.json: format: format must be "taipei-drill-msel-mapping\/1"/],
    [[FIXTURE, '--fact', 'level', '--out', 'x.yaml'], /--fact "level": write KEY=VALUE/],
  ])('%j exits 2: %s', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
