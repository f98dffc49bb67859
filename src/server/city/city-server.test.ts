// @vitest-environment node
/**
 * The city exercise on the drill server (issue 11) over real HTTP and WebSockets (file store in a
 * temp folder): DoIT creates it from its agency list (a bad row or a duplicate creates nothing), each
 * agency's facilitator enters its roster, DoIT's one clock starts every agency drill, an agency's
 * action reaches DoIT's socket, DoIT's review lands in the agency's drill under DoIT's reviewer,
 * only DoIT's session can do any of it, and a failing agency gets a re-drill linked to its result.
 */
import { serveFileStore } from '@/server/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DrillClient, join as joinLink } from '../test-client';
import type { CityServerMessage } from '@/ui/drill-runtime/city-protocol';
import { StoreError, type DrillStore } from '../store/store';
import { mkdirSync, writeFileSync } from 'node:fs';
import { runReport } from '@/cli/report';
import { runVerify } from '@/cli/verify';
import { generateDeploymentKey, publicKeyDocument, type DeploymentKey } from '@/signing/deployment-key';
import { parseDrillRecord } from '@/engine/record/parse';
import { scoreRecord } from '@/engine/scoring/score';

const PORT = Number(process.env.CITY_TEST_PORT ?? 4311);
const origin = `http://127.0.0.1:${PORT}`;
const TOKEN = 'doit-test-token';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(dir = mkdtempSync(join(tmpdir(), 'tdrill-city-')), wrap?: (s: DrillStore) => DrillStore, sealKey?: DeploymentKey) {
  const { close } = await serveFileStore({ dir, port: PORT, facilitatorToken: TOKEN, ...(wrap ? { wrap } : {}), ...(sealKey ? { sealKey } : {}) });
  cleanups.push(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, close };
}

const CSV = readFileSync(join(process.cwd(), 'test', 'fixtures', 'city', 'agencies.csv'));
const csvOf = (text: string) => ({ name: 'agencies.csv', base64: Buffer.from(text, 'utf8').toString('base64') });
const THREE = `機關名稱,機關類型,上級或監督機關,是否向中央通報,聯絡人\n臺北市政府工務局,一般機關,上級機關,否,王 02-1\n臺北市政府消防局,一般機關,上級機關,否,值班室 119\n臺北流行音樂中心,行政法人,監督機關,否,陳組長\n`;

async function post(path: string, cookie: string, body: unknown, method = 'POST') {
  const res = await fetch(`${origin}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { ok: boolean; reason?: { code: string; en: string } } };
}

interface Created {
  exerciseId: string;
  agencies: { drillId: string; name: string; links: { link: { kind: string }; path: string }[] }[];
}

async function createExercise(doit: string, csv = csvOf(THREE)) {
  return post('/api/city/exercises', doit, { id: 'city-t', title: '115 年府級演練', startAt: '2026-03-09T08:40:00+08:00', scenarios: { kind: 'one', scenarioId: 'ransomware-core' }, csv });
}

const ROSTER = {
  facilitatorName: '機關主持人',
  participants: [
    { name: '王通報', position: 'it-staff', roles: ['reporting-contact', 'commander'] },
    { name: '李資安', position: 'ciso', roles: ['ciso'] },
  ],
};

function doitSocket(exerciseId: string, cookie: string) {
  const ws = new WebSocket(`ws://127.0.0.1:${PORT}/api/city/exercises/${exerciseId}/ws`, { headers: { cookie, origin } });
  const messages: CityServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as CityServerMessage));
  cleanups.push(() => ws.close());
  const until = async (test: (m: CityServerMessage) => boolean, what: string) => {
    for (let i = 0; i < 2000; i += 1) {
      const found = messages.find(test);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${what}`);
  };
  return { ws, messages, until, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}

describe('city exercise on the drill server', () => {
  it('refuses a list with a bad row or a duplicate whole, and a non-DoIT session', async () => {
    await serve();
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const bad = await createExercise(doit, csvOf(`${THREE}臺北市政府警察局,不知道,上級機關,否,x\n`));
    expect(bad.status).toBe(400);
    expect(bad.body.reason?.code).toBe('bad-agency-list');
    expect(bad.body.errors).toEqual([expect.objectContaining({ row: 5, column: expect.stringMatching(/^B/) })]);
    const dup = await createExercise(doit, csvOf(`${THREE}臺北市政府消防局,一般機關,上級機關,否,y\n`));
    expect(dup.status).toBe(400);
    // Nothing of either was created.
    const list = await fetch(`${origin}/api/city/exercises`, { headers: { cookie: doit } });
    expect(await list.json()).toEqual([]);
    expect((await createExercise('nobody=1')).status).toBe(403);
    // The Excel-style fixture list works.
    const ok = await createExercise(doit, { name: 'agencies.csv', base64: CSV.toString('base64') });
    expect(ok.status).toBe(200);
    expect((ok.body as unknown as Created).agencies.length).toBeGreaterThan(3);
    expect((await createExercise(doit)).status).toBe(409);
  });

  it('a store that fails while creating the exercise: refused with the store’s words, nothing of it listed', async () => {
    // The stores' own all-or-nothing is tested in store-contract.ts and file-store.test.ts (a failure at each write).
    const failing = (s: DrillStore): DrillStore =>
      Object.assign(Object.create(s) as DrillStore, { createCity: () => Promise.reject(new StoreError('disk failed writing drill city-t-a002', 'io')) });
    await serve(undefined, failing);
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const made = await createExercise(doit);
    expect(made.status).toBe(500);
    expect(made.body.reason).toMatchObject({ code: 'storage-failed', en: expect.stringContaining('disk failed writing drill city-t-a002') });
    expect(await (await fetch(`${origin}/api/city/exercises`, { headers: { cookie: doit } })).json()).toEqual([]);
    expect(await (await fetch(`${origin}/api/drills`, { headers: { cookie: doit } })).json()).toEqual([]);
  });

  it('reads Excel’s Big5 list, and the exercise and its rosters survive a restart', async () => {
    const first = await serve();
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const big5 = readFileSync(join(process.cwd(), 'test', 'fixtures', 'city', 'agencies-big5.csv'));
    const made = await createExercise(doit, { name: 'agencies-big5.csv', base64: big5.toString('base64') });
    expect(made.status).toBe(200);
    const agencies = (made.body as unknown as Created).agencies;
    expect(agencies[0].name).toBe('臺北市政府工務局');
    const f = await joinLink(origin, agencies[0].links.find((l) => l.link.kind === 'facilitator')!.path);
    expect((await post(`/api/city/drills/${agencies[0].drillId}/roster`, f.cookie, ROSTER, 'PUT')).status).toBe(200);
    // The server stops and starts again on the same store: the exercise is its drills, nothing is lost.
    await first.close();
    await serve(first.dir);
    const doit2 = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const list = (await (await fetch(`${origin}/api/city/exercises`, { headers: { cookie: doit2 } })).json()) as { id: string; agencies: number }[];
    expect(list).toEqual([expect.objectContaining({ id: 'city-t', agencies: agencies.length })]);
    const board = doitSocket('city-t', doit2);
    const welcome = await board.until((m) => m.kind === 'welcome', 'welcome');
    expect(welcome.kind === 'welcome' && welcome.drills.map((d) => d.rosterAt !== undefined)).toEqual(agencies.map((_, i) => i === 0));
    // Once the drills run, a roster can no longer change.
    board.send({ kind: 'clock', id: 'clock-start-2', command: { kind: 'start' } });
    await board.until((m) => m.kind === 'result' && m.id === 'clock-start-2', 'start');
    const late = await post(`/api/city/drills/${agencies[0].drillId}/roster`, f.cookie, ROSTER, 'PUT');
    expect(late.status).toBe(409);
    expect(late.body.reason?.code).toBe('already-started');
  });

  it('runs the exercise: rosters, one clock, live events to DoIT, DoIT reviews into the agency, re-drill', async () => {
    await serve();
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const created = (await createExercise(doit)).body as unknown as Created;
    expect(created.agencies.map((a) => a.name)).toEqual(['臺北市政府工務局', '臺北市政府消防局', '臺北流行音樂中心']);

    // Each agency's facilitator opens its link (to the roster first) and enters its people.
    const agencies: (Created['agencies'][number] & { cookie: string; people: { link: { name: string }; path: string }[] })[] = [];
    for (const a of created.agencies) {
      const path = a.links.find((l) => l.link.kind === 'facilitator')!.path;
      const joined = await joinLink(origin, path);
      expect(joined.location).toBe(`/#/drill/${a.drillId}/roster`);
      const setup = await fetch(`${origin}/api/city/drills/${a.drillId}/setup`, { headers: { cookie: joined.cookie } });
      expect(((await setup.json()) as { header: { agency: { name: string } } }).header.agency.name).toBe(a.name);
      // Another agency's facilitator cannot touch it.
      const put = await post(`/api/city/drills/${a.drillId}/roster`, joined.cookie, ROSTER, 'PUT');
      expect(put.status).toBe(200);
      agencies.push({ ...a, cookie: joined.cookie, people: put.body.links as { link: { name: string }; path: string }[] });
    }
    expect((await post(`/api/city/drills/${created.agencies[1].drillId}/roster`, agencies[0].cookie, ROSTER, 'PUT')).status).toBe(403);

    const board = doitSocket('city-t', doit);
    const welcome = await board.until((m) => m.kind === 'welcome', 'welcome');
    expect(welcome.kind === 'welcome' && welcome.drills.map((d) => d.rosterAt !== undefined)).toEqual([true, true, true]);

    // One clock: start acts on every agency drill.
    board.send({ kind: 'clock', id: 'clock-start-1', command: { kind: 'start' } });
    const started = await board.until((m) => m.kind === 'result' && m.id === 'clock-start-1', 'start result');
    expect(started.kind === 'result' && started.results.map((r) => r.result.ok)).toEqual([true, true, true]);

    // An agency's participant acts: DoIT's socket hears it, wrapped with the drill's id.
    const contact = agencies[0].people.find((p) => p.link.name === '王通報')!;
    const desk = new DrillClient(origin, agencies[0].drillId, (await joinLink(origin, contact.path)).cookie);
    cleanups.push(() => desk.close());
    await desk.connect();
    const filed = await desk.send({ kind: 'action', action: { type: 'report.submitted', actor: { role: 'reporting-contact' }, data: { level: 3, channel: 'website' } } });
    expect(filed.ok).toBe(true);
    await board.until((m) => m.kind === 'agency' && m.drillId === agencies[0].drillId && m.message.kind === 'events' && m.message.events.some((e) => e.type === 'report.submitted'), 'the report on the board');

    // A forged review from the agency's desk is refused (the role is DoIT's).
    const forged = await desk.send({ kind: 'action', action: { type: 'level.reviewed', actor: { role: 'doit-reviewer' }, data: { level: 2 } } });
    expect(forged.ok).toBe(false);
    // DoIT reviews from its queue: recorded in the agency's drill, under DoIT's reviewer.
    board.send({ kind: 'review', id: 'review-0001', drillId: agencies[0].drillId, level: 3 });
    const reviewed = await board.until((m) => m.kind === 'result' && m.id === 'review-0001', 'review result');
    expect(reviewed.kind === 'result' && reviewed.results[0].result.ok).toBe(true);
    await desk.until((m) => m.kind === 'events' && m.events.some((e) => e.type === 'level.reviewed'), 'the review in the agency drill');
    expect(desk.events.find((e) => e.type === 'level.reviewed')?.actor).toEqual({ role: 'doit-reviewer', name: '資訊局審核人員' });

    // While the agency's drill runs its verdict is not final: no re-drill yet, with the reason in both languages.
    const early = await post('/api/city/exercises/city-t/redrills', doit, { drillId: agencies[1].drillId });
    expect(early.status).toBe(409);
    expect(early.body.reason).toMatchObject({ code: 'drill-not-ended', zh: expect.stringContaining('臺北市政府消防局'), en: expect.stringContaining('has not ended') });
    expect(board.messages.some((m) => m.kind === 'drill' && m.drill.redrillOf !== undefined)).toBe(false);

    // The exercise ends; the report comes from the server.
    board.send({ kind: 'clock', id: 'clock-jump-1', command: { kind: 'jump-by', ms: 30 * 86_400_000 } });
    await board.until((m) => m.kind === 'result' && m.id === 'clock-jump-1', 'jump');
    board.send({ kind: 'clock', id: 'clock-end-01', command: { kind: 'end' } });
    await board.until((m) => m.kind === 'result' && m.id === 'clock-end-01', 'end');
    const md = await (await fetch(`${origin}/api/city/exercises/city-t/report?lang=en`, { headers: { cookie: doit } })).text();
    expect(md).toContain('臺北市政府消防局');
    expect(md).toMatch(/Fail/);

    // A re-drill for a failing agency, linked to its result; none for an unknown drill.
    const redrill = await post('/api/city/exercises/city-t/redrills', doit, { drillId: agencies[1].drillId });
    expect(redrill.status).toBe(200);
    expect(redrill.body.redrillOf).toMatchObject({ exerciseId: 'city-t', agency: '臺北市政府消防局', originalVerdict: 'fail' });
    await board.until((m) => m.kind === 'drill' && m.drill.redrillOf === agencies[1].drillId, 'the re-drill on the board');
    const record = (await (await fetch(`${origin}/api/drills/${String(redrill.body.drillId)}/record`, { headers: { cookie: doit } })).json()) as { redrillOf?: { agency: string } };
    expect(record.redrillOf?.agency).toBe('臺北市政府消防局');
    // Its facilitator confirms the people on the roster step; their links are issued then, in the agency's browser.
    const redrillLinks = redrill.body.links as { link: { kind: string }; path: string }[];
    expect(redrillLinks.map((l) => l.link.kind)).not.toContain('participant');
    const redrillFacilitator = redrillLinks.find((l) => l.link.kind === 'facilitator')!;
    expect(redrillFacilitator.path).toMatch(/^\/city\/join\//);
    const toRoster = await fetch(`${origin}${redrillFacilitator.path}`, { redirect: 'manual' });
    expect(toRoster.headers.get('location')).toBe(`/#/drill/${encodeURIComponent(String(redrill.body.drillId))}/roster`);
    const rf = await joinLink(origin, redrillFacilitator.path);
    const rroster = await post(`/api/city/drills/${String(redrill.body.drillId)}/roster`, rf.cookie, ROSTER, 'PUT');
    expect(rroster.status).toBe(200);
    expect((rroster.body.links as { link: { kind: string } }[]).filter((l) => l.link.kind === 'participant')).toHaveLength(ROSTER.participants.length);
    expect((await post('/api/city/exercises/city-t/redrills', doit, { drillId: 'nope' })).status).toBe(404);
    // Not DoIT: refused.
    expect((await post('/api/city/exercises/city-t/redrills', agencies[1].cookie, { drillId: agencies[1].drillId })).status).toBe(403);
  });

  it('DoIT reissues an agency’s facilitator link: the old link and its session stop, the new one works once shown', async () => {
    await serve();
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const created = (await createExercise(doit)).body as unknown as Created;
    const [first, second] = created.agencies;
    const oldPath = first.links.find((l) => l.link.kind === 'facilitator')!.path;
    const before = await joinLink(origin, oldPath);
    expect((await post(`/api/city/drills/${first.drillId}/roster`, before.cookie, ROSTER, 'PUT')).status).toBe(200);
    // The agency's console is open on the old link when DoIT reissues it.
    const agencyConsole = new DrillClient(origin, first.drillId, before.cookie);
    cleanups.push(() => agencyConsole.close());
    await agencyConsole.connect();

    const path = `/api/city/exercises/city-t/drills/${first.drillId}/facilitator-link`;
    // Only DoIT, only a drill of this exercise.
    expect((await post(path, before.cookie, {})).status).toBe(403);
    expect((await post('/api/city/exercises/city-t/drills/nope/facilitator-link', doit, {})).status).toBe(404);
    expect((await post(`/api/city/exercises/other/drills/${first.drillId}/facilitator-link`, doit, {})).status).toBe(404);
    const reissued = await post(path, doit, {});
    expect(reissued.status).toBe(200);
    expect(reissued.body).toMatchObject({ ok: true, drillId: first.drillId, path: expect.stringMatching(/^\/city\/join\//), link: { kind: 'facilitator' } });
    expect(JSON.stringify(reissued.body.link)).not.toContain('tokenHash');

    // The old link and the session it gave are refused; its open console is told and closed.
    await agencyConsole.until((m) => m.kind === 'revoked', 'the console to be told its link was revoked');
    expect((await fetch(`${origin}${oldPath}`, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${origin}/api/city/drills/${first.drillId}/setup`, { headers: { cookie: before.cookie } })).status).toBe(403);
    // The new link opens the agency's console (its roster is in); the other agency's link is untouched.
    const after = await joinLink(origin, String(reissued.body.path));
    expect(after.location).toBe(`/#/drill/${first.drillId}/console`);
    expect((await fetch(`${origin}/api/city/drills/${first.drillId}/setup`, { headers: { cookie: after.cookie } })).status).toBe(200);
    expect((await joinLink(origin, second.links.find((l) => l.link.kind === 'facilitator')!.path)).location).toBe(`/#/drill/${second.drillId}/roster`);
  });

  it('compares an exercise with the ones this server held before it, and gives each one’s summary', async () => {
    await serve();
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    const older = await post('/api/city/exercises', doit, { id: 'city-2025', title: '114 年府級演練', startAt: '2025-03-10T08:40:00+08:00', scenarios: { kind: 'one', scenarioId: 'ransomware-core' }, csv: csvOf(THREE) });
    expect(older.status).toBe(200);
    expect((await createExercise(doit)).status).toBe(200);
    for (const id of ['city-2025', 'city-t']) {
      const board = doitSocket(id, doit);
      await board.until((m) => m.kind === 'welcome', 'welcome');
      board.send({ kind: 'clock', id: `clock-start-${id}`, command: { kind: 'start' } });
      await board.until((m) => m.kind === 'result' && m.id === `clock-start-${id}`, 'start');
    }
    const get = (path: string) => fetch(`${origin}${path}`, { headers: { cookie: doit } });
    const summary = (await (await get('/api/city/exercises/city-2025/report?format=summary')).json()) as Record<string, unknown>;
    expect(summary).toMatchObject({ format: 'taipei-city-summary/1', id: 'city-2025', title: '114 年府級演練', startAt: '2025-03-10T08:40:00+08:00', agencies: 3 });
    // The later exercise's report lists the earlier one in its comparison; the earlier one's does not list the later.
    const later = await (await get('/api/city/exercises/city-t/report?lang=en')).text();
    const history = later.slice(later.indexOf('## 9'));
    expect(history).toContain('114 年府級演練');
    expect(history).toContain('115 年府級演練');
    const first = await (await get('/api/city/exercises/city-2025/report?lang=en')).text();
    expect(first.slice(first.indexOf('## 9'))).not.toContain('115 年府級演練');
    expect((await fetch(`${origin}/api/city/exercises/city-2025/report?format=summary`)).status).toBe(403);
  });
  it('a folder of the exercise’s exported records makes the server’s city report byte for byte, with no flags', async () => {
    const key = generateDeploymentKey();
    const { dir } = await serve(undefined, undefined, key);
    const doit = (await joinLink(origin, `/start/${TOKEN}`)).cookie;
    // One scenario per agency type: the report names both, with the types that played each.
    const made = await post('/api/city/exercises', doit, {
      id: 'city-t',
      title: '115 年府級演練',
      startAt: '2026-03-09T08:40:00+08:00',
      scenarios: { kind: 'by-type', byType: { agency: 'ransomware-core', 'administrative-corporation': 'admin-corp-ticketing' } },
      csv: csvOf(THREE),
    });
    expect(made.status).toBe(200);
    const created = made.body as unknown as Created;
    // The first agency enters its roster and files its report; DoIT reviews it from the queue.
    const first = created.agencies[0];
    const f = await joinLink(origin, first.links.find((l) => l.link.kind === 'facilitator')!.path);
    const people = (await post(`/api/city/drills/${first.drillId}/roster`, f.cookie, ROSTER, 'PUT')).body.links as { link: { name: string }; path: string }[];
    const board = doitSocket('city-t', doit);
    await board.until((m) => m.kind === 'welcome', 'welcome');
    board.send({ kind: 'clock', id: 'clock-start-1', command: { kind: 'start' } });
    await board.until((m) => m.kind === 'result' && m.id === 'clock-start-1', 'start');
    const desk = new DrillClient(origin, first.drillId, (await joinLink(origin, people.find((p) => p.link.name === '王通報')!.path)).cookie);
    cleanups.push(() => desk.close());
    await desk.connect();
    expect((await desk.send({ kind: 'action', action: { type: 'report.submitted', actor: { role: 'reporting-contact' }, data: { level: 3, channel: 'website' } } })).ok).toBe(true);
    board.send({ kind: 'review', id: 'review-0001', drillId: first.drillId, level: 3 });
    await board.until((m) => m.kind === 'result' && m.id === 'review-0001', 'review');
    board.send({ kind: 'clock', id: 'clock-jump-1', command: { kind: 'jump-by', ms: 30 * 86_400_000 } });
    await board.until((m) => m.kind === 'result' && m.id === 'clock-jump-1', 'jump');
    board.send({ kind: 'clock', id: 'clock-end-01', command: { kind: 'end' } });
    await board.until((m) => m.kind === 'result' && m.id === 'clock-end-01', 'end');
    // Re-drills, given in another order than DoIT's list: the third agency's and the second's are
    // played (held on different days), the first's is not yet (no events: both reports leave it out).
    const redrills: string[] = [];
    for (const [n, t0] of [[2, '2026-05-20T09:00:00+08:00'], [1, '2026-05-04T09:00:00+08:00'], [0, null]] as const) {
      const given = await post('/api/city/exercises/city-t/redrills', doit, { drillId: created.agencies[n].drillId, ...(t0 ? { t0 } : {}) });
      expect(given.status).toBe(200);
      redrills.push(String(given.body.drillId));
      if (!t0) continue;
      const facilitator = (given.body.links as { link: { kind: string }; path: string }[]).find((l) => l.link.kind === 'facilitator')!;
      const rf = await joinLink(origin, facilitator.path);
      expect((await post(`/api/city/drills/${String(given.body.drillId)}/roster`, rf.cookie, ROSTER, 'PUT')).status).toBe(200);
      const redrillConsole = new DrillClient(origin, String(given.body.drillId), rf.cookie);
      cleanups.push(() => redrillConsole.close());
      await redrillConsole.connect();
      expect((await redrillConsole.send({ kind: 'start' })).ok).toBe(true);
      expect((await redrillConsole.send({ kind: 'end' })).ok).toBe(true);
    }

    // DoIT saves every drill's record, as the server exports it (signed), under names in another order than DoIT's list.
    const folder = join(dir, 'records');
    mkdirSync(folder);
    const ids = [...created.agencies.map((a) => a.drillId), ...redrills];
    const get = (path: string) => fetch(`${origin}${path}`, { headers: { cookie: doit } });
    for (const [i, id] of ids.entries()) {
      const text = await (await get(`/api/drills/${id}/record`)).text();
      writeFileSync(join(folder, `${String.fromCharCode(122 - i)}.json`), text);
      const record = JSON.parse(text) as Record<string, unknown>;
      expect(record.cityExercise).toMatchObject({ id: 'city-t', title: '115 年府級演練', startAt: '2026-03-09T08:40:00+08:00', index: i < 3 ? i : [2, 1, 0][i - 3] });
      if (i === 0) {
        // The field is the project's extension: the record scores exactly as it does without it.
        const parsed = parseDrillRecord(text, 'x');
        const { cityExercise: _c, integrity: _i, ...plain } = record;
        const bare = parseDrillRecord(JSON.stringify(plain), 'y');
        expect(parsed.ok && bare.ok && JSON.stringify(scoreRecord(parsed.record))).toBe(bare.ok ? JSON.stringify(scoreRecord(bare.record)) : 'unparsed');
      }
    }
    const keyFile = join(dir, 'keys.json');
    writeFileSync(keyFile, JSON.stringify(publicKeyDocument(key)));
    // Still signed as the server exported it: verify says so (exit 0 only when verified).
    expect(await runVerify([join(folder, 'z.json'), '--key', keyFile], { stdout: () => undefined, stderr: () => undefined })).toBe(0);

    const cli = (args: string[]) => {
      let out = '';
      let err = '';
      const code = runReport(['--city', folder, ...args], { stdout: (t) => ((out += t), true), stderr: (t) => ((err += t), true) });
      return { code, out, err };
    };
    // Byte for byte (the CSV's BOM included: fetch's text() would drop it).
    const bytes = async (path: string) => Buffer.from(await (await get(path)).arrayBuffer());
    for (const lang of ['zh-TW', 'en'] as const) {
      const md = cli(['--lang', lang]);
      expect(md.code).toBe(0);
      expect(md.err).toContain('u.json: a city drill that has not started');
      expect(Buffer.from(md.out).equals(await bytes(`/api/city/exercises/city-t/report?lang=${lang}`))).toBe(true);
      const csv = cli(['--lang', lang, '--format', 'csv']);
      expect(Buffer.from(csv.out).equals(await bytes(`/api/city/exercises/city-t/report?lang=${lang}&format=csv`))).toBe(true);
    }
    const md = cli([]).out;
    expect(md).toContain('| 演練 | 115 年府級演練 (city-t) |');
    expect(md).toContain('| 開始時間（模擬） | 2026-03-09 08:40 |');
    expect(md).toContain('| 情境 | 行政法人會員售票系統遭撞庫攻擊 (admin-corp-ticketing)：行政法人；社會救助案件管理系統遭勒索軟體加密 (ransomware-core)：一般機關 |');
    // The flags still override what the records say.
    expect(cli(['--id', 'city-x', '--title', '別名']).out).toContain('| 演練 | 別名 (city-x) |');
    // Both played re-drills are compared, in DoIT's order of their agencies.
    const compared = md.slice(md.indexOf('## 十、'));
    expect(compared.indexOf('### 臺北市政府消防局')).toBeGreaterThan(0);
    expect(compared.indexOf('### 臺北流行音樂中心')).toBeGreaterThan(compared.indexOf('### 臺北市政府消防局'));
    expect(compared).not.toContain('### 臺北市政府工務局');
  });
});
