/** The setup page's scenario list comes from this index: it must say what a full parse of each file says. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '@/engine/scenario/parse';
import { scenarioIndex } from './scenario-index';
import BUILT from 'virtual:scenario-index';

const DIR = join(process.cwd(), 'scenarios');

describe('the bundled scenario index', () => {
  it('lists every bundled file with the id, titles, reference level and inject count the full parse gives', () => {
    const index = scenarioIndex(DIR);
    expect(index.map((e) => e.source)).toEqual(readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => `scenarios/${f}`));
    for (const entry of index) {
      const parsed = parseScenario(readFileSync(join(process.cwd(), entry.source), 'utf8'), entry.source);
      if (!parsed.ok) throw new Error(`${entry.source}: ${parsed.errors[0].message}`);
      const s = parsed.scenario;
      expect(entry).toEqual({ source: entry.source, id: s.meta.id, title: { zh: s.meta.title.zh, en: s.meta.title.en }, referenceLevel: s.facts.referenceLevel, injects: s.injects.length });
    }
    // The virtual module the page imports is this index.
    expect(BUILT).toEqual(index);
  });

  it('keeps a file that is not readable YAML in the list under its name, so choosing it shows its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-index-'));
    writeFileSync(join(dir, 'broken.yaml'), 'meta: [unclosed\n');
    expect(scenarioIndex(dir)).toEqual([{ source: 'scenarios/broken.yaml', id: 'broken', title: { zh: 'broken', en: 'broken' }, referenceLevel: null, injects: 0 }]);
  });
});
