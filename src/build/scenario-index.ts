/**
 * Build-time index of the bundled scenarios (issue 12 item 10): the setup page lists them from this
 * light metadata and parses only the one chosen, instead of parsing all twelve before it is usable.
 *
 * Vite plugin (Node, build and test time only): `import index from 'virtual:scenario-index'` gives
 * one entry per scenarios/*.yaml in file-name order. The YAML is read, not validated: the page
 * validates the chosen file with the engine's parser and shows its errors then, and
 * `npm run scenarios:check` validates them all in CI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Plugin } from 'vite';

export interface ScenarioIndexEntry {
  /** `scenarios/<file>.yaml`, as the page's loaders name it. */
  source: string;
  id: string;
  title: { zh: string; en: string };
  referenceLevel: number | null;
  injects: number;
}

const VIRTUAL = 'virtual:scenario-index';
const RESOLVED = `\0${VIRTUAL}`;

/** One entry per file; a file that is not readable YAML still gets one (its name as title), so choosing it shows its errors. */
export function scenarioIndex(dir: string): ScenarioIndexEntry[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort((a, b) => a.localeCompare(b))
    .map((file) => {
      const source = `scenarios/${file}`;
      const stem = file.replace(/\.yaml$/, '');
      let doc: unknown;
      try {
        doc = parse(readFileSync(join(dir, file), 'utf8'));
      } catch {
        doc = null;
      }
      const d = (doc ?? {}) as { meta?: { id?: unknown; title?: { zh?: unknown; en?: unknown } }; facts?: { referenceLevel?: unknown }; injects?: unknown };
      const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : stem);
      return {
        source,
        id: typeof d.meta?.id === 'string' ? d.meta.id : stem,
        title: { zh: text(d.meta?.title?.zh), en: text(d.meta?.title?.en) },
        referenceLevel: typeof d.facts?.referenceLevel === 'number' ? d.facts.referenceLevel : null,
        injects: Array.isArray(d.injects) ? d.injects.length : 0,
      };
    });
}

export function scenarioIndexPlugin(dir: string): Plugin {
  return {
    name: 'scenario-index',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      // Rebuilt when a scenario changes under the dev server.
      for (const f of readdirSync(dir)) if (f.endsWith('.yaml')) this.addWatchFile(join(dir, f));
      return `export default ${JSON.stringify(scenarioIndex(dir))};`;
    },
  };
}
