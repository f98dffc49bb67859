/**
 * The scenario file (scenarios/<id>.yaml) as a zod schema: an MSEL (HSEEP's master scenario
 * events list) for one incident, with the facts scoring needs, the injects the facilitator
 * delivers, and a self-proof: the golden run of a well-run agency and named mistakes.
 *
 * The schema checks shape; parse.ts adds the cross-field checks (roles covered by people,
 * unique ids, selectors that exist). docs/scenario-format.md documents every field, and
 * docs/scenario.schema.json is generated from this file (json-schema.ts).
 */
import { z } from 'zod';
import { ISO_WITH_OFFSET, levelSchema } from '../record/schema';
import {
  ACTOR_ROLES,
  AGENCY_TYPES,
  BACKUP_KINDS,
  EVENT_TYPES,
  OBLIGATION_IDS,
  OVERSIGHT_BODIES,
  POSITIONS,
} from '../record/vocabulary';
import { INJECT_CHANNELS } from '../drill/inject';
import { tryParseDuration, tryParseOffset } from './offset';
import { parseIsoMs } from '../time/taipei';

/** Who sends an inject (the facilitator plays all of them). */
export const SENDERS = [
  'soc', // 資安監控中心 (the city's or a vendor's SOC)
  'vendor', // 委外廠商
  'acs', // 數位發展部資通安全署
  'doit', // 臺北市政府資訊局
  'central', // a central-government body the agency reports to (P14)
  'superior', // 上級機關 / 監督機關
  'media', // 媒體
  'public', // 民眾
  'other-agency', // another agency
  'staff', // the agency's own staff (a clerk, a help desk)
  'facilitator', // 演練主持人 speaking as themselves
] as const;

/** Statuses a mistake variant may expect: the failing ones (drill-record.md, Scoring). */
export const FAILING_STATUSES = ['late', 'violated', 'missed'] as const;

/** Ids of injects, golden events and mistakes: kebab-case, never containing a dot (so an id never looks like an event type). */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const translation = (lang: 'zh' | 'en') =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? `missing translation (${lang})` : `translation (${lang}) must be text`),
    })
    .refine((s) => s.trim().length > 0, `empty translation (${lang})`);

/** Every user-facing text: zh-TW first, English second, both required. */
export const bilingualSchema = z.strictObject(
  { zh: translation('zh'), en: translation('en') },
  { error: (iss) => (iss.input === undefined ? 'missing text: give { zh, en }' : 'must be { zh, en }') },
);

export const offsetSchema = z.string().superRefine((s, ctx) => {
  const r = tryParseOffset(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

export const durationSchema = z.string().superRefine((s, ctx) => {
  const r = tryParseDuration(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

const idSchema = z.string().regex(KEBAB_ID, 'must be a kebab-case id (a-z, 0-9 and single hyphens, no dots)');

const eventTypeSchema = z.enum(EVENT_TYPES, {
  error: (iss) => `unknown event type ${JSON.stringify(iss.input)} (see drill-record.md, Event types)`,
});
const roleSchema = z.enum(ACTOR_ROLES, {
  error: (iss) => `unknown role ${JSON.stringify(iss.input)}: one of ${ACTOR_ROLES.join(', ')}`,
});

export const personSchema = z.strictObject({
  name: z.string().min(1, 'a person needs a name'),
  /** The person's job title in the agency, e.g. { zh: 資訊室主任, en: Head of the IT Office }. */
  post: bilingualSchema,
  /** The Att.3 post the team rules look at. */
  position: z.enum(POSITIONS, {
    error: (iss) => `unknown position ${JSON.stringify(iss.input)}: one of ${POSITIONS.join(', ')}`,
  }),
  vendor: z.boolean().optional(),
  /** Default team role assignments (the first person holding a role leads it, Att.3). */
  roles: z.array(roleSchema).optional(),
});

export const agencyProfileSchema = z.strictObject({
  name: bilingualSchema,
  type: z.enum(AGENCY_TYPES),
  hasItUnit: z.boolean(),
  hasSecurityOfficer: z.boolean(),
  reportsToCentral: z.boolean(),
  oversight: z.array(z.enum(OVERSIGHT_BODIES)).min(1),
  /** The central body the agency reports to (P14), when reportsToCentral. */
  centralBody: bilingualSchema.optional(),
});

export const metaSchema = z.strictObject({
  id: idSchema,
  title: bilingualSchema,
  summary: bilingualSchema,
  objectives: z.array(bilingualSchema).min(1),
  /** Procedure points the scenario exercises, e.g. ["P11", "P25(2)"]. */
  points: z.array(z.string().regex(/^(P\d+(\(\d+\))?|Att\.\d)$/, 'a point like "P11", "P25(3)" or "Att.3"')).optional(),
  agency: agencyProfileSchema,
  people: z.array(personSchema).min(1),
});

export const affectedSystemSchema = z.strictObject({
  name: bilingualSchema,
  core: z.boolean(),
  criticalInfrastructure: z.boolean().optional(),
});

export const factsSchema = z.strictObject({
  /** Free text; `equipment-failure` changes what applies (P28). */
  category: z.string().min(1),
  referenceLevel: levelSchema,
  levelReasoning: bilingualSchema,
  affectedSystems: z.array(affectedSystemSchema).optional(),
  /** Agencies to notify within the hour (P12), by name as the record writes them. */
  affectedAgencies: z.array(z.string().min(1)),
  personalData: z.boolean(),
  malware: z.boolean(),
  backup: z.enum(BACKUP_KINDS),
  tolerableDowntime: durationSchema,
  /**
   * Optional: the obligations this drill sets out to exercise (drill-record.md scenario.scope), e.g.
   * only the first hours. Copied to the record; it decides only the `incomplete` verdict.
   */
  scope: z.array(z.enum(OBLIGATION_IDS)).optional(),
  /** Default T0, in Taipei time. */
  awareness: z
    .string()
    .regex(ISO_WITH_OFFSET, 'awareness must be an ISO 8601 date-time with an offset, e.g. 2026-03-02T09:20:00+08:00')
    .refine((s) => s.endsWith('+08:00'), 'awareness must be written in Taipei time (+08:00)')
    .refine((s) => !Number.isNaN(parseIsoMs(s)), 'awareness is not a real date-time (the day, hour or minute does not exist)'),
});

export const planSchema = z.strictObject({
  mode: z.enum(['tabletop', 'live']),
  /** How long the session takes in real time, e.g. "3h". */
  realDuration: durationSchema,
  /** Where the drill ends on the scenario clock; the golden run's drill.ended. */
  simulatedSpan: offsetSchema,
  /** Simulated seconds per real second while the clock runs; the facilitator skips ahead between phases. */
  speed: z.number().positive(),
  notes: bilingualSchema.optional(),
});

export const expectedActionSchema = z.strictObject({
  type: eventTypeSchema,
  role: roleSchema,
  /** Limit as an offset from T0, where the procedure gives one. */
  within: offsetSchema.optional(),
  note: bilingualSchema.optional(),
});

const dataValueSchema = z.union([z.string(), z.number(), z.boolean()], { error: 'a data value is text, a number or true/false' });

/**
 * A condition item: an event type (any event of that type), or an event type with values its data
 * must hold: `{ type: agency.notified, where: { channel: [phone, taipeion] } }`.
 */
export const conditionItemSchema = z.union(
  [
    eventTypeSchema,
    z.strictObject({
      type: eventTypeSchema,
      where: z
        .record(z.string().min(1), z.union([dataValueSchema, z.array(dataValueSchema).min(1)]))
        .refine((w) => Object.keys(w).length > 0, 'where needs at least one field')
        .optional(),
    }),
  ],
  {
    error: (iss) =>
      typeof iss.input === 'string'
        ? `unknown event type ${JSON.stringify(iss.input)} (see drill-record.md, Event types)`
        : 'a condition item is an event type or { type, where: { field: value | [values] } }',
  },
);

export const conditionSchema = z
  .strictObject({
    ifHappened: z.array(conditionItemSchema).optional(),
    unlessHappened: z.array(conditionItemSchema).optional(),
  })
  .refine((c) => (c.ifHappened?.length ?? 0) + (c.unlessHappened?.length ?? 0) > 0, 'a condition needs ifHappened or unlessHappened');

export const worldChangeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('outage.start'), what: z.string().min(1) }),
    z.strictObject({ kind: z.literal('outage.end'), what: z.string().min(1) }),
    z.strictObject({ kind: z.literal('level.review'), level: levelSchema }),
    z.strictObject({ kind: z.literal('incident.designate'), by: z.enum(['doit', 'superior', 'supervisory']) }),
  ],
  { error: 'world change kind must be outage.start, outage.end, level.review or incident.designate' },
);

export const injectSchema = z.strictObject({
  id: idSchema,
  offset: offsetSchema,
  title: bilingualSchema,
  sender: z.enum(SENDERS, { error: (iss) => `unknown sender ${JSON.stringify(iss.input)}: one of ${SENDERS.join(', ')}` }),
  senderName: bilingualSchema.optional(),
  to: roleSchema,
  channel: z.enum(INJECT_CHANNELS, { error: (iss) => `unknown channel ${JSON.stringify(iss.input)}: one of ${INJECT_CHANNELS.join(', ')}` }),
  message: bilingualSchema,
  expected: z.array(expectedActionSchema).optional(),
  notes: bilingualSchema.optional(),
  /** A contingency inject: delivered only when its condition holds at its time. */
  condition: conditionSchema.optional(),
  world: z.array(worldChangeSchema).optional(),
});

export const goldenEventSchema = z.strictObject({
  /** Optional handle for mistakes to select this event. */
  id: idSchema.optional(),
  offset: offsetSchema,
  role: roleSchema,
  type: eventTypeSchema,
  data: z.record(z.string(), z.unknown()).optional(),
});

/** Fields of a golden event that a `replace` may override. */
export const goldenPatchSchema = z.strictObject({
  offset: offsetSchema.optional(),
  role: roleSchema.optional(),
  type: eventTypeSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** A selector is a golden event's id, or an event type (then every golden event of that type). */
const selectorSchema = z.string().min(1);

export const mistakeChangeSchema = z.union(
  [
    z.strictObject({ drop: selectorSchema }),
    z.strictObject({ delay: selectorSchema, by: offsetSchema }),
    z.strictObject({ move: selectorSchema, to: offsetSchema }),
    z.strictObject({ replace: selectorSchema, with: goldenPatchSchema }),
    z.strictObject({ add: goldenEventSchema }),
  ],
  { error: 'a change is one of { drop }, { delay, by }, { move, to }, { replace, with } or { add }' },
);

const obligationIdSchema = z.enum(OBLIGATION_IDS, {
  error: (iss) => `unknown obligation ${JSON.stringify(iss.input)} (see procedure.md)`,
});

export const mistakeSchema = z.strictObject({
  name: idSchema,
  description: bilingualSchema,
  changes: z.array(mistakeChangeSchema).min(1),
  /** Exactly the obligations that fail, with their status. */
  expectFailing: z.partialRecord(obligationIdSchema, z.enum(FAILING_STATUSES)),
  /** Whether the variant still passes the default standard (default: false). */
  expectPassed: z.boolean().optional(),
});

export const scenarioSchema = z.strictObject({
  format: z.literal('taipei-drill-scenario/1', { error: 'format must be "taipei-drill-scenario/1"' }),
  meta: metaSchema,
  facts: factsSchema,
  plan: planSchema,
  injects: z.array(injectSchema).min(1),
  golden: z.array(goldenEventSchema).min(1),
  mistakes: z.array(mistakeSchema).min(1),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInject = z.infer<typeof injectSchema>;
export type GoldenEvent = z.infer<typeof goldenEventSchema>;
export type Mistake = z.infer<typeof mistakeSchema>;
