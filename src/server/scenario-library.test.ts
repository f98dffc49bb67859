// @vitest-environment node
/**
 * The server's scenario library over real HTTP (file store in a temp folder): a facilitator or DoIT
 * saves, every session lists, a participant or a stranger cannot save, bad text is refused naming
 * the line, and what was saved is there after a restart. The library itself on both stores (the
 * PostgreSQL half needs DATABASE_URL, as pg-store.test.ts does).
 */
import { throwawayDatabases } from '@/server/test-support';
import { serveFileStore } from '@/server/test-support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHeader } from '@/ui/drill-runtime/test-windows';
import { parseIsoMs } from '@/engine/time/taipei';
import { MAX_SCENARIO_BYTES } from '@/engine/record/text-input';
import { FileScenarioLibrary, PgScenarioLibrary, type ScenarioLibraryStore, type ServerScenario } from './scenario-library';
import { join as joinLink } from './test-client';

const PORT = 4410;
const origin = `http://127.0.0.1:${PORT}`;
const TOKEN = 'library-test-token';
const SCENARIO = readFileSync(join(process.cwd(), 'scenarios', 'equipment-failure.yaml'), 'utf8');
const ID = 'equipment-failure';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function newDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tdrill-lib-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function serve(dir: string) {
  const { close } = await serveFileStore({ dir, port: PORT, facilitatorToken: TOKEN });
  cleanups.push(close);
  return { close };
}

const put = (cookie: string | null, id: string, text: unknown) =>
  fetch(`${origin}/api/scenarios/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ text }) });
const list = (cookie: string | null) => fetch(`${origin}/api/scenarios`, { headers: cookie ? { cookie } : {} });

/** The facilitator creates a drill; its links (participants, DoIT's reviewer) come back. */
async function drillLinks(adminCookie: string) {
  const header = testHeader();
  const res = await fetch(`${origin}/api/drills`, {
    method: 'POST',
    headers: { cookie: adminCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ drill: { id: 'drill-1', title: 'T', header, clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 } } }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { links: { link: { kind: string; roles: string[] }; path: string }[] }).links;
}

/** The 1-based line of the first line matching `re`. */
const lineOf = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l)) + 1;

describe('the server scenario library', () => {
  it('stores a facilitator’s scenario durably and lists it to every session, also after a restart', async () => {
    const dir = newDir();
    const first = await serve(dir);
    const admin = await joinLink(origin, `/start/${TOKEN}`);
    const res = await put(admin.cookie, ID, SCENARIO);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, scenario: { id: ID, title: { en: 'Storage controller failure stops the refuse-collection scheduling system' } } });

    // A participant's device on the same server lists it (reading needs only some session here).
    const links = await drillLinks(admin.cookie);
    const participant = await joinLink(origin, links.find((l) => l.link.kind === 'participant')!.path);
    const seen = (await (await list(participant.cookie)).json()) as ServerScenario[];
    expect(seen.map((s) => s.id)).toEqual([ID]);
    expect(seen[0].text).toBe(SCENARIO);
    expect(seen[0].savedBy).toEqual({ kind: 'facilitator' });

    // Stored, not held in memory: a restarted server still has it.
    await first.close();
    await serve(dir);
    const again = await joinLink(origin, `/start/${TOKEN}`);
    expect(((await (await list(again.cookie)).json()) as ServerScenario[]).map((s) => s.id)).toEqual([ID]);
  });

  it('lets DoIT’s reviewer save, but not a participant or a browser without a session', async () => {
    await serve(newDir());
    const admin = await joinLink(origin, `/start/${TOKEN}`);
    const links = await drillLinks(admin.cookie);
    const participant = await joinLink(origin, links.find((l) => l.link.kind === 'participant')!.path);
    const reviewer = await joinLink(origin, links.find((l) => l.link.kind === 'reviewer')!.path);

    const refused = await put(participant.cookie, ID, SCENARIO);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { reason: { code: string } }).reason.code).toBe('facilitator-only');
    expect((await put(null, ID, SCENARIO)).status).toBe(401);
    expect((await list(null)).status).toBe(401);

    expect((await put(reviewer.cookie, ID, SCENARIO)).status).toBe(200);
    const saved = (await (await list(admin.cookie)).json()) as ServerScenario[];
    expect(saved[0].savedBy.kind).toBe('reviewer');
  });

  it('refuses text that is not YAML, naming the line, and stores nothing', async () => {
    await serve(newDir());
    const admin = await joinLink(origin, `/start/${TOKEN}`);
    const line = lineOf(SCENARIO, /^\s+id: equipment-failure$/) + 1;
    const broken = SCENARIO.split('\n')
      .map((l, i) => (i === line - 1 ? '  title: [不成對的括號' : l))
      .join('\n');
    const res = await put(admin.cookie, ID, broken);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { reason: { code: string; zh: string; en: string }; errors: { line?: number }[] };
    expect(body.reason.code).toBe('bad-scenario');
    expect(body.errors.some((e) => e.line !== undefined && e.line >= line)).toBe(true);
    expect(body.reason.en).toMatch(new RegExp(`${ID}\\.yaml, line \\d+`));
    expect(body.reason.zh).toMatch(/第 \d+ 行/);
    expect(await (await list(admin.cookie)).json()).toEqual([]);
  });

  it('refuses a scenario the schema rejects, naming the field and its line', async () => {
    await serve(newDir());
    const admin = await joinLink(origin, `/start/${TOKEN}`);
    const line = lineOf(SCENARIO, /^\s+referenceLevel: /);
    expect(line).toBeGreaterThan(0);
    const wrong = SCENARIO.replace(/^(\s+referenceLevel:) .*$/m, '$1 9');
    const res = await put(admin.cookie, ID, wrong);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { reason: { en: string }; errors: { path: string; line?: number }[] };
    expect(body.errors).toContainEqual(expect.objectContaining({ path: 'facts.referenceLevel', line }));
    expect(body.reason.en).toContain(`${ID}.yaml, line ${line}, facts.referenceLevel`);
  });

  it('refuses a scenario over 1 MiB, and one whose meta.id is not the address', async () => {
    await serve(newDir());
    const admin = await joinLink(origin, `/start/${TOKEN}`);
    const big = `${SCENARIO}\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    const tooBig = await put(admin.cookie, ID, big);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { reason: { en: string } }).reason.en).toMatch(/more than the 1,048,576 \(1 MiB\) allowed/);

    const other = await put(admin.cookie, 'another-id', SCENARIO);
    expect(other.status).toBe(400);
    expect(((await other.json()) as { reason: { en: string } }).reason.en).toContain('meta.id is "equipment-failure", not "another-id"');
    expect((await put(admin.cookie, encodeURIComponent('not an id'), SCENARIO)).status).toBe(400);
    expect(await (await list(admin.cookie)).json()).toEqual([]);
  });
});

/** Save, replace and list; then again from a fresh instance over the same place (durable). */
function libraryContract(name: string, fresh: () => Promise<{ lib: ScenarioLibraryStore; reopen: () => Promise<ScenarioLibraryStore> }>) {
  describe(`scenario library store: ${name}`, () => {
    it('keeps one scenario per id, newest first, and has them after reopening', async () => {
      const { lib, reopen } = await fresh();
      const s = (id: string, wall: string, zh = id): ServerScenario => ({ id, title: { zh, en: id }, text: `# ${id}`, updatedWall: wall, savedBy: { kind: 'facilitator' } });
      await lib.put(s('a', '2026-03-02T09:00:00.000+08:00'));
      await lib.put(s('b', '2026-03-02T10:00:00.000+08:00'));
      await lib.put(s('a', '2026-03-02T11:00:00.000+08:00', 'a2'));
      expect((await lib.list()).map((x) => [x.id, x.title.zh])).toEqual([
        ['a', 'a2'],
        ['b', 'b'],
      ]);
      await lib.close();
      const again = await reopen();
      expect((await again.list()).map((x) => x.id)).toEqual(['a', 'b']);
      await again.close();
    });
  });
}

libraryContract('file', async () => {
  const dir = newDir();
  const open = async () => {
    const l = new FileScenarioLibrary(dir);
    await l.open();
    return l;
  };
  return { lib: await open(), reopen: open };
});

const base = process.env.DATABASE_URL;
const databases = base ? throwawayDatabases(base, 'tdrill_lib') : undefined;
afterAll(() => databases?.dropAll());
describe.skipIf(!base)('on PostgreSQL', () => {
  libraryContract('postgres', async () => {
    const url = await databases!.fresh();
    const open = async () => {
      const l = new PgScenarioLibrary(url);
      await l.open();
      return l;
    };
    return { lib: await open(), reopen: open };
  });
});
