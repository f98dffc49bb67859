/**
 * Three devices, one drill server: three isolated browser contexts (separate cookies and storage,
 * like three computers) play a drill through the drill server (the production build served by
 * src/server, file store in a temp folder). The facilitator opens the printed start link, creates
 * the drill, starts it and reads the join links from the console; the reporting contact (on a phone,
 * 390×844) and the CISO open their own links. The report filed on the phone and the CISO's approval
 * reach the facilitator's console through the server; the phone reloads and is still 李佳穎.
 * Screenshots: test/artifacts/screenshots/server-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, startServerRig, type ServerRig } from './support/app';

const TOKEN = 'e2e-facilitator-token-0123456789';
let rig: ServerRig;

beforeAll(async () => {
  rig = await startServerRig({ port: 4140, facilitatorToken: TOKEN, dataPrefix: 'tdrill-e2e-' });
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
    expect(contactLink).toMatch(/^http:\/\/127\.0\.0\.1:4140\/join\/[A-Za-z0-9_-]{22}$/);
    await shot(console_, 'server-console-links-zh');

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
    await desk.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');

    // The phone loses the server: it says so, and its actions are greyed out and disabled.
    await phone.setOffline(true);
    await rig.stopServer();
    await desk.getByRole('alert').filter({ hasText: '與演練伺服器斷線' }).waitFor();
    expect(await desk.getByRole('button', { name: '送出初報' }).isDisabled()).toBe(true);
    await shot(desk, 'server-desk-phone-390-offline-zh', false);
    await rig.startServer();
    await phone.setOffline(false);
    await desk.getByRole('alert').filter({ hasText: '與演練伺服器斷線' }).waitFor({ state: 'detached' });
    expect(await desk.getByRole('button', { name: '送出初報' }).isDisabled()).toBe(false);

    // The record the server holds has all three people's actions, in one log.
    const record = await console_.evaluate(async (id) => (await fetch(`/api/drills/${id}/record`)).json(), decodeURIComponent(/#\/drill\/([^/]+)\//.exec(console_.url())![1]));
    const actors = (record as { events: { actor: { name?: string }; type: string }[] }).events.map((e) => `${e.type}:${e.actor.name ?? ''}`);
    expect(actors).toContain('report.submitted:李佳穎');
    expect(actors.some((a) => a.startsWith('level.approved:陳淑芬'))).toBe(true);
    for (const p of [console_, desk, ciso]) expect(p.errors).toEqual([]);
  });
});
