/**
 * The annual drill in Chromium (issue 12): assessment mode shows no hints on the desks, a held DoIT
 * seat reviews for itself, auto-pause stops the clock at an inject, the handouts print. Screenshots
 * of the console at 1024×768 and 1920×1080 and of a desk at 390×844, in zh-TW and English, go to
 * test/artifacts/screenshots/annual-*.png.
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

const REVIEWER = '資訊局林審核';
const setLanguage = (page: Page, lang: 'zh-TW' | 'en') => page.getByRole('combobox', { name: lang === 'en' ? '語言' : 'Language' }).selectOption(lang);
/** Every element matching `selector` shows its whole width (no scroll inside it either). */
const fitsWidth = (page: Page, selector: string) =>
  page.evaluate((sel) => [...document.querySelectorAll(sel)].every((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= document.documentElement.clientWidth + 1), selector);
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('the annual drill', () => {
  it('assessment desks without hints, a real DoIT seat, auto-pause, handouts and projector screenshots', async () => {
    const context = await app.newContext();
    const con = await app.newPage(context);
    con.on('dialog', (d) => void d.accept());

    // Setup: assessment is the default; a DoIT reviewer joins the roster.
    await con.goto(`${app.url}#/new`);
    await con.getByRole('button', { name: '建立演練' }).waitFor();
    await con.getByRole('textbox', { name: '機關名稱' }).waitFor();
    expect(await con.getByRole('radio', { name: '評核模式' }).isChecked()).toBe(true);
    await con.getByRole('textbox', { name: '演練名稱' }).fill('115 年度年度演練');
    await con.getByRole('button', { name: '新增人員' }).click();
    const names = con.getByRole('textbox', { name: /^姓名 \(第 \d+ 位人員\)$/ });
    await names.last().fill(REVIEWER);
    await con.getByRole('checkbox', { name: `${REVIEWER}：資訊局審核人員` }).check();
    await con.getByRole('button', { name: '建立演練' }).click();
    await con.waitForURL(/#\/drill\/[^/]+\/console$/);
    const drillId = decodeURIComponent(/#\/drill\/([^/]+)\/console/.exec(con.url())![1]);
    const drillUrl = `${app.url}#/drill/${encodeURIComponent(drillId)}`;
    await expect.poll(() => con.title()).toBe('主持人控制台 · 115 年度年度演練 · 資安演練模擬器');

    // Start, and auto-pause at injects: at 3600× the clock stops exactly at the next inject's moment.
    await con.getByRole('button', { name: '開始演練' }).click();
    await con.getByRole('button', { name: '❚❚ 暫停' }).click();
    await con.getByRole('button', { name: '▶ 繼續' }).waitFor();
    await con.getByRole('checkbox', { name: '情境指令到時' }).check();
    const msel = con.getByRole('region', { name: '演練腳本（MSEL）' });
    const nextRow = msel.getByRole('row').filter({ has: con.getByText('待發布', { exact: true }) }).first();
    const nextTitle = (await nextRow.getByRole('rowheader').textContent()) ?? '';
    const nextAt = (await nextRow.getByRole('cell').first().locator('div').first().textContent()) ?? '';
    await con.getByRole('radiogroup', { name: '倍速' }).getByRole('radio', { name: '3600×', exact: true }).check();
    await con.getByRole('button', { name: '▶ 繼續' }).click();
    await con.getByRole('button', { name: '▶ 繼續' }).waitFor({ timeout: 20_000 });
    expect(await con.getByTestId('since').textContent()).toBe(nextAt);
    await msel.getByRole('row').filter({ hasText: nextTitle }).getByText('已發布').waitFor();
    await con.getByRole('checkbox', { name: '情境指令到時' }).uncheck();

    // The reporting contact's desk in another window: assessment, no hints.
    const desk = await app.newPage(context);
    await desk.goto(`${drillUrl}/desk/reporting-contact`);
    await desk.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
    await desk.getByText('演練性質：評核模式').waitFor();
    expect(await desk.getByRole('heading', { name: '現在可做的事' }).count()).toBe(0);
    // No guidance text (the procedure's how-to with its points) and nothing about P11.
    expect(await desk.locator('.desk-intro').count()).toBe(0);
    expect(await desk.getByText(/第十一點/).count()).toBe(0);
    await expect.poll(() => desk.title()).toBe('通報窗口工作台 · 115 年度年度演練 · 資安演練模擬器');
    await desk.getByRole('combobox', { name: '我是' }).selectOption({ label: '李佳穎（資通安全專責人員）' });
    expect(await desk.getByLabel('知悉時間').inputValue()).toBe('');
    expect(await noSideScroll(desk)).toBe(true);
    await desk.getByRole('textbox', { name: '事件說明' }).fill('社會救助案件管理系統檔案遭加密，畫面出現勒索訊息。');
    await desk.getByRole('textbox', { name: '影響範圍' }).fill('案件管理系統 2 台伺服器');
    await desk.getByRole('combobox', { name: '本次通報等級' }).selectOption('2');
    await desk.getByRole('button', { name: '送出初報' }).click();
    await desk.getByText(/^已記錄：於通報應變網站通報：第2級/).waitFor();
    // Who is acting survives a reload of the desk.
    await desk.reload();
    await desk.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
    await expect.poll(() => desk.getByRole('combobox', { name: '我是' }).inputValue()).toBe('李佳穎');

    // An outage: the site fails to load and says nothing of P11.
    await con.getByRole('button', { name: '開始中斷' }).click();
    await desk.getByRole('heading', { name: '無法連上這個網站' }).waitFor();
    expect(await desk.getByText(/第十一點|改以電話通報/).count()).toBe(0);
    await app.screenshot(desk, 'annual-desk-outage-assessment-zh');
    await con.getByRole('button', { name: '結束中斷' }).click();

    // DoIT's seat: reads the report in full; the scripted review (+01:50) becomes their task.
    const doit = await app.newPage(context);
    await doit.goto(`${drillUrl}/desk/doit-reviewer`);
    await doit.getByRole('heading', { name: '資訊局審核人員工作台', level: 1 }).waitFor();
    await doit.getByRole('combobox', { name: '我是' }).selectOption(REVIEWER);
    await doit.getByRole('group').filter({ hasText: '閱讀全文' }).first().locator('summary').click();
    await doit.getByText('社會救助案件管理系統檔案遭加密，畫面出現勒索訊息。').waitFor();
    await doit.getByText('案件管理系統 2 台伺服器').waitFor();
    await con.getByRole('button', { name: '+1 小時' }).click();
    await con.getByRole('button', { name: '+1 小時' }).click();
    const task = doit.getByRole('article', { name: '資訊局審核等級' });
    await task.getByText('審核任務').waitFor();
    const log = con.getByRole('region', { name: '即時行動紀錄' });
    expect(await log.getByText(/等級審核/).count()).toBe(0);
    await doit.getByRole('combobox', { name: '審核後等級' }).selectOption('3');
    await doit.getByRole('textbox', { name: '審核依據' }).fill('核心系統遭加密且無法於可容忍中斷時間內恢復');
    await app.screenshot(doit, 'annual-doit-task-zh');
    await doit.getByRole('button', { name: '送出審核結果' }).click();
    await log.getByRole('row').filter({ hasText: /等級審核/ }).filter({ hasText: REVIEWER }).waitFor();

    // Handouts: role cards, inject cards, the P32 sheet; printed, each card is a page.
    const hand = await app.newPage(context);
    await hand.goto(`${drillUrl}/handouts`);
    await hand.getByRole('heading', { name: '演練講義：115 年度年度演練', level: 1 }).waitFor();
    expect(await hand.title()).toBe('演練講義：115 年度年度演練');
    await hand.getByRole('article', { name: '通報窗口' }).getByText(/一小時內至通報應變網站/).waitFor();
    await hand.getByRole('article', { name: '資訊局審核等級' }).waitFor();
    await hand.getByRole('article', { name: '事件處理紀錄簽核單（第三十二點）' }).waitFor();
    await app.screenshot(hand, 'annual-handouts-zh');
    await hand.emulateMedia({ media: 'print' });
    expect(await hand.getByRole('button', { name: '列印' }).isVisible()).toBe(false);
    const breaks = await hand.locator('.handout-card').evaluateAll((cards) => cards.map((c) => getComputedStyle(c).breakAfter));
    expect(breaks.length).toBeGreaterThan(10);
    expect(new Set(breaks)).toEqual(new Set(['page']));
    const pdf = await hand.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);

    // The console on the projector: 1024×768 (board beside the clock) and 1920×1080, both languages.
    for (const [w, h] of [
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await con.setViewportSize({ width: w, height: h });
      await con.evaluate(() => window.scrollTo(0, 0));
      const clock = await con.getByRole('region', { name: '模擬時鐘' }).boundingBox();
      const board = await con.getByRole('region', { name: '期限看板' }).boundingBox();
      expect(board!.x).toBeGreaterThan(clock!.x + clock!.width - 1);
      expect(board!.y).toBeLessThan(h);
      expect(await noSideScroll(con)).toBe(true);
      await con.screenshot({ path: `${process.cwd()}/test/artifacts/screenshots/annual-console-${w}-zh.png` });
      await setLanguage(con, 'en');
      await con.getByRole('heading', { name: /Facilitator console/ }).waitFor();
      await con.screenshot({ path: `${process.cwd()}/test/artifacts/screenshots/annual-console-${w}-en.png` });
      await setLanguage(con, 'zh-TW');
      await con.getByRole('heading', { name: /主持人控制台/ }).waitFor();
    }

    // A desk on a phone, both languages; the English desk at 1440 has no sideways scroll either.
    await desk.setViewportSize({ width: 390, height: 844 });
    await desk.screenshot({ path: `${process.cwd()}/test/artifacts/screenshots/annual-desk-390-zh.png`, fullPage: false });
    await setLanguage(desk, 'en');
    await desk.getByRole('heading', { name: 'Reporting Contact desk', level: 1 }).waitFor();
    await desk.screenshot({ path: `${process.cwd()}/test/artifacts/screenshots/annual-desk-390-en.png`, fullPage: false });
    await desk.setViewportSize({ width: 1440, height: 900 });
    expect(await noSideScroll(desk)).toBe(true);
    // Long forms fit at 1440 px with no sideways scroll: the level wizard opened, the English team form, the English setup roster.
    await desk.getByRole('button', { name: 'Reporting website' }).first().click();
    await desk.getByRole('button', { name: 'Initial report' }).click().catch(() => undefined);
    const wizard = desk.getByRole('region', { name: /Level wizard/ });
    for (let i = 0; i < 3; i += 1) await wizard.getByRole('checkbox', { name: 'Affected' }).nth(i).check();
    await app.screenshot(desk, 'annual-desk-wizard-1440-en');
    expect(await noSideScroll(desk)).toBe(true);
    expect(await fitsWidth(desk, '.desk-wizard')).toBe(true);
    await desk.goto(`${drillUrl}/desk/commander`);
    await desk.getByRole('heading', { name: 'Incident Commander desk', level: 1 }).waitFor();
    await desk.locator('.desk-team').waitFor();
    expect(await noSideScroll(desk)).toBe(true);
    expect(await fitsWidth(desk, '.desk-team')).toBe(true);
    await app.screenshot(desk, 'annual-desk-team-1440-en');
    await desk.goto(`${app.url}#/new`);
    await desk.getByRole('button', { name: 'Create drill' }).waitFor();
    await desk.getByRole('textbox', { name: 'Agency name' }).waitFor();
    await app.screenshot(desk, 'annual-setup-1440-en');
    expect(await noSideScroll(desk)).toBe(true);
    expect(await fitsWidth(desk, '.roster')).toBe(true);

    // Language is this window's own: the console stays in zh-TW.
    await con.reload();
    await con.getByRole('heading', { name: /主持人控制台/ }).waitFor();

    // The printed report: the scored timeline chart and the signature block, titled with the drill.
    await hand.emulateMedia({ media: 'screen' });
    await hand.goto(`${drillUrl}/review`);
    await hand.getByRole('heading', { name: '檢討座談會', level: 1 }).waitFor({ timeout: 30_000 });
    await expect.poll(() => hand.title()).toBe('檢討報告：115 年度年度演練');
    await hand.emulateMedia({ media: 'print' });
    expect(await hand.getByRole('region', { name: '評分時間軸' }).isVisible()).toBe(true);
    expect(await hand.getByRole('region', { name: '簽核' }).isVisible()).toBe(true);
    expect(await hand.getByRole('region', { name: '逐步回顧' }).isVisible()).toBe(false);
    await hand.pdf({ path: `${process.cwd()}/test/artifacts/screenshots/annual-report.pdf`, format: 'A4' });

    for (const page of [con, desk, doit, hand]) expect(page.errors).toEqual([]);
    await context.close();
  });
});
