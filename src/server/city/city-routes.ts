/**
 * The city exercise on the drill server (issue 11, P39): DoIT creates it from its agency list, each
 * agency's facilitator enters its roster and hands out its links, DoIT drives every agency's clock
 * together and watches them all on one socket, reviews levels from its queue into each agency's
 * drill, and gives failing agencies their re-drills.
 *
 * Who: DoIT is the server's facilitator (the start link's admin session). An agency's facilitator is
 * the holder of that agency drill's facilitator link. Nothing here trusts a message for who it is.
 *
 * Every write goes through the agency drill's own writer (DrillHost.submit), so a city command is
 * authorized, validated by the engine, stored and announced exactly like the same command from a
 * console or a desk. DoIT's socket hears each agency drill through a tap among the drill's sockets:
 * the drill's own broadcast text, forwarded unparsed.
 *
 * Several processes (PostgreSQL, cluster.ts): the exercise's record (store.ts StoredCity) is read
 * from the store on every route, so any process serves every exercise; a drill another process
 * writes is followed here (its commands forwarded, its events and clock fanned out to the tap). A
 * re-drill or a roster made on another process reaches this process's boards through NOTIFY.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WebSocket } from 'ws';
import { parseAgencyCsv } from '@/engine/city/agency-csv';
import type { CityEntry } from '@/engine/city/board';
import { cityCsv, cityReportMarkdown } from '@/engine/city/city-report';
import { checkExercise, scenarioFor, type CityExercise, type CityScenarios } from '@/engine/city/exercise';
import { compareRedrill, orderComparisons, redrillFor } from '@/engine/city/redrill';
import { agencyResult, cityResults, citySummary, exerciseHistory, type CitySummary } from '@/engine/city/results';
import { reason } from '@/engine/base/reason';
import type { DrillRecord } from '@/engine/record/schema';
import { AGENCY_TYPES } from '@/engine/record/vocabulary';
import { parseIsoMs } from '@/engine/time/taipei';
import type { RuntimeCommand } from '@/runtime/protocol';
import type { Identity } from '@/runtime/server-protocol';
import { toDrillRecord, type DrillHeader } from '@/runtime/drill-header';
import { wallIso } from '@/ui/lib/time-format';
import { hashToken, initialLinks, makeLink, publicLink } from '../links';
import { DrillHost, storageFailedReason, type DrillSocket } from '../drill-host';
import type { PgCluster } from '../cluster';
import { newDrillMeta, StoreError, type DrillMeta, type DrillStore, type StoredCity } from '../store/store';
import { agencyDrill, cityTagOf, DEFAULT_REVIEWER_NAME, loadScenarios, rosterProblems, sharedClock, withRoster, type CityDrillRow, type CityTag, type LoadedScenario, type RosterInput } from './city-drills';
import type { CityClientMessage, CityDrillView, CityServerMessage } from '@/ui/drill-runtime/city-protocol';
import { parseCityClientMessage } from '@/ui/drill-runtime/city-protocol';
import { serverPair, serverText, serverWords } from '../server-text';

export interface CityContext {
  app: FastifyInstance;
  store: DrillStore;
  hostOf(drillId: string): Promise<DrillHost | null>;
  /** Rebuilds a drill's host from its stored setup (its devices reconnect). */
  reopen(drillId: string): Promise<DrillHost | null>;
  /** Told of each host rebuilt (here, or after another process changed the drill's setup). */
  onReopen(listener: (host: DrillHost) => void): void;
  metas: Map<string, DrillMeta>;
  tokens: Map<string, { drillId: string; linkId: string }>;
  isAdmin(req: FastifyRequest): boolean;
  identityOf(req: FastifyRequest, drillId: string): { me: Identity; linkId: string | null } | null;
  /** Reads drills, links and sessions another process made (several processes). */
  refreshIndex(): Promise<void>;
  startSession(reply: FastifyReply, drillId: string, linkId: string): Promise<void>;
  /** Changes a drill's meta through its host's queue (and the store's transaction). */
  saveMeta(drillId: string, change: (m: DrillMeta) => DrillMeta): Promise<DrillMeta>;
  /** Makes this process act on a changed meta (revoked links refused, their sockets closed). */
  applyMeta(meta: DrillMeta): void;
  index(meta: DrillMeta): void;
  joinLimit: object;
  scenarioDir?: string;
  cluster?: PgCluster;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;
const refusal = (reply: FastifyReply, status: number, code: string, zh: string, en: string, extra: Record<string, unknown> = {}) =>
  reply.code(status).send({ ok: false, reason: reason(code, zh, en), ...extra });
const doitOnly = (reply: FastifyReply) => refusal(reply, 403, 'doit-only', ...serverPair('city.doitOnly'));

/** A writer's caller that is no device: DoIT acting through the server (its session was checked). */
const serverSocket = (me: Identity): DrillSocket => ({ me, linkId: null, send: () => undefined, sendText: () => undefined, close: () => undefined });
const DOIT_FACILITATOR = serverSocket({ kind: 'facilitator', roles: ['facilitator'] });

const createBody = z.object({
  id: z.string().regex(SAFE_ID).optional(),
  title: z.string().max(200),
  startAt: z.string().max(40),
  scenarios: z.union([
    z.object({ kind: z.literal('one'), scenarioId: z.string().max(200) }),
    z.object({ kind: z.literal('by-type'), byType: z.partialRecord(z.enum(AGENCY_TYPES), z.string().max(200)) }),
  ]),
  /** The agency list as DoIT's file holds it (bytes in base64: UTF-8 or Excel's Big5). */
  csv: z.object({ name: z.string().max(300), base64: z.string().max(8 * 1024 * 1024) }),
  reviewerName: z.string().min(1).max(100).optional(),
});

const rosterBody = z.object({
  facilitatorName: z.string().max(200),
  participants: z.array(z.object({ name: z.string().max(200), position: z.string().max(100), roles: z.array(z.string().max(100)).max(20), vendor: z.boolean().optional() })).max(200),
  hasItUnit: z.boolean().optional(),
  hasSecurityOfficer: z.boolean().optional(),
});

const zodWhere = (e: z.ZodError): string => {
  const issue = e.issues[0];
  return `${issue.path.length ? `$.${issue.path.join('.')}` : '$'}: ${issue.message}`;
};

export async function registerCity(ctx: CityContext): Promise<void> {
  const { app, store } = ctx;
  let library: Map<string, LoadedScenario> | null = null;
  const scenarios = () => (library ??= loadScenarios(resolve(ctx.scenarioDir ?? 'scenarios')));

  /** DoIT's sockets per exercise, and the drills each exercise's boards have been shown. */
  const hubs = new Map<string, Set<{ sendText(text: string): void }>>();
  const shown = new Map<string, Set<string>>();
  const taps = new WeakSet<DrillHost>();

  const tagOf = (drillId: string): CityTag | null => {
    const m = ctx.metas.get(drillId);
    return m ? cityTagOf(m.drill) : null;
  };
  /** The exercise as stored: read each time, since another process may have added to it. */
  const cityOf = (exerciseId: string): Promise<StoredCity | null> => (SAFE_ID.test(exerciseId) ? store.loadCity(exerciseId) : Promise.resolve(null));
  /** The exercise's drills: the agencies in DoIT's order, then the re-drills. */
  const drillIdsOf = (city: StoredCity): string[] => [...city.agencies, ...city.redrills.map((r) => r.drillId)];

  const toHub = (exerciseId: string, message: CityServerMessage) => {
    const set = hubs.get(exerciseId);
    if (!set || set.size === 0) return;
    if (message.kind === 'drill') shown.get(exerciseId)?.add(message.drill.drillId);
    const text = JSON.stringify(message);
    for (const s of set) s.sendText(text);
  };

  /** Listens to a drill for DoIT: the drill's broadcast (events, clock), forwarded as it is. */
  const tap = (host: DrillHost, exerciseId: string) => {
    if (taps.has(host)) return;
    taps.add(host);
    const prefix = `{"kind":"agency","drillId":${JSON.stringify(host.id)},"message":`;
    const listener: DrillSocket = {
      me: { kind: 'observer', roles: [] },
      linkId: null,
      send: (m) => listener.sendText(JSON.stringify(m)),
      sendText: (text) => {
        const set = hubs.get(exerciseId);
        if (!set || set.size === 0) return;
        const out = `${prefix}${text}}`;
        for (const s of set) s.sendText(out);
      },
      close: () => undefined,
    };
    host.sockets.add(listener);
  };
  const hostFor = async (drillId: string): Promise<DrillHost | null> => {
    const host = await ctx.hostOf(drillId);
    const tag = host ? cityTagOf(host.meta.drill) : null;
    if (host && tag) tap(host, tag.exerciseId);
    return host;
  };

  const viewOf = (host: DrillHost): CityDrillView => {
    const tag = cityTagOf(host.meta.drill)!;
    return {
      drillId: host.id,
      title: String(host.meta.drill.title ?? host.id),
      index: tag.index,
      contact: tag.contact,
      ...(tag.rosterAt ? { rosterAt: tag.rosterAt } : {}),
      ...(tag.redrillOf ? { redrillOf: tag.redrillOf } : {}),
      header: host.header,
      events: host.events(),
      clock: host.clock(),
    };
  };
  /**
   * A drill's record as stored. A drill another process writes is read from the store (this
   * process's copy follows it a moment behind), so results count every stored event.
   */
  const recordOf = async (host: DrillHost): Promise<DrillRecord> => {
    const stored = host.isWriter ? null : await store.loadDrill(host.id);
    return toDrillRecord(host.header, stored ? stored.entries.map((e) => e.event) : host.events());
  };

  const exerciseOf = (city: StoredCity): Pick<CityExercise, 'id' | 'title' | 'startAt' | 'scenarios'> & { reviewerName: string } => ({
    id: city.id,
    title: city.title,
    startAt: city.startAt,
    scenarios: city.scenarios,
    reviewerName: city.reviewerName,
  });

  // A drill rebuilt from a new roster (here or on another process): DoIT's boards get its new view.
  ctx.onReopen((host) => {
    const tag = cityTagOf(host.meta.drill);
    if (!tag) return;
    tap(host, tag.exerciseId);
    toHub(tag.exerciseId, { kind: 'drill', drill: viewOf(host) });
  });
  // A re-drill made on another process: this process's boards of its exercise are shown it.
  ctx.cluster?.onCityChanged((exerciseId) => {
    if (!hubs.get(exerciseId)?.size) return;
    void (async () => {
      const city = await cityOf(exerciseId);
      for (const id of city ? drillIdsOf(city) : []) {
        if (shown.get(exerciseId)?.has(id)) continue;
        const host = await hostFor(id);
        if (host && !shown.get(exerciseId)?.has(id)) toHub(exerciseId, { kind: 'drill', drill: viewOf(host) });
      }
    })().catch(() => undefined);
  });

  // ── creating the exercise ────────────────────────────────────────────────────────────────────

  app.post('/api/city/exercises', async (req, reply) => {
    if (!ctx.isAdmin(req)) return doitOnly(reply);
    const body = createBody.safeParse(req.body);
    if (!body.success) return refusal(reply, 400, 'bad-exercise', ...serverPair('city.badExercise', { where: zodWhere(body.error) }));
    const { title, startAt, csv } = body.data;
    const scenariosChosen = body.data.scenarios as CityScenarios;
    const reviewerName = body.data.reviewerName?.trim() || DEFAULT_REVIEWER_NAME;
    // The whole list or nothing: a file with a bad row creates no agency (issue 11).
    const parsed = parseAgencyCsv(new Uint8Array(Buffer.from(csv.base64, 'base64')), csv.name);
    if (!parsed.ok) {
      return refusal(reply, 400, 'bad-agency-list', ...serverPair('city.badAgencyList', { n: parsed.errors.length }), { errors: parsed.errors });
    }
    const id = body.data.id ?? `city-${Date.now().toString(36)}`;
    const exercise: CityExercise = { id, title: title.trim(), startAt, scenarios: scenariosChosen, agencies: parsed.agencies };
    const problems = checkExercise(exercise);
    const lib = scenarios();
    for (const used of new Set(exercise.agencies.map((a) => scenarioFor(exercise, a)).filter((s): s is string => s !== null))) {
      if (!lib.has(used)) problems.push({ field: 'scenarios', message: serverWords('city.noScenario', { id: used }) });
    }
    if (problems.length > 0) {
      return refusal(reply, 400, 'bad-exercise', problems.map((p) => `${p.field}：${p.message.zh}`).join('；'), problems.map((p) => `${p.field}: ${p.message.en}`).join('; '), { problems });
    }
    if (await store.loadCity(id)) return refusal(reply, 409, 'exercise-exists', ...serverPair('city.exerciseExists'));
    const wall = wallIso(Date.now());
    const clock = sharedClock(exercise, lib);
    const built = exercise.agencies.map((agency, i) => {
      const row = agencyDrill(exercise, agency, i, lib.get(scenarioFor(exercise, agency)!)!, clock, wall, reviewerName);
      // The agency's facilitator, an observer/projector and DoIT's reviewer; the people's links come with the roster.
      const issued = initialLinks(row.header as DrillHeader).filter((l) => l.link.kind !== 'participant');
      const meta = newDrillMeta(row.id, row as unknown as DrillMeta['drill'], issued.map((l) => l.link));
      return { meta, issued, agency };
    });
    // Every drill must open in the engine before any is stored.
    try {
      for (const b of built) new DrillHost(store, b.meta, [], () => 0, () => '');
    } catch (e) {
      return refusal(reply, 400, 'bad-exercise', ...serverPair('drills.engineCannotOpen', { message: (e as Error).message }));
    }
    const record: StoredCity = { id, title: exercise.title, startAt, scenarios: scenariosChosen, reviewerName, agencies: built.map((b) => b.meta.id), redrills: [], createdWall: wall };
    // The exercise and all its drills, or nothing (one transaction; the file store writes its record before its index).
    try {
      await store.createCity(record, built.map((b) => b.meta));
    } catch (e) {
      if (e instanceof StoreError && e.code === 'exists') return refusal(reply, 409, 'exercise-exists', ...serverPair('city.exerciseExists'));
      return reply.code(500).send({ ok: false, reason: storageFailedReason((e as Error).message) });
    }
    for (const b of built) ctx.index(b.meta);
    return {
      ok: true,
      exerciseId: id,
      agencies: built.map((b) => ({
        drillId: b.meta.id,
        name: b.agency.name,
        links: b.issued.map((l) => ({ link: publicLink(l.link), token: l.token, path: l.link.kind === 'facilitator' ? `/city/join/${l.token}` : `/join/${l.token}` })),
      })),
    };
  });

  app.get('/api/city/exercises', async (req, reply) => {
    if (!ctx.isAdmin(req)) return doitOnly(reply);
    return (await store.listCities()).map((c) => ({ ...exerciseOf(c), agencies: c.agencies.length }));
  });

  // ── the agency's facilitator: its link, its roster ─────────────────────────────────────────

  /** The agency facilitator's link: like /join, but to the roster first while it is not entered. */
  app.get<{ Params: { token: string } }>('/city/join/:token', { config: ctx.joinLimit }, async (req, reply) => {
    // A link made (or re-issued) on another process is read from the store.
    if (!ctx.tokens.has(hashToken(req.params.token))) await ctx.refreshIndex();
    const found = ctx.tokens.get(hashToken(req.params.token));
    const meta = found ? ctx.metas.get(found.drillId) : undefined;
    const link = meta?.links.find((l) => l.id === found!.linkId && !l.revokedWall);
    const tag = meta ? cityTagOf(meta.drill) : null;
    if (!found || !link || link.kind !== 'facilitator' || !tag) return refusal(reply, 403, 'bad-link', ...serverPair('links.badCityLink'));
    await ctx.startSession(reply, found.drillId, link.id);
    const id = encodeURIComponent(found.drillId);
    return reply.redirect(tag.rosterAt ? `/#/drill/${id}/console` : `/#/drill/${id}/roster`, 303);
  });

  /** The agency's facilitator (its session may have been started on another process). */
  const agencyFacilitator = async (req: FastifyRequest, drillId: string): Promise<boolean> => {
    if (!ctx.identityOf(req, drillId)) await ctx.refreshIndex();
    return ctx.identityOf(req, drillId)?.me.kind === 'facilitator' && tagOf(drillId) !== null;
  };

  app.get<{ Params: { id: string } }>('/api/city/drills/:id/setup', async (req, reply) => {
    if (!(await agencyFacilitator(req, req.params.id))) return refusal(reply, 403, 'facilitator-only', ...serverPair('city.rosterFacilitatorOnly'));
    const host = await hostFor(req.params.id);
    if (!host) return refusal(reply, 404, 'no-drill', ...serverPair('drills.noDrill'));
    const tag = cityTagOf(host.meta.drill)!;
    return { title: host.meta.drill.title, header: host.header, city: tag, started: host.events().some((e) => e.type === 'drill.started') };
  });

  app.put<{ Params: { id: string } }>('/api/city/drills/:id/roster', async (req, reply) => {
    const drillId = req.params.id;
    if (!(await agencyFacilitator(req, drillId))) return refusal(reply, 403, 'facilitator-only', ...serverPair('city.rosterFacilitatorOnly'));
    const body = rosterBody.safeParse(req.body);
    if (!body.success) return refusal(reply, 400, 'bad-roster', ...serverPair('city.badRoster', { where: zodWhere(body.error) }));
    const host = await hostFor(drillId);
    if (!host) return refusal(reply, 404, 'no-drill', ...serverPair('drills.noDrill'));
    const tag = cityTagOf(host.meta.drill)!;
    const roster = body.data as RosterInput;
    const problems = rosterProblems(roster, tag.reviewerName);
    if (problems.length > 0) return refusal(reply, 400, 'bad-roster', ...serverPair('city.badRoster', (lang) => ({ where: problems.join(serverText(lang, 'city.rosterSeparator')) })));
    // The people are fixed once the drill runs (the log names them); before, the roster can change.
    if (host.events().some((e) => e.type === 'drill.started')) return refusal(reply, 409, 'already-started', ...serverPair('city.alreadyStarted'));
    const header = withRoster(host.header, tag.reviewerName, roster);
    try {
      new DrillHost(store, { ...host.meta, drill: { ...host.meta.drill, header } }, [], () => 0, () => '');
    } catch (e) {
      return refusal(reply, 400, 'bad-roster', ...serverPair('city.rosterEngine', { message: (e as Error).message }));
    }
    const fresh = initialLinks(header).filter((l) => l.link.kind === 'participant' && !l.link.roles.includes('doit-reviewer'));
    const wall = wallIso(Date.now());
    const meta = await host.updateMeta((m) => {
      const replaced = new Set(m.links.filter((l) => l.kind === 'participant' && !l.revokedWall).map((l) => l.id));
      return {
        ...m,
        drill: { ...m.drill, header, agencyName: header.agency.name, city: { ...tag, rosterAt: wall } },
        links: [...m.links.map((l) => (replaced.has(l.id) ? { ...l, revokedWall: wall } : l)), ...fresh.map((f) => f.link)],
        sessions: m.sessions.filter((s) => !replaced.has(s.linkId)),
      };
    });
    ctx.index(meta);
    // The drill's engine is rebuilt from the new header (here; other processes on its meta's notice),
    // and DoIT's boards are shown its new view (ctx.onReopen).
    await ctx.reopen(drillId);
    return { ok: true, links: fresh.map((f) => ({ link: publicLink(f.link), token: f.token, path: `/join/${f.token}` })) };
  });

  /**
   * DoIT re-issues an agency's facilitator link (tokens are stored hashed, so a lost link cannot be
   * shown again): every open facilitator link of the drill is revoked (its sessions end, its
   * sockets close, on every process) and a new one is made and shown once.
   */
  app.post<{ Params: { id: string; drillId: string } }>('/api/city/exercises/:id/drills/:drillId/facilitator-link', async (req, reply) => {
    if (!ctx.isAdmin(req)) return doitOnly(reply);
    const { id, drillId } = req.params;
    const city = await cityOf(id);
    if (!city) return refusal(reply, 404, 'no-exercise', ...serverPair('city.noExercise'));
    if (!drillIdsOf(city).includes(drillId)) return refusal(reply, 404, 'no-agency', ...serverPair('city.noAgency'));
    const fresh = makeLink('facilitator', ['facilitator']);
    const wall = wallIso(Date.now());
    let meta: DrillMeta;
    try {
      meta = await ctx.saveMeta(drillId, (m) => {
        const old = new Set(m.links.filter((l) => l.kind === 'facilitator' && !l.revokedWall).map((l) => l.id));
        return {
          ...m,
          links: [...m.links.map((l) => (old.has(l.id) ? { ...l, revokedWall: wall } : l)), fresh.link],
          sessions: m.sessions.filter((s) => !old.has(s.linkId)),
        };
      });
    } catch (e) {
      if (e instanceof StoreError && e.code === 'no-drill') return refusal(reply, 404, 'no-agency', ...serverPair('city.noAgency'));
      return reply.code(500).send({ ok: false, reason: storageFailedReason((e as Error).message) });
    }
    ctx.applyMeta(meta);
    return { ok: true, drillId, link: publicLink(fresh.link), token: fresh.token, path: `/city/join/${fresh.token}` };
  });

  // ── results, the city report, re-drills ─────────────────────────────────────────────────────

  const resultsOf = async (exerciseId: string) => {
    const city = await cityOf(exerciseId);
    if (!city) return null;
    const exercise = exerciseOf(city);
    const agencies: { host: DrillHost; entry: CityEntry }[] = [];
    const redrills: { host: DrillHost; of: string; record: DrillRecord }[] = [];
    for (const id of drillIdsOf(city)) {
      const host = await hostFor(id);
      if (!host) continue;
      const tag = cityTagOf(host.meta.drill)!;
      const record = await recordOf(host);
      if (tag.redrillOf) redrills.push({ host, of: tag.redrillOf, record });
      // An agency whose drill has not started has no record to score yet (as DoIT's board: city-live.ts liveEntries).
      else if (record.events.length > 0) agencies.push({ host, entry: { key: host.id, name: host.header.agency.name, type: host.header.agency.type, record } });
    }
    const results = cityResults({ id: exercise.id, title: exercise.title, startAt: exercise.startAt }, agencies.map((a) => a.entry));
    const byDrill = new Map(agencies.map((a, i) => [a.host.id, results.agencies[i]]));
    const comparisons = orderComparisons(
      results,
      redrills.flatMap((r) => {
        const original = byDrill.get(r.of);
        // A re-drill not yet played has nothing to compare.
        return original && r.record.events.length > 0 ? [compareRedrill(original, r.record)] : [];
      }),
    );
    return { city, exercise, agencies, results, byDrill, comparisons };
  };

  /** The city report (Markdown) or the agency × obligation CSV, as `npm run -s report -- --city` makes them. */
  app.get<{ Params: { id: string }; Querystring: { format?: string; lang?: string } }>('/api/city/exercises/:id/report', async (req, reply) => {
    if (!ctx.isAdmin(req)) return doitOnly(reply);
    const found = await resultsOf(req.params.id);
    if (!found) return refusal(reply, 404, 'no-exercise', ...serverPair('city.noExercise'));
    const lang = req.query.lang === 'en' ? 'en' : 'zh-TW';
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(cityCsv(found.results, lang));
    if (req.query.format === 'summary') return citySummary(found.results);
    // Compared with the exercises this server held before it (DoIT's page reads the same summaries).
    const earlier: CitySummary[] = [];
    for (const other of await store.listCities()) {
      if (other.id === found.exercise.id || parseIsoMs(other.startAt) >= parseIsoMs(found.exercise.startAt)) continue;
      const r = await resultsOf(other.id);
      if (r) earlier.push(citySummary(r.results));
    }
    const input = { results: found.results, history: exerciseHistory(citySummary(found.results), earlier), redrills: found.comparisons, withoutRecord: [], offList: [] };
    return reply.type('text/markdown; charset=utf-8').send(cityReportMarkdown(input, lang));
  });

  /**
   * A failing agency's re-drill (P39(3)), from its city result: a new drill of the same agency,
   * scenario and people, linked to the result (`redrillOf`), with its own links and its own clock.
   */
  app.post<{ Params: { id: string }; Body: { drillId?: unknown; t0?: unknown } }>('/api/city/exercises/:id/redrills', async (req, reply) => {
    if (!ctx.isAdmin(req)) return doitOnly(reply);
    const found = await resultsOf(req.params.id);
    if (!found) return refusal(reply, 404, 'no-exercise', ...serverPair('city.noExercise'));
    const of = found.agencies.find((a) => a.host.id === req.body?.drillId);
    if (!of) return refusal(reply, 404, 'no-agency', ...serverPair('city.noAgency'));
    // The verdict is final only once the agency's drill has ended (P39(3)): while it runs, a late
    // report or review could still change it.
    if (!of.entry.record.events.some((e) => e.type === 'drill.ended')) {
      return refusal(reply, 409, 'drill-not-ended', ...serverPair('city.redrillNotEnded', { name: of.entry.name }));
    }
    // The verdict is the server's, from the stored record: a client cannot call a passing agency failing.
    const result = agencyResult(of.entry);
    const link = redrillFor(result, found.exercise);
    if (!link) return refusal(reply, 409, 'not-failing', ...serverPair('city.notFailing', { name: result.name }));
    const t0 = typeof req.body?.t0 === 'string' ? req.body.t0 : `${link.dueBy}T09:00:00+08:00`;
    if (Number.isNaN(parseIsoMs(t0))) return refusal(reply, 400, 'bad-t0', ...serverPair('city.badT0', { t0: String(t0) }));
    const original = of.host.meta.drill as unknown as CityDrillRow;
    const tag = cityTagOf(of.host.meta.drill)!;
    const n = found.city.redrills.filter((r) => r.of === of.host.id).length + 1;
    const drillId = `${of.host.id}-r${n}`;
    const header = { ...of.host.header, t0, redrillOf: link } as DrillHeader;
    const offset = (original.clock as { simNowMs: number }).simNowMs - parseIsoMs(tag.startAt);
    const row = {
      ...original,
      id: drillId,
      title: `${String(original.title)}（${serverText('zh-TW', 'city.redrillLabel')} / ${serverText('en', 'city.redrillLabel')} ${n}）`,
      status: 'setup',
      eventCount: 0,
      createdWall: wallIso(Date.now()),
      updatedWall: wallIso(Date.now()),
      header,
      clock: { simNowMs: parseIsoMs(t0) + offset, running: false, speed: (original.clock as { speed: number }).speed },
      // The agency confirms its people on the roster step (the same people, changed if need be),
      // and the people's links are issued then, in its facilitator's browser, as for the exercise.
      city: { ...tag, rosterAt: undefined, redrillOf: of.host.id },
    };
    const issued = initialLinks(header).filter((l) => l.link.kind !== 'participant');
    const meta = newDrillMeta(drillId, row as unknown as DrillMeta['drill'], issued.map((l) => l.link));
    try {
      new DrillHost(store, meta, [], () => 0, () => '');
    } catch (e) {
      return refusal(reply, 400, 'bad-drill', ...serverPair('city.redrillCannot', { message: (e as Error).message }));
    }
    try {
      // The drill and its place in the exercise's record, together.
      await store.addRedrill(req.params.id, meta, of.host.id);
    } catch (e) {
      if (e instanceof StoreError && e.code === 'exists') return refusal(reply, 409, 'drill-exists', ...serverPair('drills.exists'));
      return reply.code(500).send({ ok: false, reason: storageFailedReason((e as Error).message) });
    }
    ctx.index(meta);
    const host = await hostFor(drillId);
    if (host && !shown.get(req.params.id)?.has(drillId)) toHub(req.params.id, { kind: 'drill', drill: viewOf(host) });
    return { ok: true, drillId, redrillOf: link, links: issued.map((l) => ({ link: publicLink(l.link), token: l.token, path: l.link.kind === 'facilitator' ? `/city/join/${l.token}` : `/join/${l.token}` })) };
  });

  // ── DoIT's socket: the board, the clock, the reviewer queue ──────────────────────────────────

  const run = async (m: CityClientMessage, exerciseId: string): Promise<CityServerMessage> => {
    const city = await cityOf(exerciseId);
    if (m.kind === 'clock') {
      // One command, every agency drill, together: the shared clock (re-drills keep their own). A
      // drill another process writes gets it forwarded to its writer, under the same id.
      const results = await Promise.all(
        (city?.agencies ?? []).map(async (drillId) => {
          const host = await hostFor(drillId);
          const result = host ? await host.submit(DOIT_FACILITATOR, `${m.id}@${drillId}`, m.command as RuntimeCommand) : { ok: false as const, reason: reason('no-drill', ...serverPair('drills.noDrill')) };
          return { drillId, result };
        }),
      );
      return { kind: 'result', id: m.id, results };
    }
    const host = city && drillIdsOf(city).includes(m.drillId) ? await hostFor(m.drillId) : null;
    const tag = host ? cityTagOf(host.meta.drill) : null;
    if (!host || !tag) return { kind: 'result', id: m.id, results: [{ drillId: m.drillId, result: { ok: false, reason: reason('no-agency', ...serverPair('city.noAgency')) } }] };
    // DoIT's reviewer, by the session (DoIT's), into the agency's own drill through its own writer (P15).
    const reviewer = serverSocket({ kind: 'reviewer', name: tag.reviewerName, roles: ['doit-reviewer'] });
    const result = await host.submit(reviewer, m.id, { kind: 'action', action: { type: 'level.reviewed', actor: { role: 'doit-reviewer' }, data: { level: m.level } } });
    return { kind: 'result', id: m.id, results: [{ drillId: m.drillId, result }] };
  };

  app.get<{ Params: { id: string } }>('/api/city/exercises/:id/ws', { websocket: true }, (socket: WebSocket, req) => {
    const exerciseId = req.params.id;
    const sendText = (text: string) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    };
    const send = (m: CityServerMessage) => sendText(JSON.stringify(m));
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      send({ kind: 'refused', reason: reason('bad-origin', ...serverPair('socket.badOrigin', { origin: String(origin) })) });
      socket.close(4003, 'bad origin');
      return;
    }
    if (!ctx.isAdmin(req)) {
      send({ kind: 'refused', reason: reason('doit-only', ...serverPair('city.boardDoitOnly')) });
      socket.close(4001, 'no session');
      return;
    }
    const me = { sendText };
    const ready = (async () => {
      const city = await cityOf(exerciseId);
      if (!city) {
        send({ kind: 'refused', reason: reason('no-exercise', ...serverPair('city.noExercise')) });
        socket.close(4004, 'no exercise');
        return false;
      }
      const hosts = (await Promise.all(drillIdsOf(city).map((id) => hostFor(id)))).filter((h): h is DrillHost => h !== null);
      // From here to joining the hub nothing waits: no event falls between the welcome and the stream.
      send({ kind: 'welcome', exercise: exerciseOf(city), drills: hosts.map(viewOf) });
      let set = hubs.get(exerciseId);
      if (!set) hubs.set(exerciseId, (set = new Set()));
      set.add(me);
      const seen = shown.get(exerciseId) ?? new Set<string>();
      for (const h of hosts) seen.add(h.id);
      shown.set(exerciseId, seen);
      return true;
    })().catch((e: Error) => {
      send({ kind: 'refused', reason: storageFailedReason(e.message) });
      socket.close(1011, 'store failed');
      return false;
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      void ready.then(async (ok) => {
        if (!ok) return;
        const parsed = isBinary ? { ok: false as const, reason: reason('malformed-message', ...serverPair('socket.textOnly')) } : parseCityClientMessage(String(data));
        if (!parsed.ok) {
          send({ kind: 'refused', ...(parsed.id ? { id: parsed.id } : {}), reason: parsed.reason });
          return;
        }
        send(await run(parsed.message, exerciseId));
      });
    });
    socket.on('close', () => void ready.then(() => hubs.get(exerciseId)?.delete(me)));
  });
}

