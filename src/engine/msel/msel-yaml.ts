import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema';

/** The scenario as YAML text (a scenario file), titled in both languages, keys in the bundled files' order. */
export function scenarioYaml(scenario: Scenario): string {
  const ordered = { format: scenario.format, meta: scenario.meta, facts: scenario.facts, plan: scenario.plan, injects: scenario.injects, golden: scenario.golden, mistakes: scenario.mistakes };
  return `# ${scenario.meta.title.zh}\n# ${scenario.meta.title.en}\n${stringify(ordered, { lineWidth: 0 })}`;
}
