// @vitest-environment node
/**
 * Behind a reverse proxy with HTTPS (docs/deploy.md): session cookies are Secure when the browser
 * came over HTTPS (X-Forwarded-Proto from a trusted proxy), and the facilitator's session opened on
 * one process is accepted by another given the same start token (several processes, issue 11).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from './app';
import { FileStore } from './store/file-store';

const TOKEN = 'proxy-test-token';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(options: { trustProxy?: boolean | string; token?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tdrill-proxy-'));
  const store = new FileStore(dir);
  await store.open();
  const { app } = await buildServer({ store, facilitatorToken: options.token ?? TOKEN, ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}) });
  cleanups.push(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return app;
}

const cookieOf = (setCookie: string | string[] | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie);

describe('behind a reverse proxy', () => {
  it('marks the session cookie Secure when a trusted proxy says the browser came over HTTPS', async () => {
    const app = await serve({ trustProxy: '127.0.0.1' });
    const https = await app.inject({ method: 'GET', url: `/start/${TOKEN}`, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.statusCode).toBe(303);
    expect(cookieOf(https.headers['set-cookie'])).toMatch(/; Secure/);
    expect(cookieOf(https.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(cookieOf(https.headers['set-cookie'])).toMatch(/SameSite=Strict/);
    // Plain HTTP on the LAN (no proxy): a Secure cookie would never come back, so it is not marked.
    const http = await app.inject({ method: 'GET', url: `/start/${TOKEN}`, remoteAddress: '127.0.0.1' });
    expect(cookieOf(http.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('does not believe X-Forwarded-Proto from an address that is not the trusted proxy', async () => {
    const app = await serve({ trustProxy: '127.0.0.1' });
    const res = await app.inject({ method: 'GET', url: `/start/${TOKEN}`, remoteAddress: '10.1.2.3', headers: { 'x-forwarded-proto': 'https' } });
    expect(cookieOf(res.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('a facilitator session from one process is accepted by another with the same start token, not by one with another', async () => {
    const first = await serve();
    const second = await serve();
    const other = await serve({ token: 'another-token' });
    const start = await first.inject({ method: 'GET', url: `/start/${TOKEN}` });
    const cookie = cookieOf(start.headers['set-cookie']).split(';')[0];
    for (const [app, facilitator] of [
      [first, true],
      [second, true],
      [other, false],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: '/api/server', headers: { cookie } });
      expect((res.json() as { facilitator: boolean }).facilitator).toBe(facilitator);
    }
    // A forged cookie is refused.
    const forged = await second.inject({ method: 'GET', url: '/api/server', headers: { cookie: `${cookie.split('.')[0]}.AAAA` } });
    expect((forged.json() as { facilitator: boolean }).facilitator).toBe(false);
  });
});
