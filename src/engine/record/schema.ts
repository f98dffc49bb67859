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
  DESIGNATORS,
  EFFECTIVENESS_RECIPIENTS,
  IMAGE_KINDS,
  ISOLATION_METHODS,
  OBLIGATION_IDS,
  OVERSIGHT_BODIES,
  PHONE_RECIPIENTS,
  POSITIONS,
  REPORT_RECIPIENTS,
  SIGNERS,
  SWITCH_TARGETS,
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
 * A closed value (settled point 14): one of the listed values, else the record breaks the contract,
 * with a message that names the value and the list.
 */
const closed = <const T extends readonly [string, ...string[]]>(what: string, values: T) =>
  z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? `${what} is required: one of ${values.join(', ')}`
        : `${what} ${JSON.stringify(iss.input)} is not one of ${values.join(', ')}`,
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
  // The obligations the drill sets out to exercise; only decides the `incomplete` verdict (absent: every obligation).
  scope: optional(z.array(closed('obligation id', OBLIGATION_IDS))),
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


/**
 * `data` of each known event type. Loose: extra fields are kept. Settled point 14: the fields the
 * table lists without "other" are closed (levels, booleans, roles, posts, every `to`, a method, an
 * image kind, a designator, signers); open are those that list "other" (an outage's `what`, a
 * notice's `channel`, an evidence `destination`, the root-cause `by`), `topics`, free text, and an
 * approval's `by` (point 8: kept, noted and ignored by scoring).
 */
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
  'report.phoned': z.looseObject({ to: closed('report.phoned to', PHONE_RECIPIENTS).optional(), reason: z.string().optional(), level: levelSchema.optional() }),
  'doit.phoned': z.looseObject({}),
  'agency.notified': z.looseObject({ agency: z.string().optional(), channel: z.string().optional() }),
  'doit.copied': z.looseObject({}),
  'level.reviewed': z.looseObject({ level: levelSchema }),
  'level.change.requested': z.looseObject({ from: levelSchema.optional(), to: levelSchema }),
  'incident.designated': z.looseObject({ by: closed('designated by', DESIGNATORS).optional() }),
  'team.formed': z.looseObject({ members: z.array(teamMemberSchema) }),
  'team.adjusted': z.looseObject({ reason: z.string().optional() }),
  'containment.initial': z.looseObject({}),
  'meeting.held': z.looseObject({
    chair: actorRoleSchema.optional(),
    topics: z.array(z.string()).optional(),
    invited: z.array(z.string()).optional(),
  }),
  'action.isolated': z.looseObject({ method: closed('isolation method', ISOLATION_METHODS).optional() }),
  'media.imaged': z.looseObject({ what: closed('image kind', IMAGE_KINDS).optional() }),
  'system.rebuilt': z.looseObject({ cleanMedia: z.boolean().optional() }),
  'system.tested': z.looseObject({}),
  'service.switched': z.looseObject({ to: closed('switched to', SWITCH_TARGETS).optional() }),
  'service.minimal': z.looseObject({}),
  'announcement.decided': z.looseObject({ public: z.boolean().optional() }),
  'recovery.completed': z.looseObject({ registeredOnWebsite: z.boolean().optional() }),
  'effectiveness.reported': z.looseObject({ to: z.array(closed('recipient', EFFECTIVENESS_RECIPIENTS)).optional() }),
  'pdpa.assessed': z.looseObject({ notifySubjects: z.boolean().optional(), reason: z.string().optional() }),
  'evidence.submitted': z.looseObject({ destination: z.string().optional() }),
  'rootcause.completed': z.looseObject({ by: z.string().optional(), malwareAnalysis: z.boolean().optional() }),
  'improvement.planned': z.looseObject({
    short: z.array(z.looseObject({ item: z.string().optional(), dueMonths: z.number().optional() })).optional(),
    medium: z.array(z.looseObject({ item: z.string().optional(), dueMonths: z.number().optional() })).optional(),
    long: z.array(z.looseObject({ item: z.string().optional(), dueMonths: z.number().optional() })).optional(),
  }),
  'rootcause.submitted': z.looseObject({ to: z.array(closed('recipient', REPORT_RECIPIENTS)).optional() }),
  'progress.reported': z.looseObject({ to: z.array(closed('recipient', REPORT_RECIPIENTS)).optional() }),
  'closure.submitted': z.looseObject({}),
  'records.signed': z.looseObject({ by: z.array(closed('signer', SIGNERS)).optional() }),
  'intel.shared': z.looseObject({}),
  'drill.ended': z.looseObject({}),
} as const;

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
