/**
 * The MSEL in Chromium, as a facilitator would use it: import an Excel MSEL written the way
 * facilitators write them (a title row, zh-TW headers, mixed time forms, a 情境 sheet of facts, two
 * flawed rows), see the dry run flag the two rows, fix them in the editor, save the scenario to the
 * library, run a drill on it, and re-score it in the review at the reference level (what-if).
 * Screenshots of the import and the editor in zh-TW and English at 1920×1080 and 1024×768.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/universal';
import { startApp, SCREENSHOT_DIR, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

/** A facilitator's MSEL: row 5 has a time no one can read, row 6 a player who is not a role. */
export async function facilitatorMsel(dir: string): Promise<string> {
  const rows = [
    ['臺北市萬華區公所 資安事件演練 MSEL（主持人用）'],
    [],
    ['時間', '狀況', '預期行動', '對象', '方式', '發送者', '備註'],
    ['T+0', '承辦人開機後發現戶政資料檔案遭加密，桌面出現勒索訊息。', 'level.assessed 通報窗口 +00:30', '通報窗口', '當面', '承辦人', '觀察是否先隔離再通報'],
    ['明天上午', '資訊局資安監控中心來電：偵測到區公所主機對外異常連線。', 'report.submitted 通報窗口 +01:00', '通報窗口', '電話', '資訊局資安監控中心', null],
    ['D+0 H+1', '記者來電詢問是否有民眾資料外洩。', 'announcement.decided 事件指揮官', '資訊室', '電話', '記者', '不要讓新聞聯絡人自行對外說明'],
    ['2026-03-02 13:00', '廠商回報：備份主機與正式主機同網域，備份亦遭加密。', '評估是否重建系統', '應變執行組', '電子郵件', '維護廠商', null],
    ['T+1d', '資安署來電：尚未收到貴所通報，請說明。', 'report.submitted 通報窗口', '通報窗口', '電話', '資安署', null],
  ];
  const facts = [
    ['代號', 'wanhua-ransomware'],
    ['標題', '萬華區公所戶政資料遭勒索軟體加密'],
    ['標題(英文)', 'Ransomware at the Wanhua District Office'],
    ['機關', '臺北市萬華區公所'],
    ['事件等級', '第3級'],
    ['類別', '勒索軟體'],
    ['知悉時間', '2026-03-02 09:20'],
    ['個資', '是'],
    ['備援', '無備援'],
  ];
  const blob = await writeXlsxFile([
    { sheet: 'MSEL', data: rows.map((r) => r.map((c) => (c === null ? null : { value: c }))) },
    { sheet: '情境', data: facts.map((r) => r.map((c) => ({ value: c }))) },
  ] as never).toBlob();
  const file = join(dir, '萬華區公所演練MSEL.xlsx');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  return file;
}

const SIZES = [
  [1920, 1080],
  [1024, 768],
] as const;

async function shots(page: Page, name: string, language: 'zh-TW' | 'en') {
  await page.getByRole('combobox', { name: /語言|Language/ }).selectOption(language);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${language === 'en' ? 'en' : 'zh'}-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('MSEL: import, fix, drill, re-score', () => {
  it('imports a facilitator’s Excel MSEL, fixes the two flagged rows in the editor, runs the drill and re-scores it', async () => {
    const file = await facilitatorMsel(mkdtempSync(join(tmpdir(), 'msel-e2e-')));
    const context = await app.newContext();
    const page = await app.newPage(context);
    page.on('dialog', (d) => void d.accept());

    await page.goto(app.url);
    await page.getByRole('link', { name: '演練腳本（MSEL）匯入與編輯' }).click();
    await page.getByRole('heading', { name: '演練腳本（MSEL）', level: 1 }).waitFor();
    await page.getByLabel(/試算表檔案/).setInputFiles(file);

    // The dry run: every row read, the two flawed rows named by row and column, in zh-TW.
    const summary = page.getByTestId('dry-run-summary');
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/讀取 5 列，2 個錯誤/);
    const dryRun = page.getByRole('region', { name: '試算結果' });
    await dryRun.getByRole('row').filter({ hasText: '第 5 列' }).filter({ hasText: '時間「明天上午」無法解讀' }).waitFor();
    await dryRun.getByRole('row').filter({ hasText: '第 6 列' }).filter({ hasText: 'D 對象' }).filter({ hasText: '不認得的對象「資訊室」' }).waitFor();
    // The mapping was suggested from the zh-TW headers.
    expect(await page.getByRole('combobox', { name: '時間' }).inputValue()).toBe('時間');
    expect(await page.getByRole('combobox', { name: '對象' }).inputValue()).toBe('對象');
    await shots(page, 'msel-import', 'zh-TW');
    await shots(page, 'msel-import', 'en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');

    // The editor: both rows flagged beside their fields; fix them.
    await page.getByRole('button', { name: '在編輯器中開啟' }).click();
    const time2 = page.getByRole('textbox', { name: '時間 2', exact: true });
    await expect.poll(() => time2.getAttribute('aria-invalid')).toBe('true');
    const player3 = page.getByRole('combobox', { name: '對象 3', exact: true });
    await expect.poll(() => player3.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('2 個問題需修正').waitFor();
    await shots(page, 'msel-editor', 'zh-TW');
    await shots(page, 'msel-editor', 'en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');

    await time2.fill('+00:15');
    await player3.selectOption('press-contact');
    await page.getByText('腳本有效，可儲存').waitFor();
    await page.getByRole('button', { name: '存入腳本庫' }).click();
    await page.getByText(/已存入腳本庫：wanhua-ransomware/).waitFor();
    await shots(page, 'msel-editor-valid', 'zh-TW');

    // A drill on the saved scenario.
    await page.goto(`${app.url}#/new`);
    const radio = page.getByRole('radio', { name: /萬華區公所戶政資料遭勒索軟體加密/ });
    await radio.check();
    await page.getByRole('textbox', { name: '演練名稱' }).fill('端對端：萬華區公所 MSEL');
    await page.getByRole('button', { name: '建立演練' }).click();
    await page.waitForURL(/#\/drill\/[^/]+\/console$/);
    await page.getByRole('button', { name: '開始演練' }).click();
    await page.getByRole('button', { name: '❚❚ 暫停' }).waitFor();
    await page.getByRole('button', { name: '跳至下一則情境指令' }).click();
    await expect.poll(() => page.getByTestId('since').textContent(), { timeout: 10_000 }).toMatch(/^T\+/);
    await page.getByRole('button', { name: '結束演練' }).click();
    const ended = page.getByRole('status').filter({ hasText: '演練已結束' });
    await ended.waitFor();
    await ended.getByRole('link', { name: '前往檢討座談會' }).click();
    await page.waitForURL(/\/review$/);

    // Re-score in the review: at the reference level, beside the scored result, marked hypothetical.
    await page.getByRole('checkbox', { name: '顯示假設情境' }).check();
    await page.getByRole('checkbox', { name: /依情境參考等級（第 3 級）/ }).check();
    await page.getByRole('spinbutton', { name: '及格分數' }).fill('90');
    const table = page.getByRole('table', { name: /正式評分與假設情境並列/ });
    await table.waitFor();
    await page.getByRole('heading', { name: /假設情境重新評分（非正式評分結果）/ }).waitFor();
    await page.locator('#review-whatif').screenshot({ path: join(SCREENSHOT_DIR, 'msel-review-whatif-zh.png') });

    expect(page.errors).toEqual([]);
    await context.close();
  });
});
