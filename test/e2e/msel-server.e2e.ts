/**
 * The MSEL editor on the drill server (issue 13): the facilitator opens the printed start link,
 * opens a bundled scenario in the editor, renames it and saves it; the editor says it is stored in
 * this browser and on the server. Another device (its own cookies and storage) opens the start link
 * and finds the scenario on the setup page. Also the editor's table at 1920×1080, 1024×768 and a
 * phone 390×844 in zh-TW and English: every row's ✕ (delete) button inside the table, and the page
 * no wider than the window. Screenshots: test/artifacts/screenshots/msel-editor-layout-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SCREENSHOT_DIR, startServerRig, type ServerRig, type TrackedPage } from './support/app';

const TOKEN = 'e2e-msel-library-token-0123456789';
let rig: ServerRig;

beforeAll(async () => {
  rig = await startServerRig({ port: 4420, facilitatorToken: TOKEN, dataPrefix: 'tdrill-msel-e2e-' });
});
afterAll(() => rig?.close());

/** A device of its own (its own cookies and storage), with one page. */
const device = async (width = 1440, height = 900): Promise<TrackedPage> => rig.page(await rig.device({ width, height }));

const SIZES = [
  [1920, 1080],
  [1024, 768],
  [390, 844],
] as const;

describe('MSEL editor on the drill server', () => {
  it('saves to the server’s scenario library, which setup on another device lists; the ✕ buttons fit at every size', async () => {
    const facilitator = await device();
    await facilitator.goto(rig.server.facilitatorLink);
    await facilitator.waitForURL(/#\/new$/);
    await facilitator.goto(`${rig.server.origin}/#/msel`);
    const choose = facilitator.getByRole('combobox', { name: '內建或腳本庫中的腳本' });
    await expect.poll(() => choose.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await choose.selectOption({ label: '機房儲存設備控制器故障，清運路線排程系統停擺' });
    await facilitator.getByRole('button', { name: '開啟編輯' }).click();
    await facilitator.getByRole('heading', { name: '編輯腳本', level: 2 }).waitFor();

    // The editor's table at each size and language: each ✕ inside the table's box, nothing wider than the window.
    for (const language of ['zh-TW', 'en'] as const) {
      await facilitator.getByRole('combobox', { name: /語言|Language/ }).selectOption(language);
      for (const [w, h] of SIZES) {
        await facilitator.setViewportSize({ width: w, height: h });
        await facilitator.locator('.msel-table tbody tr').first().evaluate((row) => row.scrollIntoView({ block: 'start' }));
        const fit = await facilitator.evaluate(() => {
          const wrap = document.querySelector('.msel-table-wrap')!.getBoundingClientRect();
          const rows = [...document.querySelectorAll('.msel-table tbody tr')];
          const out = rows.filter((r) => {
            const b = r.querySelector('td.remove button')!.getBoundingClientRect();
            const cell = r.querySelector('td.remove')!.getBoundingClientRect();
            return b.width === 0 || b.left < wrap.left || b.right > wrap.right || b.right > cell.right || b.left < cell.left;
          });
          return { rows: rows.length, cut: out.length, pageWidth: document.documentElement.scrollWidth, window: window.innerWidth };
        });
        expect(fit.rows, `${language} ${w}×${h}`).toBeGreaterThan(0);
        expect(fit.cut, `${language} ${w}×${h}: ✕ buttons cut off`).toBe(0);
        expect(fit.pageWidth, `${language} ${w}×${h}: the page is wider than the window`).toBeLessThanOrEqual(fit.window);
        await facilitator.screenshot({ path: join(SCREENSHOT_DIR, `msel-editor-layout-${language === 'en' ? 'en' : 'zh'}-${w}x${h}.png`) });
      }
    }
    await facilitator.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
    await facilitator.setViewportSize({ width: 1440, height: 900 });

    // Saved under a new id and title, in this browser and on the server.
    await facilitator.getByRole('textbox', { name: '代號', exact: true }).fill('equipment-failure-server');
    await facilitator.getByRole('textbox', { name: '標題（中文）', exact: true }).fill('伺服器腳本庫：儲存設備故障');
    await facilitator.getByText('腳本有效，可儲存').waitFor();
    await facilitator.getByRole('button', { name: '存入腳本庫' }).click();
    await expect.poll(() => facilitator.locator('.editor-status').textContent(), { timeout: 30_000 }).toContain('已存入本瀏覽器與伺服器的腳本庫：equipment-failure-server');

    // Another device on the same server: setup lists it (it never saw this browser's IndexedDB).
    const other = await device();
    await other.goto(rig.server.facilitatorLink);
    await other.waitForURL(/#\/new$/);
    await other.getByRole('radio', { name: /伺服器腳本庫：儲存設備故障/ }).waitFor();

    expect(facilitator.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });
});
