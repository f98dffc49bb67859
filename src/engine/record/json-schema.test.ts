/* eslint-disable @typescript-eslint/no-explicit-any -- tests poke at untyped JSON on purpose */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, toJsonSchema } from './json-schema';

// Vitest runs from the project root (jsdom makes import.meta.url an http URL).
const DOC = resolve(process.cwd(), 'docs/drill-record.schema.json');

describe('docs/drill-record.schema.json', () => {
  it('equals the schema generated from the zod schemas (regenerate: UPDATE_SCHEMA=1 npx vitest run --project unit src/engine/record/json-schema.test.ts)', () => {
    const generated = jsonSchemaText();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(DOC, generated);
    expect(readFileSync(DOC, 'utf8')).toBe(generated);
  });

  it('types event data per known type', () => {
    const items = (toJsonSchema().properties as any).events.items;
    const report = items.allOf.find((c: any) => c.if.properties.type.const === 'report.submitted');
    expect(report.then.properties.data.properties.level.anyOf.map((x: any) => x.const)).toEqual([1, 2, 3, 4]);
    expect(report.then.properties.data.required).toEqual(['level']);
  });
});
