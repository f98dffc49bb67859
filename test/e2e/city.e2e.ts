/**
 * The city results screen in Chromium (issue 11, without the drill server): open six records of a
 * city exercise (five agencies and a re-drill) and the Big5 agency list, and check the board (overdue
 * first, a cell's reason on hover and on keyboard focus, filters, big-screen), the reviewer queue,
 * the results (verdicts, re-drill dates, the re-drill compared), a re-drill record created from a
 * failing agency, and the CSV export. Screenshots of the board at 1920×1080 in zh-TW and English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeFindings, SCREENSHOT_DIR, startApp, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const DIR = join(process.cwd(), 'test', 'fixtures', 'city');
const RECORDS = readdirSync(join(DIR, 'records')).map((n) => join(DIR, 'records', n));

/**
 * The board's agencies in the order shown: top to bottom on screen, which must also be the order
 * assistive technology reads (Chromium's accessibility tree: the rows stay in one DOM order and the
 * board's order is given by CSS order and aria-owns, see row-order.ts), with aria-rowindex 2, 3, …
 */
async function boardOrder(page: Page): Promise<string[]> {
  const rows = page.getByRole('grid').locator('.city-row:not(.city-head-row)');
  const shown = (await rows.evaluateAll((els) => els.map((r) => ({ y: r.getBoundingClientRect().top, name: r.querySelector('.city-agency-name')!.textContent!, index: r.getAttribute('aria-rowindex') })))).sort((a, b) => a.y - b.y);
  expect(shown.map((r) => r.index)).toEqual(shown.map((_, i) => String(i + 2)));
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ nodeId: string; role?: { value: string }; name?: { value: string }; childIds?: string[] }> };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const read: string[] = [];
  const walk = (id: string) => {
    const n = byId.get(id);
    if (!n) return;
    if (n.role?.value === 'rowheader') read.push(n.name?.value ?? '');
    for (const c of n.childIds ?? []) walk(c);
  };
  walk(nodes.find((n) => n.role?.value === 'grid')!.nodeId);
  await cdp.detach();
  expect(read.map((name) => shown.find((r) => name.startsWith(r.name))?.name)).toEqual(shown.map((r) => r.name));
  return shown.map((r) => r.name);
}

async function openCity(page: Page) {
  await page.goto(`${app.url}#/city`);
  await page.getByRole('heading', { name: '府級演練結果（由演練紀錄）' }).waitFor();
  await page.getByLabel('選擇各機關演練紀錄檔（可多選）').setInputFiles(RECORDS);
  await page.getByRole('grid').waitFor();
  await page.getByLabel('機關名單（CSV，選填）').setInputFiles(join(DIR, 'agencies-big5.csv'));
  await page.getByText('已開啟 6 份紀錄、5 個機關').waitFor();
}

describe('city results in Chromium', () => {
  it('shows the board, the reviewer queue and the results of a five-agency exercise, and creates a re-drill', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-TW', timezoneId: 'Asia/Taipei', acceptDownloads: true });
    const page = await app.newPage(context);
    await openCity(page);

    // Board: four agencies, overdue first, each cell's status in words.
    const grid = page.getByRole('grid');
    await expect.poll(() => grid.locator('.city-row:not(.city-head-row)').count()).toBe(5);
    const order = await boardOrder(page);
    expect(order[0]).toBe('臺北市政府消防局');
    const overdueOf = await grid.locator('.city-row [role="rowheader"]').evaluateAll((ths) => Object.fromEntries(ths.map((th) => [th.querySelector('.city-agency-name')!.textContent, Number(/逾期 (\d+)/.exec(th.textContent ?? '')?.[1] ?? 0)])));
    const overdue = order.map((name) => overdueOf[name]);
    expect([...overdue].sort((a, b) => b - a)).toEqual(overdue);
    const envRow = grid.locator('.city-row', { hasText: '臺北市政府環境保護局' });
    const reportCell = envRow.getByRole('gridcell').nth(2);
    expect(await reportCell.textContent()).toBe('逾時完成');

    // Reason on hover …
    await reportCell.hover();
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain('逾時完成：期限 03-02 10:00，03-02 10:10 完成，逾時 10 分');
    await page.locator('#city-board-title').hover();
    // … and on keyboard focus: Tab into the grid (one stop), arrows move.
    await grid.locator('[aria-rowindex="2"] [role="gridcell"]').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tip.textContent()).toContain('等級判定正確');
    // Down goes to the next row shown, whatever the DOM's order.
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex'))).toBe('3');
    await expect.poll(() => tip.textContent()).toContain(order[1]);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby'))).toBe(await tip.getAttribute('id'));
    await page.locator('.city-board').screenshot({ path: join(SCREENSHOT_DIR, 'city-board-zh-1920.png') });

    // Filters: schools only; then the nearest deadline at T0 + 30 min.
    await page.getByRole('checkbox', { name: '學校' }).check();
    await expect.poll(() => grid.locator('.city-row:not(.city-head-row)').count()).toBe(1);
    await page.getByRole('checkbox', { name: '學校' }).uncheck();
    const slider = page.getByRole('slider', { name: '模擬時間' });
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await page.getByText(/模擬時間：2026-03-02（一） 09:30:00/).waitFor();
    expect(await envRow.getByRole('gridcell').nth(2).textContent()).toBe('未屆期限');
    await page.getByRole('combobox', { name: '最近期限' }).selectOption({ label: '1 小時內' });
    expect(await grid.locator('.city-row:not(.city-head-row)').count()).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: '最近期限' }).selectOption({ label: '不限' });
    await page.getByRole('button', { name: '至演練結束' }).click();

    // Big-screen mode for the operations room.
    await page.getByRole('button', { name: '大螢幕模式' }).click();
    // The board covers the whole window: nothing of the page behind shows at any edge.
    expect(await page.locator('.city-board').boundingBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'city-board-zh-bigscreen-1920.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '大螢幕模式' }).waitFor();

    // Reviewer queue: open reviews first; reported level beside what the evidence suggests.
    const queue = page.getByRole('table', { name: '等級審核待辦' });
    const music = queue.locator('tbody tr', { hasText: '臺北流行音樂中心' });
    expect(await music.textContent()).toContain('低於參考等級');
    expect(await music.textContent()).toContain('等級判斷精靈 第2級');
    expect(await queue.locator('tbody tr').last().textContent()).toContain('臺北市政府工務局');
    await page.locator('.city-queue').screenshot({ path: join(SCREENSHOT_DIR, 'city-queue-zh-1920.png') });

    // Results: verdicts, re-drill dates, the re-drill compared, the charts drawn.
    await page.getByText('通過 2、未通過 3、未完成 0（共 5 個機關），平均 74.5 分').waitFor();
    await page.getByText(/府級演練 66\.7 分（未通過）→ 再演練 [\d.]+ 分（通過）；期限 2026-06-02，2026-05-04 辦理/).first().waitFor();
    // The charts are drawn as they come near the screen.
    await page.locator('.city-charts').scrollIntoViewIfNeeded();
    await page.getByRole('img', { name: '知悉至通報（分）' }).locator('.recharts-bar-rectangle').first().waitFor();
    await page.locator('.city-results').screenshot({ path: join(SCREENSHOT_DIR, 'city-results-zh-1920.png') });
    const box = (await page.locator('.city-results').boundingBox())!;
    const scrollY = await page.evaluate(() => window.scrollY);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'city-results-zh-top-1920.png'), fullPage: true, clip: { x: box.x, y: box.y + scrollY, width: box.width, height: 1150 } });
    await page.locator('.city-queue').scrollIntoViewIfNeeded();

    // A re-drill created from the failing agency carries its link and due date.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '建立「臺北市政府環境保護局」再演練紀錄' }).click()]);
    const redrill = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(redrill.redrillOf).toMatchObject({ agency: '臺北市政府環境保護局', dueBy: '2026-06-02', shortfalls: ['report-1h', 'team-formed'] });
    expect(redrill.events).toEqual([{ seq: 1, at: '2026-06-02T09:00:00+08:00', actor: { role: 'facilitator' }, type: 'incident.aware', data: {} }]);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下載機關 × 應辦事項（CSV）' }).click()]);
    const csvText = readFileSync((await csv.path()) as string, 'utf8');
    expect(csvText.startsWith('\uFEFF機關,類型,分數,結果,再演練期限,')).toBe(true);
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(6);

    // Accessibility: no serious or critical axe-core finding on the whole screen.
    expect(await axeFindings(page)).toEqual([]);

    // Print A4: only the report.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.city-board').isVisible()).toBe(false);
    expect(await page.locator('.city-report').isVisible()).toBe(true);
    await page.pdf({ path: join(SCREENSHOT_DIR, 'city-report-zh.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    // English.
    await page.locator('.app-settings select').selectOption('en');
    await page.getByRole('heading', { name: 'City exercise results (from records)' }).waitFor();
    await page.getByRole('grid').getByRole('gridcell').nth(2).hover();
    await page.getByRole('tooltip').filter({ hasText: /limit/ }).waitFor();
    await page.locator('.city-board').screenshot({ path: join(SCREENSHOT_DIR, 'city-board-en-1920.png') });
    // The results' top in view first: their tables and their rows off screen are skipped (content-visibility,
    // each level found in view a frame after the one around it), and an element taller than the window is
    // captured beyond it.
    await page.locator('.city-results').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)))));
    await page.locator('.city-results').screenshot({ path: join(SCREENSHOT_DIR, 'city-results-en-1920.png') });
    await page.getByRole('button', { name: 'Big-screen mode' }).click();
    expect(await page.locator('.city-board').boundingBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'city-board-en-bigscreen-1920.png') });
    await page.keyboard.press('Escape');
    // A smaller screen (1024×768): the grid scrolls sideways with the agency names kept in view.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('.city-grid-wrap').evaluate((el) => (el.scrollLeft = 400));
    await page.locator('.city-board').screenshot({ path: join(SCREENSHOT_DIR, 'city-board-en-1024.png') });
    expect(page.errors).toEqual([]);
    await context.close();
  });
});
