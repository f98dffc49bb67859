/**
 * Role desks in Chromium: a drill created through the setup page and started from the console;
 * desks opened in other tabs act as their role, and the console sees their actions within a second.
 * Screenshots (zh-TW and English) of the directory, the reporting-contact desk (also during an
 * outage) and DoIT's review desk go to test/artifacts/screenshots/desks-*.png.
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

const setLanguage = (page: Page, lang: 'zh-TW' | 'en') =>
  page.getByRole('combobox', { name: lang === 'en' ? '語言' : 'Language' }).selectOption(lang);

describe('role desks in Chromium', () => {
  it('desks in other tabs act as their role, in sync with the console; outage blocks the website; screenshots', async () => {
    const context = await app.newContext();
    const console_ = await app.newPage(context);
    await console_.goto(`${app.url}#/new`);
    // This walk-through checks the coaching hints (P11 fallback, what-now list); assessment is in annual-drill.e2e.ts.
    await console_.getByRole('radio', { name: '教練模式' }).check();
    await console_.getByRole('button', { name: '建立演練' }).click();
    await console_.waitForURL(/#\/drill\/[^/]+\/console$/);
    const drillId = decodeURIComponent(/#\/drill\/([^/]+)\/console/.exec(console_.url())![1]);
    await console_.getByRole('button', { name: '開始演練' }).click();
    // The scenario starts 45 minutes before awareness (T0 08:40): one hour on is T+00:15.
    await console_.getByRole('button', { name: '+1 小時' }).click();
    await console_.getByRole('button', { name: '❚❚ 暫停' }).click();

    // The directory, in another tab.
    const desks = await app.newPage(context);
    await desks.goto(`${app.url}#/drill/${encodeURIComponent(drillId)}/desks`);
    await desks.getByRole('heading', { name: '角色工作台', level: 1 }).waitFor();
    expect(await desks.getByRole('link', { name: '在新視窗開啟通報窗口工作台' }).getAttribute('target')).toBe('_blank');
    await app.screenshot(desks, 'desks-directory-zh');

    // The reporting contact's desk.
    await desks.getByRole('link', { name: '開啟通報窗口工作台', exact: true }).click();
    await desks.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
    await desks.getByRole('combobox', { name: '我是' }).selectOption({ label: '李佳穎（資通安全專責人員）' });
    await desks.getByRole('textbox', { name: '通報人電話' }).fill('02-2720-8889');
    await desks.getByRole('textbox', { name: '事件說明' }).fill('社會救助案件管理系統檔案遭加密，畫面出現勒索訊息。');
    const wizard = desks.getByRole('region', { name: /等級判斷精靈/ });
    await wizard.getByRole('checkbox', { name: '受影響' }).nth(2).check();
    await wizard.getByRole('combobox', { name: /可用性.*資通系統/ }).selectOption('core');
    await wizard.getByRole('checkbox', { name: '於可容忍中斷時間內恢復正常運作' }).uncheck();
    await wizard.getByText('精靈判斷：第3級').waitFor();
    await app.screenshot(desks, 'desks-reporting-contact-zh');

    // File the report; the console (another tab, the authority) shows it within a second.
    const sent = Date.now();
    await desks.getByRole('button', { name: '送出初報' }).click();
    await desks.getByText(/^已記錄：於通報應變網站通報：第3級/).waitFor();
    await console_.getByText(/於通報應變網站通報/).first().waitFor({ timeout: 1000 });
    expect(Date.now() - sent).toBeLessThan(2000);

    // A desk acts only as its own role: a person who does not hold it is refused by the engine.
    const inbox = desks.getByRole('list', { name: '收件匣' });
    expect(await inbox.getByRole('article').count()).toBeGreaterThan(0);

    await setLanguage(desks, 'en');
    await desks.getByRole('heading', { name: 'Reporting Contact desk', level: 1 }).waitFor();
    await app.screenshot(desks, 'desks-reporting-contact-en');
    await setLanguage(desks, 'zh-TW');

    // DoIT's review desk, in a third tab: the report arrives; review it.
    const doit = await app.newPage(context);
    await doit.goto(`${app.url}#/drill/${encodeURIComponent(drillId)}/desk/doit-reviewer`);
    await doit.getByRole('heading', { name: '資訊局審核人員工作台', level: 1 }).waitFor();
    await doit.getByRole('cell', { name: '網站通報' }).waitFor();
    await doit.getByRole('textbox', { name: '審核依據' }).fill('核心資通系統無法於可容忍中斷時間內恢復，維持第3級。');
    await app.screenshot(doit, 'desks-doit-zh');
    await doit.getByRole('button', { name: '送出審核結果' }).click();
    await doit.getByText(/^已記錄：等級審核/).waitFor();
    await setLanguage(doit, 'en');
    await doit.getByRole('heading', { name: 'DoIT Reviewer desk', level: 1 }).waitFor();
    await app.screenshot(doit, 'desks-doit-en');
    await setLanguage(doit, 'zh-TW');

    // A network outage from the console: the website fails to load at the desk, pointing to P11.
    await console_.getByRole('button', { name: '開始中斷' }).click();
    await desks.getByRole('heading', { name: '無法連上這個網站' }).waitFor({ timeout: 1000 });
    await desks.getByRole('button', { name: '改以電話通報（第十一點）' }).click();
    await desks.getByRole('heading', { name: '數位發展部資通安全署（電話通報）' }).waitFor();
    await desks.getByRole('button', { name: '通報應變網站' }).first().click();
    await app.screenshot(desks, 'desks-reporting-contact-outage-zh');

    // Keyboard: from the top of the page, Tab reaches the person picker, the inbox and the desk's forms.
    await desks.locator('body').click({ position: { x: 5, y: 300 } });
    await desks.keyboard.press('Home');
    await desks.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      await desks.keyboard.press('Tab');
      reached.push(
        await desks.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
          return label ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
        }),
      );
    }
    expect(reached).toEqual(expect.arrayContaining(['我是', '全部標為已讀', '電話及公務雲(TaipeiON)聯繫', '改以電話通報（第十一點）']));

    // Projector mode: large type, one column.
    await desks.getByRole('checkbox', { name: '投影模式（大字體）' }).check();
    await app.screenshot(desks, 'desks-reporting-contact-projector-zh');

    for (const page of [console_, desks, doit]) expect(page.errors).toEqual([]);
    await context.close();
  });
});
