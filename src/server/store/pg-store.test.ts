// @vitest-environment node
/**
 * The store contract on PostgreSQL. Needs DATABASE_URL (test/tools/with-postgres.sh provides a
 * throwaway cluster; `npm test` runs these tests under it). Each test gets a fresh database.
 */
import { postgresForTests } from '@/server/test-support';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createServer, type Server } from 'node:net';
import { PG_SCHEMA_VERSION, PgStore, checkDatabaseUrl, whyNoConnection } from './pg-store';
import { storeContract, testCity, testEvent, testMeta } from './store-contract';
import type { DrillMeta, DrillStore } from './store';

const { base, freshDatabase } = postgresForTests('pg-store.test.ts', 'the PostgreSQL store tests', 'tdrill_t');

const open = async (url: string) => {
  const s = new PgStore(url);
  await s.open();
  return s;
};

describe.skipIf(!base)('PostgreSQL store', () => {
  storeContract('postgres', {
    fresh: async () => open(await freshDatabase()),
    reopen: async (store: DrillStore) => {
      await store.close();
      return open((store as PgStore).url);
    },
  });

  it('upgrades a schema-1 database and opens the drill an older version wrote', async () => {
    const url = await freshDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // As version 1 of the server left it: no command_id column, a meta without format or versions.
    await c.query(`create table tdrill_schema (version integer not null); insert into tdrill_schema values (1);
      create table tdrill_drills (id text primary key, meta jsonb not null, created_at timestamptz not null default now());
      create table tdrill_events (drill_id text not null references tdrill_drills(id), seq integer not null, event jsonb not null, primary key (drill_id, seq));`);
    await c.query('insert into tdrill_drills (id, meta) values ($1, $2)', ['old', JSON.stringify({ id: 'old', drill: { id: 'old', header: {} } })]);
    await c.query('insert into tdrill_events (drill_id, seq, event) values ($1, 1, $2), ($1, 2, $3)', ['old', JSON.stringify(testEvent(1)), JSON.stringify(testEvent(2))]);
    await c.end();
    const store = new PgStore(url);
    const report = await store.open();
    expect(report.repaired).toEqual([`PostgreSQL schema upgraded from version 1 to ${PG_SCHEMA_VERSION}`]);
    const loaded = await store.loadDrill('old');
    expect(loaded?.meta).toMatchObject({ storeFormat: 0, engineVersion: 'unknown', links: [] });
    expect(loaded?.entries.map((e) => e.event)).toEqual([testEvent(1), testEvent(2)]);
    await store.append('old', [{ event: testEvent(3), commandId: 'c3' }]);
    expect((await store.loadDrill('old'))?.entries.map((e) => e.commandId)).toEqual([undefined, undefined, 'c3']);
    await store.close();
  });

  it('a schema-3 database gets its city exercises’ records from their drills’ tags', async () => {
    const url = await freshDatabase();
    const store = await open(url);
    const { city, drills } = testCity('city-old', 3);
    // As the older version made it: each agency drill on its own, tagged; a re-drill tagged with what it re-drills.
    const tagged = (d: DrillMeta, extra: Record<string, unknown> = {}): DrillMeta => ({
      ...d,
      drill: { ...d.drill, createdWall: city.createdWall, city: { ...(d.drill.city as object), title: city.title, startAt: city.startAt, scenarios: city.scenarios, reviewerName: city.reviewerName, ...extra } },
    });
    for (const d of [drills[2], drills[0], drills[1]]) await store.createDrill(tagged(d));
    await store.createDrill(tagged(testMeta('city-old-a2-r1'), { exerciseId: 'city-old', index: 1, redrillOf: 'city-old-a2' }));
    await store.createDrill(testMeta('plain'));
    await store.pool.query('drop table tdrill_cities; alter table tdrill_commands drop column forwarder; update tdrill_schema set version = 3');
    await store.close();
    const again = new PgStore(url);
    expect((await again.open()).repaired).toEqual([`PostgreSQL schema upgraded from version 3 to ${PG_SCHEMA_VERSION}`]);
    expect(await again.listCities()).toEqual([{ ...city, redrills: [{ drillId: 'city-old-a2-r1', of: 'city-old-a2' }] }]);
    await again.close();
  });

  it('a server that cannot reach the database fails at start with one line naming the address', async () => {
    const u = new URL(base!);
    u.port = '4159';
    u.password = 'secret';
    const store = new PgStore(u.toString());
    const err = await store.open().then(
      () => null,
      (e: Error) => e,
    );
    await store.close();
    expect(err?.message).toMatch(/^DATABASE_URL postgres:\/\/drill:\*\*\*@127\.0\.0\.1:4159\/\w+: cannot connect to PostgreSQL: .*ECONNREFUSED/);
    expect(err?.message).not.toContain('secret');
    expect(err?.message.split('\n')).toHaveLength(1);
  });
});

describe('DATABASE_URL checks (no database needed)', () => {
  it.each([
    ['mysql://x@h/db', /must start with postgres:\/\//],
    ['not a url', /not a URL/],
    ['postgres://user@localhost', /names no database/],
  ])('%s is refused: %s', (url, message) => {
    expect(checkDatabaseUrl(url)).toMatch(message);
  });
  it('a good one passes', () => expect(checkDatabaseUrl('postgres://drill@127.0.0.1:5432/drill')).toBeNull());
});

describe('DATABASE_URL that reaches no PostgreSQL: one line saying what to check', () => {
  /** A TCP server on loopback that either closes each connection at once or never answers. */
  const listen = async (onConnect: 'close' | 'silent'): Promise<Server & { url: string }> => {
    const held: import('node:net').Socket[] = [];
    const server = createServer((socket) => (onConnect === 'close' ? socket.destroy() : held.push(socket)));
    server.on('close', () => held.forEach((s) => s.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    return Object.assign(server, { url: `postgres://drill:secret@127.0.0.1:${port}/drill` });
  };
  const failure = async (url: string, connectTimeoutMs?: number) => {
    const store = new PgStore(url, connectTimeoutMs ? { connectTimeoutMs } : {});
    const err = await store.open().then(() => null, (e: Error) => e);
    await store.close();
    return err!.message;
  };

  it('a host that never answers: no answer within the timeout', async () => {
    const server = await listen('silent');
    const message = await failure(server.url, 300);
    server.close();
    expect(message).toMatch(/^DATABASE_URL postgres:\/\/drill:\*\*\*@127\.0\.0\.1:\d+\/drill: cannot connect to PostgreSQL: no answer from 127\.0\.0\.1:\d+ within 0\.3 s/);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toContain('secret');
  });

  it('an address where something else hangs up: closed before answering', async () => {
    const server = await listen('close');
    const message = await failure(server.url);
    server.close();
    expect(message).toMatch(/cannot connect to PostgreSQL: 127\.0\.0\.1:\d+ closed the connection before answering/);
  });

  it('no port listening, an unknown host, a password missing', () => {
    const url = 'postgres://drill@db.example:5433/drill';
    expect(whyNoConnection(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5433'), { code: 'ECONNREFUSED' }), url, null)).toMatch(/^cannot connect to PostgreSQL: nothing accepts connections at db\.example:5433 .*; connect ECONNREFUSED/);
    expect(whyNoConnection(Object.assign(new Error('getaddrinfo ENOTFOUND db.example'), { code: 'ENOTFOUND' }), url, null)).toMatch(/host db\.example is not found/);
    // What pg says when the server wants a SCRAM password and the URL has none.
    expect(whyNoConnection(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), url, null)).toMatch(/db\.example:5433 asks for a password and DATABASE_URL gives none/);
  });
});
