import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import minimal from '../../../test/fixtures/scenarios/minimal.yaml?raw';
import { scenarioFacts } from './normalize';
import { formatScenarioError, parseScenario } from './parse';

/** The minimal scenario with one value replaced (or removed, with `undefined`). */
function mutate(path: (string | number)[], value: unknown): string {
  const doc = parseDocument(minimal);
  if (value === undefined) doc.deleteIn(path);
  else doc.setIn(path, value);
  return String(doc);
}

function errorsOf(text: string) {
  const r = parseScenario(text, 'x.yaml');
  if (r.ok) throw new Error('expected errors, the scenario parsed');
  return r.errors;
}

describe('parseScenario', () => {
  it('accepts the minimal scenario', () => {
    const r = parseScenario(minimal, 'minimal.yaml');
    expect(r.ok).toBe(true);
  });

  it('carries facts.scope to the record, where it decides the incomplete verdict (drill-record.md scenario.scope)', () => {
    const r = parseScenario(mutate(['facts', 'scope'], ['report-1h', 'team-formed']), 'x.yaml');
    if (!r.ok) throw new Error(formatScenarioError(r.errors[0]));
    expect(scenarioFacts(r.scenario).scope).toEqual(['report-1h', 'team-formed']);
    expect(errorsOf(mutate(['facts', 'scope'], ['report-2h']))[0].path).toBe('facts.scope[0]');
  });

  // Each semantic error the brief names, with the path it must point at.
  it.each<[string, (string | number)[], unknown, string, RegExp]>([
    ['unknown role', ['injects', 0, 'to'], 'janitor', 'injects[0].to', /unknown role "janitor"/],
    ['unknown role in golden', ['golden', 0, 'role'], 'mayor', 'golden[0].role', /unknown role "mayor"/],
    ['offset that does not parse', ['injects', 1, 'offset'], '+0:50', 'injects[1].offset', /offset "\+0:50" does not parse/],
    ['offset with bad minutes', ['golden', 1, 'offset'], '+00:75', 'golden[1].offset', /minutes must be 00–59/],
    ['inject to a role nobody holds', ['injects', 0, 'to'], 'press-contact', 'injects[0].to', /role "press-contact" is not held by anyone in meta\.people/],
    ['expected action by a role nobody holds', ['injects', 0, 'expected', 0, 'role'], 'intel-planning', 'injects[0].expected[0].role', /not held by anyone/],
    ['duplicate inject id', ['injects', 1, 'id'], 'alert', 'injects[1].id', /duplicate inject id "alert" \(also injects\[0\]\)/],
    ['missing translation', ['meta', 'title', 'en'], undefined, 'meta.title.en', /missing translation \(en\)/],
    ['empty translation', ['injects', 0, 'message', 'zh'], '  ', 'injects[0].message.zh', /empty translation \(zh\)/],
    ['unknown event type in expected', ['injects', 0, 'expected', 0, 'type'], 'report.filed', 'injects[0].expected[0].type', /unknown event type "report\.filed"/],
    ['unknown event type in golden', ['golden', 2, 'type'], 'team.assembled', 'golden[2].type', /unknown event type "team\.assembled"/],
    ['condition on an unknown event type', ['injects', 1, 'condition', 'unlessHappened', 0], 'report.sent', 'injects[1].condition.unlessHappened[0]', /unknown event type "report\.sent"/],
    ['bad level in golden data', ['golden', 1, 'data', 'level'], 5, 'golden[1].data.level', /unknown level/],
    ['unknown field (typo)', ['facts', 'tolerableDowntme'], '8h', 'facts.tolerableDowntme', /unknown field "tolerableDowntme"/],
    ['awareness not in Taipei time', ['facts', 'awareness'], '2026-03-02T01:00:00Z', 'facts.awareness', /Taipei time/],
    ['mistake selecting nothing', ['mistakes', 0, 'changes', 0, 'move'], 'reprot', 'mistakes[0].changes[0].move', /selects no golden event/],
    ['mistake expecting an unknown obligation', ['mistakes', 0, 'expectFailing', 'report-2h'], 'late', 'mistakes[0].expectFailing.report-2h', /unknown obligation "report-2h"/],
    ['mistake expecting a passing status', ['mistakes', 0, 'expectFailing', 'report-1h'], 'met', 'mistakes[0].expectFailing.report-1h', /late|violated|missed/],
    ['inject after the drill ends', ['injects', 1, 'offset'], '+3d00:00', 'injects[1].offset', /after the drill ends/],
  ])('%s', (_name, path, value, errorPath, message) => {
    const errors = errorsOf(mutate(path, value));
    const hit = errors.find((e) => e.path === errorPath);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
    expect(hit!.source).toBe('x.yaml');
  });

  it('reports the line of the offending value', () => {
    const text = minimal.replace('    to: reporting-contact\n    channel: email', '    to: janitor\n    channel: email');
    const [e] = errorsOf(text);
    const line = text.split('\n').findIndex((l) => l.includes('to: janitor')) + 1;
    expect(e).toMatchObject({ path: 'injects[0].to', line });
    expect(formatScenarioError(e)).toBe(`x.yaml:${line} injects[0].to: ${e.message}`);
  });

  it('reports a missing key at its parent’s line', () => {
    const text = minimal.replace("  title: { zh: 最小情境, en: Minimal scenario }", '  title: { zh: 最小情境 }');
    const [e] = errorsOf(text);
    expect(e.path).toBe('meta.title.en');
    expect(e.line).toBe(5);
  });

  it('reports YAML syntax errors with their line', () => {
    const errors = errorsOf('format: taipei-drill-scenario/1\nmeta:\n  id: [unclosed\n');
    expect(errors[0].message).toMatch(/^YAML:/);
    expect(errors[0].line).toBeGreaterThanOrEqual(3);
  });

  it('rejects duplicate keys', () => {
    const errors = errorsOf(minimal.replace('  speed: 10', '  speed: 10\n  speed: 20'));
    expect(errors[0].message).toMatch(/unique|duplicate/i);
  });
});
