/**
 * A small fluent builder of drill records for tests (and for anyone who needs a record in code).
 * Time is given as an offset from T0 ('40m', '1h', '59m59s', '3d2h', '-5m') or as ISO text.
 *
 *   const record = recordBuilder({ level: 3 })
 *     .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
 *     .on('40m', 'report.submitted', { level: 3 }, 'reporting-contact')
 *     .build();
 *
 * The record starts with `incident.aware` at T0 (seq 1) unless `aware: false` is given.
 */
import { formatTaipei, parseIsoMs } from '../time/taipei';
import { RECORD_FORMAT, type Agency, type DrillEvent, type DrillRecord, type ScenarioFacts, type TeamMember } from './schema';
import type { ActorRole, Level } from './vocabulary';
import { engineText } from '../text/engine-text';

export interface RecordBuilderOptions {
  /** T0, ISO with offset. Default 2026-03-02T09:00:00+08:00. */
  t0?: string;
  /** scenario.referenceLevel. Default 3. */
  level?: Level;
  agency?: Partial<Agency>;
  scenario?: Partial<ScenarioFacts>;
  /** Add incident.aware at T0 as seq 1. Default true. */
  aware?: boolean;
}

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** '1h0m1s' → 3,601,000 ms; '-5m' → -300,000. */
export function durationMs(text: string): number {
  const m = /^([+-])?((?:\d+(?:d|h|ms|m|s))+)$/.exec(text.trim());
  if (m === null) throw new Error(`not a duration: "${text}" (use e.g. 40m, 1h0m1s, 3d)`);
  let total = 0;
  for (const part of m[2].matchAll(/(\d+)(d|h|ms|m|s)/g)) total += Number(part[1]) * UNIT_MS[part[2]];
  return m[1] === '-' ? -total : total;
}

export class RecordBuilder {
  private readonly t0Ms: number;
  private agencyFacts: Agency;
  private scenarioFacts: ScenarioFacts;
  private readonly events: DrillEvent[] = [];
  private extra: Record<string, unknown> = {};
  private nextSeq = 1;

  constructor(options: RecordBuilderOptions = {}) {
    const t0 = options.t0 ?? '2026-03-02T09:00:00+08:00';
    this.t0Ms = parseIsoMs(t0);
    if (Number.isNaN(this.t0Ms)) throw new Error(`recordBuilder: t0 "${t0}" is not ISO 8601 with an offset`);
    this.agencyFacts = { name: engineText('zh-TW', 'record.testAgency'), type: 'agency', hasItUnit: true, hasSecurityOfficer: true, ...options.agency };
    this.scenarioFacts = { id: 'test-scenario', referenceLevel: options.level ?? 3, ...options.scenario };
    if (options.aware !== false) this.on('0s', 'incident.aware', {}, 'facilitator');
  }

  /** The moment `offset` after T0 (or the ISO text itself), as ISO +08:00. */
  time(offset: string): string {
    if (/^\d{4}-/.test(offset)) return offset;
    return formatTaipei(this.t0Ms + durationMs(offset));
  }

  agency(facts: Partial<Agency>): this {
    this.agencyFacts = { ...this.agencyFacts, ...facts };
    return this;
  }

  scenario(facts: Partial<ScenarioFacts>): this {
    this.scenarioFacts = { ...this.scenarioFacts, ...facts };
    return this;
  }

  /** Extra top-level fields (e.g. `standard`). */
  set(fields: Record<string, unknown>): this {
    this.extra = { ...this.extra, ...fields };
    return this;
  }

  /** Adds an event at `offset` from T0 (or at an ISO moment), with the next seq. */
  on(offset: string, type: string, data: Record<string, unknown> = {}, role: ActorRole = 'facilitator', extra: Partial<DrillEvent> = {}): this {
    this.events.push({ seq: this.nextSeq++, at: this.time(offset), actor: { role }, type, data, ...extra });
    return this;
  }

  /** Shorthand for a team.formed with members given as [role, position] or full members. */
  team(offset: string, members: Array<[ActorRole, TeamMember['position']] | TeamMember>, role: ActorRole = 'commander'): this {
    const list = members.map((m) => (Array.isArray(m) ? { role: m[0], position: m[1], name: `${m[0]} ${m[1]}` } : m));
    return this.on(offset, 'team.formed', { members: list }, role);
  }

  build(): DrillRecord {
    return {
      format: RECORD_FORMAT,
      agency: { ...this.agencyFacts },
      scenario: { ...this.scenarioFacts },
      events: this.events.map((e) => ({ ...e })),
      ...this.extra,
    } as DrillRecord;
  }

  json(space?: number): string {
    return JSON.stringify(this.build(), null, space);
  }
}

export function recordBuilder(options: RecordBuilderOptions = {}): RecordBuilder {
  return new RecordBuilder(options);
}
