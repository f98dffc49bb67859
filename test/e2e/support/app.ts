/**
 * End-to-end support: serves the production build with Vite's preview() in-process (so no server
 * outlives the run) and drives Debian's Chromium with playwright-core. Never downloads a browser.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDrillServer, type RunningServer } from '@/server/main';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(process.cwd(), 'test', 'artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestApp {
  url: string;
  browser: Browser;
  /** A fresh browser context (its own storage), like a fresh browser profile. */
  newContext(): Promise<BrowserContext>;
  /** A page that fails the test on console errors or uncaught exceptions. */
  newPage(context?: BrowserContext): Promise<Page & { errors: string[] }>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApp(): Promise<TestApp> {
  if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npx vite build` before the end-to-end tests (npm test does).');
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: run test/tools/ensure-chromium.sh (npm test does).`);
  }
  const server: PreviewServer = await preview({
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const newContext = () => browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

  return {
    url,
    browser,
    newContext,
    async newPage(context) {
      const ctx = context ?? (await newContext());
      const page = (await ctx.newPage()) as Page & { errors: string[] };
      page.errors = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') page.errors.push(msg.text());
      });
      page.on('pageerror', (error) => page.errors.push(String(error)));
      return page;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A page that records uncaught exceptions (not console errors: a device that loses its server logs them). */
export type TrackedPage = Page & { errors: string[] };

/**
 * The drill server (src/server) serving the production build on a loopback port, with its own
 * data folder, and Chromium beside it: the devices of a drill are browser contexts.
 */
export interface ServerRig {
  /** The running server; a new one after `stopServer()` and `startServer()`. */
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly dataDir: string;
  /** Stop the server (the browsers stay): its devices lose it. */
  stopServer(): Promise<void>;
  /** Start it again on the same port and data folder. */
  startServer(): Promise<void>;
  /** A device: a fresh browser context in zh-TW, Taipei time. */
  device(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  page(context: BrowserContext): Promise<TrackedPage>;
  close(): Promise<void>;
}

export async function startServerRig(o: { port: number; facilitatorToken: string; dataPrefix: string }): Promise<ServerRig> {
  if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) throw new Error('dist/index.html is missing: run `npx vite build` first (npm test does).');
  const dataDir = mkdtempSync(join(tmpdir(), o.dataPrefix));
  const start = () => startDrillServer({ host: '127.0.0.1', port: o.port, dataDir, distDir: 'dist', facilitatorToken: o.facilitatorToken });
  let server = await start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    get server() {
      return server;
    },
    browser,
    dataDir,
    stopServer: () => server.close(),
    async startServer() {
      server = await start();
    },
    device: (viewport = { width: 1440, height: 900 }) => browser.newContext({ viewport, locale: 'zh-TW', timezoneId: 'Asia/Taipei' }),
    async page(context) {
      const p = (await context.newPage()) as TrackedPage;
      p.errors = [];
      p.on('pageerror', (e) => p.errors.push(String(e)));
      return p;
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical findings on the page, as "rule: target" lines. */
export async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.map(String).join(' ')}`));
  });
}
