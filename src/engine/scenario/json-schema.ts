/**
 * The published JSON Schema of the scenario file (docs/scenario.schema.json), generated from the
 * zod schema that validates scenarios, so the two cannot drift (json-schema.test.ts).
 * Editors that read YAML with a JSON Schema (e.g. the YAML language server) can use it.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema';
import { engineText } from '../text/engine-text';

type JsonObject = Record<string, unknown>;

export function scenarioJsonSchema(): JsonObject {
  const root = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  return {
    $schema: root.$schema,
    $id: 'https://taipei-incident-drill.example/scenario.schema.json',
    title: 'Drill scenario (taipei-drill-scenario/1)',
    description:
      // The format's zh-TW name heads the description in every language: it is the scenario file's name.
      engineText('zh-TW', 'schema.scenario') +
      ' (MSEL) — one scenario file, scenarios/<id>.yaml; see docs/scenario-format.md. Generated from ' +
      'src/engine/scenario/schema.ts; offsets, cross references (roles covered by people, unique ids, mistake selectors) ' +
      'and event data are checked by src/engine/scenario/parse.ts (npm run scenarios:check).',
    ...Object.fromEntries(Object.entries(root).filter(([k]) => k !== '$schema')),
  };
}

/** The schema file's text: pretty JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
