/* eslint-disable @typescript-eslint/no-explicit-any -- tests poke at untyped JSON on purpose */
import { describe, expect, it } from 'vitest';
import committed from '../../../docs/drill-record.schema.json';
import { jsonSchemaText, toJsonSchema } from './json-schema';

describe('docs/drill-record.schema.json', () => {
  it('equals the schema generated from the zod schemas (regenerate: npm run -s score -- --write-schema)', () => {
    expect(committed).toEqual(JSON.parse(jsonSchemaText()));
  });

  it('types event data per known type', () => {
    const items = (toJsonSchema().properties as any).events.items;
    const report = items.allOf.find((c: any) => c.if.properties.type.const === 'report.submitted');
    expect(report.then.properties.data.properties.level.anyOf.map((x: any) => x.const)).toEqual([1, 2, 3, 4]);
    expect(report.then.properties.data.required).toEqual(['level']);
  });
});
