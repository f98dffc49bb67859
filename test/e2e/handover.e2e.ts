/**
 * Local multi-window mode after a storage failure (issue 10): the console (the authority) cannot
 * write, a desk's action is acknowledged and heard but not stored; the console window closes; the
 * desk takes the drill over and writes the acknowledged event before anything else, the warning
 * goes, and a reload of the desk finds every event. A desk's forged facilitator command is refused.
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

/** The events IndexedDB holds for the drill, as [seq, type]. */
const storedEvents = (page: Page, drillId: string): Promise<Array<[number, string]>> =>
  page.evaluate(
    (id) =>
      new Promise<Array<[number, string]>>((resolve, reject) => {
        const open = indexedDB.open('taipei-drill');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events').objectStore('events').getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
          req.onsuccess = () => {
            resolve((req.result as Array<{ seq: number; type: string }>).map((e) => [e.seq, e.type]));
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    drillId,
  );

describe('handover after a storage failure', () => {
  it('loses no acknowledged event when the desk takes over from a console that could not write', async () => {
    const context = await app.newContext();
    const consolePage = await app.newPage(context);
    consolePage.on('dialog', (d) => void d.accept());
    await consolePage.goto(`${app.url}#/new`);
    await consolePage.getByRole('textbox', { name: '演練名稱' }).fill('交接測試');
    await consolePage.getByRole('button', { name: '建立演練' }).click();
    await consolePage.waitForURL(/#\/drill\/[^/]+\/console$/);
    const consoleUrl = consolePage.url();
    const drillId = decodeURIComponent(/#\/drill\/([^/]+)\/console$/.exec(consoleUrl)![1]);
    await consolePage.getByRole('button', { name: '開始演練' }).click();
    await consolePage.getByRole('button', { name: '❚❚ 暫停' }).waitFor();
    // On to T0 (actions before awareness are impossible).
    await consolePage.getByRole('button', { name: '跳至下一則情境指令' }).click();
    await expect.poll(() => consolePage.getByTestId('since').textContent(), { timeout: 10_000 }).toMatch(/^T\+/);
    await consolePage.getByRole('button', { name: '❚❚ 暫停' }).click();
    await consolePage.getByText('已暫停').waitFor();

    const desk = await app.newPage(context);
    await desk.goto(consoleUrl.replace(/\/console$/, '/desk/ciso'));
    await desk.getByRole('heading', { level: 1 }).waitFor();
    await desk.getByLabel('我是', { exact: true }).selectOption('陳淑芬');

    // The console's storage fails: every new event row is refused (a full disk).
    await consolePage.evaluate(() => {
      IDBObjectStore.prototype.add = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const storedBefore = await storedEvents(desk, drillId);
    await desk.getByRole('button', { name: '資通安全長核可', exact: true }).click();
    await desk.getByLabel('核可等級', { exact: true }).selectOption('3');
    await desk.getByRole('button', { name: '核可', exact: true }).click();
    // Acknowledged and heard, not stored: every window says so.
    await desk.getByRole('alert').filter({ hasText: '無法寫入瀏覽器儲存空間' }).waitFor();
    expect(await storedEvents(desk, drillId)).toEqual(storedBefore);

    // The console window closes; the desk takes over and writes the acknowledged event first.
    await consolePage.close({ runBeforeUnload: true });
    await expect.poll(async () => (await storedEvents(desk, drillId)).map(([, type]) => type), { timeout: 15_000 }).toContain('level.approved');
    await expect.poll(() => desk.getByRole('alert').filter({ hasText: '無法寫入瀏覽器儲存空間' }).count(), { timeout: 10_000 }).toBe(0);
    const after = await storedEvents(desk, drillId);
    expect(after.map(([seq]) => seq)).toEqual(after.map((_, i) => i + 1)); // no gap, no duplicate

    // Another tab of the same site forges messages: a facilitator command under a desk's scope is
    // refused by the authority (the desk now), and a forged event is ignored.
    const other = await app.newPage(context);
    await other.goto(app.url);
    const refused = await other.evaluate(async (id) => {
      const ch = new BroadcastChannel(`tdrill:${id}`);
      const answer = new Promise<unknown>((resolve) => {
        ch.onmessage = (e) => {
          if (e.data?.kind === 'result' && e.data.id === 'forged-1') resolve(e.data.result);
        };
      });
      ch.postMessage({ kind: 'event', from: 'forger', event: { seq: 999, at: '2026-03-09T23:00:00+08:00', actor: { role: 'facilitator' }, type: 'drill.ended', data: {} } });
      ch.postMessage({ kind: 'command', id: 'forged-1', from: 'forger', scope: { kind: 'desk', role: 'ciso' }, command: { kind: 'end' } });
      const result = await Promise.race([answer, new Promise((r) => setTimeout(() => r('no answer'), 5000))]);
      ch.close();
      return result;
    }, drillId);
    expect(refused).toMatchObject({ ok: false, reason: { code: 'wrong-window' } });
    expect((await storedEvents(desk, drillId)).map(([, t]) => t)).not.toContain('drill.ended');
    await desk.getByText('已結束').count().then((n) => expect(n).toBe(0));

    // A reload of the desk finds every event.
    await desk.reload();
    await desk.getByRole('heading', { level: 1 }).waitFor();
    expect(await storedEvents(desk, drillId)).toEqual(after);
    expect(desk.errors.filter((e) => !/QuotaExceeded/.test(e))).toEqual([]);
    await context.close();
  });
});
