/**
 * Where the drill server keeps drills: one interface, two stores (an NDJSON log per drill on disk,
 * or PostgreSQL), one contract test suite (store-contract.ts) run against both.
 *
 * The event log is the truth (architecture.md): a drill is its meta (the setup header, the clock,
 * the join links) plus its events in seq order. `append` resolves only when the events are durable
 * (fdatasync / a committed transaction): the server announces nothing before that.
 */
import type { CityScenarios } from '@/engine/city/exercise';
import type { DrillEvent } from '@/engine/record/schema';
import { RECORD_FORMAT } from '@/engine/record/schema';
import pkg from '../../../package.json' with { type: 'json' };

/** The layout this code writes. Older layouts are read and upgraded (file-store.ts, pg-store.ts). */
export const STORE_FORMAT = 1;
export const ENGINE_VERSION: string = pkg.version;
export { RECORD_FORMAT };

/** Who a join link lets in. Roles come from here (the session), never from a message. */
export type LinkKind = 'facilitator' | 'participant' | 'observer' | 'reviewer';

export interface JoinLink {
  id: string;
  kind: LinkKind;
  /** The participant's name (participant links), as in the header's roster. */
  name?: string;
  roles: string[];
  /** SHA-256 (hex) of the link's token. The token itself is never stored. */
  tokenHash: string;
  createdWall: string;
  revokedWall?: string;
}

/** A browser's session: the hash of its cookie's value, and the link it came in through. */
export interface StoredSession {
  hash: string;
  linkId: string;
  createdWall: string;
}

export interface DrillMeta {
  id: string;
  /** The browser's StoredDrill row (title, scenario title, status…) with `header` = the setup. */
  drill: Record<string, unknown> & { header: unknown };
  /** The engine's clock state (DrillClockState), as last saved. */
  clock?: unknown;
  links: JoinLink[];
  sessions: StoredSession[];
  /** Ids of the last clock commands (they write no event), so a retry after a restart applies once. */
  clockCommands?: string[];
  /** When the clock was saved (wall ISO): a process taking the drill over runs a running clock on from it. */
  clockSavedWall?: string;
  storeFormat: number;
  recordFormat: string;
  /** package.json version of the server that created the drill / last wrote it. */
  engineVersion: string;
  writtenBy?: string;
}

/** A new drill's meta as this server writes it: its links, no sessions yet, this server's formats. */
export function newDrillMeta(id: string, drill: DrillMeta['drill'], links: JoinLink[]): DrillMeta {
  return { id, drill, links, sessions: [], storeFormat: STORE_FORMAT, recordFormat: RECORD_FORMAT, engineVersion: ENGINE_VERSION };
}

/** One stored event and the id of the command that wrote it (none for the clock's own events). */
export interface StoredEntry {
  event: DrillEvent;
  commandId?: string;
}

export interface LoadedDrill {
  meta: DrillMeta;
  entries: StoredEntry[];
}

export interface OpenReport {
  /** What was repaired on opening (a torn last line cut…), one line each, to print at start. */
  repaired: string[];
}

/**
 * A city exercise (issue 11) as stored: what every server process needs to serve its routes (the
 * board, the shared clock, the queue, results, re-drills). Each agency drill's meta also carries a
 * `city` tag (city-drills.ts); this record says which drills belong to the exercise, in DoIT's order.
 * It is written in the same transaction as its drills (createCity): a city half-created is never seen.
 */
export interface StoredCity {
  id: string;
  title: string;
  startAt: string;
  scenarios: CityScenarios;
  reviewerName: string;
  /** The agency drills, in DoIT's list order. */
  agencies: string[];
  /** Re-drills given to failing agencies (P39(3)): the new drill and the agency drill it re-drills. */
  redrills: { drillId: string; of: string }[];
  createdWall: string;
}

export interface DrillStore {
  readonly kind: 'file' | 'postgres';
  /** Opens (creates or upgrades) the store; reports what it repaired. */
  open(): Promise<OpenReport>;
  close(): Promise<void>;
  createDrill(meta: DrillMeta): Promise<void>;
  listDrills(): Promise<DrillMeta[]>;
  loadDrill(id: string): Promise<LoadedDrill | null>;
  /**
   * Appends events (seq consecutive after the last stored one); resolves once durable. `eventJson`,
   * where given, is each entry's event as `JSON.stringify` gives it (the writer serializes once for
   * the store and the broadcast).
   */
  append(drillId: string, entries: readonly StoredEntry[], eventJson?: readonly string[]): Promise<void>;
  /** Replaces the meta (clock, links, sessions…) atomically. */
  saveMeta(meta: DrillMeta): Promise<void>;
  /**
   * Reads, changes and writes the meta in one transaction (stores that several server processes
   * share: each changes only its own fields). Absent: one process owns the meta (saveMeta).
   */
  updateMeta?(id: string, change: (meta: DrillMeta) => DrillMeta): Promise<DrillMeta>;
  /**
   * Creates a city exercise and all its agency drills, all or nothing: on any failure no drill of it
   * and no record is left (refused with 'exists' when an id is taken).
   */
  createCity(city: StoredCity, drills: readonly DrillMeta[]): Promise<void>;
  /** Creates a re-drill and lists it in its exercise's record, together (all or nothing). */
  addRedrill(cityId: string, meta: DrillMeta, of: string): Promise<StoredCity>;
  listCities(): Promise<StoredCity[]>;
  loadCity(id: string): Promise<StoredCity | null>;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'seq-conflict' | 'no-drill' | 'exists' | 'io',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Fills in what a meta written by an older version lacks. */
export function upgradeMeta(raw: Partial<DrillMeta> & { id: string; drill: DrillMeta['drill'] }): DrillMeta {
  return {
    ...raw,
    id: raw.id,
    drill: raw.drill,
    links: raw.links ?? [],
    sessions: raw.sessions ?? [],
    storeFormat: raw.storeFormat ?? 0,
    recordFormat: raw.recordFormat ?? RECORD_FORMAT,
    engineVersion: raw.engineVersion ?? 'unknown',
  };
}

/**
 * The records of city exercises made before exercises had their own (older layouts): from the
 * `city` tags of their drills (agencies in DoIT's order, then re-drills in the order made).
 */
export function citiesFromTags(metas: readonly DrillMeta[]): StoredCity[] {
  const out = new Map<string, StoredCity & { order: { id: string; index: number }[] }>();
  for (const m of metas) {
    const c = m.drill.city as { exerciseId?: unknown; title?: string; startAt?: string; scenarios?: StoredCity['scenarios']; reviewerName?: string; index?: number; redrillOf?: string } | undefined;
    if (!c || typeof c !== 'object' || typeof c.exerciseId !== 'string') continue;
    let city = out.get(c.exerciseId);
    if (!city) {
      city = { id: c.exerciseId, title: c.title ?? '', startAt: c.startAt ?? '', scenarios: c.scenarios!, reviewerName: c.reviewerName ?? '', agencies: [], redrills: [], createdWall: String(m.drill.createdWall ?? ''), order: [] };
      out.set(c.exerciseId, city);
    }
    if (typeof c.redrillOf === 'string') city.redrills.push({ drillId: m.id, of: c.redrillOf });
    else city.order.push({ id: m.id, index: Number(c.index ?? 0) });
  }
  return [...out.values()].map(({ order, ...city }) => ({ ...city, agencies: order.sort((a, b) => a.index - b.index || a.id.localeCompare(b.id)).map((o) => o.id) }));
}
