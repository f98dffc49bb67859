import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('app shell in Chromium', () => {
  it('opens in zh-TW with a title, favicon and the saved-drills list, and no console errors', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await expect(page.title()).resolves.toBe('資安事件通報應變演練模擬器');
    await page.getByRole('heading', { name: '演練清單' }).waitFor();
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    expect((await page.request.get(new URL('/favicon.svg', app.url).toString())).ok()).toBe(true);
    await page.getByText('尚無已儲存的演練。').waitFor();
    await app.screenshot(page, 'shell-home-zh');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('switches to English, remembers it across a reload, and reaches the controls by keyboard', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.getByRole('combobox', { name: '語言' }).selectOption('en');
    await page.getByRole('heading', { name: 'Drills', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Drills', exact: true }).waitFor();
    await expect(page.title()).resolves.toBe('Cyber Incident Response Drill Simulator');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // Keyboard: the first Tab reaches the skip link, and the language select and links follow.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    const reached = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''));
    }
    expect([...reached]).toEqual(expect.arrayContaining(['New drill', 'Import a drill record']));
    await app.screenshot(page, 'shell-home-en');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('navigates from home to a new drill and to the review by clicking', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.getByRole('link', { name: '新增演練' }).click();
    await page.waitForURL(/#\/new$/);
    await page.getByRole('link', { name: '首頁' }).click();
    await page.getByRole('link', { name: '匯入演練紀錄' }).click();
    await page.waitForURL(/#\/review$/);
    await page.getByRole('checkbox', { name: '投影模式（大字體）' }).check();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
