/**
 * The printed join-link sheet (issue 9 item 3), printed by Chromium to A4: a normal drill's cards
 * (the facilitator's people, the observer and the reviewer: ten) fit one page, two to a row, each QR
 * code at least 30 mm wide on paper, and the facilitator's own link is not on it.
 * Screenshot (print emulation): test/artifacts/screenshots/links-sheet-print.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { CHROMIUM_PATH, SCREENSHOT_DIR } from './support/app';
import { linksSheetHtml, sheetLinks } from '@/ui/features/console/links-sheet';
import type { ServerLink } from '@/ui/drill-runtime/server-mode';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
afterAll(() => browser?.close());

const names = ['王大明', '李佳穎', '陳志豪', '林淑芬', '張家瑋', '黃怡君', '吳俊傑', '劉雅婷'];
const links: ServerLink[] = [
  { id: 'f', kind: 'facilitator', roles: [], createdWall: '2026-12-02T02:00:00Z' },
  ...names.map((name, i): ServerLink => ({ id: `p${i}`, kind: 'participant', name, roles: ['reporting-contact'], createdWall: '2026-12-02T02:00:00Z' })),
  { id: 'o', kind: 'observer', roles: [], createdWall: '2026-12-02T02:00:00Z' },
  { id: 'r', kind: 'reviewer', roles: [], createdWall: '2026-12-02T02:00:00Z' },
  { id: 'gone', kind: 'participant', name: '已撤銷', roles: [], createdWall: '2026-12-02T02:00:00Z', revokedWall: '2026-12-02T03:00:00Z' },
];
const tokens = Object.fromEntries(links.map((l) => [l.id, `${l.id}-${'x'.repeat(40)}`]));

describe('printed join-link sheet', () => {
  it('puts ten cards on one A4 page, two to a row, QR codes ≥ 30 mm, without the facilitator link', async () => {
    const onSheet = sheetLinks(links, tokens);
    expect(onSheet.map((l) => l.id)).toEqual([...names.map((_, i) => `p${i}`), 'o', 'r']);
    const cards = await Promise.all(
      onSheet.map(async (l) => {
        const url = `http://192.168.10.20:4800/#/join/${tokens[l.id]}`;
        return { who: l.name ?? l.kind, url, qr: await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }) };
      }),
    );
    const html = linksSheetHtml({ lang: 'zh-TW', title: '演練加入連結', help: '請將每張卡片交給該參與者本人。', cards });
    expect(html).not.toContain(tokens.f);

    const page = await browser.newPage();
    await page.setContent(html);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);

    // On paper: CSS px are 1/96 in; 30 mm = 113.4 px. Two cards share each row of the printable
    // width (A4 less the 12 mm margins: 186 mm = 703 px).
    await page.setViewportSize({ width: 703, height: 1010 });
    const boxes = await page.locator('.card img').evaluateAll((imgs) => imgs.map((i) => i.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })));
    expect(boxes).toHaveLength(10);
    for (const b of boxes) expect(b.w).toBeGreaterThanOrEqual((30 / 25.4) * 96);
    expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(5);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'links-sheet-print.png'), fullPage: true });
    await page.close();
  });
});
