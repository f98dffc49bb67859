/**
 * What scoring needs to know about a record, computed once: the events that count (up to
 * drill.ended and the evaluation moment), T0, the evaluation time, events by type, outages and
 * the level in force (drill-record.md "Scoring").
 */
import type { Agency, DrillEvent, DrillRecord } from '../record/schema';
import type { Level, OversightBody } from '../record/vocabulary';
import { parseIsoMs, toMs } from '../time/taipei';

export interface Outage {
  what: string;
  startSeq: number;
  startMs: number;
  endSeq: number | null;
  endMs: number | null;
}

export type EventData = Record<string, unknown>;

export class ScoringContext {
  readonly record: DrillRecord;
  /** Events that count, in seq order. */
  readonly events: readonly DrillEvent[];
  readonly t0Ms: number;
  readonly aware: DrillEvent;
  /** The evaluation time (drill-record.md: drill.ended's at, else the last event's at; or the moment asked for). */
  readonly evalMs: number;
  readonly byType = new Map<string, DrillEvent[]>();
  readonly outages: Outage[] = [];
  readonly oversight: OversightBody[];
  private readonly msCache = new Map<DrillEvent, number>();

  /** What-if only (ScoreOptions.levelOverride): the level every limit is judged at, instead of the level in force. */
  readonly levelOverride: Level | undefined;

  constructor(record: DrillRecord, evaluateAt?: string | number, levelOverride?: Level) {
    this.record = record;
    this.levelOverride = levelOverride;
    let all = record.events;
    for (let i = 1; i < all.length; i++) {
      if (all[i].seq < all[i - 1].seq) {
        all = [...all].sort((a, b) => a.seq - b.seq);
        break;
      }
    }
    const aware = all.find((e) => e.type === 'incident.aware');
    if (aware === undefined) throw new Error('scoreRecord: the record has no incident.aware event (validate it with validateDrillRecord first)');
    this.aware = aware;
    this.t0Ms = this.ms(aware);

    // Events after drill.ended are ignored.
    const endedIndex = all.findIndex((e) => e.type === 'drill.ended');
    let cut = endedIndex === -1 ? all.length : endedIndex + 1;
    let evalMs: number;
    if (evaluateAt !== undefined) {
      const at = toMs(evaluateAt);
      // `at` never decreases with seq: binary search the last event at or before the moment.
      let lo = 0;
      let hi = cut;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.ms(all[mid]) <= at) lo = mid + 1;
        else hi = mid;
      }
      cut = lo;
      // Once the drill has ended, its end is the evaluation time however late one looks.
      evalMs = endedIndex !== -1 && endedIndex < cut ? this.ms(all[endedIndex]) : at;
    } else {
      evalMs = endedIndex !== -1 ? this.ms(all[endedIndex]) : cut > 0 ? this.ms(all[cut - 1]) : this.t0Ms;
    }
    this.evalMs = evalMs;
    this.events = cut === all.length ? all : all.slice(0, cut);

    for (const e of this.events) {
      let list = this.byType.get(e.type);
      if (list === undefined) this.byType.set(e.type, (list = []));
      list.push(e);
    }
    this.buildOutages();
    const agency = record.agency;
    // drill-record.md: absent oversight means ["supervisory"] for an administrative corporation, ["superior"] otherwise.
    this.oversight = agency.oversight ?? (agency.type === 'administrative-corporation' ? ['supervisory'] : ['superior']);
  }

  get agency(): Agency {
    return this.record.agency;
  }
  get isSchool(): boolean {
    return this.record.agency.type === 'school';
  }
  get isDoit(): boolean {
    return this.record.agency.type === 'doit';
  }
  get isEquipmentFailure(): boolean {
    return this.record.scenario.category === 'equipment-failure';
  }

  /** Epoch ms of an event's `at` (cached). */
  ms(e: DrillEvent): number {
    let v = this.msCache.get(e);
    if (v === undefined) {
      v = parseIsoMs(e.at);
      this.msCache.set(e, v);
    }
    return v;
  }

  data(e: DrillEvent): EventData {
    return (e.data ?? {}) as EventData;
  }

  all(type: string): readonly DrillEvent[] {
    return this.byType.get(type) ?? [];
  }

  /** The first event of a type, optionally only after (by seq) a given seq. */
  first(type: string, afterSeq = -Infinity): DrillEvent | undefined {
    return this.all(type).find((e) => e.seq > afterSeq);
  }

  /** The first event of any of the types (by seq). */
  firstOf(types: readonly string[], pred: (e: DrillEvent) => boolean = () => true): DrillEvent | undefined {
    let best: DrillEvent | undefined;
    for (const t of types) {
      const e = this.all(t).find(pred);
      if (e !== undefined && (best === undefined || e.seq < best.seq)) best = e;
    }
    return best;
  }

  private buildOutages(): void {
    const bounds = [...this.all('outage.started'), ...this.all('outage.ended')].sort((a, b) => a.seq - b.seq);
    for (const e of bounds) {
      const what = String(this.data(e).what ?? '');
      if (e.type === 'outage.started') {
        this.outages.push({ what, startSeq: e.seq, startMs: this.ms(e), endSeq: null, endMs: null });
        continue;
      }
      const open = this.outages.filter((o) => o.endSeq === null);
      // An end closes the open outage of the same kind; an end that names no open kind closes them all.
      const matching = open.filter((o) => o.what === what);
      for (const o of matching.length > 0 ? matching.slice(0, 1) : open) {
        o.endSeq = e.seq;
        o.endMs = this.ms(e);
      }
    }
  }

  /** Outages in progress at an event (started before it by seq, not yet ended). */
  outagesAt(seq: number): Outage[] {
    return this.outages.filter((o) => o.startSeq < seq && (o.endSeq === null || o.endSeq > seq));
  }

  /** A report.phoned counts as a report to ACS (`to` is acs, or not given: the event is "report given to ACS"). */
  isPhoneToAcs(e: DrillEvent): boolean {
    const to = this.data(e).to;
    return e.type === 'report.phoned' && (to === undefined || to === 'acs');
  }

  /** The first report that counts for report-1h: website, or phone to ACS during an outage (P10, P11). */
  get firstCountingReport(): DrillEvent | undefined {
    return this.firstOf(['report.submitted', 'report.phoned'], (e) => e.type === 'report.submitted' || (this.isPhoneToAcs(e) && this.outagesAt(e.seq).length > 0));
  }

  /** The first report of any kind (website or phone), for report-approval. */
  get firstAnyReport(): DrillEvent | undefined {
    return this.firstOf(['report.submitted', 'report.phoned']);
  }

  /** The first report that carries a level (website, or phone with a level). */
  get firstLeveledReport(): DrillEvent | undefined {
    return this.firstOf(['report.submitted', 'report.phoned'], (e) => isLevel(this.data(e).level));
  }

  /**
   * The level in force at a moment (drill-record.md "The level in force"): the last level.reviewed
   * at or before that moment; else the first report's level (whenever filed); else the first
   * level.approved; else scenario.referenceLevel. The contract defines it on moments, so a review
   * at the same `at` as an action is in force for it whatever their seq order.
   */
  levelAtMs(ms: number): Level {
    if (this.levelOverride !== undefined) return this.levelOverride;
    let reviewed: Level | undefined;
    for (const e of this.all('level.reviewed')) {
      if (this.ms(e) > ms) break; // `at` never decreases with seq
      const l = this.data(e).level;
      if (isLevel(l)) reviewed = l;
    }
    if (reviewed !== undefined) return reviewed;
    return this.baseLevel;
  }

  /** The level in force when an event was done (at its `at`). */
  levelWhen(e: DrillEvent): Level {
    return this.levelAtMs(this.ms(e));
  }

  /** The level in force at the evaluation time. */
  get levelAtEvaluation(): Level {
    return this.levelAtMs(Infinity);
  }

  private get baseLevel(): Level {
    const report = this.firstLeveledReport;
    if (report !== undefined) return this.data(report).level as Level;
    const approved = this.all('level.approved').find((e) => isLevel(this.data(e).level));
    if (approved !== undefined) return this.data(approved).level as Level;
    return this.record.scenario.referenceLevel;
  }
}

export const isLevel = (v: unknown): v is Level => v === 1 || v === 2 || v === 3 || v === 4;
