/**
 * What scoring needs to know about a record, computed once: the events that count (up to
 * drill.ended and the evaluation moment), T0, the evaluation time, events by type, outages and
 * the level in force (drill-record.md "Scoring").
 */
import type { Agency, DrillEvent, DrillRecord } from '../record/schema';
import type { Level, OversightBody } from '../record/vocabulary';
import { isApproval, isLevel, levelInForceOf, outageAfter } from '../rules/level-in-force';
import { parseIsoMs, toMs } from '../time/taipei';

/** One span during which the reporting website could not be reached (settled point 3). */
export interface Outage {
  /** The `what` of the outage.started that began it (a description only). */
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

  /** Settled point 3: spans from an outage.started while reachable to the next outage.ended in seq order. */
  private buildOutages(): void {
    const bounds = [...this.all('outage.started'), ...this.all('outage.ended')].sort((a, b) => a.seq - b.seq);
    let open: Outage | null = null;
    for (const e of bounds) {
      const after = outageAfter(open === null ? null : open.what, e);
      if (open === null && after !== null) {
        open = { what: after, startSeq: e.seq, startMs: this.ms(e), endSeq: null, endMs: null };
        this.outages.push(open);
      } else if (open !== null && after === null) {
        open.endSeq = e.seq;
        open.endMs = this.ms(e);
        open = null;
      }
    }
  }

  /** The outage in progress at an event (started before it by seq, not yet ended), if any. */
  outageAt(seq: number): Outage | undefined {
    return this.outages.find((o) => o.startSeq < seq && (o.endSeq === null || o.endSeq > seq));
  }

  /** Settled point 6: a report.phoned with no `to` is a report to ACS (`to` is closed to `acs`, point 14). */
  isPhoneToAcs(e: DrillEvent): boolean {
    const to = this.data(e).to;
    return e.type === 'report.phoned' && (to === undefined || to === 'acs');
  }

  /** The first report that counts for report-1h: website, or phone to ACS during an outage (P10, P11). */
  get firstCountingReport(): DrillEvent | undefined {
    return this.firstOf(['report.submitted', 'report.phoned'], (e) => e.type === 'report.submitted' || (this.isPhoneToAcs(e) && this.outageAt(e.seq) !== undefined));
  }

  /** The first report of any kind (website or phone), for report-approval. */
  get firstAnyReport(): DrillEvent | undefined {
    return this.firstOf(['report.submitted', 'report.phoned']);
  }

  /** The first report that carries a level (website, or phone with a level). */
  get firstLeveledReport(): DrillEvent | undefined {
    return this.firstOf(['report.submitted', 'report.phoned'], (e) => isLevel(this.data(e).level));
  }

  private approvalsCache: readonly DrillEvent[] | undefined;
  /** Settled point 8: the level.approved events that are approvals (by `ciso` or `authorized`). */
  get approvals(): readonly DrillEvent[] {
    return (this.approvalsCache ??= this.all('level.approved').filter(isApproval));
  }

  /**
   * The level in force (drill-record.md "The level in force", settled point 1): the last
   * level.reviewed with a lower seq than `beforeSeq` (a review at the same `at` but a later seq does
   * not count); the rest of the rule is rules/level-in-force.ts, which the incident machine calls too.
   */
  levelBeforeSeq(beforeSeq: number): Level {
    // What-if re-scoring (review only): every level-dependent rule at the given level.
    if (this.levelOverride !== undefined) return this.levelOverride;
    let reviewed: Level | null = null;
    for (const e of this.all('level.reviewed')) {
      if (e.seq >= beforeSeq) break; // by type, in seq order
      const l = this.data(e).level;
      if (isLevel(l)) reviewed = l;
    }
    return levelInForceOf({ reviewed, ...this.baseLevels });
  }

  /** The level in force when an event was done (settled point 1: reviews before it in seq). */
  levelWhen(e: DrillEvent): Level {
    return this.levelBeforeSeq(e.seq);
  }

  /** The level in force at the evaluation time (every review that counts). */
  get levelAtEvaluation(): Level {
    return this.levelBeforeSeq(Infinity);
  }

  private get baseLevels(): { firstReport: Level | null; approved: Level | null; reference: Level } {
    const report = this.firstLeveledReport;
    const approved = this.approvals.find((e) => isLevel(this.data(e).level));
    return {
      firstReport: report !== undefined ? (this.data(report).level as Level) : null,
      approved: approved !== undefined ? (this.data(approved).level as Level) : null,
      reference: this.record.scenario.referenceLevel,
    };
  }
}
