/**
 * Time from a desk action to the console's updated board, with ten windows of one drill open
 * (issue 14, "Measured"): p50 and p95.
 *
 *   npm run bench:desk
 *
 * Builds dist/ if it is missing and serves it with vite preview (the production build) on
 * BENCH_PORT (default 4810). In Debian's Chromium it creates a drill through the setup page, starts
 * it on the console (the console holds the drill: it is the authority), moves past awareness, lets
 * the clock run at 60×, and opens nine role desks beside it (ten windows, one browser profile).
 * Then, RUNS times, the reporting contact adds a note at their desk (a replica: the command goes
 * to the console, which runs it, stores it and announces it), and the time is taken from the
 * desk's submit to the moment the console's page shows the note in its log (the log, the deadline
 * board and the clock panel are drawn in the same React commit). Both moments are the pages' own
 * Date.now() (one machine, one clock). Before the runs it also measures what the ten windows cost
 * while nobody acts (BENCH_IDLE_MS, default 10 s): the renderers' main-thread and script time per
 * second, summed over the windows (Chromium's Performance metrics). Prints every figure, then
 * p50 / p95, the idle cost and the load average (figures are noisy on a loaded machine).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 4810);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The acting desk first; eight more beside it make ten windows with the console.
const DESK_ROLES = ['reporting-contact', 'commander', 'executive-secretary', 'press-contact', 'intel-planning', 'response-execution', 'ciso', 'doit-reviewer', 'acs'];

if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) {
  console.log('dist/ is missing: building…');
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port: PORT, strictPort: true, open: false } });
const base = `http://127.0.0.1:${PORT}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });

  // The drill, made the way a facilitator makes it; the console is the authority.
  const consolePage = await context.newPage();
  await consolePage.goto(`${base}#/new`);
  await consolePage.getByRole('textbox', { name: '機關名稱' }).waitFor();
  await consolePage.getByRole('button', { name: '建立演練' }).click();
  await consolePage.waitForURL(/#\/drill\/[^/]+\/console$/);
  const drillId = decodeURIComponent(new URL(consolePage.url()).hash.split('/')[2]);
  await consolePage.getByRole('button', { name: '開始演練' }).click();
  await consolePage.getByRole('button', { name: '❚❚ 暫停' }).waitFor();
  // Past awareness (the scenario starts 45 minutes before T0), so the board has limits running.
  await consolePage.getByRole('button', { name: '+1 小時' }).click();
  await consolePage.getByTestId('since').filter({ hasText: /^T\+/ }).waitFor();
  await consolePage.getByRole('radio', { name: '60×' }).check();

  const desks: Page[] = [];
  for (const role of DESK_ROLES) {
    const desk = await context.newPage();
    await desk.goto(`${base}#/drill/${drillId}/desk/${role}`);
    await desk.getByRole('heading', { level: 1 }).waitFor();
    desks.push(desk);
  }
  console.log(`${desks.length + 1} windows of drill ${drillId} open; the clock runs at 60×.`);

  // What the ten windows cost while nobody acts (the clock running, every window following it):
  // the renderers' own main-thread busy time (Chromium's TaskDuration / ScriptDuration metrics).
  const windows = [consolePage, ...desks];
  const sessions = await Promise.all(windows.map((w) => context.newCDPSession(w)));
  await Promise.all(sessions.map((c) => c.send('Performance.enable')));
  const metrics = async () =>
    Promise.all(
      sessions.map(async (c) => {
        const { metrics: m } = await c.send('Performance.getMetrics');
        const get = (name: string) => m.find((x) => x.name === name)?.value ?? 0;
        return { task: get('TaskDuration'), script: get('ScriptDuration') };
      }),
    );
  const idleFrom = await metrics();
  const idleStart = Date.now();
  await consolePage.waitForTimeout(IDLE_MS);
  const idleTo = await metrics();
  const idleSeconds = (Date.now() - idleStart) / 1000;
  const sum = (k: 'task' | 'script') => idleTo.reduce((t, m, i) => t + (m[k] - idleFrom[i][k]), 0) * 1000;
  const idleTask = Math.round(sum('task') / idleSeconds);
  const idleScript = Math.round(sum('script') / idleSeconds);
  console.log(`idle, ${windows.length} windows, ${idleSeconds.toFixed(1)} s: main-thread busy ${idleTask} ms/s, of it script ${idleScript} ms/s (all windows together)`);

  // The reporting contact's note form.
  const desk = desks[0];
  const picker = desk.getByRole('combobox', { name: '我是' });
  const holder = await picker.locator('option').nth(1).textContent();
  await picker.selectOption({ label: holder ?? '' });
  // The note is among the "other forms" of the reporting contact's desk.
  await desk.locator('details.desk-other-forms > summary').click();
  await desk.getByRole('button', { name: '新增紀錄', pressed: false }).click();
  const form = desk.locator('form').filter({ has: desk.getByRole('button', { name: '新增紀錄' }) });
  const text = form.getByRole('textbox', { name: '紀錄內容' });
  await desk.evaluate(() => {
    document.addEventListener('submit', () => ((window as unknown as { benchSubmitAt: number }).benchSubmitAt = Date.now()), true);
  });

  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const marker = `bench-note-${i}-${Date.now()}`;
    await text.fill(marker);
    // The console watches its own DOM for the note; resolves with the moment it appears.
    const seen = consolePage.evaluate(
      (m) =>
        new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (document.body.textContent?.includes(m)) {
              observer.disconnect();
              resolve(Date.now());
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }),
      marker,
    );
    await form.getByRole('button', { name: '新增紀錄' }).click();
    const shownAt = await seen;
    const submitAt = await desk.evaluate(() => (window as unknown as { benchSubmitAt: number }).benchSubmitAt);
    times.push(shownAt - submitAt);
    console.log(`run ${String(i + 1).padStart(2)}: ${shownAt - submitAt} ms`);
    // The desk clears its form on success; a short real pause so runs do not queue behind each other.
    await desk.waitForTimeout(200);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(
    `bench:desk: desk action → console board, ${desks.length + 1} windows, ${RUNS} runs: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted.at(-1)} ms; ` +
      `idle cost ${idleTask} ms/s main thread, ${idleScript} ms/s script (load average ${load})`,
  );
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
