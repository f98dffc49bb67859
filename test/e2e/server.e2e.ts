/**
 * Three devices, one drill server: three isolated browser contexts (separate cookies and storage,
 * like three computers) play a drill through the drill server (the production build served by
 * src/server, file store in a temp folder). The facilitator opens the printed start link, creates
 * the drill, starts it and reads the join links from the console; the reporting contact (on a phone,
 * 390×844) and the CISO open their own links. The report filed on the phone and the CISO's approval
 * reach the facilitator's console through the server; the phone reloads and is still 李佳穎. The
 * phone loses its network (its socket silent, not closed) and then the server: each time it says
 * so, greys out its actions, and on return gets the inject it missed.
 * Screenshots: test/artifacts/screenshots/server-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, axeFindings, startServerRig, type ServerRig } from './support/app';

const TOKEN = 'e2e-facilitator-token-0123456789';
/** E2E_SERVER_PORT: another port when several people share the machine. */
const PORT = Number(process.env.E2E_SERVER_PORT ?? 4140);
let rig: ServerRig;

beforeAll(async () => {
  rig = await startServerRig({ port: PORT, facilitatorToken: TOKEN, dataPrefix: 'tdrill-e2e-' });
});
afterAll(() => rig?.close());

const device = (viewport?: { width: number; height: number }) => rig.device(viewport);
const page = (context: Parameters<ServerRig['page']>[0]) => rig.page(context);

const shot = (p: Page, name: string, fullPage = true) => p.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });

describe('drill server in Chromium: three devices', () => {
  it('facilitator, reporting contact (phone) and CISO play one drill through the server; a reload keeps the desk its person', async () => {
    // Device 1: the facilitator opens the link `npm start` printed; the token leaves the address.
    const facilitatorDevice = await device();
    const console_ = await page(facilitatorDevice);
    await console_.goto(rig.server.facilitatorLink);
    await console_.waitForURL(/#\/new$/);
    expect(console_.url()).not.toContain(TOKEN);
    await console_.getByRole('button', { name: '建立演練' }).click();
    await console_.waitForURL(/#\/drill\/[^/]+\/console$/);
    await console_.getByRole('button', { name: '開始演練' }).click();
    await console_.getByRole('button', { name: '+1 小時' }).click();
    await console_.getByRole('button', { name: '❚❚ 暫停' }).click();

    // The join links, with QR codes.
    await console_.getByText('參與者連結與 QR code').click();
    const linkOf = async (name: string) => {
      const row = console_.locator('li.link-row', { hasText: name });
      await row.getByRole('img', { name: /加入連結 QR code/ }).waitFor();
      return (await row.locator('code.link-url').textContent())!.trim();
    };
    const contactLink = await linkOf('李佳穎');
    const cisoLink = await linkOf('陳淑芬');
    expect(contactLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/join/[A-Za-z0-9_-]{22}$`));
    // Opened at a loopback address, the console says other devices cannot open these links.
    await console_.getByRole('note').filter({ hasText: /只有這台電腦開得了.*HOST=0\.0\.0\.0/ }).waitFor();
    await shot(console_, 'server-console-links-zh');
    expect(await axeFindings(console_)).toEqual([]);
    // The printable sheet: one card per link, under the drill's name.
    const [sheet] = await Promise.all([console_.waitForEvent('popup'), console_.getByRole('button', { name: '列印連結清單' }).click()]);
    await sheet.getByRole('heading', { level: 1, name: /：演練加入連結$/ }).waitFor();
    expect(await sheet.getByText(contactLink).count()).toBe(1);
    await sheet.setViewportSize({ width: 794, height: 1123 });
    await shot(sheet, 'server-links-sheet-zh');
    await sheet.close();

    // Device 2: the reporting contact, on a phone.
    const phone = await device({ width: 390, height: 844 });
    const desk = await page(phone);
    await desk.goto(contactLink);
    // She holds two roles (reporting contact, intelligence & planning): her link opens the desk list.
    await desk.waitForURL(/#\/drill\/[^/]+\/desks$/);
    expect(desk.url()).not.toContain(contactLink.split('/').at(-1)!);
    await desk.goto(desk.url().replace(/desks$/, 'desk/reporting-contact'));
    await desk.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
    const actingAs = desk.getByRole('combobox', { name: '我是' });
    await expect.poll(() => actingAs.inputValue()).toBe('李佳穎');
    expect(await actingAs.isDisabled()).toBe(true);
    await desk.getByRole('textbox', { name: '通報人電話' }).fill('02-2720-8889');
    await desk.getByRole('textbox', { name: '事件說明' }).fill('社會救助案件管理系統檔案遭加密，畫面出現勒索訊息。');
    const wizard = desk.getByRole('region', { name: /等級判斷精靈/ });
    await wizard.getByRole('checkbox', { name: '受影響' }).nth(2).check();
    await wizard.getByRole('combobox', { name: /可用性.*資通系統/ }).selectOption('core');
    await wizard.getByRole('checkbox', { name: '於可容忍中斷時間內恢復正常運作' }).uncheck();
    await wizard.getByText('精靈判斷：第3級').waitFor();
    await shot(desk, 'server-desk-phone-390-zh');
    expect(await axeFindings(desk)).toEqual([]);
    // Her menu has no console: it is the facilitator's (issue 9).
    const deskNav = desk.getByRole('navigation', { name: '主要導覽' });
    await deskNav.getByRole('link', { name: '角色工作台' }).waitFor();
    expect(await deskNav.getByRole('link', { name: '主持人控制台' }).count()).toBe(0);
    await desk.getByRole('button', { name: '送出初報' }).click();
    await desk.getByText(/^已記錄：於通報應變網站通報：第3級/).waitFor();
    // The facilitator's console (another computer) hears it from the server.
    await console_.getByText(/於通報應變網站通報/).first().waitFor();

    // Device 3: the CISO approves the level on her own computer.
    const laptop = await device();
    const ciso = await page(laptop);
    await ciso.goto(cisoLink);
    await ciso.waitForURL(/#\/drill\/[^/]+\/desks$/);
    await ciso.goto(ciso.url().replace(/desks$/, 'desk/ciso'));
    await ciso.getByRole('heading', { name: /資通安全長工作台/, level: 1 }).waitFor();
    await ciso.getByRole('combobox', { name: '核可等級' }).selectOption('3');
    await ciso.getByRole('button', { name: '核可', exact: true }).click();
    await ciso.getByText(/^已記錄：/).first().waitFor();
    await console_.getByText(/核可/).first().waitFor();
    // She opens the console too: read-only, with no controls and no join links.
    await ciso.goto(ciso.url().replace(/desk\/ciso$/, 'console'));
    await ciso.getByRole('note').filter({ hasText: '唯讀檢視' }).waitFor();
    expect(await ciso.getByRole('button', { name: '+1 小時' }).isDisabled()).toBe(true);
    expect(await ciso.getByRole('button', { name: '結束演練' }).count()).toBe(0);
    expect(await ciso.getByText('參與者連結與 QR code').count()).toBe(0);

    // The observer/projector's link opens the console (read-only), and its menu keeps it.
    const observerLink = await linkOf('觀察員／投影');
    const projectorDevice = await device({ width: 1920, height: 1080 });
    const projector = await page(projectorDevice);
    await projector.goto(observerLink);
    await projector.waitForURL(/#\/drill\/[^/]+\/console$/);
    await projector.getByRole('note').filter({ hasText: '唯讀檢視' }).waitFor();
    await projector.getByRole('navigation', { name: '主要導覽' }).getByRole('link', { name: '主持人控制台' }).waitFor();
    await projectorDevice.close();

    // The drill list on a phone and on a wide screen (issue 9): on the phone each drill is a card,
    // still a table to a screen reader, its cells wide enough to read (not one character a line).
    for (const [w, h] of [[390, 844], [1920, 1080]] as const) {
      const home = await page(await device({ width: w, height: h }));
      await home.goto(rig.server.facilitatorLink);
      await home.waitForURL(/#\/new$/);
      await home.goto(home.url().replace(/#\/new$/, '#/'));
      const table = home.getByRole('table');
      await table.getByRole('rowheader').first().waitFor();
      expect(await table.getByRole('columnheader').count()).toBe(7);
      const agency = table.getByRole('cell').nth(1);
      expect((await agency.boundingBox())!.width).toBeGreaterThan(w === 390 ? 300 : 100);
      for (const lang of ['zh-TW', 'en'] as const) {
        if (lang === 'en') await home.getByRole('combobox', { name: '語言' }).selectOption('en');
        await home.getByRole('heading', { name: lang === 'en' ? 'Drills' : '演練清單', exact: true }).waitFor();
        await shot(home, `server-home-${w}-${lang === 'en' ? 'en' : 'zh'}`);
      }
      expect(await axeFindings(home)).toEqual([]);
      await home.context().close();
    }

    // The phone reloads: the session cookie keeps it 李佳穎, with the drill as it stands.
    await desk.reload();
    await desk.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
    await expect.poll(() => desk.getByRole('combobox', { name: '我是' }).inputValue()).toBe('李佳穎');
    await shot(desk, 'server-desk-phone-390-reloaded-zh', false);
    await desk.getByRole('combobox', { name: '語言' }).selectOption('en');
    await desk.getByRole('heading', { name: 'Reporting Contact desk', level: 1 }).waitFor();
    await shot(desk, 'server-desk-phone-390-en', false);
    await console_.getByRole('combobox', { name: '語言' }).selectOption('en');
    await console_.getByRole('heading', { name: 'Participant links and QR codes' }).waitFor();
    await shot(console_, 'server-console-links-en');
    expect(await axeFindings(console_)).toEqual([]);
    await desk.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
    await console_.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');

    // The phone loses its network, though its socket never closes (Wi-Fi gone): it says so at once,
    // and every control of the desk is greyed out and disabled.
    const offlineAlert = desk.getByRole('alert').filter({ hasText: '與演練伺服器斷線' });
    await phone.setOffline(true);
    await offlineAlert.waitFor();
    expect(await desk.locator('fieldset.offline-guard').isDisabled()).toBe(true);
    expect(await desk.getByRole('button', { name: '送出初報' }).isDisabled()).toBe(true);
    await shot(desk, 'server-desk-phone-390-offline-zh', false);
    // Meanwhile the facilitator sends her an inject (the MSEL row is not covered by the board).
    await console_.getByRole('button', { name: '立即發布：資訊局審核等級' }).click();
    await console_.getByText(/資訊局審核等級/).first().waitFor();
    // Back online: she gets what she missed, and her desk works again.
    await phone.setOffline(false);
    await offlineAlert.waitFor({ state: 'detached' });
    await desk.getByText('資訊局審核等級').first().waitFor();
    expect(await desk.getByRole('button', { name: '送出初報' }).isDisabled()).toBe(false);

    // The server itself goes away and comes back: the same.
    await rig.stopServer();
    await offlineAlert.waitFor();
    // The console, far down at its notes, has a note refused: it says so where the facilitator looks.
    await console_.getByRole('textbox', { name: /新增筆記/ }).fill('斷線時的筆記');
    await console_.getByRole('button', { name: '加入筆記' }).click();
    const refusal = console_.getByRole('alert').filter({ hasText: /^未執行：.*未送出、未記錄/ });
    await refusal.waitFor();
    const box = (await refusal.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(console_.viewportSize()!.height);
    await shot(console_, 'server-console-refused-offline-zh', false);
    await rig.startServer();
    await offlineAlert.waitFor({ state: 'detached' });
    expect(await desk.getByRole('button', { name: '送出初報' }).isDisabled()).toBe(false);

    // The record the server holds has all three people's actions, in one log.
    const record = await console_.evaluate(async (id) => (await fetch(`/api/drills/${id}/record`)).json(), decodeURIComponent(/#\/drill\/([^/]+)\//.exec(console_.url())![1]));
    const actors = (record as { events: { actor: { name?: string }; type: string }[] }).events.map((e) => `${e.type}:${e.actor.name ?? ''}`);
    expect(actors).toContain('report.submitted:李佳穎');
    expect(actors.some((a) => a.startsWith('level.approved:陳淑芬'))).toBe(true);
    // The inject sent while the phone was away, stored once.
    const events = (record as { events: { type: string }[] }).events;
    expect(events.filter((e) => e.type === 'inject.delivered' && JSON.stringify(e).includes('資訊局審核等級'))).toHaveLength(1);
    for (const p of [console_, desk, ciso]) expect(p.errors).toEqual([]);
  });
});
