/**
 * The published JSON Schema of the drill record (docs/drill-record.schema.json), generated from
 * the same zod schemas that validate records, so the two cannot drift (json-schema.test.ts).
 */
import { z } from 'zod';
import { drillRecordSchema, eventDataSchemas, RECORD_FORMAT } from './schema';
import { engineText } from '../text/engine-text';

type JsonObject = Record<string, unknown>;

/** The drill record as JSON Schema (draft 2020-12). Event data is checked per known type with if/then. */
export function toJsonSchema(): JsonObject {
  const root = z.toJSONSchema(drillRecordSchema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  const props = root.properties as JsonObject;
  const events = props.events as JsonObject;
  const item = events.items as JsonObject;
  // zod cannot say "data has this shape when type is X"; JSON Schema can, with if/then.
  item.allOf = Object.entries(eventDataSchemas).map(([type, schema]) => {
    const data = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonObject;
    delete data.$schema;
    return {
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: { properties: { data } },
    };
  });
  return {
    $schema: root.$schema,
    $id: 'https://taipei-incident-drill.example/drill-record.schema.json',
    title: `Drill record (${RECORD_FORMAT})`,
    description:
      // The format's zh-TW name heads the description in every language: it is the record's name.
      engineText('zh-TW', 'schema.record') +
      ' — the exchange format of docs/drill-record.md. Generated from src/engine/record/schema.ts; ' +
      'rules a schema cannot state (exactly one incident.aware, unique seq, at never decreasing with seq, real calendar dates) ' +
      'are checked by src/engine/record/parse.ts.',
    ...Object.fromEntries(Object.entries(root).filter(([k]) => k !== '$schema')),
  };
}

/** The schema file's text: pretty JSON with a final newline. */
export function jsonSchemaText(): string {
  return JSON.stringify(toJsonSchema(), null, 2) + '\n';
}
