import { describe, expect, it } from 'vitest';
import committed from '../../../docs/scenario.schema.json';
import { scenarioJsonSchema } from './json-schema';

describe('docs/scenario.schema.json', () => {
  it('equals the schema generated from schema.ts (regenerate: npm run scenarios:check -- --write-schema)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it('requires the top-level sections and knows the event types', () => {
    const schema = scenarioJsonSchema() as { required: string[] };
    expect(schema.required).toEqual(['format', 'meta', 'facts', 'plan', 'injects', 'golden', 'mistakes']);
    expect(JSON.stringify(schema)).toContain('"report.submitted"');
  });
});
