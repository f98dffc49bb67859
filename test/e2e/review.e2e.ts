/**
 * The review in Chromium: open a drill record file, export it (sealed), re-import the export and see
 * the same score with a verified chain; tamper one event and see the break at its seq. Screenshots of
 * the review (zh-TW, English) and of the print layout (A4), plus the PDF, go to test/artifacts/.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, SCREENSHOT_DIR, type TestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'records', 'late.json');
const work = mkdtempSync(join(tmpdir(), 'review-e2e-'));

const scoreOf = async (page: Page): Promise<string> => {
  const label = await page.locator('.score-value').getAttribute('aria-label');
  return (label ?? '').replace(/^\D+\s/, '');
};

async function open(page: Page, file: string, label = '選擇演練紀錄檔') {
  await page.getByLabel(label).setInputFiles(file);
  await page.locator('.score-value').waitFor();
}

describe('review in Chromium', () => {
  it('exports a record without re-sealing it, re-imports it with the same score, and flags tampered and signed ones', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}#/review`);
    await page.getByRole('heading', { name: '開啟演練紀錄' }).waitFor();
    await open(page, FIXTURE);
    const score = await scoreOf(page);
    expect(score).toMatch(/^\d+(\.\d)?$/);
    await page.getByRole('status', { name: '紀錄完整性：未封存' }).waitFor();

    // A hot-wash note on an obligation travels with the export.
    await page.getByRole('button', { name: '為「一小時內完成通報」新增註記' }).click();
    await page.getByLabel('註記內容').fill('通報窗口找不到帳號，延誤通報');
    await page.getByRole('button', { name: '儲存註記' }).click();
    await app.screenshot(page, 'review-zh');
    // Readable parts for a look at projector scale.
    for (const part of ['summary', 'obligations', 'timeline', 'breakdown', 'walkthrough', 'report']) {
      await page.locator(`#review-${part}`).screenshot({ path: join(SCREENSHOT_DIR, `review-zh-${part}.png`) });
    }
    // A month-long drill whose response is in its first day and a half opens on its first three days,
    // says what lies after, and shows the whole drill on request.
    const span = page.getByRole('combobox', { name: '時間範圍' });
    expect(await span.inputValue()).toBe('d3');
    await page.getByText(/^此範圍之後另有 9 筆行動或指令/).waitFor();
    await span.selectOption({ label: 'T0 起 6 小時' });
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-zh-timeline-6h.png') });
    await page.getByRole('button', { name: '顯示全程' }).click();
    expect(await span.inputValue()).toBe('all');
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-zh-timeline-all.png') });
    // Each window's status is named beside it, not colour alone; both charts have a description.
    const windows = page.getByRole('img', { name: '應辦事項時間窗' });
    await expect.poll(() => windows.locator('text').filter({ hasText: /^逾時完成$/ }).count()).toBeGreaterThan(0);
    expect(await windows.getAttribute('aria-describedby')).toBeTruthy();
    // Hover a window: its trigger, limit and when it was done, exactly.
    await page.locator('.timeline-window').first().hover({ force: true });
    await page.locator('.chart-tip').filter({ hasText: '期限' }).filter({ hasText: 'T+01:00' }).waitFor();
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-zh-timeline-window-hover.png') });
    // Projector mode: the same timeline, larger.
    await page.locator('.app-settings input[type="checkbox"]').check();
    await span.selectOption('d3');
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-zh-timeline-projector.png') });
    await page.locator('.app-settings input[type="checkbox"]').uncheck();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '匯出演練紀錄（JSON）' }).click()]);
    const exported = join(work, download.suggestedFilename());
    await download.saveAs(exported);
    const json = JSON.parse(readFileSync(exported, 'utf8'));
    // A record opened from a file is never re-sealed (issue 10): it had no seal, its export has none.
    expect(json.integrity).toBeUndefined();
    expect(json.reviewNotes[0].text).toBe('通報窗口找不到帳號，延誤通報');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '匯出行動紀錄（CSV）' }).click()]);
    const csvPath = join(work, 'log.csv');
    await csvDownload.saveAs(csvPath);
    const csv = readFileSync(csvPath);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('\r\n');

    // Re-import the export: same score, still not sealed, the note is back.
    await page.getByRole('button', { name: '開啟其他紀錄' }).click();
    await open(page, exported);
    expect(await scoreOf(page)).toBe(score);
    await page.getByRole('status', { name: '紀錄完整性：未封存' }).waitFor();
    await page.getByText('通報窗口找不到帳號，延誤通報').first().waitFor();

    // A signed record whose middle event was deleted: named at the missing seq, and its export keeps the broken seal.
    const tampering = join(process.cwd(), 'test/fixtures/tampering');
    await page.getByRole('button', { name: '開啟其他紀錄' }).click();
    await open(page, join(tampering, 'middle-deleted.json'));
    await page.getByRole('status', { name: '紀錄完整性：序號 4 起 1 筆事件遭刪除' }).waitFor();
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '匯出演練紀錄（JSON）' }).click()]);
    const againPath = join(work, 'again.json');
    await again.saveAs(againPath);
    expect(JSON.parse(readFileSync(againPath, 'utf8')).integrity).toEqual(JSON.parse(readFileSync(join(tampering, 'middle-deleted.json'), 'utf8')).integrity);

    // A signed record: without a published key it cannot be verified; with the deployment's key at
    // /.well-known/ Chromium's WebCrypto checks the Ed25519 signature and names who signed.
    await page.getByRole('button', { name: '開啟其他紀錄' }).click();
    await open(page, join(tampering, 'signed-intact.json'));
    await page.getByRole('status', { name: '紀錄完整性：已簽章，無法驗證' }).waitFor();
    const keyed = await app.newPage();
    await keyed.route('**/.well-known/taipei-drill-keys.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(join(tampering, 'test-keys.json'), 'utf8') }),
    );
    await keyed.goto(`${app.url}#/review`);
    await open(keyed, join(tampering, 'signed-intact.json'));
    await keyed.getByRole('status', { name: '紀錄完整性：已驗證（資訊局簽章）' }).waitFor();
    await keyed.locator('.integrity-detail').getByText(/由 臺北市政府資訊局演練伺服器（測試金鑰） 於 .* 簽章/).waitFor();
    await app.screenshot(keyed, 'review-zh-signed');
    await keyed.context().close();
    // The one expected console message: a browser-only deployment publishes no keys (404 on /.well-known/).
    expect(page.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('shows the review in English, walks the log, and prints an A4 report with CJK text', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}#/review`);
    await page.getByRole('combobox', { name: '語言' }).selectOption('en');
    await open(page, FIXTURE, 'Choose a drill record file');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Event 2 of').waitFor();
    // Hover a point of the timeline: the tooltip gives the exact time and the event.
    const point = page.locator('.timeline-chart .timeline-marker').nth(5);
    const before = await point.getAttribute('transform');
    await page.waitForTimeout(300);
    expect(await point.getAttribute('transform')).toBe(before); // the chart is still, not re-rendering
    await point.hover({ force: true });
    await page.locator('.chart-tip').first().waitFor();
    await app.screenshot(page, 'review-en');
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-en-timeline-hover.png') });
    await page.locator('#review-summary').screenshot({ path: join(SCREENSHOT_DIR, 'review-en-summary.png') });
    await page.locator('.app-settings input[type="checkbox"]').check();
    await page.getByRole('combobox', { name: 'Time span' }).selectOption('all');
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-en-timeline-projector-all.png') });
    await page.getByRole('combobox', { name: 'Time span' }).selectOption('d3');
    await page.locator('#review-timeline').screenshot({ path: join(SCREENSHOT_DIR, 'review-en-timeline-projector.png') });
    await page.locator('.app-settings input[type="checkbox"]').uncheck();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
    await page.getByRole('heading', { name: '檢討座談會', level: 1 }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await app.screenshot(page, 'review-print-zh');
    // A4 at 96 dpi is 794 × 1123 px: the first page as the printer lays it out.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'review-print-zh-page1.png') });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SCREENSHOT_DIR, 'review-print-zh.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // In print only the report shows: the app header and the screen sections are hidden.
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: '資安事件通報應變演練 檢討報告及改善計畫' }).isVisible()).toBe(true);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
