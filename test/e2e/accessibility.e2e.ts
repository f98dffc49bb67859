/**
 * Accessibility in Chromium with axe-core: a realistic drill built through the UI (setup → create →
 * console → start → deliver an inject → desks act), then every screen audited in zh-TW and English —
 * home, setup, console (also in projector mode), the desks directory, each role desk with each of its
 * own forms (the reporting contact's website tab included), the review of that drill (summary, charts,
 * walkthrough, report; screen and print) and the compare page. Any violation of impact serious or
 * critical fails; a compact summary of every audit is printed.
 *
 * Keyboard: the console's ad-hoc inject composer opens inline, takes focus, closes on Escape and gives
 * focus back to its button; the desks' form tabs move focus into the opened form.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type TestApp } from './support/app';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'records');

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

type Lang = 'zh-TW' | 'en';

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}
interface Audit {
  screen: string;
  violations: AxeViolation[];
  passes: number;
}

const audits: Audit[] = [];
const BLOCKING = new Set(['serious', 'critical']);

const slug = (screen: string) => `a11y-${screen.replace(/[^\w-]+/g, '-').replace(/-+$/, '')}`;

/** Runs axe on the page (or a part of it) and records the result under `screen`; whole screens are also photographed. */
async function audit(page: Page, screen: string, include?: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  if (!include) await app.screenshot(page, slug(screen));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[]; passes: unknown[] }> } }).axe;
    const r = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return {
      passes: r.passes.length,
      violations: (r.violations as AxeViolation[]).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
      })),
    };
  }, include ?? null);
  audits.push({ screen, ...result });
}

interface TabWalk {
  /** What each Tab reached, in order. */
  reached: string[];
  /** Reached elements without a visible focus indicator, or not visible themselves. */
  unseen: string[];
  /** Tabbable controls on the page that Tab never reached. */
  missed: string[];
  /** Elements with a positive tabindex (which would reorder Tab away from the reading order). */
  positive: string[];
}

/**
 * Tabs from the top of the page through every control (until focus leaves the page or comes back
 * round), checking each shows a focus indicator, and lists the tabbable controls never reached.
 */
async function tabWalk(page: Page, max = 300): Promise<TabWalk> {
  // Start where a fresh page load starts: before the first element of the body.
  await page.evaluate(() => {
    document.querySelectorAll('[data-tab-seen], [data-tab-last]').forEach((el) => el.removeAttribute('data-tab-seen'));
    document.querySelector('[data-tab-last]')?.removeAttribute('data-tab-last');
    const start = document.createElement('span');
    start.id = 'tab-walk-start';
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  });
  const reached: string[] = [];
  const unseen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // Tab moves between the parts of a date-time input without leaving it.
      if (el.hasAttribute('data-tab-last')) return { again: false, same: true, name: '', ring: true, visible: true };
      document.querySelector('[data-tab-last]')?.removeAttribute('data-tab-last');
      if (el.hasAttribute('data-tab-seen')) return { again: true, name: '', ring: true, visible: true };
      el.setAttribute('data-tab-last', '');
      el.setAttribute('data-tab-seen', '');
      const name = `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40) || (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) || el.closest('label')?.textContent?.trim().slice(0, 40) || ''}"`;
      const ringOf = (node: Element | null) => {
        if (!node) return false;
        const cs = getComputedStyle(node);
        return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
      };
      // A visually hidden radio shows its focus on its label.
      const label = el.closest('label');
      const ring = ringOf(el) || ringOf(label);
      const box = (getComputedStyle(el).opacity === '0' && label ? label : el).getBoundingClientRect();
      return { again: false, same: false, name, ring, visible: box.width > 2 && box.height > 2 };
    });
    if (!step || step.again) break;
    if (step.same) continue;
    reached.push(step.name);
    if (!step.ring || !step.visible) unseen.push(`${step.name}${step.ring ? '' : ' (no focus ring)'}${step.visible ? '' : ' (not visible)'}`);
  }
  await page.evaluate(() => document.getElementById('tab-walk-start')?.remove());
  const { missed, positive } = await page.evaluate(() => {
    const candidates = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')];
    const visible = (el: HTMLElement) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const tabbable = candidates.filter(
      (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest('[inert], details:not([open]) > :not(summary)') && (visible(el) || !!el.closest('label')),
    );
    const radioSeen = new Set(tabbable.filter((el) => el.matches('input[type=radio]') && el.hasAttribute('data-tab-seen')).map((el) => (el as HTMLInputElement).name));
    return {
      missed: tabbable
        .filter((el) => !el.hasAttribute('data-tab-seen') && !(el.matches('input[type=radio]') && radioSeen.has((el as HTMLInputElement).name)))
        .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`),
      positive: candidates.filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 80)),
    };
  });
  return { reached, unseen, missed, positive };
}

/** The smallest type on screen, with a sample of what is set in it (hidden and chart text aside). */
async function smallestText(page: Page): Promise<{ px: number; sample: string }> {
  return page.evaluate(() => {
    let px = Infinity;
    let sample = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || !text || el.closest('.visually-hidden, svg, option, .skip-link') || el.getClientRects().length === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < px) {
        px = size;
        sample = `${el.className || el.tagName}: ${text.slice(0, 30)}`;
      }
    }
    return { px, sample };
  });
}

const keyboardProblems: string[] = [];
async function keyboardAudit(page: Page, screen: string): Promise<TabWalk> {
  const walk = await tabWalk(page);
  for (const u of walk.unseen) keyboardProblems.push(`${screen}: ${u}`);
  for (const m of walk.missed) keyboardProblems.push(`${screen}: never reached ${m}`);
  for (const p of walk.positive) keyboardProblems.push(`${screen}: positive tabindex ${p}`);
  console.log(`keyboard ${screen}: ${walk.reached.length} stops, ${walk.unseen.length} without a visible focus, ${walk.missed.length} unreachable`);
  return walk;
}

const setLanguage = async (page: Page, lang: Lang) => {
  const select = page.locator('.app-settings select');
  if ((await select.inputValue()) !== lang) await select.selectOption(lang);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang === 'en' ? 'en' : 'zh-Hant-TW');
};

const ROLE_DESKS = ['commander', 'reporting-contact', 'intel-planning', 'response-execution', 'ciso', 'press-contact', 'doit-reviewer'] as const;

function summary(): string {
  // Clean screens are only counted; a line each for screens with any finding.
  const lines = audits.filter((a) => a.violations.length > 0).map((a) => {
    const blocking = a.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
    const other = a.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
    const mark = blocking.length ? '✗' : '✓';
    const detail = [
      ...blocking.map((v) => `${v.impact} ${v.id}×${v.nodes.length} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
      ...other.map((v) => `(${v.impact} ${v.id}×${v.nodes.length} ${v.nodes[0]?.target.join(' ') ?? ''})`),
    ].join('; ');
    return `${mark} ${a.screen}${detail ? ` — ${detail}` : ''}`;
  });
  const failing = audits.filter((a) => a.violations.some((v) => BLOCKING.has(v.impact ?? ''))).length;
  const clean = audits.length - lines.length;
  return [`axe-core: ${audits.length} audits (${clean} clean), ${failing} with serious/critical violations`, ...lines].join('\n');
}

describe('accessibility (axe-core) in Chromium', () => {
  it('every screen of a real drill has no serious or critical violation, in zh-TW and English', async () => {
    const context = await app.newContext();
    const page = await app.newPage(context);
    page.on('dialog', (d) => void d.accept());

    // Home and setup, both languages.
    for (const lang of ['zh-TW', 'en'] as const) {
      await page.goto(app.url);
      await setLanguage(page, lang);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await audit(page, `home ${lang}`);
      await page.goto(`${app.url}#/new`);
      await page.locator('input[type="radio"]:checked').first().waitFor();
      await audit(page, `setup ${lang}`);
    }
    await setLanguage(page, 'zh-TW');

    // Create, start, deliver an inject.
    await page.getByRole('textbox', { name: '演練名稱' }).fill('無障礙檢查演練');
    await page.getByRole('button', { name: '建立演練' }).click();
    await page.waitForURL(/#\/drill\/[^/]+\/console$/);
    const drillId = decodeURIComponent(/#\/drill\/([^/]+)\/console/.exec(page.url())![1]);
    const base = `${app.url}#/drill/${encodeURIComponent(drillId)}`;
    await page.getByRole('button', { name: '開始演練' }).waitFor();
    await audit(page, 'console before start zh-TW');
    await page.getByRole('button', { name: '開始演練' }).click();
    await page.getByRole('button', { name: '+1 小時' }).click();
    await page.getByRole('button', { name: '❚❚ 暫停' }).click();
    const msel = page.getByRole('region', { name: '演練腳本（MSEL）' });
    await msel.getByRole('button', { name: /^立即發布：/ }).first().click();
    await msel.getByText('已發布').first().waitFor();

    // Keyboard: the ad-hoc inject composer is inline, takes focus, Escape closes it and focus returns.
    const compose = msel.getByRole('button', { name: '撰寫臨時情境指令' });
    await compose.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: '臨時情境指令' });
    await form.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('form')?.id)).toBe('compose-form');
    await audit(page, 'console composer zh-TW', '#compose-form');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await compose.evaluate((el) => el === document.activeElement)).toBe(true);

    // Keyboard: Tab from the top reaches every control of the console in reading order, each with a
    // visible focus: the clock before the world controls before the MSEL before the desks.
    const consoleWalk = await keyboardAudit(page, 'console zh-TW');
    const at = (re: RegExp) => consoleWalk.reached.findIndex((r) => re.test(r));
    expect(at(/^a "跳至主要內容"/)).toBe(0);
    expect(at(/繼續/)).toBeGreaterThan(at(/結束演練/));
    expect(at(/開始中斷/)).toBeGreaterThan(at(/跳至下一個期限/));
    expect(at(/撰寫臨時情境指令/)).toBeGreaterThan(at(/開始中斷/));
    expect(at(/^a "事件指揮官/)).toBeGreaterThan(at(/撰寫臨時情境指令/));

    // A desk acts, so the console, the review and DoIT's desk have something to show.
    const desk = await app.newPage(context);
    await desk.goto(`${base}/desk/reporting-contact`);
    await desk.getByRole('heading', { name: '通報窗口工作台', level: 1 }).waitFor();
    await desk.getByRole('combobox', { name: '我是' }).selectOption({ index: 1 });
    await audit(desk, 'desk reporting-contact (website) zh-TW');
    await desk.getByRole('textbox', { name: '通報人電話' }).fill('02-2720-8889');
    await desk.getByRole('textbox', { name: '事件說明' }).fill('社會救助案件管理系統檔案遭加密。');
    await desk.getByRole('combobox', { name: '本次通報等級' }).selectOption('3');
    await desk.getByRole('button', { name: '送出初報' }).click();
    await desk.getByText(/^已記錄：於通報應變網站通報/).waitFor();
    await audit(desk, 'desk reporting-contact (website, filed) zh-TW');
    await keyboardAudit(desk, 'desk reporting-contact zh-TW');

    for (const lang of ['zh-TW', 'en'] as const) {
      await setLanguage(page, lang);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await audit(page, `console ${lang}`);
      await page.locator('.app-settings input[type="checkbox"]').check();
      await audit(page, `console projector ${lang}`);
      // Projector mode: nothing on the console smaller than 17 px (the room reads it from afar).
      const small = await smallestText(page);
      console.log(`projector ${lang}: smallest text ${small.px} px (${small.sample})`);
      expect(small.px, small.sample).toBeGreaterThanOrEqual(17);
      await page.locator('.app-settings input[type="checkbox"]').uncheck();

      await desk.goto(`${base}/desks`);
      await setLanguage(desk, lang);
      await desk.getByRole('heading', { level: 1 }).waitFor();
      await audit(desk, `desks directory ${lang}`);

      for (const role of ROLE_DESKS) {
        await desk.goto(`${base}/desk/${role}`);
        await desk.locator('#desk-title').waitFor();
        await audit(desk, `desk ${role} ${lang}`);
        // Each of the desk's own forms (and, on the commander's desk, every other team form too).
        const tabs = desk.locator('.desk-tabs button');
        if (role === 'commander') await desk.locator('.desk-other-forms summary').click();
        const count = await tabs.count();
        for (let i = 1; i < count; i += 1) {
          const tab = tabs.nth(i);
          if (!(await tab.isVisible())) continue;
          const name = (await tab.textContent()) ?? '';
          await tab.click();
          await desk.locator('.desk-active-form').waitFor();
          await audit(desk, `desk ${role} › ${name} ${lang}`, '.desk-active-form');
        }
      }
    }
    await setLanguage(desk, 'zh-TW');

    // End the drill; the review of it (summary, charts, walkthrough, report), screen and print.
    await setLanguage(page, 'zh-TW');
    await page.getByRole('button', { name: '結束演練' }).click();
    await page.getByRole('status').filter({ hasText: '演練已結束' }).waitFor();
    await audit(page, 'console ended zh-TW');
    await page.goto(`${base}/review`);
    for (const lang of ['zh-TW', 'en'] as const) {
      await setLanguage(page, lang);
      await page.locator('.score-value').waitFor();
      await page.locator('#review-walkthrough').getByRole('button').last().waitFor();
      await audit(page, `review ${lang}`);
      if (lang === 'zh-TW') {
        await keyboardAudit(page, 'review zh-TW');
        // The table of contents moves focus to its section, so Tab goes on from there.
        await page.getByRole('navigation', { name: '檢討座談會' }).getByRole('link', { name: '評分時間軸' }).press('Enter');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('review-timeline');
        // A note's inline form: focus in, Escape closes it, focus back on its button.
        const addNote = page.getByRole('button', { name: '為「一小時內完成通報」新增註記' });
        await addNote.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        await page.keyboard.press('Escape');
        await expect.poll(() => addNote.evaluate((el) => el === document.activeElement)).toBe(true);
      }
      await page.emulateMedia({ media: 'print' });
      await audit(page, `review print ${lang}`);
      await page.emulateMedia({ media: 'screen' });
    }

    // Compare: two records of one agency.
    for (const lang of ['zh-TW', 'en'] as const) {
      await page.goto(`${app.url}#/compare`);
      await page.reload(); // a fresh page: nothing opened yet
      await setLanguage(page, lang);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await audit(page, `compare empty ${lang}`);
      await page.locator('input[type="file"]').setInputFiles([join(FIXTURES, 'good.json'), join(FIXTURES, 'late.json')]);
      await page.locator('.compare-table').waitFor();
      await audit(page, `compare ${lang}`);
    }
    await setLanguage(page, 'zh-TW');

    console.log(summary());
    expect(keyboardProblems).toEqual([]);
    const blocking = audits.flatMap((a) => a.violations.filter((v) => BLOCKING.has(v.impact ?? '')).map((v) => `${a.screen}: ${v.id}`));
    expect(blocking).toEqual([]);
    expect(page.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await context.close();
  });
});
