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
 */
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WebSocket } from 'ws';
import { parseAgencyCsv } from '@/engine/city/agency-csv';
import type { CityEntry } from '@/engine/city/board';
import { cityCsv, cityReportMarkdown } from '@/engine/city/city-report';
import { checkExercise, scenarioFor, type CityExercise, type CityScenarios } from '@/engine/city/exercise';
import { compareRedrill, redrillFor } from '@/engine/city/redrill';
import { agencyResult, cityResults, citySummary, exerciseHistory, type CitySummary } from '@/engine/city/results';
import { reason } from '@/engine/base/reason';
import type { DrillRecord } from '@/engine/record/schema';
import { AGENCY_TYPES } from '@/engine/record/vocabulary';
import { parseIsoMs } from '@/engine/time/taipei';
import type { RuntimeCommand } from '@/runtime/protocol';
import type { Identity } from '@/runtime/server-protocol';
import { toDrillRecord, type DrillHeader } from '@/runtime/drill-header';
import { wallIso } from '@/ui/lib/time-format';
import { hashToken, initialLinks, publicLink } from '../links';
import { DrillHost, type DrillSocket } from '../drill-host';
import { newDrillMeta, StoreError, type DrillMeta, type DrillStore } from '../store/store';
import { agencyDrill, agencyDrillId, cityTagOf, DEFAULT_REVIEWER_NAME, loadScenarios, rosterProblems, sharedClock, withRoster, type CityDrillRow, type CityTag, type LoadedScenario, type RosterInput } from './city-drills';
import type { CityClientMessage, CityDrillView, CityServerMessage } from '@/ui/drill-runtime/city-protocol';
import { parseCityClientMessage } from '@/ui/drill-runtime/city-protocol';
import { serverPair, serverText, serverWords } from '../server-text';

export interface CityContext {
  app: FastifyInstance;
  store: DrillStore;
  hosts: Map<string, DrillHost>;
  hostOf(drillId: string): Promise<DrillHost | null>;
  metas: Map<string, DrillMeta>;
  tokens: Map<string, { drillId: string; linkId: string }>;
  isAdmin(req: FastifyRequest): boolean;
  identityOf(req: FastifyRequest, drillId: string): { me: Identity; linkId: string | null } | null;
  startSession(reply: FastifyReply, drillId: string, linkId: string): Promise<void>;
  index(meta: DrillMeta): void;
  joinLimit: object;
  scenarioDir?: string;
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

  /** DoIT's sockets per exercise. */
  const hubs = new Map<string, Set<{ sendText(text: string): void }>>();
  const taps = new WeakSet<DrillHost>();

  const tagOf = (drillId: string): CityTag | null => {
    const m = ctx.metas.get(drillId);
    return m ? cityTagOf(m.drill) : null;
  };
  /** The exercise's drills: the agencies in DoIT's order, then the re-drills. */
  const drillsOf = (exerciseId: string): DrillMeta[] =>
    [...ctx.metas.values()]
      .filter((m) => cityTagOf(m.drill)?.exerciseId === exerciseId)
      .sort((a, b) => {
        const ta = cityTagOf(a.drill)!;
        const tb = cityTagOf(b.drill)!;
        return Number(ta.redrillOf !== undefined) - Number(tb.redrillOf !== undefined) || ta.index - tb.index || a.id.localeCompare(b.id);
      });
  const agencyDrillsOf = (exerciseId: string) => drillsOf(exerciseId).filter((m) => cityTagOf(m.drill)!.redrillOf === undefined);

  const toHub = (exerciseId: string, message: CityServerMessage) => {
    const set = hubs.get(exerciseId);
    if (!set || set.size === 0) return;
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
    const tag = tagOf(drillId);
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
  const recordOf = (host: DrillHost): DrillRecord => toDrillRecord(host.header, host.events());

  const exerciseIds = (): string[] => [...new Set([...ctx.metas.values()].map((m) => cityTagOf(m.drill)?.exerciseId).filter((x): x is string => typeof x === 'string'))];
  const exerciseOf = (exerciseId: string): (Pick<CityExercise, 'id' | 'title' | 'startAt' | 'scenarios'> & { reviewerName: string }) | null => {
    const first = drillsOf(exerciseId)[0];
    const tag = first ? cityTagOf(first.drill) : null;
    return tag ? { id: tag.exerciseId, title: tag.title, startAt: tag.startAt, scenarios: tag.scenarios, reviewerName: tag.reviewerName } : null;
  };

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
    if (drillsOf(id).length > 0 || exercise.agencies.some((_, i) => ctx.metas.has(agencyDrillId(id, i)))) {
      return refusal(reply, 409, 'exercise-exists', ...serverPair('city.exerciseExists'));
    }
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
    for (const b of built) {
      try {
        await store.createDrill(b.meta);
      } catch (e) {
        if (e instanceof StoreError && e.code === 'exists') return refusal(reply, 409, 'drill-exists', ...serverPair('drills.existsId', { id: b.meta.id }));
        throw e;
      }
      ctx.index(b.meta);
    }
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
    return exerciseIds().map((id) => ({ ...exerciseOf(id)!, agencies: agencyDrillsOf(id).length }));
  });

  // ── the agency's facilitator: its link, its roster ─────────────────────────────────────────

  /** The agency facilitator's link: like /join, but to the roster first while it is not entered. */
  app.get<{ Params: { token: string } }>('/city/join/:token', { config: ctx.joinLimit }, async (req, reply) => {
    const found = ctx.tokens.get(hashToken(req.params.token));
    const meta = found ? ctx.metas.get(found.drillId) : undefined;
    const link = meta?.links.find((l) => l.id === found!.linkId && !l.revokedWall);
    const tag = meta ? cityTagOf(meta.drill) : null;
    if (!found || !link || link.kind !== 'facilitator' || !tag) return refusal(reply, 403, 'bad-link', ...serverPair('links.badCityLink'));
    await ctx.startSession(reply, found.drillId, link.id);
    const id = encodeURIComponent(found.drillId);
    return reply.redirect(tag.rosterAt ? `/#/drill/${id}/console` : `/#/drill/${id}/roster`, 303);
  });

  const agencyFacilitator = (req: FastifyRequest, drillId: string) => ctx.identityOf(req, drillId)?.me.kind === 'facilitator' && tagOf(drillId) !== null;

  app.get<{ Params: { id: string } }>('/api/city/drills/:id/setup', async (req, reply) => {
    if (!agencyFacilitator(req, req.params.id)) return refusal(reply, 403, 'facilitator-only', ...serverPair('city.rosterFacilitatorOnly'));
    const host = await hostFor(req.params.id);
    if (!host) return refusal(reply, 404, 'no-drill', ...serverPair('drills.noDrill'));
    const tag = cityTagOf(host.meta.drill)!;
    return { title: host.meta.drill.title, header: host.header, city: tag, started: host.events().some((e) => e.type === 'drill.started') };
  });

  app.put<{ Params: { id: string } }>('/api/city/drills/:id/roster', async (req, reply) => {
    const drillId = req.params.id;
    if (!agencyFacilitator(req, drillId)) return refusal(reply, 403, 'facilitator-only', ...serverPair('city.rosterFacilitatorOnly'));
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
    // The drill's engine is rebuilt from the new header: the old host leaves, its devices reconnect to the new one.
    ctx.hosts.delete(drillId);
    await host.close();
    for (const s of host.sockets) s.close(1012, 'roster changed');
    const rebuilt = await hostFor(drillId);
    if (rebuilt) toHub(tag.exerciseId, { kind: 'drill', drill: viewOf(rebuilt) });
    return { ok: true, links: fresh.map((f) => ({ link: publicLink(f.link), token: f.token, path: `/join/${f.token}` })) };
  });

  // ── results, the city report, re-drills ─────────────────────────────────────────────────────

  const resultsOf = async (exerciseId: string) => {
    const exercise = exerciseOf(exerciseId);
    if (!exercise) return null;
    const agencies: { host: DrillHost; entry: CityEntry }[] = [];
    const redrills: { host: DrillHost; of: string }[] = [];
    for (const m of drillsOf(exerciseId)) {
      const host = await hostFor(m.id);
      if (!host) continue;
      const tag = cityTagOf(host.meta.drill)!;
      if (tag.redrillOf) redrills.push({ host, of: tag.redrillOf });
      // An agency whose drill has not started has no record to score yet (as DoIT's board: city-live.ts liveEntries).
      else if (host.events().length > 0) agencies.push({ host, entry: { key: host.id, name: host.header.agency.name, type: host.header.agency.type, record: recordOf(host) } });
    }
    const results = cityResults({ id: exercise.id, title: exercise.title, startAt: exercise.startAt }, agencies.map((a) => a.entry));
    const byDrill = new Map(agencies.map((a, i) => [a.host.id, results.agencies[i]]));
    const comparisons = redrills.flatMap((r) => {
      const original = byDrill.get(r.of);
      // A re-drill not yet played has nothing to compare.
      return original && r.host.events().length > 0 ? [compareRedrill(original, recordOf(r.host))] : [];
    });
    return { exercise, agencies, results, byDrill, comparisons };
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
    for (const id of exerciseIds()) {
      const other = id === found.exercise.id ? null : exerciseOf(id);
      if (!other || parseIsoMs(other.startAt) >= parseIsoMs(found.exercise.startAt)) continue;
      const r = await resultsOf(id);
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
    // The verdict is the server's, from the stored record: a client cannot call a passing agency failing.
    const result = agencyResult(of.entry);
    const link = redrillFor(result, found.exercise);
    if (!link) return refusal(reply, 409, 'not-failing', ...serverPair('city.notFailing', { name: result.name }));
    const t0 = typeof req.body?.t0 === 'string' ? req.body.t0 : `${link.dueBy}T09:00:00+08:00`;
    if (Number.isNaN(parseIsoMs(t0))) return refusal(reply, 400, 'bad-t0', ...serverPair('city.badT0', { t0: String(t0) }));
    const original = of.host.meta.drill as unknown as CityDrillRow;
    const tag = cityTagOf(of.host.meta.drill)!;
    const n = drillsOf(req.params.id).filter((m) => cityTagOf(m.drill)!.redrillOf === of.host.id).length + 1;
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
      await store.createDrill(meta);
    } catch (e) {
      if (e instanceof StoreError && e.code === 'exists') return refusal(reply, 409, 'drill-exists', ...serverPair('drills.exists'));
      return refusal(reply, 400, 'bad-drill', ...serverPair('city.redrillCannot', { message: (e as Error).message }));
    }
    ctx.index(meta);
    const host = await hostFor(drillId);
    if (host) toHub(req.params.id, { kind: 'drill', drill: viewOf(host) });
    return { ok: true, drillId, redrillOf: link, links: issued.map((l) => ({ link: publicLink(l.link), token: l.token, path: l.link.kind === 'facilitator' ? `/city/join/${l.token}` : `/join/${l.token}` })) };
  });

  // ── DoIT's socket: the board, the clock, the reviewer queue ──────────────────────────────────

  const run = async (m: CityClientMessage, exerciseId: string): Promise<CityServerMessage> => {
    if (m.kind === 'clock') {
      // One command, every agency drill, together: the shared clock (re-drills keep their own).
      const drills = agencyDrillsOf(exerciseId);
      const results = await Promise.all(
        drills.map(async (d) => {
          const host = await hostFor(d.id);
          const result = host ? await host.submit(DOIT_FACILITATOR, `${m.id}@${d.id}`, m.command as RuntimeCommand) : { ok: false as const, reason: reason('no-drill', ...serverPair('drills.noDrill')) };
          return { drillId: d.id, result };
        }),
      );
      return { kind: 'result', id: m.id, results };
    }
    const tag = tagOf(m.drillId);
    const host = tag && tag.exerciseId === exerciseId ? await hostFor(m.drillId) : null;
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
    const exercise = exerciseOf(exerciseId);
    if (!exercise) {
      send({ kind: 'refused', reason: reason('no-exercise', ...serverPair('city.noExercise')) });
      socket.close(4004, 'no exercise');
      return;
    }
    const me = { sendText };
    const ready = (async () => {
      const hosts = (await Promise.all(drillsOf(exerciseId).map((m) => hostFor(m.id)))).filter((h): h is DrillHost => h !== null);
      // From here to joining the hub nothing waits: no event falls between the welcome and the stream.
      send({ kind: 'welcome', exercise, drills: hosts.map(viewOf) });
      let set = hubs.get(exerciseId);
      if (!set) hubs.set(exerciseId, (set = new Set()));
      set.add(me);
    })();
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      void ready.then(async () => {
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

