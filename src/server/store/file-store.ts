/**
 * The embedded store: a folder per drill under `<dataDir>/drills/`, with
 * - `events.ndjson`: one line per event, `{"seq":n,"cmd":"…","event":{…}}`, append-only: the
 *   readable log of the drill (exports, CLIs and a restart read it);
 * - `meta.json`: the setup, clock, links and sessions, replaced atomically (temp file, fsync, rename).
 * `<dataDir>/index.json` lists the drills (also replaced atomically), and `<dataDir>/cities/<id>.json`
 * holds each city exercise's record (issue 11). A drill exists once the index lists it: a city
 * exercise's drill folders are made first, its record next, and the index last, so a failure or a
 * crash midway leaves nothing that counts; `open()` removes what such an unfinished creation left.
 *
 * Group commit across drills (issue 9): appends are first written to one shared journal,
 * `<dataDir>/journal.ndjson` (write-ahead log: one line per event, `{"d":"<drill>","seq":n,"cmd":"…",
 * "event":{…}}`). Every append made in the same turn of the event loop (a burst: every drill's
 * writer at once) goes into one write and one fdatasync of the journal, and `append` resolves only
 * after it: nothing is announced before it is durable. Then the lines go to each drill's
 * `events.ndjson`, which is not synced per write but at checkpoints: when the journal passes
 * JOURNAL_CHECKPOINT_BYTES it is renamed `journal.old.ndjson` (new appends go to a fresh journal),
 * the drill logs written meanwhile are fdatasync'd, and the old journal is deleted. `close()`
 * checkpoints everything.
 *
 * On start (`open()`): a torn last line of a drill log or of a journal (a write cut short by a
 * crash) is cut and the cut reported; such an event was never acknowledged, since `append` had not
 * returned. Then the journals (old, then current) are replayed into the drill logs: an event a drill
 * log already holds (same seq) is skipped, so nothing is stored twice, and a drill log's damaged
 * unsynced tail is cut where the journal has its events. The drill logs are synced, the journals
 * deleted, and the replay reported. No native modules: node:fs only.
 */
import { promises as fs, constants as fsc } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DrillEvent } from '@/engine/record/schema';
import { citiesFromTags, StoreError, STORE_FORMAT, upgradeMeta, type DrillMeta, type DrillStore, type LoadedDrill, type OpenReport, type StoredCity, type StoredEntry } from './store';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

interface Tail {
  lastSeq: number;
  size: number;
}

/** One NDJSON line → entry. Store format 0 wrote the bare event per line; 1 wraps it with its command id. */
function entryOfLine(line: string): StoredEntry {
  const value = JSON.parse(line) as Record<string, unknown>;
  if (value && typeof value === 'object' && value.event && typeof value.event === 'object') {
    return { event: value.event as DrillEvent, ...(typeof value.cmd === 'string' ? { commandId: value.cmd } : {}) };
  }
  if (value && typeof value === 'object' && typeof value.seq === 'number' && typeof value.type === 'string') return { event: value as unknown as DrillEvent };
  throw new Error('not an event line');
}

/**
 * Whole lines of an events file, and where a torn tail (if any) begins. `damagedOk`: a bad line
 * before the end is also treated as the start of a torn tail (the caller holds those events elsewhere).
 */
function splitLog(text: string, file: string, damagedOk = false): { entries: StoredEntry[]; goodBytes: number; torn: string | null } {
  const entries: StoredEntry[] = [];
  let offset = 0;
  let goodBytes = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const line = nl === -1 ? text.slice(offset) : text.slice(offset, nl);
    const isLast = nl === -1 || nl === text.length - 1;
    if (nl === -1) return { entries, goodBytes, torn: `no newline after the last ${Buffer.byteLength(line)} bytes` };
    if (line.trim() === '') {
      offset = nl + 1;
      goodBytes = Buffer.byteLength(text.slice(0, offset));
      continue;
    }
    try {
      entries.push(entryOfLine(line));
    } catch (e) {
      if (isLast) return { entries, goodBytes, torn: `the last line does not parse (${(e as Error).message})` };
      if (damagedOk) return { entries, goodBytes, torn: `line ${entries.length + 1} does not parse (${(e as Error).message})` };
      throw new StoreError(`${file}: line ${entries.length + 1}: not a stored event (${(e as Error).message}); the file is damaged before its end, so it is not repaired automatically`, 'io');
    }
    offset = nl + 1;
    goodBytes = Buffer.byteLength(text.slice(0, offset));
  }
  return { entries, goodBytes, torn: null };
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, path);
}

export async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, fsc.O_RDONLY);
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await fh.close();
  }
}

/** The shared journal's size at which it is checkpointed (drill logs synced, journal deleted). */
export const JOURNAL_CHECKPOINT_BYTES = 8 * 1024 * 1024;
/** How long journaled lines wait before they are written to their drill logs (groups coalesce). */
const LOG_WRITE_DELAY_MS = 100;
const JOURNAL = 'journal.ndjson';
const OLD_JOURNAL = 'journal.old.ndjson';

interface PendingAppend {
  drillId: string;
  entries: readonly StoredEntry[];
  /** The drill log's lines for these entries, and the journal's. */
  text: string;
  journalText: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** One journal line → drill id and entry. */
function journalEntryOf(line: string): { drillId: string; entry: StoredEntry } {
  const value = JSON.parse(line) as Record<string, unknown>;
  if (!value || typeof value !== 'object' || typeof value.d !== 'string' || !value.event || typeof value.event !== 'object') throw new Error('not a journal line');
  return { drillId: value.d, entry: { event: value.event as DrillEvent, ...(typeof value.cmd === 'string' ? { commandId: value.cmd } : {}) } };
}

/** Whole lines of a journal, and where a torn tail (if any) begins. A bad line before the end is damage. */
function splitJournal(text: string, file: string): { entries: { drillId: string; entry: StoredEntry }[]; goodBytes: number; torn: string | null } {
  const entries: { drillId: string; entry: StoredEntry }[] = [];
  let offset = 0;
  let goodBytes = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return { entries, goodBytes, torn: `no newline after the last ${Buffer.byteLength(text.slice(offset))} bytes` };
    const line = text.slice(offset, nl);
    if (line.trim() !== '') {
      try {
        entries.push(journalEntryOf(line));
      } catch (e) {
        if (nl === text.length - 1) return { entries, goodBytes, torn: `the last line does not parse (${(e as Error).message})` };
        throw new StoreError(`${file}: line ${entries.length + 1}: not a journal line (${(e as Error).message}); the journal is damaged before its end, so it is not replayed automatically`, 'io');
      }
    }
    offset = nl + 1;
    goodBytes = Buffer.byteLength(text.slice(0, offset));
  }
  return { entries, goodBytes, torn: null };
}

/** Writes every byte (a write may take fewer than asked: it goes on from there). */
async function writeAll(fh: fs.FileHandle, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done);
    if (bytesWritten <= 0) throw new Error(`wrote 0 of ${bytes.length - done} bytes`);
    done += bytesWritten;
  }
}

const logLine = (e: StoredEntry): string => JSON.stringify({ seq: e.event.seq, ...(e.commandId ? { cmd: e.commandId } : {}), event: e.event }) + '\n';
/**
 * The same line, from the event's JSON already made (each event is serialized once for the journal
 * and its log). Byte for byte what `logLine` writes: JSON.stringify of `{seq, cmd?, event}`.
 */
const logLineOf = (e: StoredEntry, eventJson: string): string => `{"seq":${e.event.seq}${e.commandId ? `,"cmd":${JSON.stringify(e.commandId)}` : ''},"event":${eventJson}}\n`;
/** A journal line: the drill's id before the log line's fields. */
const journalLineOf = (drillId: string, e: StoredEntry, eventJson: string): string => `{"d":${JSON.stringify(drillId)},${logLineOf(e, eventJson).slice(1)}`;

export class FileStore implements DrillStore {
  readonly kind = 'file' as const;
  private readonly tails = new Map<string, Tail>();
  private readonly handles = new Map<string, fs.FileHandle>();
  /** Group commit: appends waiting for the next journal write, and whether one is under way. */
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;
  private journal: fs.FileHandle | null = null;
  private journalSize = 0;
  /** Per drill: the writes of journaled lines into its log, in order (chained). */
  private readonly logWrites = new Map<string, Promise<void>>();
  /** Per drill: journaled lines not yet handed to a log write (LOG_WRITE_DELAY_MS). */
  private readonly unwritten = new Map<string, { text: string; entries: StoredEntry[] }>();
  private logTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Per drill: lines that are durable in the journal but could not be written to its log yet (an
   * I/O error after the journal write); written before its next lines, and the journal is not
   * checkpointed away while any remain.
   */
  private readonly behind = new Map<string, { text: string; entries: StoredEntry[] }>();
  /** Drill logs written since the current journal began (synced at its checkpoint). */
  private dirty = new Set<string>();
  private checkpointing: Promise<void> | null = null;
  /** Where the journal must be cut before its next write (a failed write whose cut failed too). */
  private cutJournalTo: number | null = null;
  /** An old journal kept after a failed checkpoint (replayed at the next start). */
  private oldKept = false;

  /** `checkpointBytes`: the journal's size at which it is checkpointed (smaller in tests). */
  constructor(
    readonly dataDir: string,
    private readonly checkpointBytes = JOURNAL_CHECKPOINT_BYTES,
  ) {}

  private drillDir(id: string): string {
    if (!SAFE_ID.test(id)) throw new StoreError(`drill id ${JSON.stringify(id)}: only letters, digits, '.', '_' and '-' (at most 128)`, 'no-drill');
    return join(this.dataDir, 'drills', id);
  }

  private logFile(id: string): string {
    return join(this.drillDir(id), 'events.ndjson');
  }

  async open(): Promise<OpenReport> {
    await fs.mkdir(join(this.dataDir, 'drills'), { recursive: true });
    const repaired: string[] = await this.openCities();
    // The journals, oldest first: what they hold per drill (a torn tail is cut).
    const journaled = new Map<string, StoredEntry[]>();
    const journalFiles: string[] = [];
    for (const name of [OLD_JOURNAL, JOURNAL]) {
      const file = join(this.dataDir, name);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        continue;
      }
      journalFiles.push(file);
      const split = splitJournal(text, file);
      if (split.torn) {
        const total = Buffer.byteLength(text);
        await fs.truncate(file, split.goodBytes);
        repaired.push(`${file}: cut ${total - split.goodBytes} bytes of a torn last line at byte ${split.goodBytes} (${split.torn}); it was never acknowledged`);
      }
      for (const { drillId, entry } of split.entries) {
        const list = journaled.get(drillId) ?? [];
        list.push(entry);
        journaled.set(drillId, list);
      }
    }
    const ids = new Set((await fs.readdir(join(this.dataDir, 'drills'))).filter((id) => SAFE_ID.test(id)));
    for (const id of ids) {
      const file = this.logFile(id);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        continue;
      }
      const fromJournal = journaled.get(id) ?? [];
      const split = splitLog(text, file, fromJournal.length > 0);
      let lastSeq = split.entries.at(-1)?.event.seq ?? 0;
      const replay = fromJournal.filter((e) => e.event.seq > lastSeq);
      if (split.torn) {
        const damaged = !split.torn.startsWith('no newline') && !split.torn.startsWith('the last line');
        // Damage before the end is repaired only where the journal holds the events from there on.
        if (damaged && replay[0]?.event.seq !== lastSeq + 1) {
          throw new StoreError(`${file}: ${split.torn} after seq ${lastSeq}, and the journal does not hold seq ${lastSeq + 1}; the file is damaged before its end, so it is not repaired automatically`, 'io');
        }
        const total = Buffer.byteLength(text);
        await fs.truncate(file, split.goodBytes);
        repaired.push(
          damaged
            ? `${file}: cut ${total - split.goodBytes} bytes of a damaged unsynced tail at byte ${split.goodBytes} (${split.torn}); the journal holds its events from seq ${lastSeq + 1}`
            : `${file}: cut ${total - split.goodBytes} bytes of a torn last line at byte ${split.goodBytes} (${split.torn}); it was never acknowledged`,
        );
      }
      let size = split.goodBytes;
      if (replay.length > 0) {
        replay.forEach((e, i) => {
          if (e.event.seq !== lastSeq + 1 + i) throw new StoreError(`${file}: the journal's events for drill ${id} jump from seq ${lastSeq + i} to ${e.event.seq}; not replayed`, 'io');
        });
        const bytes = Buffer.from(replay.map(logLine).join(''), 'utf8');
        const fh = await fs.open(file, 'a');
        try {
          await writeAll(fh, bytes);
          await fh.datasync();
        } finally {
          await fh.close();
        }
        size += bytes.length;
        lastSeq += replay.length;
        repaired.push(`${file}: ${replay.length} event(s) (seq ${replay[0].event.seq}–${lastSeq}) replayed from the journal`);
      }
      this.tails.set(id, { lastSeq, size });
    }
    for (const id of journaled.keys()) if (!ids.has(id)) repaired.push(`journal: events of drill ${id}, which has no folder, were not replayed`);
    // Every journaled event is now in a synced drill log: the journals go.
    for (const file of journalFiles) await fs.rm(file, { force: true });
    if (journalFiles.length) await syncDir(this.dataDir);
    return { repaired };
  }

  async close(): Promise<void> {
    await this.settle();
    await this.checkpointAll().catch(() => undefined);
    for (const fh of this.handles.values()) await fh.close().catch(() => undefined);
    this.handles.clear();
    this.dirty.clear();
  }

  /** Waits until no append is waiting or being written and every log write is done. */
  private async settle(): Promise<void> {
    while (this.flushing || this.pending.length || this.checkpointing) {
      await (this.flushing ?? this.checkpointing ?? new Promise((r) => setImmediate(r)));
    }
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = null;
    this.startLogWrites();
    await Promise.all(this.logWrites.values());
  }

  async createDrill(meta: DrillMeta): Promise<void> {
    await this.makeDrill(meta);
    await this.addToIndex([meta.id]);
  }

  /** A drill's folder, empty log and meta; it counts once the index lists it (addToIndex). */
  protected async makeDrill(meta: DrillMeta): Promise<void> {
    const dir = this.drillDir(meta.id);
    try {
      await fs.mkdir(dir, { recursive: false });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new StoreError(`drill ${meta.id} already exists`, 'exists');
      throw e;
    }
    await fs.writeFile(join(dir, 'events.ndjson'), '', { flag: 'wx' });
    await this.saveMeta(meta);
    this.tails.set(meta.id, { lastSeq: 0, size: 0 });
  }

  private indexing: Promise<unknown> = Promise.resolve();

  /** Adds drills to the index (one change at a time, so two creations never lose each other's). */
  protected addToIndex(ids: readonly string[]): Promise<void> {
    const run = this.indexing.then(async () => {
      const listed = (await this.listIds()).filter((x) => !ids.includes(x));
      await writeAtomically(join(this.dataDir, 'index.json'), JSON.stringify({ storeFormat: STORE_FORMAT, drills: [...listed, ...ids] }, null, 1));
      await syncDir(this.dataDir);
      await syncDir(join(this.dataDir, 'drills'));
    });
    this.indexing = run.catch(() => undefined);
    return run;
  }

  /** Takes back drill folders that never made it into the index. */
  private async unmake(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      this.tails.delete(id);
      const fh = this.handles.get(id);
      this.handles.delete(id);
      await fh?.close().catch(() => undefined);
      await fs.rm(this.drillDir(id), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  // ── city exercises (issue 11) ───────────────────────────────────────────────────────────────

  private cityFile(id: string): string {
    if (!SAFE_ID.test(id)) throw new StoreError(`city exercise id ${JSON.stringify(id)}: only letters, digits, '.', '_' and '-' (at most 128)`, 'no-drill');
    return join(this.dataDir, 'cities', `${id}.json`);
  }

  protected async writeCity(city: StoredCity): Promise<void> {
    await fs.mkdir(join(this.dataDir, 'cities'), { recursive: true });
    await writeAtomically(this.cityFile(city.id), JSON.stringify(city, null, 1));
    await syncDir(join(this.dataDir, 'cities'));
  }

  async createCity(city: StoredCity, drills: readonly DrillMeta[]): Promise<void> {
    if (await this.loadCity(city.id)) throw new StoreError(`city exercise ${city.id} already exists`, 'exists');
    const made: string[] = [];
    let recorded = false;
    try {
      for (const meta of drills) {
        await this.makeDrill(meta);
        made.push(meta.id);
      }
      await this.writeCity(city);
      recorded = true;
      await this.addToIndex(made);
    } catch (e) {
      // All or nothing: what was made of it goes (a crash here is cleaned by open()).
      if (recorded) await fs.rm(this.cityFile(city.id), { force: true }).catch(() => undefined);
      await this.unmake(made);
      throw e;
    }
  }

  async addRedrill(cityId: string, meta: DrillMeta, of: string): Promise<StoredCity> {
    const city = await this.loadCity(cityId);
    if (!city) throw new StoreError(`no city exercise ${cityId}`, 'no-drill');
    const next: StoredCity = { ...city, redrills: [...city.redrills, { drillId: meta.id, of }] };
    await this.makeDrill(meta);
    let recorded = false;
    try {
      await this.writeCity(next);
      recorded = true;
      await this.addToIndex([meta.id]);
    } catch (e) {
      if (recorded) await this.writeCity(city).catch(() => undefined);
      await this.unmake([meta.id]);
      throw e;
    }
    return next;
  }

  async listCities(): Promise<StoredCity[]> {
    let files: string[];
    try {
      files = (await fs.readdir(join(this.dataDir, 'cities'))).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return [];
    }
    const out: StoredCity[] = [];
    for (const f of files) {
      const city = await this.loadCity(f.slice(0, -'.json'.length));
      if (city) out.push(city);
    }
    return out;
  }

  async loadCity(id: string): Promise<StoredCity | null> {
    if (!SAFE_ID.test(id)) return null;
    try {
      return JSON.parse(await fs.readFile(this.cityFile(id), 'utf8')) as StoredCity;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError(`${this.cityFile(id)}: ${(e as Error).message}`, 'io');
    }
  }

  /**
   * At open: a folder from before city records gets them from its drills' tags; otherwise what an
   * unfinished creation left (a record whose drills the index does not list, drill folders the index
   * does not list) is removed. Nothing of it was ever acknowledged.
   */
  private async openCities(): Promise<string[]> {
    const repaired: string[] = [];
    const citiesDir = join(this.dataDir, 'cities');
    const hadCities = await fs.stat(citiesDir).then(
      () => true,
      () => false,
    );
    if (!hadCities) {
      const made = citiesFromTags(await this.listDrills());
      await fs.mkdir(citiesDir, { recursive: true });
      for (const city of made) await this.writeCity(city);
      if (made.length) repaired.push(`${citiesDir}: ${made.length} city exercise record(s) made from their drills' tags (older layout)`);
      return repaired;
    }
    const listed = await this.readIndex();
    if (!listed) return repaired;
    for (const city of await this.listCities()) {
      if (!city.agencies.every((id) => listed.has(id))) {
        await fs.rm(this.cityFile(city.id), { force: true });
        repaired.push(`${this.cityFile(city.id)}: removed an unfinished city exercise (its drills were never all created)`);
        continue;
      }
      const redrills = city.redrills.filter((r) => listed.has(r.drillId));
      if (redrills.length !== city.redrills.length) {
        await this.writeCity({ ...city, redrills });
        repaired.push(`${this.cityFile(city.id)}: dropped ${city.redrills.length - redrills.length} re-drill(s) never created`);
      }
    }
    // Folders the index does not list: a city exercise's drill (no surviving record lists it) with no
    // events is what an unfinished creation left, and goes, as does a folder with neither meta nor
    // events; any other (a drill with events, a plain drill's meta) is listed again, never deleted.
    const relist: string[] = [];
    for (const id of (await fs.readdir(join(this.dataDir, 'drills'))).sort()) {
      if (!SAFE_ID.test(id) || listed.has(id)) continue;
      const dir = this.drillDir(id);
      const events = await fs.readFile(join(dir, 'events.ndjson'), 'utf8').catch(() => '');
      const meta = await this.readMeta(id).catch(() => null);
      const tag = meta?.drill.city as { exerciseId?: unknown } | undefined;
      if (events.trim() === '' && (!meta || typeof tag?.exerciseId === 'string')) {
        await fs.rm(dir, { recursive: true, force: true });
        repaired.push(`${dir}: removed a drill folder never completed (not in index.json)`);
      } else if (meta) {
        relist.push(id);
        repaired.push(`${dir}: listed again in index.json (it was missing there)`);
      }
    }
    if (relist.length) await this.addToIndex(relist);
    return repaired;
  }

  /** The drills index.json lists; null when there is none (or it does not parse). */
  private async readIndex(): Promise<Set<string> | null> {
    try {
      const index = JSON.parse(await fs.readFile(join(this.dataDir, 'index.json'), 'utf8')) as { drills?: unknown };
      return Array.isArray(index.drills) ? new Set(index.drills.filter((x): x is string => typeof x === 'string')) : null;
    } catch {
      return null;
    }
  }

  private async listIds(): Promise<string[]> {
    try {
      const index = JSON.parse(await fs.readFile(join(this.dataDir, 'index.json'), 'utf8')) as { drills?: string[] };
      if (Array.isArray(index.drills)) return index.drills.filter((x) => SAFE_ID.test(x));
    } catch {
      // No index (a folder from an older version, or a crash before the first write): list folders.
    }
    return (await fs.readdir(join(this.dataDir, 'drills'))).filter((x) => SAFE_ID.test(x));
  }

  async listDrills(): Promise<DrillMeta[]> {
    const out: DrillMeta[] = [];
    for (const id of await this.listIds()) {
      const meta = await this.readMeta(id);
      if (meta) out.push(meta);
    }
    return out;
  }

  private async readMeta(id: string): Promise<DrillMeta | null> {
    try {
      const raw = JSON.parse(await fs.readFile(join(this.drillDir(id), 'meta.json'), 'utf8'));
      return upgradeMeta(raw);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError(`${join(this.drillDir(id), 'meta.json')}: ${(e as Error).message}`, 'io');
    }
  }

  async loadDrill(id: string): Promise<LoadedDrill | null> {
    if (!SAFE_ID.test(id)) return null;
    const meta = await this.readMeta(id);
    if (!meta) return null;
    // Appends already acknowledged are in the log (or held back after an I/O error) once written.
    this.startLogWrites([id]);
    await this.logWrites.get(id);
    const file = this.logFile(id);
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const split = splitLog(text, file);
    const entries = split.entries;
    const held = this.behind.get(id);
    if (held) for (const e of held.entries) if (e.event.seq === (entries.at(-1)?.event.seq ?? 0) + 1) entries.push(e);
    // A torn tail is cut by open(); one seen here (written since) is not ours to judge: leave it out.
    const tail = this.tails.get(id);
    if (!tail) this.tails.set(id, { lastSeq: entries.at(-1)?.event.seq ?? 0, size: split.goodBytes });
    return { meta, entries };
  }

  private async handle(id: string): Promise<fs.FileHandle> {
    let fh = this.handles.get(id);
    if (!fh) {
      fh = await fs.open(this.logFile(id), 'a');
      this.handles.set(id, fh);
    }
    return fh;
  }

  /**
   * Resolves once the events are durable in the journal. Appends made in the same turn of the
   * event loop (every drill's writer in a burst) share one journal write and one fdatasync.
   */
  async append(drillId: string, entries: readonly StoredEntry[], eventJson?: readonly string[]): Promise<void> {
    if (entries.length === 0) return;
    const tail = this.tails.get(drillId);
    if (!tail) throw new StoreError(`no drill ${drillId}`, 'no-drill');
    entries.forEach((e, i) => {
      if (e.event.seq !== tail.lastSeq + 1 + i) throw new StoreError(`drill ${drillId}: seq ${e.event.seq} does not follow ${tail.lastSeq + i}`, 'seq-conflict');
    });
    if (this.pending.some((p) => p.drillId === drillId)) throw new StoreError(`drill ${drillId}: an append is already waiting; a drill's appends go one at a time`, 'seq-conflict');
    let text = '';
    let journalText = '';
    entries.forEach((e, i) => {
      const json = eventJson?.[i] ?? JSON.stringify(e.event);
      text += logLineOf(e, json);
      journalText += journalLineOf(drillId, e, json);
    });
    return new Promise((resolve, reject) => {
      this.pending.push({ drillId, entries, text, journalText, resolve, reject });
      // After this turn, so the appends of a burst meet in one write.
      if (this.pending.length === 1 && !this.flushing) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = this.writeGroup().finally(() => {
      this.flushing = null;
      if (this.pending.length) setImmediate(() => this.flush());
    });
  }

  /** One group: journal write + fdatasync, then acknowledged, then the drill logs written (unsynced). */
  private async writeGroup(): Promise<void> {
    // A full journal is set aside before this group (one checkpoint at a time; never over a kept one).
    if (this.journalSize >= this.checkpointBytes && this.checkpointing === null && !this.oldKept && this.behind.size === 0) {
      try {
        await this.rotate();
      } catch {
        // Could not rename: the journal goes on growing; the next group tries again.
      }
    }
    const group = this.pending.splice(0);
    const lines = group.map((p) => p.journalText).join('');
    const bytes = Buffer.from(lines, 'utf8');
    let journal: fs.FileHandle | null = null;
    try {
      // A failed write left part of its lines: they go before anything is written after them.
      if (this.cutJournalTo !== null) {
        await fs.truncate(join(this.dataDir, JOURNAL), this.cutJournalTo);
        this.cutJournalTo = null;
      }
      journal = await this.openJournal();
      // Opened with O_DSYNC: the write returns once the lines are durable (as write + fdatasync, in
      // one call to the thread pool instead of two).
      await writeAll(journal, bytes);
    } catch (e) {
      // Full disk or I/O error: take back whatever part of the lines got written, so the journal
      // holds exactly what was acknowledged (else the next group cuts it first, or is refused).
      // The journal is reopened next time.
      if (journal) {
        this.journal = null;
        await journal.close().catch(() => undefined);
        const size = this.journalSize;
        await fs.truncate(join(this.dataDir, JOURNAL), size).catch(() => (this.cutJournalTo = size));
      }
      for (const p of group) p.reject(new StoreError(`drill ${p.drillId}: could not write ${p.entries.length} event(s): ${(e as Error).message}`, 'io'));
      return;
    }
    this.journalSize += bytes.length;
    for (const p of group) {
      const tail = this.tails.get(p.drillId)!;
      tail.lastSeq += p.entries.length;
      this.writeLog(p.drillId, p.text, p.entries);
      p.resolve();
    }
  }

  private async openJournal(): Promise<fs.FileHandle> {
    if (this.journal) return this.journal;
    const file = join(this.dataDir, JOURNAL);
    const fh = await fs.open(file, fsc.O_WRONLY | fsc.O_APPEND | fsc.O_CREAT | fsc.O_DSYNC, 0o644);
    try {
      this.journalSize = (await fh.stat()).size;
      // A new file's name must be durable too before anything in it counts.
      await syncDir(this.dataDir);
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
    this.journal = fh;
    return fh;
  }

  /**
   * Journaled lines for the drill's log: written a moment later (LOG_WRITE_DELAY_MS), several
   * groups' at once, off the path of the appends that are being acknowledged.
   */
  private writeLog(drillId: string, text: string, entries: readonly StoredEntry[]): void {
    this.dirty.add(drillId);
    const queued = this.unwritten.get(drillId);
    if (queued) {
      queued.text += text;
      queued.entries.push(...entries);
    } else this.unwritten.set(drillId, { text, entries: [...entries] });
    if (!this.logTimer) {
      this.logTimer = setTimeout(() => {
        this.logTimer = null;
        this.startLogWrites();
      }, LOG_WRITE_DELAY_MS);
      this.logTimer.unref?.();
    }
  }

  /** Starts the writes of the queued lines (of the given drills, else all) into their logs. */
  private startLogWrites(ids: Iterable<string> = [...this.unwritten.keys()]): void {
    for (const id of ids) {
      const queued = this.unwritten.get(id);
      if (!queued) continue;
      this.unwritten.delete(id);
      this.chainLogWrite(id, queued.text, queued.entries);
    }
  }

  /** Writes lines into the drill's log, after its earlier ones; an I/O error holds them back. */
  private chainLogWrite(drillId: string, text: string, entries: readonly StoredEntry[]): void {
    const prior = this.logWrites.get(drillId) ?? Promise.resolve();
    const next = prior.then(async () => {
      const tail = this.tails.get(drillId)!;
      const held = this.behind.get(drillId);
      const all = held ? { text: held.text + text, entries: [...held.entries, ...entries] } : { text, entries: [...entries] };
      const bytes = Buffer.from(all.text, 'utf8');
      try {
        const fh = await this.handle(drillId);
        await writeAll(fh, bytes);
        tail.size += bytes.length;
        this.behind.delete(drillId);
      } catch {
        // The journal holds them: they are written before the drill's next lines, or replayed at start.
        const fh = this.handles.get(drillId);
        this.handles.delete(drillId);
        await fh?.close().catch(() => undefined);
        await fs.truncate(this.logFile(drillId), tail.size).catch(() => undefined);
        this.behind.set(drillId, all);
      }
    });
    this.logWrites.set(drillId, next);
    void next.then(() => {
      if (this.logWrites.get(drillId) === next) this.logWrites.delete(drillId);
    });
  }

  /** Closes the current journal (the next append opens a new one); returns the drill logs it covered. */
  private async detachJournal(): Promise<Set<string>> {
    const dirty = this.dirty;
    this.dirty = new Set();
    const journal = this.journal;
    this.journal = null;
    this.journalSize = 0;
    await journal?.close().catch(() => undefined);
    return dirty;
  }

  /**
   * Starts a new journal: the full one is renamed aside, and once every drill log written while it
   * was current is synced (in the background: appends go on into the new journal), it is deleted.
   */
  private async rotate(): Promise<void> {
    const dirty = await this.detachJournal();
    try {
      await fs.rename(join(this.dataDir, JOURNAL), join(this.dataDir, OLD_JOURNAL));
    } catch (e) {
      // The journal stays current: its drill logs are synced at the next checkpoint.
      for (const id of dirty) this.dirty.add(id);
      throw e;
    }
    this.checkpointing = this.dropJournal(OLD_JOURNAL, dirty).finally(() => (this.checkpointing = null));
  }

  /** Syncs the given drill logs (after their pending writes), then deletes the journal that covered them. */
  private async dropJournal(name: string, dirty: Set<string>): Promise<void> {
    // Every line of that journal is written to its drill log (writes are chained per drill).
    this.startLogWrites(dirty);
    await Promise.all([...dirty].map((id) => this.logWrites.get(id)));
    try {
      await Promise.all([...dirty].map((id) => this.handles.get(id)?.datasync()));
    } catch {
      // Not synced: the journal stays, and is replayed at the next start.
      this.oldKept = true;
      for (const id of dirty) this.dirty.add(id);
      return;
    }
    // Lines held back after an I/O error are only in the journal: keep it (replayed at start).
    if (this.behind.size > 0) {
      this.oldKept = true;
      return;
    }
    await fs.rm(join(this.dataDir, name), { force: true });
    await syncDir(this.dataDir);
  }

  /** Close: every drill log synced, and the journals deleted (unless lines are held back). */
  private async checkpointAll(): Promise<void> {
    const dirty = await this.detachJournal();
    await this.dropJournal(JOURNAL, dirty);
    if (this.behind.size === 0 && this.oldKept) {
      // The lines of a kept old journal were written since (held-back lines go first), so synced above.
      await fs.rm(join(this.dataDir, OLD_JOURNAL), { force: true });
      await syncDir(this.dataDir);
      this.oldKept = false;
    }
  }

  async saveMeta(meta: DrillMeta): Promise<void> {
    const dir = this.drillDir(meta.id);
    await writeAtomically(join(dir, 'meta.json'), JSON.stringify({ ...meta, storeFormat: STORE_FORMAT }, null, 1));
    await syncDir(dir);
  }
}
