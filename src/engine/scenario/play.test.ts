import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import minimal from '../../../test/fixtures/scenarios/minimal.yaml?raw';
import { validateDrillRecord } from '../record/parse';
import { loadScenario } from './parse';
import { applyMistake, goldenRecord, mistakesRecord, resolveGolden } from './play';
import { defaultAgency, defaultTeam, scenarioFacts, toScheduledInjects } from './normalize';

const scenario = loadScenario(minimal, 'minimal.yaml');

function withDoc(edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const doc = parseDocument(minimal);
  edit(doc);
  return loadScenario(String(doc), 'edited.yaml');
}

describe('goldenRecord', () => {
  const record = goldenRecord(scenario);
  const brief = record.events.map((e) => `${e.at} ${e.actor.role} ${e.type}`);

  it('frames the golden run: start, awareness at T0, injects whose condition holds, golden events, end', () => {
    expect(brief).toEqual([
      '2026-03-02T09:00:00+08:00 facilitator drill.started',
      '2026-03-02T09:00:00+08:00 facilitator incident.aware',
      '2026-03-02T09:00:00+08:00 facilitator inject.delivered',
      '2026-03-02T09:20:00+08:00 ciso level.approved',
      '2026-03-02T09:30:00+08:00 reporting-contact report.submitted',
      '2026-03-02T09:40:00+08:00 commander team.formed',
      // the contingency "nudge" (unless report.submitted) is not delivered: the report came at 09:30
      '2026-03-04T09:00:00+08:00 facilitator drill.ended',
    ]);
    expect(record.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('is a valid drill record with the scenario facts and agency', () => {
    expect(validateDrillRecord(record, 'golden')).toMatchObject({ ok: true });
    expect(record.scenario).toMatchObject({ id: 'minimal', referenceLevel: 1, category: 'defacement', backup: 'none' });
    expect(record.agency).toEqual(defaultAgency(scenario));
    expect(record.scenario).toEqual(scenarioFacts(scenario));
  });

  it('forms the default team from meta.people, leaving the ciso approval desk out', () => {
    const team = record.events.find((e) => e.type === 'team.formed')!;
    expect(team.data).toEqual({ members: defaultTeam(scenario) });
    expect(defaultTeam(scenario)).toEqual([
      { role: 'commander', name: '甲', position: 'ciso' },
      { role: 'reporting-contact', name: '乙', position: 'security-officer' },
    ]);
  });

  it('moves the whole run with another awareness time', () => {
    const moved = goldenRecord(scenario, { awareness: '2026-12-31T23:30:00+08:00' });
    expect(moved.events.find((e) => e.type === 'report.submitted')!.at).toBe('2027-01-01T00:00:00+08:00');
  });
});

describe('mistakesRecord', () => {
  it('applies the variant and delivers the contingency inject whose condition now holds', () => {
    const record = mistakesRecord(scenario, 'late');
    const brief = record.events.map((e) => `${e.at} ${e.type}${e.type === 'inject.delivered' ? ` ${String(e.data?.injectId)}` : ''}`);
    expect(brief).toContain('2026-03-02T09:50:00+08:00 inject.delivered nudge');
    expect(brief).toContain('2026-03-02T10:00:01+08:00 report.submitted');
  });

  it('names the known variants when asked for an unknown one', () => {
    expect(() => mistakesRecord(scenario, 'nope')).toThrow('scenario "minimal" has no mistake "nope" (it has: late)');
  });
});

describe('applyMistake', () => {
  const golden = resolveGolden(scenario.golden);
  const mistake = (changes: object[]) => ({ name: 'm', description: { zh: '甲', en: 'a' }, changes, expectFailing: {} }) as never;

  it.each<[string, object[], string[]]>([
    ['drop by id', [{ drop: 'report' }], ['level.approved@20', 'team.formed@40']],
    ['drop by type', [{ drop: 'team.formed' }], ['level.approved@20', 'report.submitted@30']],
    ['delay', [{ delay: 'report', by: '+00:31' }], ['level.approved@20', 'report.submitted@61', 'team.formed@40']],
    ['move', [{ move: 'level.approved', to: '+00:35' }], ['level.approved@35', 'report.submitted@30', 'team.formed@40']],
    ['add', [{ add: { offset: '+00:05', role: 'facilitator', type: 'outage.started' } }], ['level.approved@20', 'report.submitted@30', 'team.formed@40', 'outage.started@5']],
  ])('%s', (_name, changes, expected) => {
    const out = applyMistake(golden, mistake(changes));
    expect(out.map((e) => `${e.type}@${e.offsetMs / 60_000}`)).toEqual(expected);
  });

  it('replace merges data and keeps the rest', () => {
    const out = applyMistake(golden, mistake([{ replace: 'report', with: { data: { level: 2 } } }]));
    expect(out[1]).toMatchObject({ id: 'report', type: 'report.submitted', role: 'reporting-contact', offsetMs: 30 * 60_000, data: { level: 2 } });
    expect(golden[1].data).toEqual({ level: 1 }); // the golden run is not touched
  });
});

describe('toScheduledInjects', () => {
  it('normalizes offsets, limits and contingencies, in delivery order', () => {
    const s = withDoc((doc) => doc.setIn(['injects', 1, 'offset'], '-00:10'));
    const injects = toScheduledInjects(s);
    expect(injects.map((i) => [i.id, i.offsetMs, i.contingency ?? false])).toEqual([
      ['nudge', -600_000, true],
      ['alert', 0, false],
    ]);
    expect(injects[1].expected).toEqual([{ type: 'report.submitted', role: 'reporting-contact', withinMs: 3_600_000 }]);
    expect(injects[0].condition).toEqual({ unlessHappened: ['report.submitted'] });
  });

  it('turns world changes into events of the record', () => {
    const s = withDoc((doc) => {
      doc.setIn(['injects', 0, 'world'], [{ kind: 'outage.start', what: 'network' }]);
      doc.setIn(['injects', 1, 'world'], [{ kind: 'level.review', level: 2 }]);
      doc.deleteIn(['injects', 1, 'condition']);
    });
    const types = goldenRecord(s).events.map((e) => `${e.actor.role} ${e.type} ${JSON.stringify(e.data)}`);
    expect(types).toContain('facilitator outage.started {"what":"network"}');
    expect(types).toContain('doit-reviewer level.reviewed {"level":2}');
  });
});
