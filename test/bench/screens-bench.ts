/**
 * Time to interactive of every screen with ten windows of one drill open (issue 12: ≤ 1.5 s).
 *
 *   npm run bench:screens
 *
 * Builds dist/ if it is missing and serves it with vite preview (the production build, as
 * `npm start` serves it) on BENCH_PORT (default 4210). In Debian's Chromium it creates a drill
 * through the setup page, starts it on the console, opens the console and nine role desks (ten
 * windows, one browser profile, so they share the drill), lets the clock run, and then opens each
 * screen afresh in an eleventh window, RUNS times. A screen is interactive when its main control
 * is on screen and enabled; the time is the page's own performance.now() at that moment (from the
 * start of navigation). Prints every figure; the last line states them all; exits 1 when any
 * screen's slowest run is over the budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview } from 'vite';

const BUDGET_MS = 1500;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4210);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DESK_ROLES = ['reporting-contact', 'commander', 'executive-secretary', 'press-contact', 'intel-planning', 'response-execution', 'ciso', 'doit-reviewer', 'acs'];

if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) {
  console.log('dist/ is missing: building…');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port: PORT, strictPort: true, open: false } });
const base = `http://127.0.0.1:${PORT}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });

/** Goes to `hash` in `page` and returns the page's own time (ms from navigation start) when `ready` holds. */
async function timeToInteractive(page: Page, hash: string, ready: (p: Page) => Promise<void>): Promise<number> {
  await page.goto(`${base}${hash}`, { waitUntil: 'commit' });
  await ready(page);
  return page.evaluate(() => performance.now());
}

const enabled = (name: RegExp | string, role: 'button' | 'link' | 'combobox' = 'button') => async (p: Page) => {
  const control = p.getByRole(role, { name }).first();
  await control.waitFor({ state: 'visible', timeout: 30_000 });
  for (let i = 0; i < 300 && !(await control.isEnabled()); i += 1) await p.waitForTimeout(10);
};

let failed = false;
try {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

  // The drill, made the way a facilitator makes it.
  const consolePage = await context.newPage();
  await consolePage.goto(`${base}#/new`);
  await enabled('建立演練')(consolePage);
  await consolePage.getByRole('textbox', { name: '機關名稱' }).waitFor();
  await consolePage.getByRole('button', { name: '建立演練' }).click();
  await consolePage.waitForURL(/#\/drill\/[^/]+\/console$/);
  const drillId = decodeURIComponent(new URL(consolePage.url()).hash.split('/')[2]);
  await consolePage.getByRole('button', { name: '開始演練' }).click();
  await consolePage.getByRole('button', { name: '❚❚ 暫停' }).waitFor();
  // Past awareness (the scenario starts 45 minutes before T0), so every screen has a drill to show.
  await consolePage.getByRole('button', { name: '+1 小時' }).click();
  await consolePage.getByTestId('since').filter({ hasText: /^T\+/ }).waitFor();
  await consolePage.getByRole('radio', { name: '60×' }).check();

  // Nine desks beside the console: ten windows of the drill.
  const windows: Page[] = [consolePage];
  for (const role of DESK_ROLES) {
    const desk = await context.newPage();
    await desk.goto(`${base}#/drill/${drillId}/desk/${role}`);
    await desk.getByRole('heading', { level: 1 }).waitFor();
    windows.push(desk);
  }
  console.log(`${windows.length} windows of drill ${drillId} open; the clock runs at 60×.`);

  const screens: { name: string; hash: string; ready: (p: Page) => Promise<void> }[] = [
    { name: 'home', hash: '#/', ready: enabled('新增演練', 'link') },
    { name: 'setup', hash: '#/new', ready: enabled('建立演練') },
    { name: 'console', hash: `#/drill/${drillId}/console`, ready: enabled('❚❚ 暫停') },
    { name: 'desks', hash: `#/drill/${drillId}/desks`, ready: enabled(/通報窗口/, 'link') },
    { name: 'desk', hash: `#/drill/${drillId}/desk/reporting-contact`, ready: enabled('我是', 'combobox') },
    { name: 'handouts', hash: `#/drill/${drillId}/handouts`, ready: enabled('列印') },
    { name: 'review', hash: `#/drill/${drillId}/review`, ready: async (p) => p.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 }) },
    { name: 'compare', hash: '#/compare', ready: async (p) => p.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 }) },
  ];

  const results: { name: string; runs: number[] }[] = [];
  for (const screen of screens) {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const page = await context.newPage();
      runs.push(Math.round(await timeToInteractive(page, screen.hash, screen.ready)));
      await page.close();
    }
    results.push({ name: screen.name, runs });
    const worst = Math.max(...runs);
    console.log(`${screen.name.padEnd(9)} ${runs.map((r) => `${r} ms`).join(', ')}  → slowest ${worst} ms ${worst <= BUDGET_MS ? 'ok' : 'OVER BUDGET'}`);
  }
  const over = results.filter((r) => Math.max(...r.runs) > BUDGET_MS);
  failed = over.length > 0;
  console.log(
    `bench:screens: ${windows.length} windows open, slowest of ${RUNS} runs per screen: ` +
      results.map((r) => `${r.name} ${Math.max(...r.runs)} ms`).join(', ') +
      ` (budget ${BUDGET_MS} ms: ${failed ? `OVER for ${over.map((r) => r.name).join(', ')}` : 'all within'})`,
  );
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
