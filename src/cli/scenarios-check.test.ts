// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function check(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/run.mjs', 'scenarios-check', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, lines: r.stdout.trim().split('\n'), stderr: r.stderr };
}

describe('npm run scenarios:check', () => {
  it('passes every bundled scenario, one OK line per file', () => {
    const r = check();
    expect(r.code, r.stderr + r.lines.join('\n')).toBe(0);
    expect(r.lines.length).toBeGreaterThanOrEqual(10);
    for (const line of r.lines) expect(line).toMatch(/^OK scenarios\/[a-z0-9-]+\.yaml: L[1-4] /);
  });

  it('prints FILE:LINE path: message for each kind of error and exits 1', () => {
    const r = check('test/fixtures/scenarios/bad', 'test/fixtures/scenarios/minimal.yaml');
    expect(r.code).toBe(1);
    const dir = 'test/fixtures/scenarios/bad';
    expect(r.lines).toEqual([
      `${dir}/bad-offset.yaml:51 injects[1].offset: offset "+0:50" does not parse: write a sign, optional days and hh:mm[:ss], e.g. "+00:20", "+1d02:00", "-00:10"`,
      `${dir}/duplicate-inject-id.yaml:50 injects[1].id: duplicate inject id "alert" (also injects[0])`,
      `${dir}/id-mismatch.yaml:4 meta.id: id "minimal" does not match the file name "id-mismatch" (scenarios/<id>.yaml)`,
      `${dir}/missing-translation.yaml:5 meta.title.en: missing translation (en)`,
      `${dir}/role-not-held.yaml:54 injects[1].to: role "press-contact" is not held by anyone in meta.people[].roles and is not played by the facilitator (facilitator, acs, doit-reviewer, vendor)`,
      `${dir}/unknown-condition-type.yaml:57 injects[1].condition.unlessHappened[0]: unknown event type "report.sent" (see drill-record.md, Event types)`,
      `${dir}/unknown-event-type.yaml:61 golden[2].type: unknown event type "team.assembled" (see drill-record.md, Event types)`,
      expect.stringMatching(new RegExp(`^${dir}/unknown-role\\.yaml:45 injects\\[0\\]\\.to: unknown role "janitor": one of facilitator, `)),
      expect.stringMatching(new RegExp(`^${dir}/yaml-syntax\\.yaml:40: YAML: `)),
      'OK test/fixtures/scenarios/minimal.yaml: L1 defacement, 2 injects (1 contingency), 3 golden events, 1 mistakes',
    ]);
  });

  it('exits 1 on a path that does not exist', () => {
    const r = check('test/fixtures/scenarios/nope.yaml');
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['test/fixtures/scenarios/nope.yaml: no such file or folder']);
  });
});
