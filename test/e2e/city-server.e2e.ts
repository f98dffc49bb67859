/**
 * A city exercise on the drill server (issue 11) in Chromium: DoIT (its own browser context, the
 * server's start link) creates the exercise from a three-agency list; each agency, in its own
 * context, opens its facilitator link, enters its roster (the Att.3 check shows as for any drill),
 * and its reporting contact (another context, a phone) files the report from her own link. DoIT's live board
 * shows the three agencies, the queue shows the reports, DoIT reviews one from the queue and the
 * review lands in that agency's drill (its console hears it); after the end the results show the
 * verdicts and DoIT gives a failing agency its re-drill, linked to its result.
 * Screenshots of the live board at 1920×1080 in zh-TW and English: city-live-board-*.png, and in
 * big-screen mode (the whole window): city-live-bigscreen-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runReport } from '@/cli/report';
import { axeFindings, SCREENSHOT_DIR, startServerRig, type ServerRig } from './support/app';

const TOKEN = 'e2e-city-doit-token-0123456789';
let rig: ServerRig;

beforeAll(async () => {
  rig = await startServerRig({ port: Number(process.env.CITY_E2E_PORT ?? 4341), facilitatorToken: TOKEN, dataPrefix: 'tdrill-city-e2e-' });
});
afterAll(() => rig?.close());

const context = (viewport?: { width: number; height: number }): Promise<BrowserContext> => rig.device(viewport);
const open = (ctx: BrowserContext) => rig.page(ctx);
const shot = (p: Page, name: string, fullPage = false) => p.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });

const AGENCIES = ['臺北市政府工務局', '臺北市政府消防局', '臺北流行音樂中心'];
const CSV = `機關名稱,機關類型,上級或監督機關,是否向中央通報,聯絡人\n${AGENCIES[0]},一般機關,上級機關,否,王 02-1\n${AGENCIES[1]},一般機關,上級機關,否,值班室 119\n${AGENCIES[2]},行政法人,監督機關,否,陳組長\n`;

describe('city exercise on the drill server in Chromium', () => {
  it('DoIT and three agencies, each in its own browser: rosters, live board, queue review, results, re-drill', async () => {
    const csvFile = join(rig.dataDir, 'agencies.csv');
    writeFileSync(csvFile, CSV);
    const badFile = join(rig.dataDir, 'bad.csv');
    writeFileSync(badFile, `${CSV}${AGENCIES[1]},一般機關,上級機關,否,x\n`);

    // DoIT: the printed start link, then the city exercise page.
    const doitCtx = await context({ width: 1920, height: 1080 });
    const doit = await open(doitCtx);
    await doit.goto(rig.server.facilitatorLink);
    await doit.waitForURL(/#\/new$/);
    await doit.goto(`${rig.server.origin}/#/`);
    await doit.getByRole('link', { name: '府級演練（伺服器）' }).click();
    await doit.getByRole('heading', { name: '建立府級演練' }).waitFor();
    // A duplicate agency: refused whole, the row named.
    await doit.getByLabel('機關名單（CSV，UTF-8 或 Excel 之 Big5）').setInputFiles(badFile);
    await doit.getByRole('button', { name: '建立府級演練' }).click();
    await doit.getByRole('alert').filter({ hasText: '未建立任何機關' }).getByText(/第 5 列/).waitFor();
    await doit.getByLabel('機關名單（CSV，UTF-8 或 Excel 之 Big5）').setInputFiles(csvFile);
    await doit.getByRole('button', { name: '建立府級演練' }).click();
    await doit.waitForURL(/#\/city\/live\/[^/]+$/);
    const links = doit.locator('td.city-link code');
    await expect.poll(() => links.count()).toBe(3);
    await doit.getByRole('img', { name: `${AGENCIES[0]} 主持人連結 QR code` }).waitFor();
    const facilitatorLinks = await links.allTextContents();
    // The printable link sheet: only the agencies, their links and QR codes.
    await doit.evaluate(() => document.body.classList.add('city-print-links'));
    await doit.emulateMedia({ media: 'print' });
    await shot(doit, 'city-live-links-print', true);
    expect(await doit.getByRole('heading', { name: '共同模擬時鐘' }).isVisible()).toBe(false);
    expect(await doit.getByRole('img', { name: `${AGENCIES[2]} 主持人連結 QR code` }).isVisible()).toBe(true);
    await doit.emulateMedia({ media: 'screen' });
    await doit.evaluate(() => document.body.classList.remove('city-print-links'));

    // DoIT in another browser (or on another server process) holds none of the links: it reissues the
    // third agency's. The old link stops working; the agency gets the new one.
    const doit2 = await open(await context({ width: 1280, height: 900 }));
    await doit2.goto(rig.server.facilitatorLink);
    await doit2.waitForURL(/#\/new$/);
    await doit2.goto(doit.url());
    await expect.poll(() => doit2.getByText('此連結由另一個瀏覽器核發', { exact: false }).count()).toBe(3);
    await doit2.getByRole('button', { name: `重新核發 ${AGENCIES[2]} 的主持人連結` }).click();
    await doit2.getByRole('button', { name: '撤銷並重新核發' }).click();
    await doit2.getByRole('status').filter({ hasText: `已核發 ${AGENCIES[2]} 的新主持人連結` }).waitFor();
    await doit2.getByRole('img', { name: `${AGENCIES[2]} 主持人連結 QR code` }).waitFor();
    await doit2.locator('section.city-agencies').screenshot({ path: join(SCREENSHOT_DIR, 'city-live-reissued-zh.png') });
    const reissued = (await doit2.locator('td.city-link code').textContent())!.trim();
    expect(reissued).toMatch(/\/city\/join\//);
    expect(reissued).not.toBe(facilitatorLinks[2]);
    expect((await doit2.request.get(facilitatorLinks[2], { maxRedirects: 0 })).status()).toBe(403);
    expect(await axeFindings(doit2)).toEqual([]);
    expect(doit2.errors).toEqual([]);
    facilitatorLinks[2] = reissued;

    // Each agency: its facilitator enters the roster, its reporting contact joins from her own link.
    const agencies: { name: string; facilitator: Page & { errors: string[] }; contact: Page & { errors: string[] }; drillId: string }[] = [];
    for (const [i, name] of AGENCIES.entries()) {
      const f = await open(await context());
      await f.goto(facilitatorLinks[i]);
      await f.waitForURL(/#\/drill\/[^/]+\/roster$/);
      await f.getByRole('heading', { name: '府級演練：輸入本機關名冊' }).waitFor();
      expect(await f.getByRole('textbox', { name: '機關名稱' }).inputValue()).toBe(name);
      await f.getByRole('region', { name: '附件三小組檢查' }).or(f.locator('section.team-check')).first().waitFor();
      if (i === 0) await shot(f, 'city-live-roster-zh', true);
      await f.getByRole('button', { name: '儲存名冊' }).click();
      await f.waitForURL(/#\/drill\/[^/]+\/console$/);
      const drillId = f.url().split('/drill/')[1].split('/')[0];
      await f.getByText('參與者連結與 QR code').click();
      const row = f.locator('li.link-row', { hasText: '李佳穎' });
      await row.getByRole('img', { name: /加入連結 QR code/ }).waitFor();
      const contactLink = (await row.locator('code.link-url').textContent())!.trim();
      const c = await open(await context({ width: 390, height: 844 }));
      await c.goto(contactLink);
      await c.waitForURL(/#\/drill\/[^/]+\/desks$/);
      agencies.push({ name, facilitator: f, contact: c, drillId });
    }
    await expect.poll(() => doit.getByRole('cell', { name: '已輸入' }).count()).toBe(3);

    // DoIT's one clock: start every agency, an hour on, paused.
    await doit.getByRole('button', { name: '開始演練（全部機關）' }).click();
    await doit.getByRole('button', { name: '前進 1 小時' }).click();
    await doit.getByRole('button', { name: '暫停' }).click();
    await doit.locator('.city-board').first().waitFor();

    // Each agency's reporting contact files its report on her own phone.
    for (const a of agencies) {
      await a.contact.goto(a.contact.url().replace(/desks$/, 'desk/reporting-contact'));
      await a.contact.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
      await a.contact.getByRole('textbox', { name: '通報人電話' }).fill('02-2720-8889');
      await a.contact.getByRole('textbox', { name: '事件說明' }).fill('系統檔案遭加密，畫面出現勒索訊息。');
      const wizard = a.contact.getByRole('region', { name: /等級判斷精靈/ });
      await wizard.getByRole('checkbox', { name: '受影響' }).nth(2).check();
      await wizard.getByRole('combobox', { name: /可用性.*資通系統/ }).selectOption('core');
      await wizard.getByRole('checkbox', { name: '於可容忍中斷時間內恢復正常運作' }).uncheck();
      await wizard.getByText('精靈判斷：第3級').waitFor();
      await a.contact.getByRole('button', { name: '送出初報' }).click();
      await a.contact.getByText(/^已記錄：於通報應變網站通報/).waitFor().catch(async (e) => {
        await shot(a.contact, 'city-live-debug-contact', true);
        throw e;
      });
    }

    // DoIT's queue shows the three reports; DoIT reviews the first agency's from the queue.
    const queue = doit.getByRole('region', { name: '等級審核待辦' }).or(doit.locator('section.city-queue'));
    await queue.first().getByText(AGENCIES[0]).first().waitFor();
    await queue.first().getByText(AGENCIES[1]).first().waitFor();
    await queue.first().getByText(AGENCIES[2]).first().waitFor();
    await doit.getByRole('button', { name: `記錄審核：${AGENCIES[0]}` }).click();
    await doit.getByRole('status').filter({ hasText: `已記錄於「${AGENCIES[0]}」之演練` }).waitFor();
    // It lands in that agency's drill: its facilitator's console hears it, under DoIT's reviewer.
    await agencies[0].facilitator.getByText(/資訊局審核人員/).first().waitFor();
    const record = (await (await agencies[0].facilitator.request.get(`${rig.server.origin}/api/drills/${agencies[0].drillId}/record`)).json()) as { events: { type: string; actor: { role: string; name?: string } }[] };
    expect(record.events.find((e) => e.type === 'level.reviewed')?.actor).toEqual({ role: 'doit-reviewer', name: '資訊局審核人員' });
    await expect.poll(() => doit.getByRole('button', { name: `記錄審核：${AGENCIES[0]}` }).count()).toBe(0);

    expect(await axeFindings(doit)).toEqual([]);
    expect(await axeFindings(agencies[0].facilitator)).toEqual([]);
    // DoIT looks back along the board's slider, then follows the clock again.
    const slider = doit.getByRole('slider').first();
    await slider.focus();
    await slider.press('Home');
    await doit.getByText(/T0 後 00:00:00/).first().waitFor();
    await doit.getByRole('button', { name: '至演練結束' }).click();
    await doit.getByText(/T0 後 01:00/).first().waitFor();
    // The live board at 1920×1080, zh-TW and English.
    await doit.locator('.city-board').first().scrollIntoViewIfNeeded();
    await shot(doit, 'city-live-board-1920-zh');
    // Big-screen mode covers the whole window: no strip of the page behind (the board follows a
    // section on this page, and that section's margin once moved the fixed board down).
    const bigScreen = async (name: string, lang: 'zh' | 'en') => {
      await doit.getByRole('button', { name: lang === 'zh' ? '大螢幕模式' : 'Big-screen mode' }).click();
      expect(await doit.locator('.city-board').first().boundingBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
      await shot(doit, name);
      await doit.keyboard.press('Escape');
      await doit.getByRole('button', { name: lang === 'zh' ? '大螢幕模式' : 'Big-screen mode' }).waitFor();
    };
    await bigScreen('city-live-bigscreen-1920-zh', 'zh');
    await doit.getByRole('combobox', { name: '語言' }).selectOption('en');
    await doit.getByRole('heading', { name: /City exercise \(DoIT\)/ }).waitFor();
    await doit.locator('.city-board').first().scrollIntoViewIfNeeded();
    await shot(doit, 'city-live-board-1920-en');
    await bigScreen('city-live-bigscreen-1920-en', 'en');
    await shot(doit, 'city-live-page-1920-en', true);
    await doit.setViewportSize({ width: 1024, height: 768 });
    await doit.locator('.city-board').first().evaluate((el) => el.scrollIntoView());
    await shot(doit, 'city-live-board-1024-en');
    await doit.setViewportSize({ width: 1920, height: 1080 });
    await doit.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');

    // While the agencies' drills run, the results are provisional and no re-drill is given.
    await doit.getByText(/^演練進行中：以下為目前模擬時間之暫定成果/).waitFor();
    expect(await doit.getByRole('button', { name: /^安排再演練：/ }).count()).toBe(0);
    // The exercise runs out and ends: the results, and a re-drill for a failing agency.
    await doit.getByRole('button', { name: '前進 1 小時' }).click();
    await doit.getByRole('button', { name: '結束演練（全部機關）' }).click();
    const redrill = doit.getByRole('button', { name: `安排再演練：${AGENCIES[2]}` });
    await redrill.waitFor();
    // One re-drill control per failing agency (not the records screen's download beside it).
    expect(await doit.getByRole('button', { name: /再演練紀錄/ }).count()).toBe(0);
    // The same report from the command line: DoIT saves each agency's record and runs `report --city`.
    const recordsDir = join(rig.dataDir, 'records');
    mkdirSync(recordsDir);
    for (const name of AGENCIES) {
      const [download] = await Promise.all([doit.waitForEvent('download'), doit.getByRole('link', { name: `${name} 之演練紀錄（JSON）` }).click()]);
      await download.saveAs(join(recordsDir, download.suggestedFilename()));
    }
    const [md] = await Promise.all([doit.waitForEvent('download'), doit.getByRole('button', { name: '下載成果報告（Markdown）' }).click()]);
    const uiReport = readFileSync((await md.path())!, 'utf8');
    const exerciseId = decodeURIComponent(doit.url().split('/city/live/')[1]);
    let cliReport = '';
    // The records say which exercise they are of: no --id or --title.
    const code = runReport(['--city', recordsDir], { stdout: (t) => ((cliReport += t), true), stderr: () => true });
    expect(code).toBe(0);
    expect(cliReport).toBe(uiReport);
    expect(cliReport).toContain(`| 演練 | 府級資安事件通報應變演練 (${exerciseId}) |`);
    expect(await doit.getByText(`npm run -s report -- --city DIR（紀錄已載明本演練 ${exerciseId}「府級資安事件通報應變演練」`, { exact: false }).count()).toBe(1);
    await shot(doit, 'city-live-results-1920-zh', true);
    await redrill.click();
    await doit.getByRole('status').filter({ hasText: `已安排「${AGENCIES[2]}」之再演練` }).waitFor();
    const given = doit.locator('.city-redrills-given li a');
    await expect.poll(() => given.count()).toBe(1);
    expect(await given.first().textContent()).toContain(AGENCIES[2]);
    // Not given twice: while it is not held, the agency's result links to it instead.
    await doit.getByRole('link', { name: `已安排：開啟「${AGENCIES[2]}」之再演練控制台` }).waitFor();
    expect(await redrill.count()).toBe(0);

    for (const p of [doit, ...agencies.flatMap((a) => [a.facilitator, a.contact])]) expect(p.errors).toEqual([]);
  });
});
