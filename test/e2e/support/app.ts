/**
 * End-to-end support: serves the production build with Vite's preview() in-process (so no server
 * outlives the run) and drives Debian's Chromium with playwright-core. Never downloads a browser.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
