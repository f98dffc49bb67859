/**
 * A whole drill in Chromium: set it up in the UI, start it, deliver an inject, act from a desk in a
 * second window of the same browser, reload the console mid-drill (every event still there, the
 * clock paused), end the drill and see the score. Screenshots of the console (zh-TW, English,
 * projector mode) and of a desk go to test/artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const logCount = async (page: Page): Promise<number> => {
  const text = await page.getByRole('region', { name: /即時行動紀錄|Live action log/ }).locator('.panel-head .muted').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
};

describe('a drill from setup to score', () => {
  it('sets up, starts, delivers, acts from two windows, survives a reload, ends and scores', async () => {
    const context = await app.newContext();
    const consolePage = await app.newPage(context);
    consolePage.on('dialog', (d) => void d.accept());

    // Setup: the default scenario is preselected.
    await consolePage.goto(`${app.url}#/new`);
    await consolePage.getByRole('radio', { name: /社會救助案件管理系統遭勒索軟體加密/ }).waitFor();
    await expect.poll(() => consolePage.getByRole('radio', { name: /社會救助案件管理系統遭勒索軟體加密/ }).isChecked()).toBe(true);
    await consolePage.getByRole('textbox', { name: '演練名稱' }).fill('端對端演練：社會救助處');
    await app.screenshot(consolePage, 'drill-setup-zh');
    await consolePage.getByRole('button', { name: '建立演練' }).click();
    await consolePage.waitForURL(/#\/drill\/[^/]+\/console$/);
    const consoleUrl = consolePage.url();

    // Start: drill.started, then the SOC alert before T0 and awareness as the clock runs.
    await consolePage.getByRole('button', { name: '開始演練' }).click();
    await consolePage.getByRole('button', { name: '❚❚ 暫停' }).waitFor();
    await consolePage.getByRole('radiogroup', { name: '倍速' }).getByRole('radio', { name: '600×', exact: true }).check();
    await consolePage.getByRole('button', { name: '跳至下一則情境指令' }).click();
    await expect.poll(() => consolePage.getByTestId('since').textContent(), { timeout: 10_000 }).toMatch(/^T\+/);

    // Deliver an inject now.
    const msel = consolePage.getByRole('region', { name: '演練腳本（MSEL）' });
    const deliver = msel.getByRole('button', { name: /^立即發布：/ }).first();
    const injectTitle = ((await deliver.getAttribute('aria-label')) ?? '').replace('立即發布：', '');
    await deliver.click();
    await msel.getByRole('row').filter({ hasText: injectTitle }).getByText('已發布').waitFor();
    await consolePage.getByRole('button', { name: '❚❚ 暫停' }).click();
    await consolePage.getByText('已暫停').waitFor();

    // A second window: the CISO's desk, in sync, acting as its own role.
    const desk = await app.newPage(context);
    await desk.goto(consoleUrl.replace(/\/console$/, '/desk/ciso'));
    await desk.getByRole('heading', { level: 1 }).waitFor();
    await desk.getByLabel('我是', { exact: true }).selectOption('陳淑芬');
    await desk.getByRole('button', { name: '資通安全長核可', exact: true }).click();
    await desk.getByLabel('核可等級', { exact: true }).selectOption('3');
    const before = await logCount(consolePage);
    const sentAt = Date.now();
    await desk.getByRole('button', { name: '核可', exact: true }).click();
    // The console (the authority) orders it and every window shows it within a second.
    const log = consolePage.getByRole('region', { name: '即時行動紀錄' });
    await log.getByText(/資通安全長核可等級/).first().waitFor({ timeout: 1000 });
    const syncMs = Date.now() - sentAt;
    console.log(`desk → console in ${syncMs} ms`);
    expect(await logCount(consolePage)).toBe(before + 1);
    await app.screenshot(desk, 'drill-desk-ciso-zh');

    // Screenshots of the console, in both languages and in projector mode.
    await app.screenshot(consolePage, 'drill-console-zh');
    await consolePage.getByRole('combobox', { name: '語言' }).selectOption('en');
    await consolePage.getByRole('heading', { name: /Facilitator console/ }).waitFor();
    await app.screenshot(consolePage, 'drill-console-en');
    await consolePage.getByRole('checkbox', { name: 'Projector mode (large type)' }).check();
    await app.screenshot(consolePage, 'drill-console-en-projector');
    await consolePage.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
    await app.screenshot(consolePage, 'drill-console-zh-projector');
    await consolePage.getByRole('checkbox', { name: '投影模式（大字體）' }).uncheck();

    // Reload mid-drill: every event is still there and the clock is paused.
    const count = await logCount(consolePage);
    const sinceBefore = await consolePage.getByTestId('since').textContent();
    await consolePage.reload();
    await consolePage.getByRole('heading', { name: /主持人控制台/ }).waitFor();
    await expect.poll(() => logCount(consolePage)).toBe(count);
    await consolePage.getByText('已暫停').waitFor();
    expect(await consolePage.getByTestId('since').textContent()).toBe(sinceBefore);

    // Another action from the desk after the reload still lands once, in order.
    await desk.getByRole('button', { name: '核可', exact: true }).click();
    await expect.poll(() => logCount(consolePage), { timeout: 2000 }).toBe(count + 1);

    // End: the score, and the way to the debrief.
    await consolePage.getByRole('button', { name: '結束演練' }).click();
    const ended = consolePage.getByRole('status').filter({ hasText: '演練已結束' });
    await ended.waitFor();
    await expect.poll(() => ended.textContent()).toMatch(/得分 \d+(\.\d)?/);
    await app.screenshot(consolePage, 'drill-console-ended-zh');
    await ended.getByRole('link', { name: '前往檢討座談會' }).click();
    await consolePage.waitForURL(/\/review$/);

    // Home lists the drill as ended.
    await consolePage.goto(app.url);
    await consolePage.getByRole('link', { name: '端對端演練：社會救助處' }).waitFor();
    await consolePage.getByText('已結束').first().waitFor();

    expect(consolePage.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await context.close();
  });
});
