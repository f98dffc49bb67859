/**
 * The drill record (../shared/spec/drill-record.md) as zod schemas: the one definition that
 * validation, TypeScript types and the published JSON Schema (docs/) all come from.
 *
 * Envelope fields are validated strictly; event `data` is typed per known event type but kept
 * loose (extra fields are kept, and missing content is left for scoring to judge as a violation),
 * except levels, which must be 1–4 wherever they appear.
 */
import { z } from 'zod';
import { parseIsoMs } from '../time/taipei';
import {
  ACTOR_ROLES,
  AGENCY_TYPES,
  BACKUP_KINDS,
  OBLIGATION_IDS,
  OVERSIGHT_BODIES,
  POSITIONS,
} from './vocabulary';

export const RECORD_FORMAT = 'taipei-drill-record/1';

/** ISO 8601 date-time with an explicit offset (Z or ±hh:mm), e.g. 2026-03-02T09:00:00+08:00. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const isoDateTime = z
  .string()
  .regex(ISO_WITH_OFFSET, { message: 'not an ISO 8601 date-time with an offset (e.g. 2026-03-02T09:00:00+08:00)', abort: true })
  // Our own parser, not Date.parse: V8's Date.parse turns 2026-02-30 into 2 March.
  .refine((s) => !Number.isNaN(parseIsoMs(s)), 'not a real date-time (no such day, hour, minute or offset)');

export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: (iss) =>
    iss.input === undefined
      ? 'level is required: must be 1, 2, 3 or 4'
      : `unknown level ${JSON.stringify(iss.input)}: must be 1, 2, 3 or 4`,
});

export const actorRoleSchema = z.enum(ACTOR_ROLES, {
  error: (iss) =>
    iss.input === undefined
      ? `role is required: one of ${ACTOR_ROLES.join(', ')}`
      : `unknown actor role ${JSON.stringify(iss.input)}: must be one of ${ACTOR_ROLES.join(', ')}`,
});
export const positionSchema = z.enum(POSITIONS, {
  error: (iss) =>
    iss.input === undefined
      ? 'position is required (an Att.3 post, see procedure.md)'
      : `unknown position ${JSON.stringify(iss.input)}: must be an Att.3 post (${POSITIONS.join(', ')})`,
});

/**
 * Records come from other teams' tools, so an optional field written as `null` reads as absent
 * ("Missing booleans mean false", drill-record.md): accepted on input, `undefined` after parsing.
 */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((v): z.output<T> | undefined => v ?? undefined)
    .optional();

/** Text that scoring never needs: missing or null reads as empty. */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

export const agencySchema = z.looseObject({
  name: text,
  type: z.enum(AGENCY_TYPES),
  hasItUnit: optional(z.boolean()),
  hasSecurityOfficer: optional(z.boolean()),
  reportsToCentral: optional(z.boolean()),
  oversight: optional(z.array(z.enum(OVERSIGHT_BODIES))),
});

export const scenarioFactsSchema = z.looseObject({
  id: text,
  title: optional(z.string()),
  referenceLevel: levelSchema,
  category: optional(z.string()),
  affectedAgencies: optional(z.array(z.string())),
  personalData: optional(z.boolean()),
  malware: optional(z.boolean()),
  backup: optional(z.enum(BACKUP_KINDS)),
});

export const actorSchema = z.looseObject({
  role: actorRoleSchema,
  name: z.string().optional(),
});

export const teamMemberSchema = z.looseObject({
  role: actorRoleSchema,
  name: z.string().optional(),
  position: positionSchema,
  vendor: z.boolean().optional(),
});

const recipients = z.array(z.string());

/** `data` of each known event type. Loose: extra fields are kept. */
export const eventDataSchemas = {
  'drill.started': z.looseObject({}),
  'incident.aware': z.looseObject({}),
  'inject.delivered': z.looseObject({ injectId: z.string().optional(), title: z.string().optional() }),
  'outage.started': z.looseObject({ what: z.string().optional() }),
  'outage.ended': z.looseObject({ what: z.string().optional() }),
  'level.assessed': z.looseObject({
    level: levelSchema,
    c: levelSchema.optional(),
    i: levelSchema.optional(),
    a: levelSchema.optional(),
  }),
  'level.approved': z.looseObject({ level: levelSchema, by: z.string().optional() }),
  'report.submitted': z.looseObject({ level: levelSchema }),
  'report.phoned': z.looseObject({ to: z.string().optional(), reason: z.string().optional(), level: levelSchema.optional() }),
  'doit.phoned': z.looseObject({}),
  'agency.notified': z.looseObject({ agency: z.string().optional(), channel: z.string().optional() }),
  'doit.copied': z.looseObject({}),
  'level.reviewed': z.looseObject({ level: levelSchema }),
  'level.change.requested': z.looseObject({ from: levelSchema.optional(), to: levelSchema }),
  'incident.designated': z.looseObject({ by: z.string().optional() }),
  'team.formed': z.looseObject({ members: z.array(teamMemberSchema) }),
  'team.adjusted': z.looseObject({ reason: z.string().optional() }),
  'containment.initial': z.looseObject({}),
  'meeting.held': z.looseObject({
    chair: z.string().optional(),
    topics: z.array(z.string()).optional(),
    invited: z.array(z.string()).optional(),
  }),
  'action.isolated': z.looseObject({ method: z.string().optional() }),
  'media.imaged': z.looseObject({ what: z.string().optional() }),
  'system.rebuilt': z.looseObject({ cleanMedia: z.boolean().optional() }),
  'system.tested': z.looseObject({}),
  'service.switched': z.looseObject({ to: z.string().optional() }),
  'service.minimal': z.looseObject({}),
  'announcement.decided': z.looseObject({ public: z.boolean().optional() }),
  'recovery.completed': z.looseObject({ registeredOnWebsite: z.boolean().optional() }),
  'effectiveness.reported': z.looseObject({ to: recipients.optional() }),
  'pdpa.assessed': z.looseObject({ notifySubjects: z.boolean().optional(), reason: z.string().optional() }),
  'evidence.submitted': z.looseObject({ destination: z.string().optional() }),
  'rootcause.completed': z.looseObject({ by: z.string().optional(), malwareAnalysis: z.boolean().optional() }),
  'improvement.planned': z.looseObject({
    short: z.array(z.looseObject({ item: z.string().optional(), dueMonths: z.number().optional() })).optional(),
    medium: z.array(z.looseObject({ item: z.string().optional(), dueMonths: z.number().optional() })).optional(),
    long: z.array(z.looseObject({ item: z.string().optional(), dueMonths: z.number().optional() })).optional(),
  }),
  'rootcause.submitted': z.looseObject({ to: recipients.optional() }),
  'progress.reported': z.looseObject({ to: recipients.optional() }),
  'closure.submitted': z.looseObject({}),
  'records.signed': z.looseObject({ by: recipients.optional() }),
  'intel.shared': z.looseObject({}),
  'drill.ended': z.looseObject({}),
} as const;

export type EventDataMap = { [K in keyof typeof eventDataSchemas]: z.infer<(typeof eventDataSchemas)[K]> };

export const drillEventSchema = z.looseObject({
  seq: z.number().int().nonnegative(),
  at: isoDateTime,
  // The real time of the action is informative only (never scored): validate.ts keeps any string as
  // written, turns epoch milliseconds into ISO and drops null.
  wall: z
    // Epoch ms must be a moment a Date can hold (±8.64e15), or the report prints NaN-NaN-NaN (issue 10).
    .union([z.string(), z.number().min(-8.64e15, 'wall in epoch milliseconds is out of range').max(8.64e15, 'wall in epoch milliseconds is out of range')])
    .nullish()
    .transform((v): string | undefined => (v === null || v === undefined ? undefined : String(v)))
    .optional(),
  actor: actorSchema,
  type: z.string().min(1),
  // `data: null` reads as no data.
  data: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v): Record<string, unknown> | undefined => v ?? undefined)
    .optional(),
});

/**
 * Optional extension (ours, docs/drill-record.md): the standard the drill is judged by, when the
 * facilitator changed DoIT's default (P39(3)). Any field left out keeps the default's value.
 */
export const standardSchema = z.looseObject({
  minScore: z.number().min(0).max(100).optional(),
  critical: z.array(z.enum(OBLIGATION_IDS)).optional(),
  noViolations: z.boolean().optional(),
  // Capped so the weighted sum cannot overflow to Infinity and score NaN (issue 10: weights of 1e308).
  weights: z.partialRecord(z.enum(OBLIGATION_IDS), z.number().nonnegative().max(1_000_000, 'a weight must be at most 1,000,000')).optional(),
});

export const drillRecordSchema = z.looseObject({
  format: z.literal(RECORD_FORMAT, {
    error: (iss) => `format must be "${RECORD_FORMAT}", not ${iss.input === undefined ? 'missing' : JSON.stringify(iss.input)}`,
  }),
  agency: agencySchema,
  scenario: scenarioFactsSchema,
  events: z.array(drillEventSchema),
  standard: standardSchema.optional(),
});

export type Agency = z.infer<typeof agencySchema>;
export type ScenarioFacts = z.infer<typeof scenarioFactsSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type TeamMember = z.infer<typeof teamMemberSchema>;
export type DrillRecord = z.infer<typeof drillRecordSchema>;
export type RecordStandard = z.infer<typeof standardSchema>;

/** An event as stored in a record. `data` is loose; use `eventData()` for the typed view of known types. */
export type DrillEvent = z.infer<typeof drillEventSchema>;

/** A known event narrowed by type, with typed data. */
export type TypedEvent<K extends keyof EventDataMap> = Omit<DrillEvent, 'type' | 'data'> & {
  type: K;
  data: EventDataMap[K];
};
