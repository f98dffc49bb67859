/**
 * Every bundled scenario → rows → importMsel gives the same scenario back (the in-memory half of
 * the YAML → xlsx → YAML round trip; src/spreadsheet/ tests the file half).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse';
import { scenarioToSheets } from './msel-export';
import { importMsel } from './msel-import';

const files = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe.each(Object.keys(files).sort())('%s → MSEL rows → scenario', (path) => {
  it('imports back unchanged, with no problem at all', () => {
    const scenario = loadScenario(files[path], path);
    const r = importMsel(scenarioToSheets(scenario), { fileName: `${scenario.meta.id}.xlsx` });
    expect(r.problems).toEqual([]);
    expect(r.scenario).toEqual(scenario);
  });
});
