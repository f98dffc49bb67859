/**
 * Console responsiveness at 3600× with 2,000 logged events (issue 5: a frame under 50 ms).
 *
 *   npm run bench:console
 *
 * Builds dist/ if it is missing, serves it with vite preview in-process, seeds IndexedDB (the app's
 * own schema) with a drill whose 2,000 events the engine's drill session itself produced, opens the
 * facilitator console in Chromium, plays the clock at 3600×, and records for ~5 s every
 * requestAnimationFrame interval and every long task (PerformanceObserver). Prints p50 / p95 / max
 * frame and exits non-zero when the longest frame is 50 ms or more.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDrillSession } from '../../src/engine/drill/drill-session';
import { parseScenario } from '../../src/engine/scenario/parse';
import { defaultAgency, scenarioFacts, toScheduledInjects } from '../../src/engine/scenario/normalize';
import { scoreRecord } from '../../src/engine/scoring/score';
import { parseIsoMs } from '../../src/engine/time/taipei';
import { startApp } from '../e2e/support/app';

const EVENTS = 2000;
const MEASURE_MS = 5000;
const LIMIT_MS = 50;
const DRILL_ID = 'bench-3600x';

if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) {
  console.log('dist/ is missing: building…');
  const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// ── the drill: the ransomware scenario, run by the engine until the log holds 2,000 events ──────
const text = readFileSync(join(process.cwd(), 'scenarios', 'ransomware-core.yaml'), 'utf8');
const parsed = parseScenario(text, 'scenarios/ransomware-core.yaml');
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
const scenario = parsed.scenario;
const facilitator = '演練主持人';
const participants = [
  { name: facilitator, position: 'staff' as const, roles: ['facilitator' as const] },
  ...scenario.meta.people.map((p) => ({ name: p.name, position: p.position, roles: [...(p.roles ?? [])], ...(p.vendor ? { vendor: true } : {}) })),
];
const header = {
  version: 1,
  agency: defaultAgency(scenario),
  scenario: scenarioFacts(scenario),
  scenarioSource: { id: scenario.meta.id, text },
  participants,
  mode: 'tabletop' as const,
  t0: scenario.facts.awareness,
};
const t0Ms = parseIsoMs(header.t0);
const session = createDrillSession({
  header: { agency: header.agency, scenario: header.scenario, participants, mode: 'tabletop' },
  injects: toScheduledInjects(scenario),
  t0Ms,
  scorer: (record, at) => scoreRecord(record, { evaluateAt: at }),
});
const wall = '2026-03-09T09:00:00+08:00';
session.start(wall);
session.pause();
const people = scenario.meta.people.filter((p) => (p.roles ?? []).includes('reporting-contact'));
let i = 0;
while (session.events().length < EVENTS) {
  session.jumpBy(60_000, wall);
  i += 1;
  const res =
    i % 3 === 0 && people[0]
      ? session.dispatch({ type: 'level.assessed', actor: { role: 'reporting-contact', name: people[0].name }, data: { level: 3 }, wallIso: wall })
      : session.dispatch({ type: 'ui.note.added', actor: { role: 'facilitator', name: facilitator }, data: { text: `觀察紀錄 ${i}` }, wallIso: wall });
  if (!res.ok) throw new Error(`seeding refused: ${res.reason.en}`);
}
const events = session.events().slice(0, EVENTS).map((e) => JSON.parse(JSON.stringify(e)));
const lastMs = parseIsoMs(events[events.length - 1].at);
const stored = {
  id: DRILL_ID,
  title: '效能測試：3600 倍速、2,000 筆紀錄',
  scenarioId: scenario.meta.id,
  scenarioTitle: { zh: scenario.meta.title.zh, en: scenario.meta.title.en },
  agencyName: header.agency.name,
  status: 'running',
  createdWall: wall,
  updatedWall: wall,
  eventCount: EVENTS,
  header,
  clock: { simNowMs: lastMs, running: false, speed: 3600 },
};

// ── the browser ─────────────────────────────────────────────────────────────────────────────────
const app = await startApp();
let exitCode = 0;
try {
  const page = await app.newPage();
  // tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name(); give the page one.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.goto(app.url);
  await page.getByRole('heading', { name: '演練清單' }).waitFor();
  // The app has opened its database (listDrills): write the rows with its own schema.
  await page.evaluate(
    async ({ drill, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('taipei-drill');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['drills', 'events'], 'readwrite');
        tx.objectStore('drills').put(drill);
        for (const e of rows) tx.objectStore('events').put({ ...e, drillId: drill.id });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { drill: stored, rows: events },
  );
  const loadStart = Date.now();
  await page.goto(`${app.url}#/drill/${DRILL_ID}/console`);
  await page.getByRole('button', { name: '▶ 繼續' }).waitFor({ timeout: 30_000 });
  const loadMs = Date.now() - loadStart;
  const shownCount = await page.getByRole('region', { name: '即時行動紀錄' }).locator('.panel-head .muted').textContent();
  if (!shownCount?.includes(String(EVENTS))) throw new Error(`the console shows "${shownCount}", not ${EVENTS} events`);
  const speed3600 = page.getByRole('radiogroup', { name: '倍速' }).getByRole('radio', { name: '3600×', exact: true });
  if (!(await speed3600.isChecked())) await speed3600.check();
  await page.getByRole('button', { name: '▶ 繼續' }).click();
  await page.getByRole('button', { name: '❚❚ 暫停' }).waitFor();
  const simBefore = await page.getByTestId('since').textContent();

  const result = await page.evaluate(async (measureMs) => {
    const frames: number[] = [];
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    try {
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      // longtask not supported: frames alone
    }
    await new Promise<void>((resolve) => {
      let last = performance.now();
      const start = last;
      const frame = (now: number) => {
        frames.push(now - last);
        last = now;
        if (now - start < measureMs) requestAnimationFrame(frame);
        else resolve();
      };
      requestAnimationFrame((now) => {
        last = now;
        requestAnimationFrame(frame);
      });
    });
    observer.disconnect();
    return { frames, longTasks };
  }, MEASURE_MS);
  const simAfter = await page.getByTestId('since').textContent();

  const sorted = [...result.frames].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const max = sorted[sorted.length - 1];
  const longMax = result.longTasks.length ? Math.max(...result.longTasks) : 0;
  console.log(`console at 3600× with ${EVENTS} logged events, ${MEASURE_MS / 1000} s in Chromium`);
  console.log(`  load to ready: ${loadMs} ms; simulated clock ${simBefore} → ${simAfter}`);
  console.log(`  frames: ${sorted.length}; p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${max.toFixed(1)} ms`);
  console.log(`  long tasks (≥50 ms): ${result.longTasks.length}${result.longTasks.length ? `, longest ${longMax.toFixed(1)} ms` : ''}`);
  if (simBefore === simAfter) {
    console.error('FAIL: the clock did not move');
    exitCode = 1;
  }
  if (max >= LIMIT_MS || longMax >= LIMIT_MS) {
    console.error(`FAIL: a frame took ${Math.max(max, longMax).toFixed(1)} ms (limit < ${LIMIT_MS} ms)`);
    exitCode = 1;
  } else {
    console.log(`PASS: every frame under ${LIMIT_MS} ms`);
  }
  if (page.errors.length) {
    console.error(`console errors: ${page.errors.join('\n')}`);
    exitCode = 1;
  }
} finally {
  await app.close();
}
process.exit(exitCode);
