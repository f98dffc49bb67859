/**
 * The embedded store: a folder per drill under `<dataDir>/drills/`, with
 * - `events.ndjson`: one line per event, `{"seq":n,"cmd":"…","event":{…}}`, append-only, and
 *   fdatasync'd before `append` resolves (nothing is announced before it is stored);
 * - `meta.json`: the setup, clock, links and sessions, replaced atomically (temp file, fsync, rename).
 * `<dataDir>/index.json` lists the drills (also replaced atomically), and `<dataDir>/cities/<id>.json`
 * holds each city exercise's record (issue 11). A drill exists once the index lists it: a city
 * exercise's drill folders are made first, its record next, and the index last, so a failure or a
 * crash midway leaves nothing that counts; `open()` removes what such an unfinished creation left.
 *
 * A crash can leave a torn last line (a write cut short). `open()` finds it, cuts the file back to
 * the last whole line and reports the cut; such an event was never acknowledged, since `append`
 * had not returned. No native modules: node:fs only.
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

/** Whole lines of an events file, and where a torn tail (if any) begins. */
function splitLog(text: string, file: string): { entries: StoredEntry[]; goodBytes: number; torn: string | null } {
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

export class FileStore implements DrillStore {
  readonly kind = 'file' as const;
  private readonly tails = new Map<string, Tail>();
  private readonly handles = new Map<string, fs.FileHandle>();

  constructor(readonly dataDir: string) {}

  private drillDir(id: string): string {
    if (!SAFE_ID.test(id)) throw new StoreError(`drill id ${JSON.stringify(id)}: only letters, digits, '.', '_' and '-' (at most 128)`, 'no-drill');
    return join(this.dataDir, 'drills', id);
  }

  async open(): Promise<OpenReport> {
    await fs.mkdir(join(this.dataDir, 'drills'), { recursive: true });
    const repaired: string[] = await this.openCities();
    for (const id of await fs.readdir(join(this.dataDir, 'drills'))) {
      if (!SAFE_ID.test(id)) continue;
      const file = join(this.drillDir(id), 'events.ndjson');
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        continue;
      }
      const split = splitLog(text, file);
      if (split.torn) {
        const total = Buffer.byteLength(text);
        await fs.truncate(file, split.goodBytes);
        repaired.push(`${file}: cut ${total - split.goodBytes} bytes of a torn last line at byte ${split.goodBytes} (${split.torn}); it was never acknowledged`);
      }
      this.tails.set(id, { lastSeq: split.entries.at(-1)?.event.seq ?? 0, size: split.goodBytes });
    }
    return { repaired };
  }

  async close(): Promise<void> {
    for (const fh of this.handles.values()) await fh.close().catch(() => undefined);
    this.handles.clear();
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
    const file = join(this.drillDir(id), 'events.ndjson');
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const split = splitLog(text, file);
    // A torn tail is cut by open(); one seen here (written since) is not ours to judge: leave it out.
    this.tails.set(id, { lastSeq: split.entries.at(-1)?.event.seq ?? 0, size: split.goodBytes });
    return { meta, entries: split.entries };
  }

  private async handle(id: string): Promise<fs.FileHandle> {
    let fh = this.handles.get(id);
    if (!fh) {
      fh = await fs.open(join(this.drillDir(id), 'events.ndjson'), 'a');
      this.handles.set(id, fh);
    }
    return fh;
  }

  async append(drillId: string, entries: readonly StoredEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const tail = this.tails.get(drillId);
    if (!tail) throw new StoreError(`no drill ${drillId}`, 'no-drill');
    entries.forEach((e, i) => {
      if (e.event.seq !== tail.lastSeq + 1 + i) throw new StoreError(`drill ${drillId}: seq ${e.event.seq} does not follow ${tail.lastSeq + i}`, 'seq-conflict');
    });
    const text = entries.map((e) => JSON.stringify({ seq: e.event.seq, ...(e.commandId ? { cmd: e.commandId } : {}), event: e.event }) + '\n').join('');
    const bytes = Buffer.from(text, 'utf8');
    const fh = await this.handle(drillId);
    try {
      await fh.write(bytes);
      await fh.datasync();
    } catch (e) {
      // Full disk or I/O error: take back whatever part of the lines got written, so the log holds
      // exactly what was acknowledged. The handle is reopened next time.
      this.handles.delete(drillId);
      await fh.close().catch(() => undefined);
      await fs.truncate(join(this.drillDir(drillId), 'events.ndjson'), tail.size).catch(() => undefined);
      throw new StoreError(`drill ${drillId}: could not write ${entries.length} event(s): ${(e as Error).message}`, 'io');
    }
    tail.lastSeq += entries.length;
    tail.size += bytes.length;
  }

  async saveMeta(meta: DrillMeta): Promise<void> {
    const dir = this.drillDir(meta.id);
    await writeAtomically(join(dir, 'meta.json'), JSON.stringify({ ...meta, storeFormat: STORE_FORMAT }, null, 1));
    await syncDir(dir);
  }
}
