/**
 * The drill server: the production build of the app and the drill API over HTTP and WebSocket.
 *
 * Joining: the facilitator's start link (`/start/<token>`, printed by `npm start`) and each drill's
 * links (`/join/<token>`: facilitator, each role holder, observer/projector, DoIT reviewer) carry a
 * random 128-bit token; only its SHA-256 is stored. Opening a link exchanges it for an HttpOnly,
 * SameSite=Strict session cookie and redirects to an address without the token. From then on the
 * server knows who a browser is from the cookie alone; messages never name their own role.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import fastifyRateLimit from '@fastify/rate-limit';
import type { WebSocket } from 'ws';
import { reason } from '@/engine/base/reason';
import type { ActorRole } from '@/engine/record/vocabulary';
import { toDrillRecord, type DrillHeader } from '@/runtime/drill-header';
import { heldResult, MAX_MESSAGE_BYTES, parseClientMessage, type Identity, type ServerMessage } from '@/runtime/server-protocol';
import { wallIso } from '@/ui/lib/time-format';
import { DrillHost, type DrillHostOptions, type DrillSocket } from './drill-host';
import { commandTimings } from './command-timings';
import type { PgCluster } from './cluster';
import { registerScenarioLibrary } from './scenario-library';
import { serverQuietCollector } from './quiet-collector';
import { signRecord, wellKnownResponse, WELL_KNOWN_KEYS_PATH, type DeploymentKey } from '@/signing/deployment-key';
import { ENGINE_VERSION, RECORD_FORMAT, StoreError, newDrillMeta, type DrillMeta, type DrillStore, type LoadedDrill } from './store/store';
import { registerCity } from './city/city-routes';
import { ADMIN_COOKIE, drillCookie, hashToken, initialLinks, makeLink, newToken, publicLink } from './links';
import { serverPair } from './server-text';

export interface ServerOptions {
  store: DrillStore;
  /** The production build to serve (`dist/`); absent: the API only. */
  distDir?: string;
  /** The facilitator's start token (a fixed one from TDRILL_FACILITATOR_TOKEN, or random per start). */
  facilitatorToken: string;
  /** Join attempts per minute per address. */
  joinRateLimit?: number;
  logger?: boolean;
  /**
   * The deployment's Ed25519 key (issue 10): records exported from this server are sealed and signed
   * with it, and its public half is published at WELL_KNOWN_KEYS_PATH for the review and `verify`.
   */
  sealKey?: DeploymentKey;
  /** Where the city exercise reads its scenarios by id (default `scenarios/`). */
  scenarioDir?: string;
  /**
   * Several server processes on one PostgreSQL (issue 11): each drill is written by the process
   * holding its lock and followed by the others (cluster.ts). Absent: this process writes every drill.
   */
  cluster?: PgCluster;
  /**
   * Behind a reverse proxy (nginx with HTTPS, docs/deploy.md): fastify's trustProxy (true, or the
   * proxy's addresses), so X-Forwarded-Proto/-For count and session cookies are marked Secure.
   */
  trustProxy?: boolean | string;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, path: '/' };
/** Secure (HTTPS only) when the browser came over HTTPS: directly, or through a trusted proxy's X-Forwarded-Proto. */
const cookieOptionsFor = (req: FastifyRequest) => ({ ...cookieOptions, secure: req.protocol === 'https' });

const refusal = (reply: FastifyReply, status: number, code: string, zh: string, en: string) => reply.code(status).send({ ok: false, reason: reason(code, zh, en) });
/** JSON with object keys sorted: PostgreSQL's jsonb keeps its own key order, so two equal setups may differ in it. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; hosts: Map<string, DrillHost> }> {
  const { store } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 2 * 1024 * 1024, ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}) });
  await app.register(fastifyCookie);
  // ws's own limit closes a socket; ours (MAX_MESSAGE_BYTES) refuses the message and keeps it open.
  // Above maxPayload ws reads a frame's length from its header and, without buffering the payload,
  // closes the socket with 1009 ("message too big") and no reason text: it offers no hook to send a
  // refusal first (ws/lib/websocket.js receiverOnError). A larger limit would only let any socket
  // make the server buffer more. So the limit stays at 1 MB, and the browser never sends a message
  // above MAX_MESSAGE_BYTES: it refuses such a command itself with the server's reason
  // (tooLargeReason, ws-runtime.ts), so a command is never resent into a socket that closes on it.
  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * MAX_MESSAGE_BYTES } });
  await app.register(fastifyRateLimit, { global: false });

  const facilitatorHash = hashToken(options.facilitatorToken);
  // The facilitator's cookie is signed with a key derived from the start token: every process given
  // the same TDRILL_FACILITATOR_TOKEN accepts it (issue 11), and a new random token voids old cookies.
  const adminKey = createHash('sha256').update(`tdrill-admin\n${options.facilitatorToken}`).digest();
  const adminMac = (nonce: string) => createHmac('sha256', adminKey).update(nonce).digest('base64url');
  const hosts = new Map<string, DrillHost>();
  const loading = new Map<string, Promise<DrillHost | null>>();
  /** token hash → drill and link; session hash → drill and link. Built from every drill's meta. */
  const tokens = new Map<string, { drillId: string; linkId: string }>();
  const sessions = new Map<string, { drillId: string; linkId: string }>();
  const metas = new Map<string, DrillMeta>();
  const index = (meta: DrillMeta) => {
    metas.set(meta.id, meta);
    for (const l of meta.links) if (!l.revokedWall) tokens.set(l.tokenHash, { drillId: meta.id, linkId: l.id });
    for (const s of meta.sessions) sessions.set(s.hash, { drillId: meta.id, linkId: s.linkId });
  };
  for (const meta of await store.listDrills()) index(meta);
  /**
   * A drill's meta as it now stands: links it no longer lists (or lists revoked) and sessions it no
   * longer lists are refused from here on, and this process's open sockets of revoked links close.
   */
  const applyMeta = (meta: DrillMeta) => {
    for (const [hash, t] of tokens) if (t.drillId === meta.id && !meta.links.some((l) => l.tokenHash === hash && !l.revokedWall)) tokens.delete(hash);
    for (const [hash, t] of sessions) if (t.drillId === meta.id && !meta.sessions.some((x) => x.hash === hash)) sessions.delete(hash);
    index(meta);
    for (const s of hosts.get(meta.id)?.sockets ?? []) {
      if (s.linkId && !meta.links.some((l) => l.id === s.linkId && !l.revokedWall)) {
        s.send({ kind: 'revoked', reason: reason('link-revoked', ...serverPair('links.revoked')) });
        s.close(4001, 'link revoked');
      }
    }
  };
  // With several processes, a meta another process changed replaces ours: a link revoked there is
  // refused here too, and its sockets here are closed. A new setup (a city agency's roster entered
  // on another process) rebuilds the drill here from it.
  options.cluster?.onMetaChanged((meta) => {
    applyMeta(meta);
    const host = hosts.get(meta.id);
    if (host && !reopening.has(meta.id) && canonical(host.header) !== canonical(meta.drill.header)) {
      // A rebuild that fails (the store is down) leaves the drill to be opened again on its next use.
      reopen(meta.id).catch((e: Error) => console.error(`drill server: drill ${meta.id}: could not rebuild it from its new setup: ${e.message}`));
    }
  });
  /** With several processes, drills, links and sessions made by another one are read on a miss. */
  const refreshIndex = async (): Promise<void> => {
    if (options.cluster) for (const meta of await store.listDrills()) index(meta);
  };

  const hostOf = (drillId: string): Promise<DrillHost | null> => {
    const ready = hosts.get(drillId);
    if (ready) return Promise.resolve(ready);
    let pending = loading.get(drillId);
    if (!pending) {
      pending = (async () => {
        const make = (loaded: LoadedDrill, o: DrillHostOptions = {}) => new DrillHost(store, loaded.meta, loaded.entries, () => performance.now(), () => wallIso(Date.now()), o);
        let host: DrillHost | null;
        if (options.cluster) host = await options.cluster.open(drillId, make);
        else {
          const loaded = await store.loadDrill(drillId);
          host = loaded ? make(loaded) : null;
        }
        if (!host) return null;
        hosts.set(drillId, host);
        host.startTicking();
        return host;
      })().finally(() => loading.delete(drillId));
      loading.set(drillId, pending);
    }
    return pending;
  };

  const reopenListeners: ((host: DrillHost) => void)[] = [];
  /**
   * The drill's engine rebuilt from its stored setup (a city agency's roster): the old host leaves,
   * its devices reconnect to the new one.
   */
  const reopening = new Map<string, Promise<DrillHost | null>>();
  const reopen = (drillId: string): Promise<DrillHost | null> => {
    // One rebuild at a time per drill (the process that changed it also hears its notice).
    let pending = reopening.get(drillId);
    if (!pending) {
      pending = rebuild(drillId).finally(() => reopening.delete(drillId));
      reopening.set(drillId, pending);
    }
    return pending;
  };
  const rebuild = async (drillId: string): Promise<DrillHost | null> => {
    const old = hosts.get(drillId);
    if (old) {
      hosts.delete(drillId);
      await old.close();
      for (const s of old.sockets) s.close(1012, 'setup changed');
    }
    const host = await hostOf(drillId);
    if (host) for (const l of reopenListeners) l(host);
    return host;
  };

  const isAdmin = (req: FastifyRequest): boolean => {
    const c = req.cookies[ADMIN_COOKIE];
    if (typeof c !== 'string') return false;
    const [nonce, mac] = c.split('.');
    if (!nonce || !mac) return false;
    const want = Buffer.from(adminMac(nonce));
    const got = Buffer.from(mac);
    return got.length === want.length && timingSafeEqual(got, want);
  };

  /** Who this browser is in this drill: its drill session's link, else the server's facilitator. */
  const identityOf = (req: FastifyRequest, drillId: string): { me: Identity; linkId: string | null } | null => {
    const c = req.cookies[drillCookie(drillId)];
    const meta = metas.get(drillId);
    if (typeof c === 'string' && meta) {
      const s = sessions.get(hashToken(c));
      const link = s && s.drillId === drillId ? meta.links.find((l) => l.id === s.linkId && !l.revokedWall) : undefined;
      if (link) return { me: { kind: link.kind, ...(link.name ? { name: link.name } : {}), roles: link.roles as ActorRole[] }, linkId: link.id };
    }
    if (isAdmin(req)) return { me: { kind: 'facilitator', roles: ['facilitator'] }, linkId: null };
    return null;
  };

  const isFacilitator = (req: FastifyRequest, drillId: string) => identityOf(req, drillId)?.me.kind === 'facilitator';

  const saveMeta = async (drillId: string, change: (m: DrillMeta) => DrillMeta): Promise<DrillMeta> => {
    const host = await hostOf(drillId);
    const meta = host ? await host.updateMeta(change) : null;
    if (!meta) throw new StoreError(`no drill ${drillId}`, 'no-drill');
    index(meta);
    return meta;
  };

  const startSession = async (reply: FastifyReply, drillId: string, linkId: string) => {
    const value = newToken();
    await saveMeta(drillId, (m) => ({ ...m, sessions: [...m.sessions, { hash: hashToken(value), linkId, createdWall: wallIso(Date.now()) }] }));
    reply.setCookie(drillCookie(drillId), value, cookieOptionsFor(reply.request));
  };

  const joinLimit = { rateLimit: { max: options.joinRateLimit ?? 30, timeWindow: '1 minute' } };

  // ── joining ─────────────────────────────────────────────────────────────────────────────────

  app.get<{ Params: { token: string } }>('/start/:token', { config: joinLimit }, async (req, reply) => {
    if (hashToken(req.params.token) !== facilitatorHash) return refusal(reply, 403, 'bad-link', ...serverPair('links.badFacilitatorLink'));
    const nonce = newToken();
    reply.setCookie(ADMIN_COOKIE, `${nonce}.${adminMac(nonce)}`, cookieOptionsFor(req));
    // The token leaves the address bar: the browser lands on a plain address.
    return reply.redirect('/#/new', 303);
  });

  app.get<{ Params: { token: string } }>('/join/:token', { config: joinLimit }, async (req, reply) => {
    if (!tokens.has(hashToken(req.params.token))) await refreshIndex();
    const found = tokens.get(hashToken(req.params.token));
    const meta = found ? metas.get(found.drillId) : undefined;
    const link = meta?.links.find((l) => l.id === found!.linkId && !l.revokedWall);
    if (!found || !link) return refusal(reply, 403, 'bad-link', ...serverPair('links.badLink'));
    await startSession(reply, found.drillId, link.id);
    const id = encodeURIComponent(found.drillId);
    const to =
      link.kind === 'facilitator' || link.kind === 'observer'
        ? `/#/drill/${id}/console`
        : link.roles.length === 1
          ? `/#/drill/${id}/desk/${encodeURIComponent(link.roles[0])}`
          : `/#/drill/${id}/desks`;
    return reply.redirect(to, 303);
  });

  // ── the API ─────────────────────────────────────────────────────────────────────────────────

  app.get('/api/server', async (req) => ({ server: true, engineVersion: ENGINE_VERSION, recordFormat: RECORD_FORMAT, store: store.kind, facilitator: isAdmin(req) }));

  /** The server's own time per command since the last call (the facilitator only; bench:server reads it). */
  app.get('/api/server/timings', async (req, reply) => {
    if (!isAdmin(req)) return refusal(reply, 403, 'facilitator-only', ...serverPair('drills.timingsFacilitatorOnly'));
    commandTimings.watchGc();
    return commandTimings.take();
  });

  app.get<{ Params: { id: string } }>('/api/drills/:id/me', async (req, reply) => {
    if (!identityOf(req, req.params.id)) await refreshIndex();
    const who = identityOf(req, req.params.id);
    if (!metas.has(req.params.id)) return refusal(reply, 404, 'no-drill', ...serverPair('drills.noDrill'));
    if (!who) return refusal(reply, 401, 'no-session', ...serverPair('drills.noSession'));
    return who.me;
  });

  app.get('/api/drills', async (req) => {
    // DoIT's list shows the drills every process made (a city exercise's, made on another one).
    if (isAdmin(req)) await refreshIndex();
    const mine = [...metas.values()].filter((m) => isAdmin(req) || identityOf(req, m.id));
    // A drill open in this process shows its status as it runs; others show their stored row (kept
    // current at start and end by drill-host.ts).
    return mine.map((m) => ({ ...m.drill, header: undefined, ...hosts.get(m.id)?.listing() }));
  });

  app.post<{ Body: { drill?: Record<string, unknown> & { id?: unknown; header?: unknown } } }>('/api/drills', async (req, reply) => {
    if (!isAdmin(req)) return refusal(reply, 403, 'facilitator-only', ...serverPair('drills.createFacilitatorOnly'));
    const drill = req.body?.drill;
    const header = drill?.header as DrillHeader | undefined;
    if (!drill || typeof drill.id !== 'string' || !SAFE_ID.test(drill.id)) return refusal(reply, 400, 'bad-drill', ...serverPair('drills.idNeeded'));
    if (!header || typeof header !== 'object' || !header.agency || !header.scenario || !Array.isArray(header.participants) || typeof header.t0 !== 'string') {
      return refusal(reply, 400, 'bad-drill', ...serverPair('drills.headerNeeded'));
    }
    const issued = initialLinks(header);
    const meta = newDrillMeta(drill.id, drill as DrillMeta['drill'], issued.map((i) => i.link));
    try {
      // The engine must be able to host it before it is stored.
      new DrillHost(store, meta, [], () => 0, () => '');
    } catch (e) {
      return refusal(reply, 400, 'bad-drill', ...serverPair('drills.engineCannotOpen', { message: (e as Error).message }));
    }
    try {
      await store.createDrill(meta);
    } catch (e) {
      if (e instanceof StoreError && e.code === 'exists') return refusal(reply, 409, 'drill-exists', ...serverPair('drills.exists'));
      throw e;
    }
    index(meta);
    // The creator is the drill's facilitator on this browser.
    await startSession(reply, meta.id, issued[0].link.id);
    return { ok: true, drillId: meta.id, links: issued.map((i) => ({ link: publicLink(i.link), token: i.token, path: `/join/${i.token}` })) };
  });

  app.get<{ Params: { id: string } }>('/api/drills/:id/links', async (req, reply) => {
    // A drill made on another process (DoIT's session counts everywhere) is read on a miss.
    if (!metas.has(req.params.id)) await refreshIndex();
    if (!isFacilitator(req, req.params.id)) return refusal(reply, 403, 'facilitator-only', ...serverPair('links.facilitatorOnly'));
    const meta = metas.get(req.params.id);
    if (!meta) return refusal(reply, 404, 'no-drill', ...serverPair('drills.noDrill'));
    return meta.links.map(publicLink);
  });

  const changeLink = (revokeOnly: boolean) => async (req: FastifyRequest<{ Params: { id: string; linkId: string } }>, reply: FastifyReply) => {
    const { id, linkId } = req.params;
    if (!metas.has(id)) await refreshIndex();
    if (!isFacilitator(req, id)) return refusal(reply, 403, 'facilitator-only', ...serverPair('links.facilitatorOnly'));
    const old = metas.get(id)?.links.find((l) => l.id === linkId);
    if (!old) return refusal(reply, 404, 'no-link', ...serverPair('links.noLink'));
    const fresh = revokeOnly ? null : makeLink(old.kind, old.roles, old.name);
    const now = wallIso(Date.now());
    await saveMeta(id, (m) => ({
      ...m,
      links: [...m.links.map((l) => (l.id === linkId && !l.revokedWall ? { ...l, revokedWall: now } : l)), ...(fresh ? [fresh.link] : [])],
      sessions: m.sessions.filter((s) => s.linkId !== linkId),
    }));
    tokens.delete(old.tokenHash);
    for (const [hash, s] of sessions) if (s.linkId === linkId) sessions.delete(hash);
    // Open sockets of the old link are told and closed: the device must join again.
    const host = hosts.get(id);
    for (const s of host?.sockets ?? []) {
      if (s.linkId === linkId) {
        s.send({ kind: 'revoked', reason: reason('link-revoked', ...serverPair('links.revoked')) });
        s.close(4001, 'link revoked');
      }
    }
    return { ok: true, ...(fresh ? { link: publicLink(fresh.link), token: fresh.token, path: `/join/${fresh.token}` } : {}) };
  };
  app.post('/api/drills/:id/links/:linkId/revoke', changeLink(true));
  app.post('/api/drills/:id/links/:linkId/reissue', changeLink(false));

  /** The drill record as the browser exports it (score it with `npm run -s score -- FILE`). */
  app.get<{ Params: { id: string } }>('/api/drills/:id/record', async (req, reply) => {
    if (!identityOf(req, req.params.id)) return refusal(reply, 401, 'no-session', ...serverPair('drills.noSession'));
    const host = await hostOf(req.params.id);
    if (!host) return refusal(reply, 404, 'no-drill', ...serverPair('drills.noDrill'));
    reply.header('content-disposition', `attachment; filename="${host.id}.drill-record.json"`);
    const record = toDrillRecord(host.header, host.events());
    // The server's own log, so sealing it launders nothing; uploaded records are never signed.
    return JSON.stringify(options.sealKey ? signRecord(record, options.sealKey, wallIso(Date.now())) : record, null, 2);
  });

  if (options.sealKey) {
    const key = options.sealKey;
    app.get(WELL_KNOWN_KEYS_PATH, (_req, reply) => {
      const r = wellKnownResponse(key);
      return reply.code(r.status).headers(r.headers).send(r.body);
    });
  }

  // ── the drill's socket ──────────────────────────────────────────────────────────────────────

  app.get<{ Params: { id: string } }>('/api/drills/:id/ws', { websocket: true }, (socket: WebSocket, req) => {
    const drillId = req.params.id;
    const sendText = (text: string | Buffer) => {
      // A Buffer is a broadcast frame encoded once for every socket; it is still a text message.
      if (socket.readyState === socket.OPEN) socket.send(text, { binary: false });
    };
    const send = (m: ServerMessage) => sendText(JSON.stringify(m));
    // Another site's page must not ride this browser's cookie (SameSite=Strict also guards this).
    const origin = req.headers.origin;
    if (origin && new URL(origin).host !== req.headers.host) {
      send({ kind: 'refused', reason: reason('bad-origin', ...serverPair('socket.badOrigin', { origin: String(origin) })) });
      socket.close(4003, 'bad origin');
      return;
    }
    const known = identityOf(req, drillId);
    let client: DrillSocket | null = null;
    // Messages that come while the session is looked up (another process may have made it) wait for it.
    const host = (known || !options.cluster ? Promise.resolve(known) : refreshIndex().then(() => identityOf(req, drillId))).then((who) => {
      if (!who) {
        send({ kind: 'refused', reason: reason('no-session', ...serverPair('drills.noSession')) });
        socket.close(4001, 'no session');
        return null;
      }
      // ws has no cork of its own: its TCP socket's, so a broadcast and the results that follow it
      // leave in one write (drill-host.ts). Without one (another transport), messages go one by one.
      const tcp = (socket as unknown as { _socket?: { cork?(): void; uncork?(): void } })._socket;
      const corks = typeof tcp?.cork === 'function' && typeof tcp.uncork === 'function';
      client = {
        me: who.me,
        linkId: who.linkId,
        send,
        sendText,
        close: (code, why) => socket.close(code, why),
        ...(corks ? { cork: () => tcp.cork!(), uncork: () => tcp.uncork!() } : {}),
      };
      return hostOf(drillId).then((h) => {
        if (!h) {
          send({ kind: 'refused', reason: reason('no-drill', ...serverPair('drills.noDrill')) });
          socket.close(4004, 'no drill');
        }
        return h;
      });
    });
    const onMessage = (h: DrillHost, me: DrillSocket, data: Buffer, isBinary: boolean): void => {
      const parsed = isBinary ? { ok: false as const, reason: reason('malformed-message', ...serverPair('socket.textOnly')) } : parseClientMessage(data);
      if (!parsed.ok) {
        send({ kind: 'refused', ...('id' in parsed && parsed.id ? { id: parsed.id } : {}), reason: parsed.reason });
        return;
      }
      const m = parsed.message;
      if (m.kind === 'ping') return send({ kind: 'pong' });
      if (m.kind === 'hello') {
        h.sockets.add(me);
        h.welcome(me, m.lastSeq);
        return;
      }
      // Answered as the writer settles it, right after the broadcast of its events (one write),
      // or in that broadcast itself (its `answers`).
      void h.submit(me, m.id, m.command, (result, told) => {
        if (told !== 'answered') send({ kind: 'result', id: m.id, result: told === 'held' && result.ok ? heldResult(result) : result });
      });
    };
    // Once the drill is found, a message is read as it comes (no promise per message); before
    // that, messages wait for it in the order they came.
    let found: DrillHost | null = null;
    void host.then((h) => (found = h));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      serverQuietCollector.busy();
      if (found && client) return onMessage(found, client, data, isBinary);
      void host.then((h) => {
        if (h && client) onMessage(h, client, data, isBinary);
      });
    });
    socket.on('close', () => void host.then((h) => client && h?.sockets.delete(client)));
  });

  // ── the city exercise (issue 11): DoIT's many agency drills on one clock (city/city-routes.ts) ──

  await registerCity({
    app,
    store,
    hostOf,
    reopen,
    onReopen: (l) => reopenListeners.push(l),
    metas,
    tokens,
    isAdmin,
    identityOf,
    refreshIndex,
    startSession,
    saveMeta,
    applyMeta,
    index,
    joinLimit,
    scenarioDir: options.scenarioDir,
    ...(options.cluster ? { cluster: options.cluster } : {}),
  });
  await registerScenarioLibrary(app, { store, isAdmin, identityOf, cookiePrefix: drillCookie('') });

  // ── the app ─────────────────────────────────────────────────────────────────────────────────

  if (options.distDir && existsSync(join(options.distDir, 'index.html'))) {
    const root = resolve(options.distDir);
    // The page is marked as served by the drill server: the app then keeps drills here (server-mode.ts).
    const page = readFileSync(join(root, 'index.html'), 'utf8').replace('<head>', '<head>\n    <meta name="tdrill-server" content="1" />');
    await app.register(fastifyStatic, { root, index: false, wildcard: true });
    const sendPage = (_req: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    app.get('/', sendPage);
    app.get('/index.html', sendPage);
  }

  app.addHook('onClose', async () => {
    for (const h of hosts.values()) await h.close();
  });

  return { app, hosts };
}
