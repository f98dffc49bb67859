import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { recordBuilder } from '@/engine/record/record-builder';
import { sealRecord } from '@/engine/integrity/hash-chain';
import { verifySeal } from '@/engine/integrity/seal-signature';
import { generateDeploymentKey, signRecord } from '@/signing/deployment-key';
import type { DrillRecord } from '@/engine/record/schema';
import { exportRecord } from './review-view';
import { scoreRecord } from '@/engine/scoring/score';
import { notReachedCount } from '@/engine/scoring/types';
import { i18n } from '@/ui/i18n';
import { putDrill, appendEvent } from '@/ui/persistence/drill-db';
import { loadNotes } from './review-db';
import ReviewPage from './review-page';

// The charts are recharts SVGs: rendering them, then querying the page around them, took most of
// each test here on a busy machine (issue 14). They are left out unless a test looks at them
// (`charts.shown`), and that test renders the real ones.
const charts = vi.hoisted(() => ({ shown: false }));
vi.mock('./review-charts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./review-charts')>();
  return {
    ...real,
    TimelineChart: (props: Parameters<typeof real.TimelineChart>[0]) => (charts.shown ? <real.TimelineChart {...props} /> : null),
    BreakdownChart: (props: Parameters<typeof real.BreakdownChart>[0]) => (charts.shown ? <real.BreakdownChart {...props} /> : null),
  };
});

// Free text is pasted, not typed key by key: typing is not what these tests check, and each key
// re-rendered the whole page, which made them slow on a busy machine (issue 14).

afterEach(() => {
  charts.shown = false;
});

const drill = () =>
  recordBuilder({ level: 3, agency: { name: '臺北市政府測試局' }, scenario: { title: '核心系統勒索軟體' } })
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
    .on('1h20m', 'report.submitted', { level: 3 }, 'reporting-contact')
    .on('2h', 'evidence.submitted', { destination: 'virustotal' }, 'intel-planning')
    .on('4h', 'drill.ended')
    .build();

const file = (value: unknown, name = 'drill.json') => new File([JSON.stringify(value)], name, { type: 'application/json' });

async function openFile(value: unknown, name?: string, label = '選擇演練紀錄檔') {
  const user = userEvent.setup();
  render(<ReviewPage />);
  await user.upload(screen.getByLabelText(label), file(value, name));
  return user;
}

describe('ReviewPage from a record file', () => {
  it('shows the score, fail with the re-drill date, the integrity badge and each obligation with its point', async () => {
    const record = sealRecord(drill());
    await openFile(record);
    const expected = scoreRecord(record);
    expect(await screen.findByRole('heading', { name: '檢討座談會', level: 1 })).toBeInTheDocument();
    expect(screen.getByLabelText(`分數 ${expected.score}`)).toBeInTheDocument();
    expect(screen.getAllByText('未通過').length).toBeGreaterThan(0);
    expect(screen.getByText(/再演練期限：2026-06-02 前/)).toBeInTheDocument();
    // Sealed in a browser, not signed by a drill server: never "verified by DoIT" (issue 10).
    expect(screen.getByRole('status', { name: '紀錄完整性：自行封存' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: '應辦事項評定' });
    // Each row found by its header cell: naming every row means reading out every cell of the
    // table, which was most of this test's time on a busy machine (issue 14).
    const row = within(table).getByRole('rowheader', { name: /一小時內完成通報/ }).closest('tr')!;
    expect(within(row).getByText('第十點')).toBeInTheDocument();
    expect(within(row).getByText('逾時完成')).toBeInTheDocument();
    expect(within(row).getByText('20 分')).toBeInTheDocument();
    const evidence = within(table).getByRole('rowheader', { name: /跡證及惡意程式送交/ }).closest('tr')!;
    expect(within(evidence).getByText('不符規定')).toBeInTheDocument();
    // DoIT's review is shown apart.
    expect(screen.getByRole('table', { name: '資訊局等級審核（另計，不含於機關分數）' })).toBeInTheDocument();
  });

  it('shows an incomplete drill as 未完成 with how many obligations were not yet due, never as passed', async () => {
    const early = recordBuilder({ level: 3 }).on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('20m', 'report.submitted', { level: 3 }, 'reporting-contact').on('50m', 'drill.ended').build();
    await openFile(early);
    const n = notReachedCount(scoreRecord(early));
    const summary = await screen.findByRole('region', { name: '評分摘要' });
    expect(within(summary).getByText(`未完成（${n} 項未屆期限）`)).toBeInTheDocument();
    expect(within(summary).queryByText('通過')).toBeNull();
    // P39(3): an incomplete drill has not fallen short of the standard yet, so no re-drill date (as on the city results).
    expect(screen.queryByText(/再演練期限/)).toBeNull();
  });

  it('flags a tampered record at the event where the chain breaks, and an unsealed one as unverified', async () => {
    const record = sealRecord(drill());
    const tampered = structuredClone(record);
    tampered.events[2].at = '2026-03-02T09:50:00+08:00';
    await openFile(tampered);
    expect(await screen.findByRole('status', { name: '紀錄完整性：雜湊鏈於序號 3 中斷' })).toBeInTheDocument();
  });

  it('opens an unsealed record as not sealed, not rejected', async () => {
    await openFile(drill());
    expect(await screen.findByRole('status', { name: '紀錄完整性：未封存' })).toBeInTheDocument();
  });

  it('refuses a UTF-16 file and invalid UTF-8 with the byte offset, as the CLIs do', async () => {
    const user = userEvent.setup();
    render(<ReviewPage />);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(new TextEncoder().encode('{}')).flatMap((b) => [b, 0])]);
    await user.upload(screen.getByLabelText('選擇演練紀錄檔'), new File([utf16], 'u16.json'));
    expect(within(await screen.findByRole('alert')).getByText(/UTF-16/)).toBeInTheDocument();
  });

  it('lists the parser errors of an invalid file with file, JSON path and message', async () => {
    const bad = { ...drill(), scenario: { id: 'x', referenceLevel: 7 } };
    await openFile(bad, 'bad.json');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('bad.json')).toBeInTheDocument();
    expect(within(alert).getByText('$.scenario.referenceLevel')).toBeInTheDocument();
    expect(within(alert).getByText(/unknown level 7/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '檢討座談會' })).not.toBeInTheDocument();
  });

  it('walks the log step by step with the deadline board as it was then', async () => {
    const user = await openFile(drill());
    const walk = await screen.findByRole('region', { name: '逐步回顧' });
    expect(within(walk).getByText('第 1 / 5 筆')).toBeInTheDocument();
    await user.click(within(walk).getByRole('button', { name: '下一筆' }));
    // Step 2 (09:10, level approved): the report is due at 10:00, 50 minutes left — shown as the
    // console's board showed it then (the same component).
    expect(within(walk).getByText('第 2 / 5 筆')).toBeInTheDocument();
    const board = within(walk).getByRole('table');
    const reportRow = within(board).getByRole('rowheader', { name: /一小時內完成通報/ }).closest('tr')!;
    expect(within(reportRow).getByText('剩 00:50:00')).toBeInTheDocument();
    expect(within(reportRow).getByText('未屆期限')).toBeInTheDocument();
    await user.click(within(walk).getByRole('button', { name: '下一筆' }));
    // Step 3 (10:20): filed late.
    expect(within(within(walk).getByRole('table')).getByRole('rowheader', { name: /一小時內完成通報/ }).closest('tr')).toHaveTextContent('逾時完成');
    await user.click(within(walk).getByRole('button', { name: '最後一筆' }));
    expect(within(walk).getByText('第 5 / 5 筆')).toBeInTheDocument();
  });

  it('keeps hot-wash notes and puts them in the report', async () => {
    const user = await openFile(drill());
    const table = await screen.findByRole('table', { name: '應辦事項評定' });
    await user.click(within(table).getByRole('button', { name: '為「一小時內完成通報」新增註記' }));
    await user.click(screen.getByLabelText('註記內容'));
    await user.paste('帳號密碼找不到，延誤 20 分');
    await user.click(screen.getByRole('button', { name: '儲存註記' }));
    expect(within(table).getByText('帳號密碼找不到，延誤 20 分')).toBeInTheDocument();
    const report = screen.getByRole('region', { name: '檢討報告及改善計畫' });
    expect(within(report).getAllByText(/帳號密碼找不到，延誤 20 分/).length).toBeGreaterThan(0);
    // The improvement plan names an owner role, a tier and a due date for the late report.
    expect(within(report).getByRole('cell', { name: /一小時內完成通報（第十點）/ })).toBeInTheDocument();
    expect(within(report).getAllByRole('cell', { name: '短期（立即改善）' }).length).toBeGreaterThan(0);
  });

  it('opens the timeline of a month-long drill on its first three days, says what comes after, and shows the whole drill on request', async () => {
    const record = recordBuilder({ level: 3 })
      .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
      .on('50m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('2h', 'action.isolated', {}, 'response-execution')
      .on('1d', 'containment.initial', {}, 'response-execution')
      .on('12d', 'rootcause.completed', {}, 'intel-planning')
      .on('30d', 'drill.ended')
      .build();
    charts.shown = true;
    const user = await openFile(record);
    const span = await screen.findByRole('combobox', { name: '時間範圍' });
    expect(span).toHaveDisplayValue('T0 起 3 天');
    expect(screen.getByText(/此範圍之後另有 2 筆行動或指令（至 2026-04-01 09:00）/)).toBeInTheDocument();
    // Each chart is an image with a name and a description in words.
    const actions = screen.getByRole('img', { name: '各角色行動' });
    expect(actions).toHaveAccessibleDescription(/4 個角色共 5 筆行動、0 則情境指令，2026-03-02 09:00 至 2026-03-05 09:00/);
    expect(screen.getByRole('img', { name: '應辦事項時間窗' })).toHaveAccessibleDescription(/項應辦事項依起算時點排列：如期完成 \d+/);
    await user.click(screen.getByRole('button', { name: '顯示全程' }));
    expect(span).toHaveDisplayValue('全程');
    expect(screen.queryByText(/此範圍之後另有/)).not.toBeInTheDocument();
  });
  it('shows the review in English', async () => {
    await i18n.changeLanguage('en');
    try {
      await openFile(sealRecord(drill()), 'drill.json', 'Choose a drill record file');
      expect(await screen.findByRole('heading', { name: 'Debrief', level: 1 })).toBeInTheDocument();
      expect(screen.getByRole('status', { name: 'Record integrity: Self-sealed' })).toBeInTheDocument();
      expect(screen.getByText(/Re-drill due by 2026-06-02/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Export the drill record (JSON)' })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-TW');
    }
  });

  it('exports a file record with its notes and never re-seals it', async () => {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = await openFile(drill());
    await user.click(await screen.findByRole('button', { name: '匯出演練紀錄（JSON）' }));
    expect(click).toHaveBeenCalled();
    const exported = JSON.parse(await created[0].text());
    expect(exported.integrity).toBeUndefined();
    await user.click(screen.getByRole('button', { name: '匯出行動紀錄（CSV）' }));
    const csv = new Uint8Array(await created[1].arrayBuffer());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    click.mockRestore();
    vi.unstubAllGlobals();
  });
});

describe('exporting a drill the drill server signed', () => {
  it('keeps the server signature, adds the notes, and still verifies against the server key', async () => {
    const key = generateDeploymentKey();
    const signed = signRecord(drill() as never, key, '2026-03-09T12:00:00+08:00') as unknown as DrillRecord;
    const note = { id: 'n1', target: { kind: 'obligation', id: 'report-1h' }, text: '下次先核可再通報', author: '主持人', wall: '2026-03-09T12:05:00+08:00' };
    const out = exportRecord(signed, [note] as never, 'drill', '2026-03-09T12:10:00+08:00');
    expect(out.integrity).toEqual((signed as unknown as { integrity: unknown }).integrity);
    expect((out as { reviewNotes?: unknown[] }).reviewNotes).toHaveLength(1);
    expect((await verifySeal(out as never, [{ keyId: key.keyId, signer: key.signer, raw: key.publicRaw }])).status).toBe('verified');
  });

  it('self-seals a browser-only drill (no signature) as before', () => {
    const out = exportRecord(drill() as never, [], 'drill', '2026-03-09T12:10:00+08:00') as { integrity?: { signature?: unknown; head?: string } };
    expect(out.integrity?.head).toMatch(/^[0-9a-f]{64}$/);
    expect(out.integrity?.signature).toBeUndefined();
  });
});

describe('ReviewPage for a saved drill', () => {
  it('reviews the drill from IndexedDB and keeps notes in the review database', async () => {
    const record = drill();
    await putDrill({
      id: 'd1',
      title: '演練',
      scenarioId: 'test-scenario',
      scenarioTitle: { zh: '核心系統勒索軟體', en: 'Ransomware' },
      agencyName: record.agency.name,
      status: 'ended',
      createdWall: '2026-05-20T09:00:00+08:00',
      updatedWall: '2026-05-20T14:00:00+08:00',
      eventCount: 0,
      header: { version: 1, agency: record.agency, scenario: record.scenario, scenarioSource: { id: 'test-scenario' }, participants: [], mode: 'tabletop', t0: record.events[0].at },
      clock: null,
    });
    for (const e of record.events) await appendEvent('d1', e, '2026-05-20T10:00:00+08:00');
    const user = userEvent.setup();
    render(<ReviewPage drillId="d1" />);
    expect(await screen.findByLabelText(`分數 ${scoreRecord(record).score}`)).toBeInTheDocument();
    expect(screen.getByRole('status', { name: '紀錄完整性：本機紀錄' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: '應辦事項評定' });
    await user.click(within(table).getByRole('button', { name: '為「跡證及惡意程式送交」新增註記' }));
    await user.click(screen.getByLabelText('註記內容'));
    await user.paste('VirusTotal 不是指定平臺');
    await user.click(screen.getByRole('button', { name: '儲存註記' }));
    await waitFor(async () => expect((await loadNotes('d1')).map((n) => n.text)).toEqual(['VirusTotal 不是指定平臺']));
  });
});
